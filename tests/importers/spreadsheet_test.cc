// .xlsx and .ods workbooks written by openpyxl and odfpy at test time (Debian's python3-openpyxl
// and python3-odf; skipped when absent) read cell for cell wherever a CSV table is accepted.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../storage/temp_dir.h"
#include "govnet/govnet_csv.h"
#include "govnet/mapping.h"
#include "spreadsheet.h"
#include "table_reader.h"

namespace govnet {
namespace {

const std::string kMappings = std::string(GOVNET_SOURCE_DIR) + "/samples/mappings/";

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class Workbooks : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    std::string cmd = "/usr/bin/python3 " + std::string(GOVNET_SOURCE_DIR) +
                      "/tests/data/spreadsheets/write_workbooks.py " + dir_->path() + " " +
                      kMappings + "trust-fund-projects.csv 2>&1";
    written_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    if (!written_) GTEST_SKIP() << "python3-openpyxl or python3-odf is not installed";
    path_ = dir_->path(std::string("actors.") + GetParam());
    data_ = slurp(path_);
  }
  static inline testing::TempDir* dir_ = nullptr;
  static inline bool written_ = false;
  std::string path_, data_;
};

// The rows as written: every cell, with its row and column.
TEST_P(Workbooks, EveryCellArrives) {
  CsvTable t;
  std::string label;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_table(data_, path_, "Actors", &t, &label, &problems));
  EXPECT_EQ(label, path_ + "[Actors]");
  const std::vector<std::vector<std::string>> expected = {
      {"key", "name", "kind", "founded", "members", "share", "active", "note"},
      {"IOM", "Organisation internationale pour les migrations", "international_org", "1951-12-05",
       "175", "0.25", "true", "line one\nline two"},
      {"MDA", "Moldova", "state", "1991-08-27T12:30:00", "", "1.5", "false", ""},
      {"TCD", "Tchad", "state", "", "", "", "", "  spaced  "},
  };
  ASSERT_EQ(t.rows.size(), expected.size());
  for (size_t r = 0; r < expected.size(); ++r) {
    const CsvRow& row = t.rows[r];
    EXPECT_EQ(row.line, r + 1);
    ASSERT_EQ(row.fields.size(), expected[r].size()) << "row " << r + 1;
    for (size_t c = 0; c < expected[r].size(); ++c) {
      EXPECT_EQ(row.fields[c].value, expected[r][c]) << "row " << r + 1 << " column " << c + 1;
      EXPECT_EQ(row.fields[c].column, c + 1);
    }
  }
  // The first sheet by default, and sheets by number.
  ASSERT_TRUE(read_table(data_, path_, "", &t, &label, &problems));
  EXPECT_EQ(label, path_ + "[Intro]");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields[0].value, "see the Actors sheet");
  ASSERT_TRUE(read_table(data_, path_, "2", &t, &label, &problems));
  EXPECT_EQ(t.rows.size(), 4u);
}

TEST_P(Workbooks, MissingSheetNamesThoseThere) {
  CsvTable t;
  std::string label;
  std::vector<Problem> problems;
  EXPECT_FALSE(read_table(data_, path_, "Ties", &t, &label, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            path_ +
                ": the workbook has no sheet 'Ties' (it has 'Intro', 'Actors'); give --sheet one "
                "of these names or a number from 1 to 2");
  // A name that differs only in case or accents picks the sheet, as column names do.
  problems.clear();
  EXPECT_TRUE(read_table(data_, path_, "ACTORS", &t, &label, &problems));
  EXPECT_EQ(label, path_ + "[Actors]");
}

// A govnet actors table as a workbook: fields and kept attributes from the cells; a bad cell is
// reported as FILE[SHEET]:ROW:COLUMN.
TEST_P(Workbooks, ReadAsGovnetActors) {
  CsvImportOptions o;
  o.sheet = "Actors";
  CsvImportResult r = read_govnet_csv({{path_, std::nullopt}}, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.actors.size(), 3u);
  const Actor& iom = r.network.actors[0];
  EXPECT_EQ(iom.name, "Organisation internationale pour les migrations");
  EXPECT_EQ(iom.kind, ActorKind::kInternationalOrg);
  bool founded = false;
  for (const auto& [k, v] : iom.attributes) founded |= k == "founded" && v == "1951-12-05";
  EXPECT_TRUE(founded);

  CsvBuffer buf{path_, data_, std::nullopt};
  CsvImportOptions first;  // the Intro sheet has no key column
  CsvImportResult bad = read_govnet_csv(std::vector<CsvBuffer>{buf}, first);
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_EQ(bad.problems[0].file, path_ + "[Intro]");
  EXPECT_EQ(bad.problems[0].line, 1u);
}

// The trust-fund sample table saved as a workbook imports through its mapping exactly as the CSV.
TEST_P(Workbooks, MappedTableAsWorkbookImportsLikeItsCsv) {
  const std::string toml = slurp(kMappings + "trust-fund-projects.toml");
  const std::string book = dir_->path(std::string("trust-fund-projects.") + GetParam());
  MappingImportOptions o;
  o.resolver.create_missing = true;
  MappingImportResult from_csv =
      import_with_mapping("m.toml", toml, "t.csv", slurp(kMappings + "trust-fund-projects.csv"), o);
  MappingImportResult from_book = import_with_mapping("m.toml", toml, book, slurp(book), o);
  ASSERT_TRUE(from_csv.problems.empty()) << from_csv.problems[0].to_string();
  ASSERT_TRUE(from_book.problems.empty()) << from_book.problems[0].to_string();
  const Network &a = from_csv.network, &b = from_book.network;
  ASSERT_EQ(a.instruments.size(), b.instruments.size());
  for (size_t i = 0; i < a.instruments.size(); ++i) {
    EXPECT_EQ(a.instruments[i].key, b.instruments[i].key);
    EXPECT_EQ(a.instruments[i].name, b.instruments[i].name);
    EXPECT_EQ(a.instruments[i].spells.hull().start, b.instruments[i].spells.hull().start);
    EXPECT_EQ(a.instruments[i].attributes, b.instruments[i].attributes);
  }
  ASSERT_EQ(a.actors.size(), b.actors.size());
  ASSERT_EQ(a.ties.size(), b.ties.size());
  for (size_t i = 0; i < a.ties.size(); ++i) {
    EXPECT_EQ(a.ties[i].from, b.ties[i].from);
    EXPECT_EQ(a.ties[i].to, b.ties[i].to);
    EXPECT_EQ(a.ties[i].amount, b.ties[i].amount);
  }
}

// A cell that does not fit its field is noted by sheet, row and column (H2: the note).
TEST_P(Workbooks, BadCellIsNamedBySheetRowAndColumn) {
  const char* toml =
      "[instrument]\nname = { column = \"name\" }\nkind = \"project\"\n"
      "start = { column = \"note\" }\n";
  MappingImportOptions o;
  o.sheet = "Actors";
  MappingImportResult r = import_with_mapping("m.toml", toml, path_, data_, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_FALSE(r.report.notes.empty());
  EXPECT_EQ(r.report.notes[0].to_string(),
            path_ +
                "[Actors]:2:8: 'line one\nline two' is not a date; expected YYYY, YYYY-MM or "
                "YYYY-MM-DD; give the column's format, e.g. format = \"DD/MM/YYYY\"; kept as the "
                "text attribute 'note'");
}

INSTANTIATE_TEST_SUITE_P(Formats, Workbooks, ::testing::Values("xlsx", "ods"));

TEST(Spreadsheet, SerialDates) {
  EXPECT_EQ(serial_to_iso_date(1, false), "1900-01-01");
  EXPECT_EQ(serial_to_iso_date(59, false), "1900-02-28");
  EXPECT_EQ(serial_to_iso_date(60, false), "1900-02-29");
  EXPECT_EQ(serial_to_iso_date(61, false), "1900-03-01");
  EXPECT_EQ(serial_to_iso_date(25569, false), "1970-01-01");
  EXPECT_EQ(serial_to_iso_date(44927.75, false), "2023-01-01T18:00:00");
  EXPECT_EQ(serial_to_iso_date(0, true), "1904-01-01");
}

TEST(Spreadsheet, LegacyXlsAndOtherZipsAreNamed) {
  CsvTable t;
  std::string label;
  std::vector<Problem> problems;
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12);
  EXPECT_FALSE(read_table(xls, "old.xls", "", &t, &label, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].to_string().find("old.xls: this is a legacy Excel .xls workbook"),
            std::string::npos);
}

}  // namespace
}  // namespace govnet
