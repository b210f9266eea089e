// libFuzzer target: the GraphML, GEXF, node-link JSON, Pajek and GML readers and the converter to
// govnet records, on arbitrary bytes. The first byte chooses the format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using govnet::GraphFormat;
  const GraphFormat formats[] = {GraphFormat::kGraphMl, GraphFormat::kGexf,
                                 GraphFormat::kNodeLinkJson, GraphFormat::kPajek,
                                 GraphFormat::kGml};
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  govnet::PropertyGraph g;
  std::vector<govnet::Problem> problems;
  govnet::GraphReadLimits limits;
  limits.max_items = 100000;
  if (!govnet::read_property_graph(formats[data[0] % 5], input, "fuzz", &g, &problems, limits)) {
    if (problems.empty()) __builtin_trap();  // a failure always says why
    return 0;
  }
  govnet::GraphImportOptions o;
  o.existing = [](const std::string& key) {
    return key == "EU" ? std::optional(govnet::NodeType::kActor) : std::nullopt;
  };
  govnet::GraphImportResult r = govnet::import_property_graph(g, o);
  if (!r.problems.empty() && r.problems.size() > o.max_problems) __builtin_trap();
  return 0;
}
