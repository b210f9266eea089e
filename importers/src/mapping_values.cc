// Value cleaning and row conditions of mapping files (docs/mapping.md, "Cleaning values" and
// "Choosing rows").
#include <algorithm>

#include "govnet/text.h"
#include "mapping_spec.h"

namespace govnet::mapping {
namespace {

std::string folded(std::string_view s) { return ascii_lower(std::string(trim(s))); }

std::string_view strip(std::string_view v, const std::vector<std::string>& chars) {
  for (bool again = true; again && !v.empty();) {
    again = false;
    v = trim(v);
    for (const auto& c : chars) {
      if (c.empty()) continue;
      if (v.size() >= c.size() && v.substr(0, c.size()) == c) {
        v.remove_prefix(c.size());
        again = true;
      }
      if (v.size() >= c.size() && v.substr(v.size() - c.size()) == c) {
        v.remove_suffix(c.size());
        again = true;
      }
    }
  }
  return trim(v);
}

}  // namespace

bool dropped(const Field& f, std::string_view value) {
  if (f.drop.empty()) return false;
  const std::string v = folded(value);
  return std::find(f.drop.begin(), f.drop.end(), v) != f.drop.end();
}

std::string clean(const Field& f, std::string_view cell) {
  std::string v(strip(cell, f.trim));
  for (const auto& r : f.replace) v = std::regex_replace(v, *r.pattern, r.with);
  if (!f.replace.empty()) v = std::string(trim(v));
  return dropped(f, v) ? std::string() : v;
}

bool passes(const Condition& c, std::string_view cell) {
  bool hit = false;
  switch (c.op) {
    case Condition::kEquals:
    case Condition::kOneOf: {
      const std::string v = folded(cell);
      hit = std::find(c.values.begin(), c.values.end(), v) != c.values.end();
      break;
    }
    case Condition::kMatches:
      hit = std::regex_search(std::string(trim(cell)), *c.pattern);
      break;
    case Condition::kEmpty:
      hit = trim(cell).empty();
      break;
  }
  return hit != c.negate;
}

}  // namespace govnet::mapping
