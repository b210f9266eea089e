#include "graph_time.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "govnet/text.h"
#include "values.h"

namespace govnet::graph_time {

std::optional<Date> time_value(std::string_view text, std::string_view time_format,
                               std::string* error) {
  text = trim(text);
  if (time_format == "double" || time_format == "integer" || time_format == "float" ||
      time_format == "long") {
    auto x = values::number(text);
    if (!x || !std::isfinite(*x) || *x < -9999 || *x > 9999) {
      *error = "'" + std::string(text) + "' is not a year (the graph's timeformat is " +
               std::string(time_format) + ")";
      return std::nullopt;
    }
    Date d;
    d.year = static_cast<int16_t>(std::floor(*x));
    return d;
  }
  if (size_t t = text.find_first_of("T "); t != std::string_view::npos && t >= 4)
    text = text.substr(0, t);  // a time of day after the date
  return values::date(text, error);
}

std::optional<Period> period_of(const PropertySpell& s, std::string_view time_format,
                                const Complain& complain) {
  Period p;
  for (const auto& [text, slot] : {std::pair{&s.start, &p.start}, std::pair{&s.end, &p.end}}) {
    if (trim(*text).empty() || ascii_lower(trim(*text)) == "none") continue;  // an open end
    std::string err;
    *slot = time_value(*text, time_format, &err);
    if (!*slot) {
      complain("time " + err + "; the spell or value was left out");
      return std::nullopt;
    }
  }
  if (p.start && p.end && p.end->latest() < p.start->earliest()) {
    complain("a spell ends (" + p.end->to_string() + ") before it starts (" + p.start->to_string() +
             "); it was left out");
    return std::nullopt;
  }
  return p;
}

Spells spells_of(const std::vector<PropertySpell>& spells, std::string_view time_format,
                 const Complain& complain) {
  Spells out;
  for (const auto& s : spells)
    if (auto p = period_of(s, time_format, complain)) out.add(*p);
  return out;
}

namespace {

bool starts_before(const Period& a, const Period& b) {
  if (!a.start || !b.start) return !a.start && b.start;
  return a.start->earliest() < b.start->earliest();
}

}  // namespace

DynamicParts sort_dynamic(const std::vector<PropertyDynamicValue>& values,
                          std::string_view time_format, std::string_view weight_name,
                          const ComplainAbout& complain_about) {
  DynamicParts out;
  std::vector<DatedAttribute> names;
  for (const auto& v : values) {
    auto complain = [&](const std::string& m) { complain_about(v, m); };
    auto p = period_of(v.period, time_format, complain);
    if (!p) continue;
    const std::string low = ascii_lower(v.name);
    if (low == "label" || low == "name") {
      names.push_back({v.name, v.value, *p});
    } else if (low == weight_name) {
      auto x = values::number(v.value);
      if (x && *x >= 0)
        out.weights.push_back({*p, *x});
      else
        complain("dynamic weight '" + v.value + "' is not a number of 0 or more; it was left out");
    } else {
      out.attributes.push_back({v.name, v.value, *p});
    }
  }
  auto by_start = [](const auto& a, const auto& b) { return starts_before(a.period, b.period); };
  std::stable_sort(out.weights.begin(), out.weights.end(), by_start);
  std::stable_sort(out.attributes.begin(), out.attributes.end(), by_start);
  std::stable_sort(names.begin(), names.end(), by_start);
  if (!names.empty()) {
    out.name = names.back().value;
    const bool all_same = std::all_of(
        names.begin(), names.end(), [&](const DatedAttribute& n) { return n.value == *out.name; });
    if (!all_same)
      for (auto& n : names) out.attributes.push_back({"name", std::move(n.value), n.period});
  }
  return out;
}

}  // namespace govnet::graph_time
