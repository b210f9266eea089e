// OpenDocument spreadsheets: content.xml holds every table; rows and cells may be repeated
// (table:number-rows-repeated, table:number-columns-repeated), typed cells carry their value in
// an attribute (office:value, office:date-value, office:boolean-value) and text in text:p
// paragraphs, with runs of spaces as text:s.
#include <algorithm>
#include <cstdlib>

#include "spreadsheet.h"
#include "workbook_parts.h"

namespace govnet {
namespace {

using workbook::attr;
using workbook::XmlAttr;

constexpr uint64_t kMaxCells = 50'000'000;  // repeated cells, materialized
// The farthest row and column a value may be in (ODF allows more than any application writes;
// trailing empty repeats beyond them cost nothing).
constexpr uint64_t kMaxRow = uint64_t{1} << 30, kMaxColumn = uint64_t{1} << 24;

uint32_t repeat_count(const std::vector<XmlAttr>& a, std::string_view name) {
  auto v = attr(a, name);
  long n = v.empty() ? 1 : std::atol(std::string(v).c_str());
  return n < 1 ? 1 : static_cast<uint32_t>(std::min<long>(n, 1 << 30));
}

// Collects the names of the tables, and the cells of the one numbered `wanted` (0-based; -1:
// none, the first pass only lists names).
struct ContentReader : workbook::XmlHandler {
  int wanted;
  SheetTable* out;
  ContentReader(int w, SheetTable* o) : wanted(w), out(o) {}

  std::vector<std::string> names;
  int table = -1, depth_in_table = 0;
  // Rows and cells count only directly in the table and its rows: one nested in another (which
  // the schema does not allow) is skipped with what it holds.
  int row_depth = 0, cell_depth = 0;
  uint64_t row = 0, column = 0;
  uint32_t row_repeat = 1, cell_repeat = 1;
  std::string value, shown;  // a typed cell's value; the text it shows
  bool in_cell = false, typed = false, first_p = true;
  int in_annotation = 0;
  uint64_t cells = 0;
  bool too_big = false;

  bool reading() const { return table == wanted && depth_in_table == 1; }

  void start(std::string_view name, const std::vector<XmlAttr>& a) override {
    if (name == "table") {
      if (depth_in_table++ == 0) {
        names.emplace_back(attr(a, "name"));
        table = static_cast<int>(names.size()) - 1;
        row = 0;
      }
      return;
    }
    if (!reading()) return;
    if (name == "table-row") {
      if (row_depth++ > 0 || cell_depth > 0) return;
      row_repeat = repeat_count(a, "number-rows-repeated");
      column = 0;
      if (row + row_repeat > kMaxRow) too_big = true;
      out->rows.push_back({static_cast<uint32_t>(std::min(row + 1, kMaxRow)), {}});
    } else if (name == "table-cell" || name == "covered-table-cell") {
      if (cell_depth++ == 0 && row_depth == 1) start_cell(a);
    } else if (in_cell && name == "annotation") {
      ++in_annotation;
    } else if (in_cell && !in_annotation && name == "p") {
      if (!first_p) shown += '\n';
      first_p = false;
    } else if (in_cell && !in_annotation && name == "s") {
      shown.append(repeat_count(a, "c"), ' ');
    } else if (in_cell && !in_annotation && name == "tab") {
      shown += '\t';
    } else if (in_cell && !in_annotation && name == "line-break") {
      shown += '\n';
    }
  }

  void start_cell(const std::vector<XmlAttr>& a) {
    in_cell = true;
    first_p = true;
    cell_repeat = repeat_count(a, "number-columns-repeated");
    shown.clear();
    value.clear();
    typed = true;
    std::string_view type = attr(a, "value-type");
    if (type == "float" || type == "percentage" || type == "currency") {
      value = attr(a, "value");
    } else if (type == "date") {
      value = attr(a, "date-value");
      if (value.size() > 10 && value.compare(10, 9, "T00:00:00") == 0 &&
          value.find_first_not_of('0', 19) == std::string::npos)
        value.resize(10);
    } else if (type == "boolean") {
      value = attr(a, "boolean-value");
    } else {
      typed = false;  // string, time or none: the text shown
    }
  }

  void end_cell() {
    in_cell = false;
    std::string v = typed ? value : shown;
    if (!v.empty()) {
      cells += cell_repeat;
      if (cells > kMaxCells || column + cell_repeat > kMaxColumn) {
        too_big = true;
      } else {
        for (uint32_t i = 1; i <= cell_repeat; ++i)
          out->rows.back().cells.push_back({static_cast<uint32_t>(column + i), v});
      }
    }
    column += cell_repeat;
  }

  void end_row() {
    row += row_repeat;
    if (out->rows.back().cells.empty()) {
      out->rows.pop_back();
      return;
    }
    cells += static_cast<uint64_t>(out->rows.back().cells.size()) * (row_repeat - 1);
    if (cells > kMaxCells || too_big) {
      too_big = true;
      return;
    }
    const SheetRow last = out->rows.back();  // a copy: pushing moves the rows
    for (uint32_t i = 1; i < row_repeat; ++i) {
      SheetRow copy = last;
      copy.row = last.row + i;
      out->rows.push_back(std::move(copy));
    }
  }

  void end(std::string_view name) override {
    if (name == "table") {
      --depth_in_table;
      return;
    }
    if (!reading()) return;
    if (name == "table-row") {
      if (row_depth > 0 && --row_depth == 0 && cell_depth == 0) end_row();
    } else if (name == "table-cell" || name == "covered-table-cell") {
      if (cell_depth > 0 && --cell_depth == 0 && in_cell) end_cell();
    } else if (name == "annotation" && in_annotation)
      --in_annotation;
  }

  void text(std::string_view s) override {
    if (reading() && in_cell && !in_annotation) shown += s;
  }
};

}  // namespace

bool read_ods(std::string_view data, const std::string& sheet, SheetTable* out,
              std::string* error) {
  workbook::ZipArchive zip(data);
  if (!zip.ok()) {
    *error = "not a zip archive, so not an .ods workbook";
    return false;
  }
  std::optional<std::string> content = zip.read("content.xml");
  if (!content) {
    *error = "the workbook has no readable content.xml";
    return false;
  }
  SheetTable none;
  ContentReader names(-1, &none);
  std::string why;
  if (!workbook::parse_xml(*content, names, &why)) {
    *error = "content.xml, " + why;
    return false;
  }
  int chosen = choose_sheet(names.names, sheet, error);
  if (chosen < 0) return false;
  SheetTable table;
  table.name = names.names[chosen];
  ContentReader reader(chosen, &table);
  workbook::parse_xml(*content, reader, &why);
  if (reader.too_big) {
    *error = "sheet '" + table.name + "' repeats cells to more than " + std::to_string(kMaxCells) +
             " or beyond row " + std::to_string(kMaxRow) + " or column " +
             std::to_string(kMaxColumn) + "; export it as CSV";
    return false;
  }
  *out = std::move(table);
  return true;
}

}  // namespace govnet
