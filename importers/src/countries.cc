#include "govnet/countries.h"

#include <mutex>
#include <unordered_map>
#include <vector>

#include "govnet/csv.h"
#include "govnet/text.h"

namespace govnet {

extern const char* const kCountriesCsv;

namespace {

struct Table {
  std::vector<Country> countries;
  std::unordered_map<std::string, size_t> by_code, by_name;
};

const Table& table() {
  static const Table t = [] {
    Table t;
    CsvTable table;
    std::vector<Problem> problems;
    parse_csv(kCountriesCsv, "countries.csv", &table, &problems);
    const std::vector<CsvRow>& rows = table.rows;
    for (size_t i = 1; i < rows.size(); ++i) {
      const auto& f = rows[i].fields;
      if (f.size() < 4) continue;
      t.countries.push_back(
          {std::string(f[0].value), std::string(f[1].value), std::string(f[2].value)});
      size_t idx = t.countries.size() - 1;
      t.by_code.emplace(f[0].value, idx);
      t.by_code.emplace(f[1].value, idx);
      t.by_name.emplace(normalize_for_search(f[2].value), idx);
      std::string_view rest = f[3].value;
      while (!rest.empty()) {
        size_t bar = rest.find('|');
        t.by_name.emplace(normalize_for_search(rest.substr(0, bar)), idx);
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
      }
    }
    return t;
  }();
  return t;
}

}  // namespace

const Country* find_country(std::string_view text) {
  const Table& t = table();
  std::string s(trim(text));
  if (auto it = t.by_code.find(s); it != t.by_code.end()) return &t.countries[it->second];
  if (auto it = t.by_name.find(normalize_for_search(s)); it != t.by_name.end())
    return &t.countries[it->second];
  return nullptr;
}

size_t country_count() { return table().countries.size(); }

}  // namespace govnet
