#include "govnet_csv_rows.h"

#include <charconv>
#include <set>
#include <cmath>

#include "govnet/text.h"
#include "values.h"

namespace govnet::csv_rows {
namespace {

constexpr const char* kNames[kColumns] = {
    "key",    "name",    "kind",  "aliases", "iso3",     "parent",   "start",  "end",    "status",
    "id",     "from",    "to",    "family",  "role",     "directed", "weight", "amount", "currency",
    "source", "locator", "quote", "url",     "accessed", "target",   "spells"};

constexpr Col kEvidenceColumns[] = {kSource, kLocator, kQuote, kUrl, kAccessed};

}  // namespace

const char* column_name(Col c) { return kNames[c]; }

bool Table::read_header(const std::vector<Col>& required, const std::string& expected,
                        Problems out) {
  std::fill(std::begin(position_), std::end(position_), -1);
  if (rows().empty()) {
    out.add(file_, 0, 0, "the file is empty; expected a header line: " + expected);
    return false;
  }
  const CsvRow& h = rows().front();
  std::set<std::string, std::less<>> seen;
  for (size_t i = 0; i < h.fields.size(); ++i) {
    std::string name = ascii_lower(trim(h.fields[i].value));
    names_.push_back(name);
    if (name.empty()) {
      out.add(file_, h.fields[i].line, h.fields[i].column,
              "empty column name in the header; name every column");
      continue;
    }
    if (!seen.insert(name).second) {
      out.add(file_, h.fields[i].line, h.fields[i].column,
              "column '" + name + "' appears twice in the header");
      continue;
    }
    for (int c = 0; c < kColumns; ++c)
      if (name == kNames[c]) position_[c] = static_cast<int>(i);
  }
  bool ok = true;
  for (Col c : required) {
    if (position_[c] < 0) {
      out.add(file_, h.line, 1,
              "missing required column '" + std::string(kNames[c]) +
                  "'; the header must have at least: " + expected);
      ok = false;
    }
  }
  return ok;
}

std::vector<size_t> Table::attribute_columns(const std::vector<Col>& known) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < names_.size(); ++i) {
    auto is = [&](Col c) { return position_[c] == static_cast<int>(i); };
    if (!names_[i].empty() && std::none_of(known.begin(), known.end(), is) &&
        std::none_of(std::begin(kEvidenceColumns), std::end(kEvidenceColumns), is))
      out.push_back(i);
  }
  return out;
}

bool Table::check_width(const CsvRow& r, Problems out) const {
  const size_t want = rows().front().fields.size();
  if (r.fields.size() == want) return true;
  if (r.fields.size() > want)
    out.add(file_, r.fields[want].line, r.fields[want].column,
            "this line has " + std::to_string(r.fields.size()) + " fields but the header has " +
                std::to_string(want) + "; quote fields that contain commas");
  else
    out.add(file_, r.line, r.end_column,
            "this line has " + std::to_string(r.fields.size()) + " fields but the header has " +
                std::to_string(want) + "; add the missing fields (they may be empty)");
  return false;
}

std::string_view RowView::get(Col c) const {
  const CsvField* f = field(c);
  return f ? trim(f->value) : std::string_view();
}

bool RowView::need(Col c, std::string* value) {
  *value = get(c);
  if (!value->empty()) return true;
  problem(*field(c), "'" + std::string(kNames[c]) + "' is empty; every row needs one");
  return false;
}

bool RowView::key(Col c, std::string* value) {
  if (!need(c, value)) return false;
  if (const size_t at = find_control(*value); at != std::string::npos) {
    problem(*field(c), "'" + std::string(kNames[c]) + "' contains the control character " +
                           control_name(*value, at) + " (character " +
                           std::to_string(utf8_length(value->substr(0, at)) + 1) +
                           "); keys must be one line of text without control characters");
    return false;
  }
  return true;
}

bool RowView::plain(Col c) {
  const std::string_view v = get(c);
  const size_t at = find_control_in_text(v);
  if (at == std::string_view::npos) return true;
  problem(*field(c), "'" + std::string(kNames[c]) + "' contains the control character " +
                         control_name(v, at) + " (character " +
                         std::to_string(utf8_length(v.substr(0, at)) + 1) +
                         "); names, aliases and roles may hold no control characters but tab "
                         "and line breaks");
  return false;
}

std::optional<Date> RowView::date(Col c, bool* ok) {
  const std::string_view v = get(c);
  if (v.empty()) return std::nullopt;
  std::string err;
  auto d = parse_date(v, &err);
  if (!d) {
    problem(*field(c), "bad " + std::string(kNames[c]) + " date: " + err);
    *ok = false;
  }
  return d;
}

Spells RowView::spells(bool* ok) {
  Spells out;
  if (const std::string_view v = get(kSpells); !v.empty()) {
    std::string err;
    if (auto s = parse_spells(v, &err)) {
      out = std::move(*s);
    } else {
      problem(*field(kSpells), "bad spells: " + err);
      *ok = false;
    }
  }
  Period p;
  p.start = date(kStart, ok);
  p.end = date(kEnd, ok);
  if (p.start && p.end && p.end->latest() < p.start->earliest()) {
    problem(*field(kEnd), "end " + p.end->to_string() + " is before start " + p.start->to_string() +
                              "; swap them or fix one");
    *ok = false;
  }
  out.add(p);
  return out;
}

Status RowView::status(bool* ok) {
  const std::string_view v = get(kStatus);
  if (v.empty()) return Status::kUnknown;
  auto s = parse_status(lower(v));
  if (!s || *s == Status::kUnknown) {
    problem(*field(kStatus), "unknown status '" + std::string(v) +
                                 "'; expected one of: " + status_names() + " (or leave it empty)");
    *ok = false;
    return Status::kUnknown;
  }
  return *s;
}

std::optional<double> RowView::number(Col c, bool* ok) {
  const std::string_view v = get(c);
  if (v.empty()) return std::nullopt;
  const std::string_view name = kNames[c];
  if (std::string why = values::tie_number_problem(v); !why.empty()) {
    problem(*field(c), "'" + std::string(name) + "': " + why);
    *ok = false;
    return std::nullopt;
  }
  double x = 0;
  auto res = std::from_chars(v.data(), v.data() + v.size(), x);
  if (res.ec != std::errc() || res.ptr != v.data() + v.size() || !std::isfinite(x)) {
    std::string hint =
        v.find(',') != std::string_view::npos
            ? "; write it without thousands separators, with a dot for decimals (1500000.50)"
            : "; expected a number such as 12 or 1.5e6";
    problem(*field(c),
            "'" + std::string(v) + "' in '" + std::string(name) + "' is not a number" + hint);
    *ok = false;
    return std::nullopt;
  }
  if (x < 0) {
    problem(*field(c), "'" + std::string(name) + "' is negative (" + std::string(v) +
                           "); weights and amounts must be 0 or more");
    *ok = false;
    return std::nullopt;
  }
  return x;
}

std::optional<bool> RowView::yes_no(Col c, bool* ok) {
  const std::string_view v = get(c);
  if (v.empty()) return std::nullopt;
  const std::string_view l = lower(v);
  if (l == "true" || l == "yes" || l == "1") return true;
  if (l == "false" || l == "no" || l == "0") return false;
  problem(*field(c), "'" + std::string(v) + "' in '" + kNames[c] +
                         "' is not a yes/no value; expected true, false, yes, no, 1 or 0");
  *ok = false;
  return std::nullopt;
}

Evidence RowView::evidence() const {
  return {std::string(get(kSource)), std::string(get(kLocator)), std::string(get(kQuote)),
          std::string(get(kUrl)), std::string(get(kAccessed))};
}

Attributes RowView::attributes(const std::vector<size_t>& columns) const {
  Attributes out;
  for (size_t i : columns) {
    if (i >= r.fields.size()) break;
    const std::string_view v = trim(r.fields[i].value);
    if (!v.empty()) out.emplace_back(t.names()[i], std::string(v));
  }
  return out;
}

}  // namespace govnet::csv_rows
