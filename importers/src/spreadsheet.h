// Spreadsheet workbooks (.xlsx, Office Open XML; .ods, OpenDocument) read as tables of text:
// one sheet at a time, every non-empty cell with its row and column (both 1-based, column A =
// 1). Numbers keep the digits the file stores; cells formatted as dates, which workbooks store
// as serial day numbers (xlsx), become ISO dates (YYYY-MM-DD, with THH:MM:SS when the cell has
// a time of day); booleans become true/false; text keeps its line breaks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace govnet {

struct SheetCell {
  uint32_t column = 0;
  std::string value;
};

struct SheetRow {
  uint32_t row = 0;
  std::vector<SheetCell> cells;  // non-empty cells, by column
};

struct SheetTable {
  std::string name;  // the sheet's name
  std::vector<SheetRow> rows;
};

// Reads the sheet named `sheet`, else numbered `sheet` (1-based), else (empty) the first. On
// failure returns false with *error saying what is wrong and what to do (the sheets present,
// when the one asked for is absent).
bool read_xlsx(std::string_view data, const std::string& sheet, SheetTable* out,
               std::string* error);
bool read_ods(std::string_view data, const std::string& sheet, SheetTable* out, std::string* error);

// A spreadsheet serial day number as an ISO date (1900 date system, with its fictitious
// 1900-02-29, or the 1904 one).
std::string serial_to_iso_date(double serial, bool date1904);

// Picks the sheet among `names` as read_xlsx describes; -1 with *error when there is none.
int choose_sheet(const std::vector<std::string>& names, const std::string& sheet,
                 std::string* error);

}  // namespace govnet
