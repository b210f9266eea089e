// Internal to importers: reading TOML text with toml++ 3.3 (Debian 12) without reaching its
// undefined behaviour.
//
// toml++ 3.3's test for non-ASCII whitespace ends in an "unreachable" branch for the code points
// U+00A1–U+0499, U+2D6E–U+3167 (but U+3000) and U+FB26–U+FEFE (é, ü, Greek, Cyrillic, kana...),
// and it runs that test wherever it scans for the end of a token, also across quotes after a
// malformed value. The fuzzer found three such inputs. So toml++ never sees those code points:
// before parsing, each is swapped for a private-use code point (U+E000–U+EBFF, one character for
// one, so lines and columns stay exact), and every text taken out of the parsed table is swapped
// back with restore_text(). Text with private-use code points of that block is refused.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "govnet/problem.h"

namespace govnet::detail {

// Parses `text` as TOML. On failure returns nullopt and sets *problem (file, line, column in
// characters, and what to do): invalid UTF-8, control characters, unquoted non-ASCII text,
// private-use characters, or what toml++ reports.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      Problem* problem);

// Text from a table parse_toml returned, with the swapped code points put back.
std::string restore_text(std::string_view shielded);

// restore_text of a node's string value, if it is one.
inline std::optional<std::string> text_value(const toml::node& n) {
  if (auto s = n.value<std::string>()) return restore_text(*s);
  return std::nullopt;
}

}  // namespace govnet::detail
