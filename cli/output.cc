#include "output.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <streambuf>

#include <unistd.h>

#include "govnet/text.h"

namespace govnet::cli {
namespace {

constexpr size_t kMaxCell = 70;

// The first `n` - 1 characters of s and an ellipsis; never splits a UTF-8 sequence.
std::string cut(const std::string& s, size_t n) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars == n) break;
  }
  return s.substr(0, i) + "…";
}

}  // namespace

std::optional<Format> parse_format(const std::string& s) {
  if (s == "table") return Format::kTable;
  if (s == "csv") return Format::kCsv;
  if (s == "json") return Format::kJson;
  return std::nullopt;
}

std::string format_number(double v) {
  if (v == 0) return "0";  // also turns -0 into 0
  char buf[64];
  double a = std::fabs(v);
  if (a >= 1e-4 && a < 1e15) {
    std::snprintf(buf, sizeof buf, "%.10g", v);
    if (std::string(buf).find('e') == std::string::npos) return buf;
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string with_article(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiouAEIOU").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

std::string count_of(uint64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

Cell Cell::num(double v) {
  Cell c(format_number(v));
  c.number = v;
  return c;
}

Cell Cell::list(std::vector<std::string> items, const std::string& separator) {
  std::string text;
  for (const auto& s : items) text += (text.empty() ? "" : separator) + s;
  Cell c(std::move(text));
  c.items = std::move(items);
  return c;
}

Cell Cell::count(uint64_t v) {
  Cell c(std::to_string(v));
  c.number = static_cast<double>(v);
  return c;
}

std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

void print_csv(std::ostream& out, const Table& t) {
  for (size_t i = 0; i < t.columns.size(); ++i) out << (i ? "," : "") << csv_escape(t.columns[i]);
  out << "\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_escape(row[i].text);
    out << "\n";
  }
}

// An array of objects, one per row, keyed by column; numbers stay numbers (null when not
// finite), lists are arrays.
void print_json(std::ostream& out, const Table& t) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    for (size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
      if (row[i].number) {
        double v = *row[i].number;
        if (!std::isfinite(v))
          obj[t.columns[i]] = nullptr;  // JSON has no infinity or NaN
        else if (v == std::floor(v) && std::fabs(v) < 9e15)
          obj[t.columns[i]] = static_cast<int64_t>(v);
        else {  // the 10 digits tables show; near double's limit they may round past it
          auto shown = nlohmann::ordered_json::parse(format_number(v), nullptr, false);
          obj[t.columns[i]] = shown.is_discarded() ? nlohmann::ordered_json(v) : shown;
        }
      } else if (row[i].items) {
        obj[t.columns[i]] = *row[i].items;
      } else {
        obj[t.columns[i]] = row[i].text;
      }
    }
    arr.push_back(std::move(obj));
  }
  out << arr.dump(2) << "\n";
}

// A table's cells as they are shown: numbers get a common number of decimals per column (six
// when any value of the column is fractional), line breaks become spaces and long text is cut.
// `numeric` is set for the columns whose every non-empty cell is a number.
std::vector<std::vector<std::string>> shown_cells(const Table& t, std::vector<bool>* numeric) {
  std::vector<std::vector<std::string>> text(t.rows.size());
  numeric->assign(t.columns.size(), !t.rows.empty());
  std::vector<bool> fractional(t.columns.size(), false);
  for (const auto& row : t.rows)
    for (size_t i = 0; i < row.size() && i < numeric->size(); ++i) {
      if (!row[i].number && !row[i].text.empty()) (*numeric)[i] = false;
      if (row[i].number && *row[i].number != std::floor(*row[i].number)) fractional[i] = true;
    }
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t i = 0; i < t.rows[r].size() && i < numeric->size(); ++i) {
      const Cell& c = t.rows[r][i];
      std::string s = c.text;
      if (c.number && fractional[i]) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", *c.number);
        s = buf;
      }
      for (char& ch : s)
        if (ch == '\n' || ch == '\r') ch = ' ';
      s = escape_controls(s, "\t");
      if (utf8_length(s) > kMaxCell) s = cut(s, kMaxCell);
      text[r].push_back(std::move(s));
    }
  return text;
}

// Tables are for reading: aligned columns under a ruled header, numbers to the right (csv and
// json always carry the full values).
void print_table(std::ostream& out, const Table& t) {
  std::vector<bool> numeric;
  const std::vector<std::vector<std::string>> text = shown_cells(t, &numeric);
  std::vector<size_t> width(t.columns.size());
  std::vector<std::string> header;
  for (const auto& c : t.columns) header.push_back(escape_controls(c));
  for (size_t i = 0; i < t.columns.size(); ++i) width[i] = utf8_length(header[i]);
  for (const auto& row : text)
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], utf8_length(row[i]));
  auto cell = [&](const std::string& s, size_t i, bool last) {
    size_t pad = width[i] - utf8_length(s);
    if (numeric[i])
      out << std::string(pad, ' ') << s;
    else
      out << s << (last ? "" : std::string(pad, ' '));
  };
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out << "  ";
    cell(header[i], i, i + 1 == t.columns.size());
  }
  out << "\n";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out << "  ";
    out << std::string(width[i], '-');
  }
  out << "\n";
  for (const auto& row : text) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out << "  ";
      cell(row[i], i, i + 1 == row.size());
    }
    out << "\n";
  }
}

}  // namespace

void print(std::ostream& out, const Table& t, Format f) {
  switch (f) {
    case Format::kCsv:
      return print_csv(out, t);
    case Format::kJson:
      return print_json(out, t);
    case Format::kTable:
      return print_table(out, t);
  }
}

namespace {

// A stream buffer that writes through to another one with control characters (other than
// `allowed`) as visible escapes, like escape_controls; a C1 character's two bytes may arrive in
// two writes.
class ControlEscapingBuf : public std::streambuf {
 public:
  ControlEscapingBuf(std::streambuf* to, const char* allowed) : to_(to), allowed_(allowed) {}

 protected:
  int overflow(int ch) override {
    if (ch == traits_type::eof()) return traits_type::not_eof(ch);
    const auto c = static_cast<unsigned char>(ch);
    if (lead_) {
      lead_ = false;
      if (c >= 0x80 && c <= 0x9F) return put(escape_controls(std::string{'\xC2', char(c)}), ch);
      if (to_->sputc('\xC2') == traits_type::eof()) return traits_type::eof();
    }
    if (c == 0xC2) {
      lead_ = true;
      return ch;
    }
    if (c >= 0x20 && c != 0x7F) return to_->sputc(static_cast<char>(c));  // the common case
    const std::string one(1, static_cast<char>(c));
    return put(escape_controls(one, allowed_), ch);
  }
  int sync() override { return to_->pubsync(); }

 private:
  int put(const std::string& s, int ch) {
    const auto n = static_cast<std::streamsize>(s.size());
    return to_->sputn(s.data(), n) == n ? ch : traits_type::eof();
  }
  std::streambuf* to_;
  const char* allowed_;
  bool lead_ = false;
};

// Puts the escaping buffers in place for the life of the program and takes them out (after a
// flush) before the standard streams are flushed at exit.
struct TerminalGuard {
  ControlEscapingBuf out, err;
  std::streambuf *cout_was, *cerr_was;
  bool on_cout;
  TerminalGuard()
      : out(std::cout.rdbuf(), "\t\n"),
        err(std::cerr.rdbuf(), "\t\n\r"),
        cout_was(std::cout.rdbuf()),
        cerr_was(std::cerr.rdbuf()),
        on_cout(isatty(STDOUT_FILENO) == 1) {
    if (on_cout) std::cout.rdbuf(&out);
    std::cerr.rdbuf(&err);
  }
  ~TerminalGuard() {
    std::cout.flush();
    std::cerr.flush();
    std::cout.rdbuf(cout_was);
    std::cerr.rdbuf(cerr_was);
  }
};

}  // namespace

void escape_terminal_output() { static TerminalGuard guard; }

}  // namespace govnet::cli
