// Office Open XML workbooks: xl/workbook.xml names the sheets and their relationship ids,
// xl/_rels/workbook.xml.rels maps those to sheet parts, xl/sharedStrings.xml holds the text,
// and xl/styles.xml says which cell styles are dates.
#include <cmath>
#include <map>

#include "spreadsheet.h"
#include "workbook_parts.h"

namespace govnet {
namespace {

using workbook::attr;
using workbook::XmlAttr;

struct WorkbookIndex : workbook::XmlHandler {
  std::vector<std::string> names, rel_ids;
  bool date1904 = false;
  void start(std::string_view name, const std::vector<XmlAttr>& a) override {
    if (name == "sheet") {
      names.emplace_back(attr(a, "name"));
      rel_ids.emplace_back(attr(a, "id"));
    } else if (name == "workbookPr") {
      auto v = attr(a, "date1904");
      date1904 = v == "1" || v == "true";
    }
  }
  void end(std::string_view) override {}
};

struct Relationships : workbook::XmlHandler {
  std::map<std::string, std::string, std::less<>> target;
  void start(std::string_view name, const std::vector<XmlAttr>& a) override {
    if (name == "Relationship") target[std::string(attr(a, "Id"))] = attr(a, "Target");
  }
  void end(std::string_view) override {}
};

// Shared strings: each <si> is a plain <t> or rich-text runs <r><t>; phonetic runs are skipped.
struct SharedStrings : workbook::XmlHandler {
  std::vector<std::string> strings;
  std::string current;
  bool in_t = false;
  int in_phonetic = 0;
  void start(std::string_view name, const std::vector<XmlAttr>&) override {
    if (name == "si") current.clear();
    if (name == "rPh") ++in_phonetic;
    if (name == "t") in_t = true;
  }
  void end(std::string_view name) override {
    if (name == "t") in_t = false;
    if (name == "rPh") --in_phonetic;
    if (name == "si") strings.push_back(std::move(current));
  }
  void text(std::string_view s) override {
    if (in_t && !in_phonetic) current += s;
  }
};

// A number format shows a date when it has day, month or year fields outside quoted text and
// [colour] brackets (a format of hours and minutes alone is a time).
bool is_date_format(std::string_view code) {
  bool d = false, y = false, m = false, h = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) break;
    } else if (c == '[') {
      i = code.find(']', i + 1);
      if (i == std::string_view::npos) break;
    } else if (c == '\\') {
      ++i;
    } else {
      d |= c == 'd';
      y |= c == 'y';
      m |= c == 'm';
      h |= c == 'h' || c == 's';
    }
  }
  return d || y || (m && !h);
}

bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

struct Styles : workbook::XmlHandler {
  std::map<int, bool> custom_date;  // numFmtId -> shows a date
  std::vector<bool> xf_is_date;     // cellXfs index -> date
  bool in_cell_xfs = false;
  void start(std::string_view name, const std::vector<XmlAttr>& a) override {
    if (name == "numFmt")
      custom_date[std::atoi(std::string(attr(a, "numFmtId")).c_str())] =
          is_date_format(attr(a, "formatCode"));
    if (name == "cellXfs") in_cell_xfs = true;
    if (name == "xf" && in_cell_xfs) {
      int id = std::atoi(std::string(attr(a, "numFmtId")).c_str());
      auto it = custom_date.find(id);
      xf_is_date.push_back(it != custom_date.end() ? it->second : is_builtin_date_format(id));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
};

// "BC12" -> column 55 (and row 12, unused: rows come from <row r>).
uint32_t column_of(std::string_view ref) {
  uint32_t col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<uint32_t>(c - 'A' + 1);
  }
  return col;
}

struct SheetReader : workbook::XmlHandler {
  const std::vector<std::string>& shared;
  const std::vector<bool>& xf_is_date;
  bool date1904;
  SheetTable* out;
  SheetReader(const std::vector<std::string>& s, const std::vector<bool>& x, bool d1904,
              SheetTable* o)
      : shared(s), xf_is_date(x), date1904(d1904), out(o) {}

  uint32_t row = 0, column = 0;
  std::string type, raw;  // the cell's t attribute and stored text
  size_t style = 0;
  bool in_value = false;

  void start(std::string_view name, const std::vector<XmlAttr>& a) override {
    if (name == "row") {
      auto r = attr(a, "r");
      row = r.empty() ? row + 1 : static_cast<uint32_t>(std::atol(std::string(r).c_str()));
      column = 0;
      out->rows.push_back({row, {}});
    } else if (name == "c") {
      auto r = attr(a, "r");
      column = r.empty() ? column + 1 : column_of(r);
      type = attr(a, "t");
      style = static_cast<size_t>(std::atol(std::string(attr(a, "s")).c_str()));
      raw.clear();
    } else if (name == "v" || name == "t") {
      in_value = true;
    }
  }
  void text_value(std::string* value) {
    if (type == "s") {
      size_t i = static_cast<size_t>(std::atol(raw.c_str()));
      *value = i < shared.size() ? shared[i] : "";
    } else if (type == "b") {
      *value = raw == "1" ? "true" : "false";
    } else if (type.empty() || type == "n") {
      bool date = style < xf_is_date.size() && xf_is_date[style];
      char* end = nullptr;
      double x = std::strtod(raw.c_str(), &end);
      *value = date && end && *end == '\0' && !raw.empty() ? serial_to_iso_date(x, date1904) : raw;
    } else {
      *value = raw;  // str (a formula's text), inlineStr, e (an error such as #N/A)
    }
  }
  void end(std::string_view name) override {
    if (name == "v" || name == "t") in_value = false;
    if (name != "c" || out->rows.empty()) return;
    SheetCell cell{column, {}};
    text_value(&cell.value);
    if (!cell.value.empty()) out->rows.back().cells.push_back(std::move(cell));
  }
  void text(std::string_view s) override {
    if (in_value) raw += s;
  }
};

// "AB" for column 28.
std::string column_letters(uint32_t column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  return out;
}

// Rows and their cells come in ascending order, each once, as the format requires; a workbook
// that says otherwise (or names row 0 or a cell without a column) is refused, since which of
// two values for one cell was meant cannot be told.
bool check_order(const SheetTable& t, std::string* error) {
  uint32_t last_row = 0;
  for (const SheetRow& r : t.rows) {
    if (r.row <= last_row) {
      *error = "sheet '" + t.name + "': row " + std::to_string(r.row) + " comes after row " +
               std::to_string(last_row) +
               " (rows out of order or given twice); save the workbook again with a "
               "spreadsheet program";
      return false;
    }
    last_row = r.row;
    uint32_t last_column = 0;
    for (const SheetCell& c : r.cells) {
      if (c.column <= last_column) {
        const std::string at = column_letters(c.column) + std::to_string(r.row);
        *error = "sheet '" + t.name + "': cell " +
                 (c.column == 0 ? "'" + at + "' names no column"
                                : at + " comes after " + column_letters(last_column) +
                                      std::to_string(r.row)) +
                 " (cells out of order or given twice); save the workbook again with a "
                 "spreadsheet program";
        return false;
      }
      last_column = c.column;
    }
  }
  return true;
}

std::string part_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

template <typename Handler>
bool parse_part(workbook::ZipArchive& zip, const std::string& part, bool required, Handler* h,
                std::string* error) {
  std::optional<std::string> xml = zip.read(part);
  if (!xml) {
    if (required) *error = "the workbook has no readable part " + part;
    return !required;
  }
  std::string why;
  if (workbook::parse_xml(*xml, *h, &why)) return true;
  *error = part + ", " + why;
  return false;
}

}  // namespace

bool read_xlsx(std::string_view data, const std::string& sheet, SheetTable* out,
               std::string* error) {
  workbook::ZipArchive zip(data);
  if (!zip.ok()) {
    *error = "not a zip archive, so not an .xlsx workbook";
    return false;
  }
  WorkbookIndex index;
  Relationships rels;
  SharedStrings strings;
  Styles styles;
  if (!parse_part(zip, "xl/workbook.xml", true, &index, error) ||
      !parse_part(zip, "xl/_rels/workbook.xml.rels", true, &rels, error) ||
      !parse_part(zip, "xl/sharedStrings.xml", false, &strings, error) ||
      !parse_part(zip, "xl/styles.xml", false, &styles, error))
    return false;
  int chosen = choose_sheet(index.names, sheet, error);
  if (chosen < 0) return false;
  auto target = rels.target.find(index.rel_ids[chosen]);
  if (target == rels.target.end()) {
    *error = "sheet '" + index.names[chosen] + "' has no part in the workbook";
    return false;
  }
  SheetTable table;
  table.name = index.names[chosen];
  SheetReader reader(strings.strings, styles.xf_is_date, index.date1904, &table);
  if (!parse_part(zip, part_path(target->second), true, &reader, error)) return false;
  if (!check_order(table, error)) return false;
  *out = std::move(table);
  return true;
}

}  // namespace govnet
