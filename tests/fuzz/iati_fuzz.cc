// libFuzzer target: the IATI activity reader, read from the text and from a stream in blocks
// (which must agree), and the converter to govnet records, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  govnet::GraphReadLimits limits;
  limits.max_items = 100000;
  govnet::PropertyGraph g, streamed;
  std::vector<govnet::Problem> problems, stream_problems;
  const bool ok = govnet::read_iati(input, "fuzz", &g, &problems, limits);
  std::istringstream in(input);
  const bool stream_ok = govnet::read_iati_stream(in, "fuzz", &streamed, &stream_problems, limits);
  if (ok != stream_ok || g.nodes.size() != streamed.nodes.size() ||
      g.edges.size() != streamed.edges.size())
    __builtin_trap();  // the two ways of reading are one
  if (!ok) {
    if (problems.empty()) __builtin_trap();  // a failure always says why
    return 0;
  }
  govnet::GraphImportOptions o;
  o.match = govnet::MatchBy::kAlias;
  o.match_ids_too = true;
  govnet::Actor iom;
  iom.key = "IOM";
  iom.name = "International Organization for Migration";
  iom.aliases = {"XM-DAC-47066"};
  o.known_actors = {iom};
  o.existing = [](const std::string& key) {
    return key == "IOM" ? std::optional(govnet::NodeType::kActor) : std::nullopt;
  };
  govnet::GraphImportResult r = govnet::import_property_graph(g, o);
  if (r.problems.size() > o.max_problems) __builtin_trap();
  return 0;
}
