// An RFC 4180 CSV reader that keeps the line and column of every field: quoted fields with
// doubled quotes and embedded newlines (kept as written, CRLF as CRLF), LF or CRLF line ends,
// or CR alone in a file without LF, and a UTF-8 byte order mark at the start. Invalid UTF-8, NUL
// bytes, a byte order mark anywhere but the start, stray quotes and unterminated quotes are
// problems, reported with their position; rows that are entirely empty are skipped.
//
// Fields are views: into the parsed text, or (a quoted field with doubled quotes inside, or a
// text with CR line ends) into the table's own copy. A large text is parsed in chunks
// on every core; the rows, fields and problems are those of reading it from start to end.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/problem.h"

namespace govnet {

struct CsvField {
  std::string_view value;
  uint32_t line = 0, column = 0;  // where the field starts (its opening quote, if quoted)
};

struct CsvRow {
  std::span<const CsvField> fields;  // views the CsvTable's fields
  uint32_t line = 0;                 // where the row starts
  uint32_t end_column = 0;  // column just past the row's last character, for "missing field"
};

// The rows of a parsed text. Its views stay valid while the text lives and the table is not
// destroyed (moving it keeps them valid; copying is not allowed).
struct CsvTable {
  CsvTable() = default;
  CsvTable(CsvTable&&) = default;
  CsvTable& operator=(CsvTable&&) = default;
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;

  std::vector<CsvRow> rows;
  std::vector<std::vector<CsvField>> fields;       // one block per chunk parsed
  std::vector<std::deque<std::string>> unescaped;  // values that are not the text as it stands
};

struct CsvLimits {
  size_t max_problems = 50;
  size_t max_field_bytes = 1 << 20;  // a longer field is a problem, reported at its start
  size_t max_fields = 10000;         // per row
  // A text of at least this many bytes is cut into `stretches` (0: one per core) parsed side by
  // side; the result is the same either way (tests compare the two).
  size_t parallel_from = 1 << 20;
  size_t stretches = 0;
};

// Parses `data` (the bytes of `file`) into *table (replacing what it held); the table's fields
// view `data`, which must stay alive as long as they are read. Appends problems to *problems;
// returns false when the file had problems. After a problem the reader resumes at the next line.
bool parse_csv(std::string_view data, const std::string& file, CsvTable* table,
               std::vector<Problem>* problems, const CsvLimits& limits = {});

}  // namespace govnet
