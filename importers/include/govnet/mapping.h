// Importing an arbitrary CSV table through a mapping file (TOML; docs/mapping.md): which
// columns make instruments, actors and ties, with fixed or per-row kinds, families, roles,
// statuses, dates in stated formats, amounts, multi-valued cells split on separators, and
// evidence. Names are resolved to actors with ActorResolver. Problems (in the mapping or the
// table) carry file:line:column; values that cannot be represented are noted in the report and
// kept as text attributes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govnet/actor_resolver.h"
#include "govnet/govnet_csv.h"
#include "govnet/import_report.h"
#include "govnet/model.h"

namespace govnet {

struct MappingImportOptions {
  size_t max_problems = 50;  // problems kept (0 is taken as 1); never changes what imports
  std::string sheet;  // .xlsx / .ods tables: the sheet's name or 1-based number (empty: first)
  ResolverOptions resolver;         // create_missing, aliases (create_kind comes from the mapping)
  std::vector<Actor> known_actors;  // actors in the store, outside the dataset being replaced
  std::function<std::optional<NodeType>(const std::string& key)>
      existing;  // as in CsvImportOptions
};

struct MappingImportResult {
  Network network;  // valid only when problems is empty
  std::vector<Problem> problems;
  bool truncated = false;
  ImportReport report;
  std::string dataset;  // the mapping's `dataset` name, if it gives one
};

MappingImportResult import_with_mapping(const std::string& mapping_file,
                                        std::string_view mapping_text,
                                        const std::string& table_file, std::string_view table_data,
                                        const MappingImportOptions& options);

// The mapping's `dataset` name; empty when it gives none or is not valid TOML (the import then
// reports why).
std::string mapping_dataset(std::string_view mapping_text);

// Dates in a stated format: YYYY, MM or M, DD or D, MMM/MMMM (English month names or
// abbreviations) and literal separators, e.g. "DD/MM/YYYY", "D MMMM YYYY", "YYYY". The
// precision follows the fields present.
std::optional<Date> parse_date_format(std::string_view text, std::string_view format);

}  // namespace govnet
