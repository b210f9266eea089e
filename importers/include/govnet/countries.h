// ISO 3166-1 country names and codes, shipped with govnet (importers/data/countries.csv, made
// from Debian's iso-codes plus everyday spellings such as "Ivory Coast"), for resolving states
// named in other people's tables.
#pragma once

#include <string>
#include <string_view>

namespace govnet {

struct Country {
  std::string alpha2, alpha3, name;
};

// The country whose alpha-2 or alpha-3 code (exact, upper case) or any of whose names (after
// normalize_for_search) is `text`; nullptr when none.
const Country* find_country(std::string_view text);
size_t country_count();

}  // namespace govnet
