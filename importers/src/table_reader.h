// Every table govnet reads (govnet CSV files, tables imported through a mapping): CSV, or a
// sheet of an .xlsx or .ods workbook, recognised by content (a zip archive holding a workbook).
// A sheet's cells become the table's fields with line = row and column = column number (A = 1),
// and problems name it as `FILE[SHEET]`, so `trust.xlsx[Projects]:12:3` is cell C12.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "govnet/csv.h"
#include "govnet/problem.h"

namespace govnet {

// Reads `data` (the bytes of `file`) into *table; `sheet` (a name or a 1-based number, empty:
// the first) chooses a workbook's sheet and is ignored for CSV. *label is the name problems
// about the table's fields carry. Appends problems; false when there were any.
bool read_table(std::string_view data, const std::string& file, const std::string& sheet,
                CsvTable* table, std::string* label, std::vector<Problem>* problems,
                const CsvLimits& limits = {});

}  // namespace govnet
