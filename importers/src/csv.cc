#include "govnet/csv.h"

#include <algorithm>

#include "govnet/text.h"

namespace govnet {
namespace {

class Parser {
 public:
  Parser(std::string_view data, const std::string& file, std::vector<CsvRow>* rows,
         std::vector<Problem>* problems, const CsvLimits& limits)
      : d_(data), file_(file), rows_(rows), problems_(problems), limits_(limits) {}

  bool run() {
    if (d_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // BOM: not part of the first field
    line_start_ = pos_;
    while (pos_ < d_.size() && !full()) {
      if (!row()) skip_line();
    }
    return ok_;
  }

 private:
  bool full() const { return problems_->size() >= limits_.max_problems; }

  // Characters from the start of the line to byte p (the BOM does not count), 1-based. Counted
  // on from the last position asked about on the same line, so long lines stay linear.
  uint32_t column_at(size_t p) {
    size_t from = line_start_;
    if (line_ == 1 && from == 0 && d_.substr(0, 3) == "\xEF\xBB\xBF") from = 3;
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
    if (!full()) problems_->push_back({file_, line_, column_at(at), std::move(message)});
  }

  void newline(size_t after) {
    ++line_;
    line_start_ = after;
  }

  // Skips to the start of the next line after a problem.
  void skip_line() {
    while (pos_ < d_.size() && d_[pos_] != '\n') ++pos_;
    if (pos_ < d_.size()) { ++pos_; newline(pos_); }
  }

  // Checks the bytes [from, to) for NUL and invalid UTF-8; reports the first.
  bool check_bytes(size_t from, size_t to) {
    std::string_view s = d_.substr(from, to - from);
    size_t nul = s.find('\0');
    size_t bad = find_invalid_utf8(s);
    if (nul != std::string_view::npos && nul < bad) {
      problem(from + nul, "NUL byte in the text; the file may be UTF-16 or binary: save it as UTF-8 CSV");
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
        if (pos_ < d_.size() && d_[pos_] == '"') { ++pos_; continue; }
        return;
      }
    }
  }

  static std::string hex(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
  }

  // Parses one row starting at pos_; false on a problem (the caller skips the rest of the line).
  bool row() {
    CsvRow r;
    r.line = line_;
    r.fields.reserve(width_);  // rows are as wide as the widest so far, usually: no regrowing
    bool blank = true;
    for (;;) {
      CsvField f;
      f.line = line_;
      f.column = column_at(pos_);
      if (pos_ < d_.size() && d_[pos_] == '"') {
        size_t open = pos_++;
        uint32_t open_line = line_;
        size_t open_line_start = line_start_;
        for (;;) {
          if (pos_ >= d_.size()) {
            line_ = open_line;
            line_start_ = open_line_start;
            problem(open, "quoted field never closed; add the closing double quote (\") or "
                          "double the quotes inside the field");
            pos_ = d_.size();
            return false;
          }
          char c = d_[pos_];
          if (c == '"') {
            if (pos_ + 1 < d_.size() && d_[pos_ + 1] == '"') { f.value += '"'; pos_ += 2; continue; }
            ++pos_;
            break;
          }
          size_t run = pos_;
          while (pos_ < d_.size() && d_[pos_] != '"' && d_[pos_] != '\n') ++pos_;
          if (!check_bytes(run, pos_)) return false;
          f.value.append(d_.substr(run, pos_ - run));
          if (f.value.size() > limits_.max_field_bytes) {
            line_ = open_line;
            line_start_ = open_line_start;
            problem(open, too_long());
            skip_to_closing_quote();
            return false;
          }
          if (pos_ < d_.size() && d_[pos_] == '\n') {
            f.value += '\n';
            ++pos_;
            newline(pos_);
          }
        }
        // After the closing quote: a separator, a line end or the end of the file.
        if (pos_ < d_.size() && d_[pos_] != ',' && d_[pos_] != '\n' &&
            !(d_[pos_] == '\r' && pos_ + 1 < d_.size() && d_[pos_ + 1] == '\n') &&
            !(d_[pos_] == '\r' && pos_ + 1 == d_.size())) {
          problem(pos_, "unexpected text after a closing quote; a quoted field must end at a "
                        "comma or the end of the line");
          return false;
        }
        // Quoted CRLF inside a field keeps its \r: strip it from "\r\n" pairs for LF-only text.
        std::string cleaned;
        cleaned.reserve(f.value.size());
        for (size_t i = 0; i < f.value.size(); ++i)
          if (!(f.value[i] == '\r' && i + 1 < f.value.size() && f.value[i + 1] == '\n'))
            cleaned += f.value[i];
        f.value = std::move(cleaned);
        blank = false;
      } else {
        size_t start = pos_;
        while (pos_ < d_.size() && d_[pos_] != ',' && d_[pos_] != '\n') {
          if (d_[pos_] == '"') {
            problem(pos_, "double quote inside an unquoted field; enclose the whole field in "
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
        f.value.assign(d_.substr(start, end - start));
        if (!f.value.empty()) blank = false;
      }
      r.fields.push_back(std::move(f));
      if (r.fields.size() > limits_.max_fields) {
        problem(pos_, "more than " + std::to_string(limits_.max_fields) + " fields on one line; is the separator a comma?");
        return false;
      }
      if (pos_ < d_.size() && d_[pos_] == ',') { ++pos_; blank = false; continue; }
      // End of row.
      size_t row_end = pos_;
      if (row_end > line_start_ && d_[row_end - 1] == '\r') --row_end;
      r.end_column = column_at(row_end);
      if (pos_ < d_.size() && d_[pos_] == '\r') ++pos_;  // after a quoted field: CRLF
      if (pos_ < d_.size()) { ++pos_; newline(pos_); }
      break;
    }
    width_ = std::max(width_, r.fields.size());
    if (!blank) rows_->push_back(std::move(r));
    return true;
  }

  std::string_view d_;
  const std::string& file_;
  std::vector<CsvRow>* rows_;
  std::vector<Problem>* problems_;
  const CsvLimits& limits_;
  size_t pos_ = 0;
  size_t width_ = 0;  // fields in the widest row so far
  size_t line_start_ = 0;
  size_t cache_line_start_ = SIZE_MAX, cache_pos_ = 0, cache_col_ = 1;
  uint32_t line_ = 1;
  bool ok_ = true;
};

}  // namespace

bool parse_csv(std::string_view data, const std::string& file, std::vector<CsvRow>* rows,
               std::vector<Problem>* problems, const CsvLimits& limits) {
  return Parser(data, file, rows, problems, limits).run();
}

}  // namespace govnet
