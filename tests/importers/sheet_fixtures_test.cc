// The spreadsheet fuzz findings (tests/data/fuzz/sheet; the first byte chose the format and the
// sheet as in sheet_fuzz.cc), replayed: each is read with its rows and cells in order, or refused
// saying why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "spreadsheet.h"

namespace govnet {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

bool read(const std::string& bytes, SheetTable* t, std::string* error) {
  const char* sheets[] = {"", "2", "Actors", "Sheet1"};
  const uint8_t choice = static_cast<uint8_t>(bytes[0]);
  const std::string_view data(bytes.data() + 1, bytes.size() - 1);
  const std::string sheet = sheets[(choice >> 1) % 4];
  return (choice & 1) ? read_ods(data, sheet, t, error) : read_xlsx(data, sheet, t, error);
}

const std::filesystem::path kDir =
    std::filesystem::path(GOVNET_SOURCE_DIR) / "tests/data/fuzz/sheet";

// openpyxl's workbook with one bit changed: its first sheet ('Intro') now holds a row whose
// third cell is F1, before D1, E1 and another F1: two values for F1.
TEST(SheetFixtures, CellsOutOfOrderAreRefusedByName) {
  SheetTable t;
  std::string error;
  EXPECT_FALSE(read(slurp(kDir / "xlsx-cells-out-of-order"), &t, &error));
  EXPECT_EQ(error,
            "sheet 'Intro': cell D1 comes after F1 (cells out of order or given twice); save the "
            "workbook again with a spreadsheet program");
}

TEST(SheetFixtures, EveryFindingIsReadInOrderOrRefusedWithAReason) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    ++files;
    const std::string bytes = slurp(entry.path());
    ASSERT_FALSE(bytes.empty()) << entry.path();
    SheetTable t;
    std::string error;
    if (!read(bytes, &t, &error)) {
      EXPECT_FALSE(error.empty()) << entry.path();
      continue;
    }
    uint32_t last_row = 0;
    for (const SheetRow& r : t.rows) {
      EXPECT_GT(r.row, last_row) << entry.path();
      last_row = r.row;
      uint32_t last_column = 0;
      for (const SheetCell& c : r.cells) {
        EXPECT_GT(c.column, last_column) << entry.path();
        last_column = c.column;
      }
    }
  }
  EXPECT_GE(files, 1u);
}

}  // namespace
}  // namespace govnet
