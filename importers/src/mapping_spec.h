// The parsed form of a mapping file (docs/mapping.md), shared by its reader and the importer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet::mapping {

// How one value is taken from a row: a fixed value, or a column (split, mapped, prefixed).
struct Field {
  bool present = false;
  std::optional<std::string> literal;
  std::string column;
  int index = -1;
  std::vector<std::string> split;
  std::map<std::string, std::string> map;  // normalized spelling -> value
  std::vector<std::string> formats;
  std::string prefix, fallback;
  uint32_t line = 0, col = 0;
};

struct TieSpec {
  Field from, to, family, role, directed, weight, amount, currency, start, end, status;
  bool to_instrument = false;
  std::vector<Field> attributes;
  uint32_t line = 0, col = 0;
};

struct Mapping {
  std::string dataset;
  bool has_instrument = false;
  Field key, name, kind, status, start, end;
  std::vector<Field> instrument_attributes;
  std::vector<TieSpec> ties;
  Field ev_source, ev_locator, ev_quote, ev_url, ev_accessed;
  ActorKind create_kind = ActorKind::kOther;
  std::vector<std::pair<std::string, std::string>> aliases;
};

// Parses the TOML text of a mapping; problems carry the mapping file's line:column.
bool read_mapping(const std::string& file, std::string_view text, Mapping* out,
                  std::vector<Problem>* problems);

}  // namespace govnet::mapping
