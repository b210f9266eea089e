// libFuzzer target: the govnet CSV importer on arbitrary bytes. The first byte chooses which
// table the rest is read as; the other tables are small valid files, so references resolve and
// the fuzzer reaches the validation of every column. The bytes are also parsed as CSV whole and
// cut into stretches (as a large file is, on every core): the two must agree in every row,
// position and problem.
#include <cstddef>
#include <cstdint>
#include <string>

#include "govnet/csv.h"
#include "govnet/govnet_csv.h"

namespace {

std::string parsed(std::string_view text, size_t stretches) {
  govnet::CsvLimits limits;
  limits.parallel_from = stretches ? 0 : SIZE_MAX;
  limits.stretches = stretches;
  govnet::CsvTable table;
  std::vector<govnet::Problem> problems;
  std::string out = govnet::parse_csv(text, "t.csv", &table, &problems, limits) ? "ok\n" : "bad\n";
  for (const govnet::CsvRow& r : table.rows) {
    out += std::to_string(r.line) + ":" + std::to_string(r.end_column);
    for (const govnet::CsvField& f : r.fields)
      out += " " + std::to_string(f.line) + ":" + std::to_string(f.column) + "=" +
             std::to_string(f.value.size()) + ":" + std::string(f.value);
    out += "\n";
  }
  for (const govnet::Problem& p : problems) out += p.to_string() + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using govnet::TableKind;
  const TableKind kinds[] = {TableKind::kActors, TableKind::kInstruments, TableKind::kTies,
                             TableKind::kEvidence};
  TableKind chosen = kinds[data[0] % 4];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<govnet::CsvBuffer> buffers = {
      {"actors.csv",
       "key,name,kind,aliases,iso3,parent\nIOM,IOM,international_org,OIM,,\nMDA,Moldova,state,,MDA,"
       "\n",
       TableKind::kActors},
      {"instruments.csv",
       "key,name,kind,start,end,status\nMP,Partnership,mobility_partnership,2008,,signed\n",
       TableKind::kInstruments},
      {"ties.csv", "id,from,to,family,amount\nT1,IOM,MP,assistance,12\n", TableKind::kTies},
      {"evidence.csv", "target,source,quote\nT1,Kunz,a quote\n", TableKind::kEvidence},
  };
  for (auto& b : buffers)
    if (b.kind == chosen) b.data = input;
  govnet::CsvImportOptions o;
  o.existing = [](const std::string& key) {
    return key == "EU" ? std::optional(govnet::NodeType::kActor) : std::nullopt;
  };
  const std::string whole = parsed(input, 0);
  if (parsed(input, 2) != whole || parsed(input, 5) != whole) __builtin_trap();
  govnet::CsvImportResult r = govnet::read_govnet_csv(buffers, o);
  // Either problems or a network, never both.
  if (!r.problems.empty() && !r.network.actors.empty()) __builtin_trap();
  return 0;
}
