#include "safe_toml.h"

#include <algorithm>

#include "govnet/text.h"

namespace govnet::detail {
namespace {

// The code points toml++ 3.3 must not see, each with the start of its private-use stand-ins.
struct Range {
  char32_t first, last, stand_in;
};
constexpr Range kShielded[] = {{0x00A1, 0x0499, 0xE000},
                               {0x2D6E, 0x2FFF, 0xE400},
                               {0x3001, 0x3167, 0xE700},
                               {0xFB26, 0xFEFE, 0xE900}};
constexpr char32_t kStandInFirst = 0xE000, kStandInLast = 0xECFF;

// Maps every code point through `swap`; bytes that are not UTF-8 are copied unchanged.
template <typename Swap>
std::string map_code_points(std::string_view s, Swap&& swap) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = utf8_decode(s, i, &cp);
    if (n == 0 || cp < 0x80) {
      out += s[i];
      ++i;
      continue;
    }  // (n == 0: not UTF-8, kept as is)
    append_utf8(swap(cp), &out);
    i += n;
  }
  return out;
}

// Where the text has a non-ASCII character outside strings and comments, or npos: TOML allows
// them nowhere else, and the message says what to do.
size_t bare_non_ascii(std::string_view t) {
  size_t i = 0;
  auto starts = [&](std::string_view s) { return t.substr(i, s.size()) == s; };
  while (i < t.size()) {
    const char c = t[i];
    if (static_cast<unsigned char>(c) >= 0x80) return i;
    if (c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (starts("\"\"\"") || starts("'''")) {
      const std::string_view close = t.substr(i, 3);
      const bool escapes = c == '"';
      for (i += 3; i < t.size() && !starts(close); ++i)
        if (escapes && t[i] == '\\') ++i;
      while (i < t.size() && t[i] == c) ++i;  // the closing quotes (and up to two more inside)
    } else if (c == '"' || c == '\'') {
      for (++i; i < t.size() && t[i] != c && t[i] != '\n'; ++i)
        if (c == '"' && t[i] == '\\') ++i;
      if (i < t.size() && t[i] == c) ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

std::string hex(uint32_t v, int digits) {
  std::string out(digits, '0');
  for (int k = digits - 1; k >= 0; --k, v >>= 4) out[k] = "0123456789ABCDEF"[v & 15];
  return out;
}

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      Problem* problem) {
  // A leading byte order mark (editors on Windows write one) is not part of the text, nor
  // counted in columns (as in CSV files).
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // Positions as toml++ gives them: lines from 1, columns in characters from 1.
  auto problem_at = [&](size_t at, std::string message) -> std::optional<toml::table> {
    const size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
    *problem = {file, 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n')),
                1 + static_cast<uint32_t>(utf8_length(text.substr(line_start, at - line_start))),
                std::move(message)};
    return std::nullopt;
  };
  if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return problem_at(bad, "invalid UTF-8; save the file as UTF-8");
  // TOML allows no control character but tab and line ends, anywhere.
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return problem_at(i, "not valid TOML: control character 0x" + hex(c, 2) +
                               "; the file may be binary or UTF-16: save it as UTF-8 text");
  }
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t n = utf8_decode(text, i, &cp);  // never 0: the text was checked above
    if (cp >= kStandInFirst && cp <= kStandInLast)
      return problem_at(i, "private-use character U+" + hex(cp, 4) + "; remove it");
    i += n ? n : 1;
  }
  if (size_t at = bare_non_ascii(text); at != std::string_view::npos)
    return problem_at(at,
                      "not valid TOML: a non-ASCII character outside quotes; write text "
                      "values in double quotes (name = \"Frontière\")");
  const std::string shielded = map_code_points(text, [](char32_t cp) -> char32_t {
    for (const Range& r : kShielded)
      if (cp >= r.first && cp <= r.last) return r.stand_in + (cp - r.first);
    return cp;
  });
  try {
    return toml::parse(shielded, file);
  } catch (const toml::parse_error& e) {
    *problem = {file, e.source().begin.line, e.source().begin.column,
                "not valid TOML: " + restore_text(e.description()) +
                    "; see docs/mapping.md for the format"};
    return std::nullopt;
  }
}

std::string restore_text(std::string_view shielded) {
  return map_code_points(shielded, [](char32_t cp) -> char32_t {
    for (const Range& r : kShielded)
      if (cp >= r.stand_in && cp <= r.stand_in + (r.last - r.first))
        return r.first + (cp - r.stand_in);
    return cp;
  });
}

}  // namespace govnet::detail
