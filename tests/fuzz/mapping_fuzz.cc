// libFuzzer target: a mapping import on arbitrary bytes. The first byte chooses whether the
// bytes are the mapping (read against a fixed table) or the table (read through a fixed mapping).
#include <cstddef>
#include <cstdint>
#include <string>

#include "govnet/mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string mapping =
      "[instrument]\nname = { column = \"agreement\" }\nkind = \"agreement\"\n"
      "start = { column = \"signed\", format = [\"DD/MM/YYYY\", \"YYYY\"] }\n"
      "[[ties]]\nfrom = { column = \"parties\", split = [\",\", \" and \"] }\nto = \"instrument\"\n"
      "family = \"agreement\"\namount = { column = \"budget\" }\n";
  const std::string table =
      "agreement,parties,signed,budget\nA,\"Moldova, EU\",10/10/2007,\"1,000\"\n";
  govnet::MappingImportOptions o;
  o.resolver.create_missing = true;
  o.known_actors.resize(1);
  o.known_actors[0].key = "EU";
  o.known_actors[0].name = "European Union";
  bool as_mapping = data[0] % 2 == 0;
  auto r = govnet::import_with_mapping("m.toml", as_mapping ? std::string_view(input) : mapping,
                                       "t.csv", as_mapping ? std::string_view(table) : input, o);
  if (!r.problems.empty() && !r.network.ties.empty()) __builtin_trap();
  return 0;
}
