// libFuzzer target: the govnet CSV importer on arbitrary bytes. The first byte chooses which
// table the rest is read as; the other tables are small valid files, so references resolve and
// the fuzzer reaches the validation of every column.
#include <cstddef>
#include <cstdint>
#include <string>

#include "govnet/govnet_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using govnet::TableKind;
  const TableKind kinds[] = {TableKind::kActors, TableKind::kInstruments, TableKind::kTies, TableKind::kEvidence};
  TableKind chosen = kinds[data[0] % 4];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<govnet::CsvBuffer> buffers = {
      {"actors.csv", "key,name,kind,aliases,iso3,parent\nIOM,IOM,international_org,OIM,,\nMDA,Moldova,state,,MDA,\n", TableKind::kActors},
      {"instruments.csv", "key,name,kind,start,end,status\nMP,Partnership,mobility_partnership,2008,,signed\n", TableKind::kInstruments},
      {"ties.csv", "id,from,to,family,amount\nT1,IOM,MP,assistance,12\n", TableKind::kTies},
      {"evidence.csv", "target,source,quote\nT1,Kunz,a quote\n", TableKind::kEvidence},
  };
  for (auto& b : buffers)
    if (b.kind == chosen) b.data = input;
  govnet::CsvImportOptions o;
  o.existing = [](const std::string& key) {
    return key == "EU" ? govnet::ExistingKind::kActor : govnet::ExistingKind::kNone;
  };
  govnet::CsvImportResult r = govnet::read_govnet_csv(buffers, o);
  // Either problems or a network, never both.
  if (!r.problems.empty() && !r.network.actors.empty()) __builtin_trap();
  return 0;
}
