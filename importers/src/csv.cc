#include "govnet/csv.h"

#include <algorithm>
#include <cstring>

#include "govnet/parallel.h"
#include "govnet/text.h"

namespace govnet {
namespace {

// What one parser makes of its stretch of the text.
struct Part {
  std::vector<CsvRow> rows;
  std::vector<size_t> first_field;  // of each row, in `fields`; rows view them once all is read
  std::vector<CsvField> fields;
  std::deque<std::string> unescaped;
  std::vector<Problem> problems;
};

// True when s holds only ASCII characters and no NUL; eight bytes at a time.
bool plain_ascii(std::string_view s) {
  uint64_t high = 0;
  bool nul = false;
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    high |= w;
    nul |= ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
  }
  for (; i < s.size(); ++i) {
    high |= static_cast<unsigned char>(s[i]);
    nul |= s[i] == '\0';
  }
  return !(high & 0x8080808080808080ULL) && !nul;
}

// Parses the rows of d[begin, end): `begin` is the start of a line (line number `line`), `end`
// the end of the text or just past a line's end.
class Parser {
 public:
  Parser(std::string_view d, size_t begin, size_t end, uint32_t line, const std::string& file,
         Part* out, size_t max_problems, const CsvLimits& limits)
      : d_(d.substr(0, end)),
        file_(file),
        out_(out),
        max_problems_(max_problems),
        limits_(limits),
        pos_(begin),
        line_start_(begin),
        line_(line) {}

  bool run() {
    if (pos_ == 0 && d_.substr(0, 3) == "\xEF\xBB\xBF")
      pos_ = 3;  // BOM: not part of the first field
    const std::string_view text = d_.substr(pos_);
    ascii_ = plain_ascii(text);
    // Room for every row and field the text can hold (a field ends at a comma or a line end), so
    // the arrays never move while they grow.
    const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    out_->rows.reserve(lines);
    out_->first_field.reserve(lines);
    out_->fields.reserve(lines + static_cast<size_t>(std::count(text.begin(), text.end(), ',')));
    while (pos_ < d_.size() && !full()) {
      const size_t first = out_->fields.size();
      if (!row(first)) {
        out_->fields.resize(first);
        skip_line();
      }
    }
    return ok_;
  }

 private:
  bool full() const { return out_->problems.size() >= max_problems_; }

  // Characters from the start of the line to byte p (the BOM does not count), 1-based. Counted
  // on from the last position asked about on the same line, so long lines stay linear.
  uint32_t column_at(size_t p) {
    size_t from = line_start_;
    if (from == 0 && d_.substr(0, 3) == "\xEF\xBB\xBF") from = 3;
    if (ascii_) return static_cast<uint32_t>(p - from + 1);
    if (cache_line_start_ != line_start_ || cache_pos_ > p || cache_pos_ < from) {
      cache_line_start_ = line_start_;
      cache_pos_ = from;
      cache_col_ = 1;
    }
    cache_col_ += utf8_length(d_.substr(cache_pos_, p - cache_pos_));
    cache_pos_ = p;
    return static_cast<uint32_t>(cache_col_);
  }

  void problem(size_t at, std::string message) {
    ok_ = false;
    if (!full()) out_->problems.push_back({file_, line_, column_at(at), std::move(message)});
  }

  void newline(size_t after) {
    ++line_;
    line_start_ = after;
  }

  // Skips to the start of the next line after a problem.
  void skip_line() {
    while (pos_ < d_.size() && d_[pos_] != '\n') ++pos_;
    if (pos_ < d_.size()) {
      ++pos_;
      newline(pos_);
    }
  }

  // Checks the bytes [from, to) for NUL and invalid UTF-8; reports the first.
  bool check_bytes(size_t from, size_t to) {
    if (ascii_) return true;
    std::string_view s = d_.substr(from, to - from);
    size_t nul = s.find('\0');
    size_t bad = find_invalid_utf8(s);
    if (nul != std::string_view::npos && nul < bad) {
      problem(from + nul,
              "NUL byte in the text; the file may be UTF-16 or binary: save it as UTF-8 CSV");
      return false;
    }
    // A byte order mark belongs only at the very start; inside the text (where two files were
    // joined) it would become part of a value or key.
    if (size_t bom = s.find("\xEF\xBB\xBF"); bom != std::string_view::npos && bom < bad) {
      problem(from + bom,
              "byte order mark (U+FEFF) inside the text, not at its start (were two files "
              "joined?); delete it, or it would become part of a value");
      return false;
    }
    if (bad != std::string_view::npos) {
      problem(from + bad, "invalid UTF-8 byte 0x" + hex(static_cast<unsigned char>(s[bad])) +
                              "; save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
      return false;
    }
    return true;
  }

  std::string too_long() const {
    return "field longer than " + std::to_string(limits_.max_field_bytes) +
           " bytes (the limit); a quote may be missing its closing partner";
  }

  // After an over-long quoted field: move past its closing quote (or to the end), counting lines.
  void skip_to_closing_quote() {
    while (pos_ < d_.size()) {
      char c = d_[pos_++];
      if (c == '\n') newline(pos_);
      if (c == '"') {
        if (pos_ < d_.size() && d_[pos_] == '"') {
          ++pos_;
          continue;
        }
        return;
      }
    }
  }

  static std::string hex(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
  }

  // A quoted field starting at pos_; leaves pos_ just past its closing quote.
  bool quoted(CsvField* f) {
    const size_t open = pos_++;
    const uint32_t open_line = line_;
    const size_t open_line_start = line_start_;
    size_t length = 0;       // of the value
    bool as_written = true;  // no doubled quote inside: the value is the text between the quotes
    for (;;) {
      if (pos_ >= d_.size()) {
        line_ = open_line;
        line_start_ = open_line_start;
        problem(open,
                "quoted field never closed; add the closing double quote (\") or "
                "double the quotes inside the field");
        pos_ = d_.size();
        return false;
      }
      if (d_[pos_] == '"') {
        if (pos_ + 1 < d_.size() && d_[pos_ + 1] == '"') {
          as_written = false;
          ++length;
          pos_ += 2;
          continue;
        }
        break;
      }
      const size_t run = pos_;
      while (pos_ < d_.size() && d_[pos_] != '"' && d_[pos_] != '\n') ++pos_;
      if (!check_bytes(run, pos_)) return false;
      length += pos_ - run;
      if (length > limits_.max_field_bytes) {
        line_ = open_line;
        line_start_ = open_line_start;
        problem(open, too_long());
        skip_to_closing_quote();
        return false;
      }
      if (pos_ < d_.size() && d_[pos_] == '\n') {
        ++length;
        ++pos_;
        newline(pos_);
      }
    }
    const size_t close = pos_++;
    // After the closing quote: a separator, a line end or the end of the text.
    if (pos_ < d_.size() && d_[pos_] != ',' && d_[pos_] != '\n' &&
        !(d_[pos_] == '\r' && pos_ + 1 < d_.size() && d_[pos_ + 1] == '\n') &&
        !(d_[pos_] == '\r' && pos_ + 1 == d_.size())) {
      problem(pos_,
              "unexpected text after a closing quote; a quoted field must end at a "
              "comma or the end of the line");
      return false;
    }
    const std::string_view inside = d_.substr(open + 1, close - open - 1);
    if (as_written) {
      f->value = inside;
      return true;
    }
    std::string value;
    value.reserve(length);
    for (size_t i = 0; i < inside.size(); ++i) {
      if (inside[i] == '"') ++i;  // the first of a doubled pair
      value += inside[i];
    }
    f->value = out_->unescaped.emplace_back(std::move(value));
    return true;
  }

  // Parses one row starting at pos_, its fields appended from out_->fields[first]; false on a
  // problem (the caller drops its fields and skips the rest of the line).
  bool row(size_t first) {
    const uint32_t row_line = line_;
    bool blank = true;
    for (;;) {
      CsvField f;
      f.line = line_;
      f.column = column_at(pos_);
      if (pos_ < d_.size() && d_[pos_] == '"') {
        if (!quoted(&f)) return false;
        blank = false;
      } else {
        size_t start = pos_;
        while (pos_ < d_.size() && d_[pos_] != ',' && d_[pos_] != '\n') {
          if (d_[pos_] == '"') {
            problem(pos_,
                    "double quote inside an unquoted field; enclose the whole field in "
                    "double quotes and write each quote inside it as \"\"");
            return false;
          }
          ++pos_;
        }
        size_t end = pos_;
        if (end > start && d_[end - 1] == '\r' && (end == d_.size() || d_[end] == '\n')) --end;
        if (end - start > limits_.max_field_bytes) {
          problem(start, too_long());
          return false;
        }
        if (!check_bytes(start, end)) return false;
        f.value = d_.substr(start, end - start);
        if (!f.value.empty()) blank = false;
      }
      out_->fields.push_back(f);
      if (out_->fields.size() - first > limits_.max_fields) {
        problem(pos_, "more than " + std::to_string(limits_.max_fields) +
                          " fields on one line; is the separator a comma?");
        return false;
      }
      if (pos_ < d_.size() && d_[pos_] == ',') {
        ++pos_;
        blank = false;
        continue;
      }
      break;
    }
    // End of row.
    size_t row_end = pos_;
    if (row_end > line_start_ && d_[row_end - 1] == '\r') --row_end;
    const uint32_t end_column = column_at(row_end);
    if (pos_ < d_.size() && d_[pos_] == '\r') ++pos_;  // after a quoted field: CRLF
    if (pos_ < d_.size()) {
      ++pos_;
      newline(pos_);
    }
    if (blank) {
      out_->fields.resize(first);
    } else {
      out_->rows.push_back({{}, row_line, end_column});
      out_->first_field.push_back(first);
    }
    return true;
  }

  std::string_view d_;
  const std::string& file_;
  Part* out_;
  size_t max_problems_;
  const CsvLimits& limits_;
  size_t pos_;
  size_t line_start_;
  size_t cache_line_start_ = SIZE_MAX, cache_pos_ = 0, cache_col_ = 1;
  uint32_t line_;
  bool ok_ = true;
  bool ascii_ = false;  // the stretch is ASCII without NUL: every byte valid, a column a byte
};

// Where a text may be cut into stretches parsed on their own: after a line end with an even
// number of double quotes before it (in well-formed CSV, outside any quoted field; a cut that
// lands inside one anyway makes a stretch fail, and the text is then read whole). Returns the
// stretches' starts, and the text's size last.
std::vector<size_t> cuts(std::string_view d, size_t pieces) {
  std::vector<size_t> at{0};
  size_t quotes = 0, counted_to = 0;
  for (size_t k = 1; k < pieces; ++k) {
    size_t p = std::max(at.back(), d.size() / pieces * k);
    for (;;) {
      p = d.find('\n', p);
      if (p == std::string_view::npos) break;
      ++p;
      quotes += static_cast<size_t>(std::count(d.begin() + counted_to, d.begin() + p, '"'));
      counted_to = p;
      if (quotes % 2 == 0) break;
    }
    if (p == std::string_view::npos || p >= d.size()) break;
    at.push_back(p);
  }
  at.push_back(d.size());
  return at;
}

void take(Part&& part, CsvTable* table) {
  table->rows.insert(table->rows.end(), part.rows.begin(), part.rows.end());
  table->fields.push_back(std::move(part.fields));
  table->unescaped.push_back(std::move(part.unescaped));
}

// Points each row of the table at its fields (once the field blocks no longer grow).
void link_rows(std::vector<Part>& parts, CsvTable* table) {
  size_t r = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::vector<CsvField>& block = table->fields[k];
    const std::vector<size_t>& first = parts[k].first_field;
    for (size_t i = 0; i < first.size(); ++i, ++r) {
      const size_t end = i + 1 < first.size() ? first[i + 1] : block.size();
      table->rows[r].fields = std::span<const CsvField>(block.data() + first[i], end - first[i]);
    }
  }
}

}  // namespace

bool parse_csv(std::string_view data, const std::string& file, CsvTable* table,
               std::vector<Problem>* problems, const CsvLimits& limits) {
  *table = CsvTable{};
  // Line ends of CR alone (old Mac files): read as LF, one byte for one, so positions hold.
  if (data.find('\r') != std::string_view::npos && data.find('\n') == std::string_view::npos) {
    std::string& lf = table->unescaped.emplace_back().emplace_back(data);
    std::replace(lf.begin(), lf.end(), '\r', '\n');
    data = lf;
  }
  const std::vector<size_t> at =
      data.size() >= limits.parallel_from
          ? cuts(data, limits.stretches ? limits.stretches : core_count())
          : std::vector<size_t>{0, data.size()};
  std::vector<Part> parts(at.size() - 1);
  if (parts.size() > 1) {
    // Each stretch's first line number: the line ends before it, counted on every core.
    std::vector<uint32_t> line(parts.size(), 1);
    on_every_core(parts.size(), [&](size_t k) {
      if (k > 0)
        line[k] = static_cast<uint32_t>(std::count(data.begin(), data.begin() + at[k], '\n')) + 1;
    });
    std::vector<char> clean(parts.size());
    on_every_core(parts.size(), [&](size_t k) {
      clean[k] =
          Parser(data, at[k], at[k + 1], line[k], file, &parts[k], limits.max_problems, limits)
              .run();
    });
    if (std::all_of(clean.begin(), clean.end(), [](char c) { return c; })) {
      size_t rows = 0;
      for (const Part& p : parts) rows += p.rows.size();
      table->rows.reserve(rows);
      for (Part& p : parts) take(std::move(p), table);
      link_rows(parts, table);
      return true;
    }
    // A problem somewhere: read the text from the start, so what is reported (and where
    // reading stops at the limit) is what one pass finds.
    parts.assign(1, Part{});
  }
  const size_t room =
      limits.max_problems > problems->size() ? limits.max_problems - problems->size() : 0;
  const bool ok = Parser(data, 0, data.size(), 1, file, &parts[0], room, limits).run();
  problems->insert(problems->end(), parts[0].problems.begin(), parts[0].problems.end());
  take(std::move(parts[0]), table);
  link_rows(parts, table);
  return ok;
}

}  // namespace govnet
