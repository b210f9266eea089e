// libFuzzer target: the .xlsx and .ods readers on arbitrary bytes (the first byte picks the
// format and the sheet asked for: the first, the second by number, or one by name). A read
// either gives cells in row and column order or fails saying why.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t choice = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const char* sheets[] = {"", "2", "Actors", "Sheet1"};
  const std::string sheet = sheets[(choice >> 1) % 4];
  govnet::SheetTable table;
  std::string error;
  const bool ok = (choice & 1) ? govnet::read_ods(bytes, sheet, &table, &error)
                               : govnet::read_xlsx(bytes, sheet, &table, &error);
  if (!ok) {
    if (error.empty()) __builtin_trap();  // a failure always says why
    return 0;
  }
  uint32_t last_row = 0;
  for (const govnet::SheetRow& r : table.rows) {
    if (r.row <= last_row) __builtin_trap();  // rows in order, each once
    last_row = r.row;
    uint32_t last_column = 0;
    for (const govnet::SheetCell& c : r.cells) {
      if (c.column <= last_column || c.value.empty()) __builtin_trap();
      last_column = c.column;
    }
  }
  return 0;
}
