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

// Control characters: C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F, bytes C2 80-C2 9F).
// Returns the byte offset of the first one in `s` other than the characters of `allowed`
// ("\t\n" for free text, "" for one-line names), or npos.
size_t find_control(std::string_view s, std::string_view allowed = "");
// find_control for free text (names, aliases, roles): tabs and line breaks, LF or CRLF, are
// allowed; a CR not followed by LF is not.
size_t find_control_in_text(std::string_view s);
// The character at byte `offset` of `s` (a control character) spelled for a message: "U+001B".
std::string control_name(std::string_view s, size_t offset);
// `s` with each control character not in `allowed` written as a visible escape: C0 and DEL as
// \x1b, C1 as \u009b. Other bytes, including invalid UTF-8, are copied; text that reaches a
// terminal goes through this so that stored text cannot move the cursor or recolour the screen.
std::string escape_controls(std::string_view s, std::string_view allowed = "");

// ASCII letters to lower case, other bytes unchanged; for keywords and vocabulary ("In_Force").
std::string ascii_lower(std::string_view s);

}  // namespace govnet
