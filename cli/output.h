// Query results as tables, printed for people (aligned columns), as CSV or as JSON.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govnet::cli {

enum class Format { kTable, kCsv, kJson };
std::optional<Format> parse_format(const std::string&);

// A cell is text or a number; numbers print as numbers in JSON and right-aligned in tables.
struct Cell {
  std::string text;
  std::optional<double> number;
  std::optional<std::vector<std::string>> items;  // a list: an array in JSON, `text` elsewhere
  Cell(std::string t) : text(std::move(t)) {}
  Cell(const char* t) : text(t) {}
  static Cell num(double v);
  static Cell count(uint64_t v);
  // The items joined by `separator` in tables and CSV, a JSON array of strings in JSON.
  static Cell list(std::vector<std::string> items, const std::string& separator);
};

struct Table {
  std::vector<std::string> columns;  // also the JSON keys
  std::vector<std::vector<Cell>> rows;
  void add(std::vector<Cell> row) { rows.push_back(std::move(row)); }
};

// Formats a double deterministically: up to 10 significant digits, no exponent for ordinary
// magnitudes ("0.2314814815", "47.5", "2500000").
std::string format_number(double v);

// The noun with its indefinite article by its first letter: "an amount", "a weight".
std::string with_article(std::string_view noun);
// The count with the noun's singular or plural form: "1 tie", "3 ties".
std::string count_of(uint64_t n, std::string_view singular, std::string_view plural);

// Tables escape control characters in every cell (escape_controls: "\x1b"); csv and json carry
// values exactly (json escapes them its own way).
void print(std::ostream& out, const Table& t, Format f);

// From the call on, messages on standard error (always: they are for people) and everything on
// standard output when it is a terminal show control characters other than tab and line breaks
// as visible escapes, so that no stored text can reach a terminal as a control sequence. Piped
// or redirected output keeps exact bytes.
void escape_terminal_output();
std::string csv_escape(const std::string& s);

}  // namespace govnet::cli
