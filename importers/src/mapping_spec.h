// The parsed form of a mapping file (docs/mapping.md), shared by its reader and the importer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet::mapping {

// A `replace` step: every match of the pattern becomes the replacement ($1 names a group).
struct Replacement {
  std::shared_ptr<const std::regex> pattern;
  std::string with;
};

// How one value is taken from a row: a fixed value, or a column (cleaned, split, mapped,
// prefixed), with further columns to fall back on while the value is empty.
struct Field {
  bool present = false;
  std::optional<std::string> literal;
  std::string column;
  int index = -1;
  std::vector<std::string> more_columns;  // fallbacks, in order
  std::vector<int> more_indexes;
  std::vector<std::string> trim;  // characters (UTF-8) stripped from both ends
  std::vector<Replacement> replace;
  std::vector<std::string> drop;  // values that count as empty (trimmed, lower case)
  std::vector<std::string> split;
  std::map<std::string, std::string> map;  // normalized spelling -> value
  std::vector<std::string> formats;
  std::string prefix, fallback;
  uint32_t line = 0, col = 0;
};

// One condition of `where`: the row is imported only when its cell in `column` passes.
struct Condition {
  enum Op { kEquals, kOneOf, kMatches, kEmpty } op = kEquals;
  bool negate = false;
  Field column;                               // the column (bound like a field's)
  std::vector<std::string> values;            // kEquals / kOneOf: trimmed, lower case
  std::shared_ptr<const std::regex> pattern;  // kMatches
  std::string text;                           // the condition as written, for the report
};

struct TieSpec {
  Field from, to, family, role, directed, weight, amount, currency, start, end, spells, status;
  bool to_instrument = false;
  std::vector<Field> attributes;
  uint32_t line = 0, col = 0;
};

struct Mapping {
  std::string dataset;
  bool has_instrument = false;
  std::vector<Condition> where;  // all must hold
  Field key, name, kind, status, start, end, spells;
  std::vector<Field> instrument_attributes;
  std::vector<TieSpec> ties;
  Field ev_source, ev_locator, ev_quote, ev_url, ev_accessed;
  ActorKind create_kind = ActorKind::kOther;
  std::vector<std::pair<std::string, std::string>> aliases;
};

// The cell cleaned as the field says: surrounding spaces and `trim` characters stripped,
// `replace` applied in order, then empty when the result is one of `drop`.
std::string clean(const Field& f, std::string_view cell);
// Whether `value` is one of the field's `drop` values.
bool dropped(const Field& f, std::string_view value);
// Whether a cell's text passes the condition.
bool passes(const Condition& c, std::string_view cell);

// Parses the TOML text of a mapping; problems carry the mapping file's line:column.
bool read_mapping(const std::string& file, std::string_view text, Mapping* out,
                  std::vector<Problem>* problems);

}  // namespace govnet::mapping
