#include "govnet/mapping.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "govnet/csv.h"
#include "govnet/text.h"
#include "mapping_spec.h"
#include "table_reader.h"
#include "values.h"

namespace govnet {

// ---- dates in stated formats ----

std::optional<Date> parse_date_format(std::string_view text, std::string_view format) {
  static const char* kMonths[] = {"january",   "february", "march",    "april",
                                  "may",       "june",     "july",     "august",
                                  "september", "october",  "november", "december"};
  text = trim(text);
  int year = -1, month = 0, day = 0;
  size_t t = 0, f = 0;
  auto digits = [&](size_t min, size_t max, int* out) {
    size_t n = 0;
    int v = 0;
    while (n < max && t < text.size() && text[t] >= '0' && text[t] <= '9') {
      v = v * 10 + (text[t] - '0');
      ++t;
      ++n;
    }
    if (n < min) return false;
    *out = v;
    return true;
  };
  while (f < format.size()) {
    char c = format[f];
    size_t run = 1;
    while (f + run < format.size() && format[f + run] == c) ++run;
    if (c == 'Y') {
      if (!digits(4, 4, &year)) return std::nullopt;
    } else if (c == 'M' && run >= 3) {
      size_t start = t;
      while (t < text.size() && std::isalpha(static_cast<unsigned char>(text[t]))) ++t;
      std::string word(text.substr(start, t - start));
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (word.size() < 3) return std::nullopt;
      for (int m = 0; m < 12 && !month; ++m)
        if (std::string_view(kMonths[m]).substr(0, word.size()) == word) month = m + 1;
      if (!month) return std::nullopt;
    } else if (c == 'M') {
      if (!digits(run == 2 ? 1 : 1, 2, &month)) return std::nullopt;
    } else if (c == 'D') {
      if (!digits(1, 2, &day)) return std::nullopt;
    } else {
      for (size_t k = 0; k < run; ++k, ++t)
        if (t >= text.size() || text[t] != c) return std::nullopt;
    }
    f += run;
  }
  if (t != text.size() || year < 0) return std::nullopt;
  std::string iso = std::to_string(year);
  while (iso.size() < 4) iso = "0" + iso;
  char buf[16];
  if (month) {
    std::snprintf(buf, sizeof buf, "-%02d", month);
    iso += buf;
  }
  if (month && day) {
    std::snprintf(buf, sizeof buf, "-%02d", day);
    iso += buf;
  }
  std::string err;
  return parse_date(iso, &err);
}

namespace {

using mapping::Field;
using mapping::Mapping;
using mapping::TieSpec;

// One data row of the table and where its cells are.
struct Row {
  const CsvRow* csv = nullptr;
  const CsvField* cell(const Field& f) const { return cell_at(f.index); }
  const CsvField* cell_at(int index) const {
    return index >= 0 && static_cast<size_t>(index) < csv->fields.size() ? &csv->fields[index]
                                                                         : nullptr;
  }
  uint32_t line() const { return csv->line; }
};

class Importer {
 public:
  Importer(const Mapping& m, const std::string& table_file, const MappingImportOptions& o,
           MappingImportResult* r)
      : m_(m), file_(table_file), o_(o), r_(r), resolver_(o.known_actors, resolver_options(m, o)) {}

  static ResolverOptions resolver_options(const Mapping& m, const MappingImportOptions& o) {
    ResolverOptions ro = o.resolver;
    ro.create_kind = m.create_kind;
    ro.aliases.insert(ro.aliases.begin(), m.aliases.begin(), m.aliases.end());
    return ro;
  }

  // The cell a column field's value comes from: its column's, else the first fallback column's
  // whose cleaned cell is not empty (when none is, its own column's), with the cleaned value.
  struct Source {
    const CsvField* cell;
    const std::string* column;
    std::string value;
  };
  static Source source(const Field& f, const Row& row) {
    Source s{row.cell(f), &f.column, {}};
    if (s.cell) s.value = mapping::clean(f, s.cell->value);
    for (size_t i = 0; s.value.empty() && i < f.more_indexes.size(); ++i)
      if (const CsvField* c = row.cell_at(f.more_indexes[i])) {
        std::string v = mapping::clean(f, c->value);
        if (!v.empty()) s = {c, &f.more_columns[i], std::move(v)};
      }
    return s;
  }

  // The field's text in a row, mapped but not prefixed: the cleaned cell, else the first
  // fallback column's with a value, else the default, else the fixed value.
  static std::string text(const Field& f, const Row& row) {
    if (!f.present) return {};
    std::string v;
    if (!f.column.empty()) {
      v = source(f, row).value;
    } else if (f.literal) {
      v = *f.literal;
    }
    if (v.empty()) v = f.fallback;
    if (v.empty() && f.literal) v = *f.literal;
    return mapped(f, std::move(v));
  }
  static std::string mapped(const Field& f, std::string v) {
    if (!v.empty() && !f.map.empty())
      if (auto it = f.map.find(normalize_for_search(v)); it != f.map.end()) v = it->second;
    return v;
  }
  // The text of a single-valued field in a row, with its prefix.
  std::string value(const Field& f, const Row& row) const {
    std::string v = text(f, row);
    return v.empty() ? v : f.prefix + v;
  }
  // Several values: the cell split on the field's separators, each trimmed, mapped, prefixed.
  std::vector<std::string> values_of(const Field& f, const Row& row) const {
    std::string v = text(f, row);
    std::vector<std::string> out;
    if (v.empty()) return out;
    std::vector<std::string> parts{v};
    for (const auto& sep : f.split) {
      if (sep.empty()) continue;  // refused when the mapping is read
      std::vector<std::string> next;
      for (const auto& p : parts) {
        size_t at = 0;
        while (true) {
          size_t hit = p.find(sep, at);
          next.push_back(p.substr(at, hit == std::string::npos ? std::string::npos : hit - at));
          if (hit == std::string::npos) break;
          at = hit + sep.size();
        }
      }
      parts = std::move(next);
    }
    for (auto& p : parts) {
      if (mapping::dropped(f, p)) continue;
      std::string t = mapped(f, std::string(trim(p)));
      if (!t.empty()) out.push_back(f.prefix + t);
    }
    return out;
  }
  uint32_t column_of(const Field& f, const Row& row) const {
    const CsvField* c = f.column.empty() ? nullptr : source(f, row).cell;
    return c ? c->column : 1;
  }

  void note(const Field& f, const Row& row, std::string message, NoteKind kind = NoteKind::kOther) {
    r_->report.note({file_, row.line(), column_of(f, row), std::move(message)}, kind);
  }
  void problem(const Field& f, const Row& row, std::string message) {
    if (r_->problems.size() < std::max<size_t>(1, o_.max_problems))  // 0 hides none
      r_->problems.push_back({file_, row.line(), column_of(f, row), std::move(message)});
    else
      r_->truncated = true;
  }

  // A value that does not fit its field is kept as a text attribute named after the column.
  void keep(const Field& f, const Row& row, const std::string& v, Attributes* attrs,
            const std::string& why) {
    std::string name = f.column.empty() ? "value" : *source(f, row).column;
    attrs->emplace_back(name, v);
    note(f, row, why + "; kept as the text attribute '" + name + "'", NoteKind::kKeptAsText);
  }

  std::optional<Date> date(const Field& f, const Row& row, Attributes* attrs) {
    std::string v = value(f, row);
    if (v.empty()) return std::nullopt;
    if (!f.formats.empty()) {
      for (const auto& fmt : f.formats)
        if (auto d = parse_date_format(v, fmt)) return d;
      std::string list;
      for (const auto& fmt : f.formats) list += (list.empty() ? "" : ", ") + fmt;
      keep(f, row, v, attrs, "'" + v + "' matches none of the date formats " + list);
      return std::nullopt;
    }
    std::string err;
    if (auto d = values::date(v, &err)) return d;
    // (err says "'v' is not a date; expected ..." or why a date does not exist)
    const std::string head = "'" + v + "' is not a date";
    keep(f, row, v, attrs,
         (err.rfind(head, 0) == 0 ? err : head + " (" + err + ")") +
             "; give the column's format, e.g. format = \"DD/MM/YYYY\"");
    return std::nullopt;
  }

  // The period of start/end and the spells of a `spells` column ("2001-2004;2008-").
  Spells spells(const Field& start, const Field& end, const Field& cell, const Row& row,
                Attributes* attrs) {
    Spells out;
    if (std::string v = value(cell, row); !v.empty()) {
      std::string err;
      if (auto s = parse_spells(v, &err))
        out = std::move(*s);
      else
        keep(cell, row, v, attrs, err);
    }
    out.add(period(start, end, row, attrs));
    return out;
  }

  Period period(const Field& start, const Field& end, const Row& row, Attributes* attrs) {
    Period p;
    p.start = date(start, row, attrs);
    p.end = date(end, row, attrs);
    if (p.start && p.end && p.end->latest() < p.start->earliest()) {
      keep(end, row, p.end->to_string(), attrs,
           "end " + p.end->to_string() + " is before start " + p.start->to_string());
      p.end.reset();
    }
    return p;
  }

  Status status(const Field& f, const Row& row, Attributes* attrs) {
    std::string v = value(f, row);
    if (v.empty()) return Status::kUnknown;
    std::string low = normalize_for_search(v);
    std::replace(low.begin(), low.end(), ' ', '_');
    if (auto s = parse_status(low)) return *s;
    keep(f, row, v, attrs,
         "status '" + v + "' is not one of " + status_names() + " (map it with status.map)");
    return Status::kUnknown;
  }

  std::optional<double> number(const Field& f, const Row& row, Attributes* attrs) {
    std::string v = value(f, row);
    if (v.empty()) return std::nullopt;
    std::string digits;
    for (char c : v)
      if (c != ',' && c != ' ' && c != '_' && c != '$' && c != '\'') digits += c;
    for (const char* sym : {"€", "£"})
      for (size_t at; (at = digits.find(sym)) != std::string::npos;)
        digits.erase(at, std::string(sym).size());
    if (std::string why = values::tie_number_problem(digits); !why.empty()) {
      problem(f, row, why);
      return std::nullopt;
    }
    auto x = values::number(digits);
    if (!x || *x < 0) {
      keep(f, row, v, attrs, "'" + v + "' is not a number of 0 or more");
      return std::nullopt;
    }
    return x;
  }

  std::vector<Evidence> evidence(const Row& row) {
    if (!m_.ev_source.present) return {};
    Evidence e{value(m_.ev_source, row), value(m_.ev_locator, row), value(m_.ev_quote, row),
               value(m_.ev_url, row), value(m_.ev_accessed, row)};
    if (e.source.empty()) return {};
    return {e};
  }

  // False (with a problem) when a name, key or role holds a control character
  // (values::control_problem).
  bool plain(const Field& f, const Row& row, const std::string& v, const char* what,
             bool one_line = false) {
    std::string why = values::control_problem(what, v, one_line);
    if (why.empty()) return true;
    problem(f, row, std::move(why));
    return false;
  }

  // Resolves a name to an actor key; problems for names that cannot be resolved.
  std::optional<std::string> actor(const std::string& name, const Field& f, const Row& row) {
    auto o = resolver_.resolve(name);
    switch (o.kind) {
      case ActorResolver::Outcome::kMatched:
        ++r_->report.merged;
        return o.key;
      case ActorResolver::Outcome::kCreated:
        note(f, row, o.message, NoteKind::kCreated);
        return o.key;
      case ActorResolver::Outcome::kCreatedEarlier:
        return o.key;
      case ActorResolver::Outcome::kFailed:
        problem(f, row, o.message);
        return std::nullopt;
    }
    return std::nullopt;
  }

  void row(const Row& row) {
    std::string instrument;
    if (m_.has_instrument) {
      std::string name = value(m_.name, row);
      std::string key = value(m_.key, row);
      if (key.empty() && !name.empty()) {
        key = normalize_for_search(name);
        std::replace(key.begin(), key.end(), ' ', '-');
      }
      if (!plain(m_.name, row, name, "instrument name") ||
          !plain(m_.key.present ? m_.key : m_.name, row, key, "instrument key", true))
        return;
      if (key.empty()) {
        note(m_.name.present ? m_.name : m_.key, row,
             "no instrument name or key in this row; the row was skipped", NoteKind::kSkipped);
        ++r_->report.skipped;
        return;
      }
      std::optional<NodeType> stored = o_.existing ? o_.existing(key) : std::nullopt;
      if (stored == NodeType::kActor) {
        problem(m_.key.present ? m_.key : m_.name, row,
                "instrument key '" + key +
                    "' is an actor's key in the store; give instrument.key a prefix");
        return;
      }
      if (stored == NodeType::kInstrument || instruments_.count(key)) {
        ++r_->report.merged;
      } else {
        Instrument x;
        x.key = key;
        x.name = name.empty() ? key : name;
        std::string kind = value(m_.kind, row);
        if (!kind.empty()) {
          std::string low = normalize_for_search(kind);
          std::replace(low.begin(), low.end(), ' ', '_');
          if (auto k = parse_instrument_kind(low))
            x.kind = *k;
          else
            keep(m_.kind, row, kind, &x.attributes,
                 "'" + kind + "' is not an instrument kind (" + instrument_kind_names() + ")");
        }
        x.status = status(m_.status, row, &x.attributes);
        x.spells = spells(m_.start, m_.end, m_.spells, row, &x.attributes);
        for (const auto& a : m_.instrument_attributes) {
          std::string v = value(a, row);
          if (!v.empty()) x.attributes.emplace_back(a.column, v);
        }
        x.evidence = evidence(row);
        instruments_[key] = r_->network.instruments.size();
        r_->network.instruments.push_back(std::move(x));
      }
      instrument = key;
    }
    for (const TieSpec& s : m_.ties) ties(s, row, instrument);
  }

  void ties(const TieSpec& s, const Row& row, const std::string& instrument) {
    std::vector<std::string> from;
    for (const auto& n : values_of(s.from, row))
      if (plain(s.from, row, n, "actor name"))
        if (auto k = actor(n, s.from, row)) from.push_back(*k);
    std::vector<std::string> to;
    if (s.to_instrument) {
      if (!instrument.empty()) to.push_back(instrument);
    } else {
      for (const auto& n : values_of(s.to, row))
        if (plain(s.to, row, n, "actor name"))
          if (auto k = actor(n, s.to, row)) to.push_back(*k);
    }
    if (from.empty() || to.empty()) return;
    Tie proto;
    proto.to_instrument = s.to_instrument;
    std::string fam = value(s.family, row);
    if (!fam.empty()) {
      std::string low = normalize_for_search(fam);
      if (auto f = parse_family(low))
        proto.family = *f;
      else
        keep(s.family, row, fam, &proto.attributes,
             "'" + fam + "' is not a relation family (" + family_names() + ")");
    }
    proto.role = value(s.role, row);
    if (!plain(s.role, row, proto.role, "role")) return;
    if (std::string d = value(s.directed, row); !d.empty()) {
      if (auto b = values::boolean(d))
        proto.directed = *b;
      else
        keep(s.directed, row, d, &proto.attributes, "'" + d + "' is not a yes/no value");
    }
    proto.weight = number(s.weight, row, &proto.attributes);
    proto.amount = number(s.amount, row, &proto.attributes);
    proto.currency = value(s.currency, row);
    proto.spells = spells(s.start, s.end, s.spells, row, &proto.attributes);
    proto.status = status(s.status, row, &proto.attributes);
    for (const auto& a : s.attributes) {
      std::string v = value(a, row);
      if (!v.empty()) proto.attributes.emplace_back(a.column, v);
    }
    proto.evidence = evidence(row);
    for (const auto& f : from)
      for (const auto& t : to) {
        if (f == t) {
          note(s.to, row, "a tie from " + f + " to itself was skipped", NoteKind::kSkipped);
          ++r_->report.skipped;
          continue;
        }
        Tie tie = proto;
        tie.from = f;
        tie.to = t;
        r_->network.ties.push_back(std::move(tie));
      }
  }

  void finish() {
    r_->network.actors = resolver_.created();
    r_->report.count_created(r_->network);
  }

 private:
  const Mapping& m_;
  const std::string& file_;
  const MappingImportOptions& o_;
  MappingImportResult* r_;
  ActorResolver resolver_;
  std::unordered_map<std::string, size_t> instruments_;
};

// Finds each field's column in the header; problems at the mapping's position.
void bind_column(Field& f, const std::map<std::string, int>& header, const std::string& header_list,
                 const std::string& mapping_file, std::vector<Problem>* problems) {
  if (!f.present || f.column.empty()) return;
  auto index_of = [&](const std::string& column) {
    auto it = header.find(normalize_for_search(column));
    if (it != header.end()) return it->second;
    problems->push_back(
        {mapping_file, f.line, f.col,
         "column '" + column + "' is not in the table's header (" + header_list + ")"});
    return -1;
  };
  f.index = index_of(f.column);
  f.more_indexes.clear();
  for (const auto& c : f.more_columns) f.more_indexes.push_back(index_of(c));
}

// Whether a row passes every condition of the mapping's `where`.
bool chosen(const Mapping& m, const CsvRow& row) {
  for (const auto& c : m.where) {
    const int i = c.column.index;
    std::string_view cell =
        i >= 0 && static_cast<size_t>(i) < row.fields.size() ? row.fields[i].value : "";
    if (!mapping::passes(c, cell)) return false;
  }
  return true;
}

}  // namespace

MappingImportResult import_with_mapping(const std::string& mapping_file,
                                        std::string_view mapping_text,
                                        const std::string& table_file, std::string_view table_data,
                                        const MappingImportOptions& options) {
  MappingImportResult r;
  Mapping m;
  if (!mapping::read_mapping(mapping_file, mapping_text, &m, &r.problems)) return r;
  r.dataset = m.dataset;

  CsvTable table;
  CsvLimits limits;
  limits.max_problems = std::max<size_t>(1, options.max_problems);
  std::string label;  // the file, or FILE[SHEET] for a workbook's sheet
  if (!read_table(table_data, table_file, options.sheet, &table, &label, &r.problems, limits))
    return r;
  const std::vector<CsvRow>& rows = table.rows;
  if (rows.empty()) {
    r.problems.push_back(
        {label, 0, 0, "the table is empty; expected a header line naming its columns"});
    return r;
  }
  std::map<std::string, int> header;
  std::string header_list;
  for (size_t i = 0; i < rows[0].fields.size(); ++i) {
    header.emplace(normalize_for_search(rows[0].fields[i].value), static_cast<int>(i));
    header_list += (header_list.empty() ? "" : ", ") + std::string(rows[0].fields[i].value);
  }
  for (Field* f : {&m.key, &m.name, &m.kind, &m.status, &m.start, &m.end, &m.spells, &m.ev_source,
                   &m.ev_locator, &m.ev_quote, &m.ev_url, &m.ev_accessed})
    bind_column(*f, header, header_list, mapping_file, &r.problems);
  for (auto& f : m.instrument_attributes)
    bind_column(f, header, header_list, mapping_file, &r.problems);
  for (auto& c : m.where) bind_column(c.column, header, header_list, mapping_file, &r.problems);
  for (auto& t : m.ties) {
    for (Field* f : {&t.from, &t.to, &t.family, &t.role, &t.directed, &t.weight, &t.amount,
                     &t.currency, &t.start, &t.end, &t.spells, &t.status})
      bind_column(*f, header, header_list, mapping_file, &r.problems);
    for (auto& f : t.attributes) bind_column(f, header, header_list, mapping_file, &r.problems);
  }
  if (!r.problems.empty()) return r;

  Importer importer(m, label, options, &r);
  uint64_t left_out = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (!chosen(m, rows[i])) {
      ++left_out;
      continue;
    }
    importer.row(Row{&rows[i]});
  }
  if (left_out) {
    r.report.skipped += left_out;
    r.report.note({label, 0, 0,
                   std::to_string(left_out) + " of " + std::to_string(rows.size() - 1) +
                       " row(s) left out by the mapping's 'where'"},
                  NoteKind::kSkipped);
  }
  importer.finish();
  if (!r.problems.empty()) r.network = {};
  return r;
}

}  // namespace govnet
