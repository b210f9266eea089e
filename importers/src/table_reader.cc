#include "table_reader.h"

#include <algorithm>
#include <filesystem>

#include "govnet/text.h"
#include "spreadsheet.h"
#include "workbook_parts.h"

namespace govnet {
namespace {

enum class Kind { kCsv, kXlsx, kOds, kOtherZip, kLegacyXls };

Kind kind_of(std::string_view data, const std::string& file) {
  if (data.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return Kind::kLegacyXls;
  if (data.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return Kind::kCsv;
  workbook::ZipArchive zip(data);
  if (zip.read("xl/workbook.xml", 64 << 20)) return Kind::kXlsx;
  std::optional<std::string> mime = zip.read("mimetype", 256);
  if (mime && mime->find("opendocument.spreadsheet") != std::string::npos) return Kind::kOds;
  std::string ext = ascii_lower(std::filesystem::path(file).extension().string());
  if (ext == ".ods" && zip.read("content.xml", 1)) return Kind::kOds;
  return Kind::kOtherZip;
}

// The sheet's cells as CSV rows: every column of the sheet's used range is a field of every
// row (a sheet has no "missing fields": cells past a row's last value are simply empty).
void to_table(const SheetTable& sheet, CsvTable* table) {
  uint32_t width = 0;
  for (const SheetRow& r : sheet.rows)
    if (!r.cells.empty()) width = std::max(width, r.cells.back().column);
  *table = CsvTable{};
  table->unescaped.emplace_back();
  std::deque<std::string>& values = table->unescaped.back();
  std::vector<CsvField> fields;
  std::vector<std::pair<size_t, size_t>> spans;  // first field, count
  for (const SheetRow& r : sheet.rows) {
    if (r.cells.empty()) continue;
    size_t first = fields.size();
    uint32_t next = 1;
    for (const SheetCell& c : r.cells) {
      for (; next < c.column; ++next) fields.push_back({std::string_view(), r.row, next});
      values.push_back(c.value);
      fields.push_back({values.back(), r.row, c.column});
      next = c.column + 1;
    }
    for (; next <= width; ++next) fields.push_back({std::string_view(), r.row, next});
    spans.emplace_back(first, fields.size() - first);
  }
  table->fields.push_back(std::move(fields));
  const std::vector<CsvField>& all = table->fields.back();
  for (auto [first, count] : spans) {
    CsvRow row;
    row.fields = std::span<const CsvField>(all.data() + first, count);
    row.line = all[first].line;
    row.end_column = all[first + count - 1].column + 1;
    table->rows.push_back(row);
  }
}

}  // namespace

bool read_table(std::string_view data, const std::string& file, const std::string& sheet,
                CsvTable* table, std::string* label, std::vector<Problem>* problems,
                const CsvLimits& limits) {
  *label = file;
  Kind kind = kind_of(data, file);
  if (kind == Kind::kCsv) return parse_csv(data, file, table, problems, limits);
  if (kind == Kind::kLegacyXls || kind == Kind::kOtherZip) {
    problems->push_back(
        {file, 0, 0,
         kind == Kind::kLegacyXls
             ? "this is a legacy Excel .xls workbook, which govnet does not read; save it as "
               ".xlsx or .ods (or CSV)"
             : "this is a zip archive but not an .xlsx or .ods workbook; give a CSV table or a "
               "workbook"});
    return false;
  }
  SheetTable cells;
  std::string error;
  bool ok = kind == Kind::kXlsx ? read_xlsx(data, sheet, &cells, &error)
                                : read_ods(data, sheet, &cells, &error);
  if (!ok) {
    problems->push_back({file, 0, 0, error});
    return false;
  }
  *label = file + "[" + cells.name + "]";
  to_table(cells, table);
  return true;
}

}  // namespace govnet
