// Text helpers shared by importers, storage indexes and search: UTF-8 checking and the
// normalization that makes search case-, accent-, space- and punctuation-insensitive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace govnet {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when `s` is valid.
size_t find_invalid_utf8(std::string_view s);

// Decodes the code point at s[i]; returns its length in bytes, or 0 when the bytes there are not
// valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are invalid).
size_t utf8_decode(std::string_view s, size_t i, uint32_t* cp);
// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(uint32_t cp, std::string* out);

// Folds text for matching: lower case, Latin accents removed (é→e, ß→ss, ø→o, Ł→l...), every
// run of spaces and punctuation turned into one space, trimmed. "Söderköping  Process" and
// "soderkoping-process" both become "soderkoping process". Characters it does not know (other
// scripts) are kept as they are.
std::string normalize_for_search(std::string_view s);

// Number of code points; used for column numbers in messages and for table alignment.
size_t utf8_length(std::string_view s);
// Removes the last code point of valid UTF-8 `s` (nothing when empty).
void pop_utf8_char(std::string* s);

std::string_view trim(std::string_view s);

// Text escaped for XML content and attribute values (&, <, >, " and line breaks and tabs as
// character references); control characters XML 1.0 cannot hold become U+FFFD.
std::string xml_escape(std::string_view s);

// ASCII letters to lower case, other bytes unchanged; for keywords and vocabulary ("In_Force").
std::string ascii_lower(std::string_view s);

}  // namespace govnet
