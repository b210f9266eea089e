// Text helpers shared by importers, storage indexes and search: UTF-8 checking and the
// normalization that makes search case-, accent-, space- and punctuation-insensitive.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace govnet {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when `s` is valid.
size_t find_invalid_utf8(std::string_view s);

// Folds text for matching: lower case, Latin accents removed (é→e, ß→ss, ø→o, Ł→l...), every
// run of spaces and punctuation turned into one space, trimmed. "Söderköping  Process" and
// "soderkoping-process" both become "soderkoping process". Characters it does not know (other
// scripts) are kept as they are.
std::string normalize_for_search(std::string_view s);

// Number of code points; used for column numbers in messages and for table alignment.
size_t utf8_length(std::string_view s);

std::string_view trim(std::string_view s);

// ASCII letters to lower case, other bytes unchanged; for keywords and vocabulary ("In_Force").
std::string ascii_lower(std::string_view s);

}  // namespace govnet
