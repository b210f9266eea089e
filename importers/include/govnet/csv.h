// An RFC 4180 CSV reader that keeps the line and column of every field: quoted fields with
// doubled quotes and embedded newlines, LF or CRLF line ends, a UTF-8 byte order mark at the
// start. Invalid UTF-8, NUL bytes, stray quotes and unterminated quotes are problems, reported
// with their position; rows that are entirely empty are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/problem.h"

namespace govnet {

struct CsvField {
  std::string value;
  uint32_t line = 0, column = 0;  // where the field starts (its opening quote, if quoted)
};

struct CsvRow {
  std::vector<CsvField> fields;
  uint32_t line = 0;      // where the row starts
  uint32_t end_column = 0;  // column just past the row's last character, for "missing field"
};

struct CsvLimits {
  size_t max_problems = 50;
  size_t max_field_bytes = 1 << 20;  // a longer field is a problem, reported at its start
  size_t max_fields = 10000;         // per row
};

// Parses `data` (the bytes of `file`). Appends rows to *rows and problems to *problems; returns
// false when the file had problems. After a problem the reader resumes at the next line.
bool parse_csv(std::string_view data, const std::string& file, std::vector<CsvRow>* rows,
               std::vector<Problem>* problems, const CsvLimits& limits = {});

}  // namespace govnet
