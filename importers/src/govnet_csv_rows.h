// Internal to the govnet CSV reader: one table (file) of rows and the reading of one row's
// values — required keys, vocabularies, dates, numbers, evidence, attributes — each problem
// reported at its field. Rows are read on every core (read_rows); what ties rows to each other
// (keys defined twice, references) is settled in row order on the caller's thread.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/csv.h"
#include "govnet/model.h"
#include "govnet/parallel.h"
#include "govnet/problem.h"

namespace govnet::csv_rows {

// The columns the format knows (docs/csv-format.md), so a row's values are found by position.
enum Col : int {
  kKey,
  kName,
  kKind,
  kAliases,
  kIso3,
  kParent,
  kStart,
  kEnd,
  kStatus,
  kId,
  kFrom,
  kTo,
  kFamily,
  kRole,
  kDirected,
  kWeight,
  kAmount,
  kCurrency,
  kSource,
  kLocator,
  kQuote,
  kUrl,
  kAccessed,
  kTarget,
  kSpells,
  kColumns
};
const char* column_name(Col c);

// Where the problems of reading rows go, up to a cap on their number.
struct Problems {
  std::vector<Problem>* list;
  size_t cap;
  void add(const std::string& file, uint32_t line, uint32_t column, std::string message) {
    if (list->size() < cap) list->push_back({file, line, column, std::move(message)});
  }
};

// One table being read: its rows, its header, where the known columns are.
class Table {
 public:
  Table(std::string file, CsvTable rows) : file_(std::move(file)), csv_(std::move(rows)) {}

  const std::string& file() const { return file_; }
  const std::vector<CsvRow>& rows() const { return csv_.rows; }
  const std::vector<std::string>& names() const { return names_; }
  int position(Col c) const { return position_[c]; }

  // Reads the header row; checks required columns and duplicates.
  bool read_header(const std::vector<Col>& required, const std::string& expected, Problems out);
  // The columns that are neither in `known` nor evidence columns: the records' attributes.
  std::vector<size_t> attribute_columns(const std::vector<Col>& known) const;
  // Checks a data row's field count against the header.
  bool check_width(const CsvRow& r, Problems out) const;

 private:
  std::string file_;
  CsvTable csv_;
  std::vector<std::string> names_;  // lower-cased, by position
  int position_[kColumns];
};

// The values of one row, each problem reported at its field.
struct RowView {
  RowView(const Table& table, const CsvRow& row, Problems problems)
      : t(table), r(row), out(problems) {}
  const Table& t;
  const CsvRow& r;
  Problems out;

  void problem(const CsvField& f, std::string message) {
    out.add(t.file(), f.line, f.column, std::move(message));
  }
  const CsvField* field(Col c) const {
    const int i = t.position(c);
    return i < 0 || static_cast<size_t>(i) >= r.fields.size() ? nullptr : &r.fields[i];
  }
  std::string_view get(Col c) const;  // trimmed; empty when the column is absent
  // A required, non-empty value.
  bool need(Col c, std::string* value);
  // A required key: non-empty, one line of text.
  bool key(Col c, std::string* value);
  // False (with a problem) when the value holds a control character other than tab and line
  // breaks: names, aliases and roles reach terminals and other tools' files.
  bool plain(Col c);
  // A required value from a fixed vocabulary (kinds, families), case-insensitive.
  template <typename E, typename Parse>
  bool vocabulary(Col c, const char* what, Parse parse, const std::string& allowed, E* value) {
    if (auto e = parse(lower(get(c)))) {
      *value = *e;
      return true;
    }
    const std::string_view v = get(c);
    problem(*field(c), (v.empty() ? "'" + std::string(column_name(c)) + "' is empty"
                                  : "unknown " + std::string(what) + " '" + std::string(v) + "'") +
                           "; expected one of: " + allowed);
    return false;
  }
  std::optional<Date> date(Col c, bool* ok);
  // The period of `start` and `end` (when either is given) and the spells of `spells`
  // ("2001-2004;2008-"), together.
  Spells spells(bool* ok);
  Status status(bool* ok);
  std::optional<double> number(Col c, bool* ok);
  std::optional<bool> yes_no(Col c, bool* ok);  // empty: nullopt
  Evidence evidence() const;
  // Every column Table::attribute_columns gives becomes an attribute when non-empty.
  Attributes attributes(const std::vector<size_t>& columns) const;

 private:
  // ASCII lower case of a short value, without allocating (longer ones are no vocabulary word).
  std::string_view lower(std::string_view v) {
    if (v.size() > sizeof lowered_) return "\x01";
    for (size_t i = 0; i < v.size(); ++i)
      lowered_[i] = v[i] >= 'A' && v[i] <= 'Z' ? static_cast<char>(v[i] - 'A' + 'a') : v[i];
    return {lowered_, v.size()};
  }
  char lowered_[32];
};

// What became of a row: skipped (its width is wrong), bad (a problem in its values), good.
enum class RowState : char { kSkipped, kBad, kGood };

// Reads the table's data rows: interpret(RowView&, Record*) -> RowState on every core, in
// chunks of rows; then, in row order, each row's problems are added to *problems (up to `cap`)
// and settle(row, state, Record&&) is called, one row at a time. The rows come in waves: while
// one wave is settled (on one core), the next is interpreted (on the others, and on that one once
// it is done), so `interpret` may only read state that `settle` does not change.
template <typename Record, typename Interpret, typename Settle>
void read_rows(const Table& t, std::vector<Problem>* problems, size_t cap, Interpret interpret,
               Settle settle) {
  constexpr size_t kRows = 4096;  // a chunk
  struct Chunk {
    size_t begin = 0;  // its first row
    std::vector<Record> records;
    std::vector<RowState> states;
    std::vector<Problem> problems;
    std::vector<uint32_t> problems_end;  // of each row
  };
  const size_t n = t.rows().size();
  const size_t wave = kRows * 4 * core_count();  // rows in memory twice at most this many
  auto chunks_of = [&](size_t w) {
    std::vector<Chunk> chunks;
    for (size_t begin = w; begin < std::min(n, w + wave); begin += kRows)
      chunks.emplace_back().begin = begin;
    return chunks;
  };
  auto interpret_chunk = [&](Chunk& ch) {
    const size_t end = std::min(n, ch.begin + kRows);
    ch.records.resize(end - ch.begin);
    ch.states.resize(end - ch.begin);
    ch.problems_end.resize(end - ch.begin);
    for (size_t i = ch.begin; i < end; ++i) {
      RowView v{t, t.rows()[i], {&ch.problems, cap}};
      ch.states[i - ch.begin] =
          t.check_width(v.r, v.out) ? interpret(v, &ch.records[i - ch.begin]) : RowState::kSkipped;
      ch.problems_end[i - ch.begin] = static_cast<uint32_t>(ch.problems.size());
    }
  };
  auto settle_all = [&](std::vector<Chunk>& chunks) {
    for (Chunk& ch : chunks) {
      for (size_t j = 0, p = 0; j < ch.records.size(); ++j) {
        for (; p < ch.problems_end[j]; ++p)
          if (problems->size() < cap) problems->push_back(std::move(ch.problems[p]));
        settle(t.rows()[ch.begin + j], ch.states[j], std::move(ch.records[j]));
      }
      std::vector<Record>().swap(ch.records);
    }
  };
  std::vector<Chunk> settling;  // the wave before, interpreted
  for (size_t w = 1; w < n; w += wave) {
    std::vector<Chunk> chunks = chunks_of(w);
    // Job 0 settles the wave before; the others interpret this one.
    on_every_core(1 + chunks.size(), [&](size_t job) {
      if (job == 0)
        settle_all(settling);
      else
        interpret_chunk(chunks[job - 1]);
    });
    settling = std::move(chunks);
  }
  settle_all(settling);
}

}  // namespace govnet::csv_rows
