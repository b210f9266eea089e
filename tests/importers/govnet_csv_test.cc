#include "govnet/govnet_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>
#include <string>

using namespace std::string_literals;

#include "govnet/csv.h"

namespace govnet {
namespace {

std::string fixture(const std::string& name) {
  return std::string(GOVNET_SOURCE_DIR) + "/tests/data/csv/" + name;
}

CsvImportResult read(std::vector<std::string> names, CsvImportOptions o = {}) {
  std::vector<CsvInput> in;
  for (auto& n : names) in.push_back({fixture(n), std::nullopt});
  return read_govnet_csv(in, o);
}

// "line:column: message" of each problem, without the directory.
std::vector<std::string> located(const CsvImportResult& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) {
    std::string file = p.file.substr(p.file.rfind('/') + 1);
    out.push_back(file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column));
  }
  return out;
}

TEST(CsvReader, QuotesNewlinesBomAndCrlf) {
  CsvTable table;
  auto& rows = table.rows;
  std::vector<Problem> problems;
  std::string data =
      "\xEF\xBB\xBF"
      "a,\"b,1\",c\r\n\"x\"\"y\",\"multi\r\nline\",\r\n\r\n z ,,\n";
  ASSERT_TRUE(parse_csv(data, "t.csv", &table, &problems)) << problems[0].to_string();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields[0].value, "a");
  EXPECT_EQ(rows[0].fields[1].value, "b,1");
  EXPECT_EQ(rows[0].fields[2].column, 9u);
  EXPECT_EQ(rows[1].fields[0].value, "x\"y");
  EXPECT_EQ(rows[1].fields[1].value, "multi\r\nline");  // as written
  EXPECT_EQ(rows[1].fields[2].value, "");
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 5u);  // the quoted newline moved the line count on; line 4 was blank
  EXPECT_EQ(rows[2].fields[0].value, " z ");
}

TEST(CsvReader, ProblemsHaveExactPositions) {
  struct Case {
    std::string data;
    uint32_t line, column;
    const char* says;
  };
  for (const Case& c : {Case{"a,b\n\"open,x\n", 2, 1, "never closed"},
                        Case{"a,b\nx,y\"z\n", 2, 4, "double quote inside an unquoted field"},
                        Case{"a,b\n\"q\"x,y\n", 2, 4, "after a closing quote"},
                        Case{"a,b\nr\xC3\xA9,\xFF\n", 2, 4, "invalid UTF-8 byte 0xFF"},
                        Case{"a,b\nx\0y,z\n"s, 2, 2, "NUL byte"},
                        Case{"a,b\nx,y\n\xEF\xBB\xBFkey,z\n", 3, 1, "byte order mark (U+FEFF)"},
                        Case{"a,b\nx,\"q\xEF\xBB\xBF\"\n", 2, 5, "byte order mark (U+FEFF)"}}) {
    CsvTable table;
    std::vector<Problem> problems;
    EXPECT_FALSE(parse_csv(c.data, "t.csv", &table, &problems)) << c.data;
    ASSERT_EQ(problems.size(), 1u) << c.data;
    EXPECT_EQ(problems[0].line, c.line) << c.data;
    EXPECT_EQ(problems[0].column, c.column) << c.data;
    EXPECT_NE(problems[0].message.find(c.says), std::string::npos) << problems[0].message;
  }
}

// Old Mac files end lines with CR alone: their rows, lines and columns are those of the same text
// with LF; quoted line ends are kept as written.
TEST(CsvReader, CrOnlyLineEndsAreLineEnds) {
  CsvTable table;
  std::vector<Problem> problems;
  ASSERT_TRUE(parse_csv("key,name\rA,\"two\rlines\"\rB,b\r", "mac.csv", &table, &problems));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[1].fields[0].value, "A");
  EXPECT_EQ(table.rows[1].fields[1].value, "two\nlines");
  EXPECT_EQ(table.rows[2].line, 4u);
  EXPECT_EQ(table.rows[2].fields[1].value, "b");
  EXPECT_EQ(table.rows[2].fields[1].column, 3u);
  // A problem on such a file has its position too.
  EXPECT_FALSE(parse_csv("a,b\rx,y\"z\r", "mac.csv", &table, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_EQ(problems[0].column, 4u);
}

TEST(CsvReader, LimitsGiveErrorsNotExhaustion) {
  CsvTable table;
  auto& rows = table.rows;
  std::vector<Problem> problems;
  // A field over the limit, reported where it starts.
  std::string big = "a,b\nx," + std::string(2 << 20, 'y') + "\nlast,row\n";
  EXPECT_FALSE(parse_csv(big, "t.csv", &table, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_EQ(problems[0].column, 3u);
  EXPECT_NE(problems[0].message.find("field longer than 1048576 bytes"), std::string::npos);
  ASSERT_EQ(rows.size(), 2u);  // the reader went on with the next line
  EXPECT_EQ(rows[1].fields[0].value, "last");
  // An unterminated quote that swallows the file stops at the limit too.
  rows.clear();
  problems.clear();
  std::string open_quote = "a,b\nx,\"" + std::string(3 << 20, 'z');
  EXPECT_FALSE(parse_csv(open_quote, "t.csv", &table, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].column, 3u);
  // Too many fields on a line.
  rows.clear();
  problems.clear();
  std::string wide = "a\n" + std::string(20000, ';');
  for (int i = 0; i < 20000; ++i) wide += ",";
  EXPECT_FALSE(parse_csv(wide, "t.csv", &table, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("more than 10000 fields"), std::string::npos);
  // A long line of many short fields is read in linear time: 9,000 fields of 500 characters,
  // with the exact column of the last one.
  rows.clear();
  problems.clear();
  std::string row;
  for (int i = 0; i < 9000; ++i)
    row += (i ? "," : "") + std::string(500, static_cast<char>('a' + i % 26));
  ASSERT_TRUE(parse_csv("h\n" + row + "\n", "t.csv", &table, &problems));
  EXPECT_EQ(rows[1].fields.back().column, 8999u * 501u + 1u);
}

// A text of a few MiB is parsed in stretches on every core. It is made of one block repeated, so
// every row's values, line and columns are known from the block's, read on its own: rows with
// quoted commas, doubled quotes, CRLF inside quotes, a non-ASCII name (columns count
// characters) and one long quoted field of many lines, so that the places where the text is cut
// fall inside quotes as well as between rows.
TEST(CsvReader, ALargeTextReadsAsItsRepeatedBlock) {
  std::string block =
      "plain,\"a, quoted\",\"say \"\"hi\"\"\"\r\n"
      "Söderköping,\"two\r\nlines\",x\n";
  std::string long_field;
  for (int i = 0; i < 40; ++i)
    long_field += "part " + std::to_string(i) + ", still \"\"quoted\"\"\n";
  block += "z,\"" + long_field + "\",end\n";
  CsvTable one;
  std::vector<Problem> problems;
  ASSERT_TRUE(parse_csv(block, "block.csv", &one, &problems));
  ASSERT_EQ(one.rows.size(), 3u);
  EXPECT_EQ(one.rows[1].fields[1].value, "two\r\nlines");
  EXPECT_EQ(one.rows[1].fields[1].column, 13u);  // "Söderköping" is 11 characters, 13 bytes
  EXPECT_EQ(one.rows[1].fields[2].line, 3u);
  EXPECT_EQ(one.rows[1].fields[2].column, 8u);
  const uint32_t block_lines = static_cast<uint32_t>(std::count(block.begin(), block.end(), '\n'));

  const size_t copies = (3u << 20) / block.size() + 1;
  std::string text;
  for (size_t i = 0; i < copies; ++i) text += block;
  CsvTable all;
  ASSERT_TRUE(parse_csv(text, "big.csv", &all, &problems));
  ASSERT_EQ(all.rows.size(), copies * 3);
  for (size_t r = 0; r < all.rows.size(); ++r) {
    const CsvRow& want = one.rows[r % 3];
    const CsvRow& got = all.rows[r];
    const uint32_t shift = static_cast<uint32_t>(r / 3) * block_lines;
    ASSERT_EQ(got.line, want.line + shift) << "row " << r;
    ASSERT_EQ(got.end_column, want.end_column) << "row " << r;
    ASSERT_EQ(got.fields.size(), want.fields.size()) << "row " << r;
    for (size_t f = 0; f < want.fields.size(); ++f) {
      ASSERT_EQ(got.fields[f].value, want.fields[f].value) << "row " << r;
      ASSERT_EQ(got.fields[f].line, want.fields[f].line + shift) << "row " << r;
      ASSERT_EQ(got.fields[f].column, want.fields[f].column) << "row " << r;
    }
  }
  // The table's views survive a move.
  CsvTable moved = std::move(all);
  EXPECT_EQ(moved.rows.back().fields[2].value, "end");

  // One stray quote near the end: reported at its line and column, as a reading from the start
  // would, and the rows after it still read.
  const uint32_t bad_line = static_cast<uint32_t>(copies) * block_lines + 1;
  text += "fine,row,here\nstray,q\"uote,x\nlast,row,read\n";
  CsvTable broken;
  problems.clear();
  EXPECT_FALSE(parse_csv(text, "big.csv", &broken, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, bad_line + 1);
  EXPECT_EQ(problems[0].column, 8u);
  ASSERT_EQ(broken.rows.size(), copies * 3 + 2);
  EXPECT_EQ(broken.rows.back().fields[0].value, "last");
  EXPECT_EQ(broken.rows.back().line, bad_line + 2);
}

// Everything a parse gives, as text: rows with their positions and fields, then the problems.
std::string dump(const CsvTable& t, const std::vector<Problem>& problems, bool ok) {
  std::string out = ok ? "ok\n" : "problems\n";
  for (const CsvRow& r : t.rows) {
    out += std::to_string(r.line) + ":" + std::to_string(r.end_column) + " |";
    for (const CsvField& f : r.fields)
      out += " " + std::to_string(f.line) + ":" + std::to_string(f.column) + "=[" +
             std::string(f.value) + "]";
    out += "\n";
  }
  for (const Problem& p : problems) out += p.to_string() + "\n";
  return out;
}

// Random texts of every kind the reader meets — quoted fields with doubled quotes, commas and
// line ends (LF and CRLF) inside, blank lines, a byte order mark, non-ASCII letters, and now and
// then a stray quote, a NUL or a byte that is not UTF-8 — read whole and cut into 2 to 7
// stretches: the same rows, positions and problems every time.
TEST(CsvReader, CutIntoStretchesATextReadsAsWhole) {
  const char* pieces[] = {"plain",
                          "",
                          "Söder köping",
                          "\"quoted, with comma\"",
                          "\"say \"\"hi\"\"\"",
                          "\"two\nlines\"",
                          "\"crlf\r\ninside\"",
                          "\"\"",
                          "12.5",
                          "x y z",
                          "\"\n\"",
                          "\"a\"\"\nb\"\"\"",
                          "é"};
  const char* rare[] = {"st\"ray", "nul\0byte", "bad\xFFutf8", "\"never closed", "\"q\"after"};
  for (unsigned seed = 0; seed < 400; ++seed) {
    std::mt19937 rng(seed);
    std::string text = seed % 5 == 0 ? "\xEF\xBB\xBF" : "";
    const int rows = 20 + static_cast<int>(rng() % 200);
    for (int r = 0; r < rows; ++r) {
      if (rng() % 23 == 0) {
        text += rng() % 2 ? "\n" : "\r\n";
        continue;
      }  // a blank line
      const int fields = 1 + static_cast<int>(rng() % 5);
      for (int f = 0; f < fields; ++f) {
        if (f) text += ",";
        if (seed % 3 == 0 && rng() % 97 == 0) {
          const char* bad = rare[rng() % 5];
          text.append(bad, std::strlen(bad) + (std::string_view(bad).find("nul") == 0 ? 5 : 0));
        } else {
          text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        }
      }
      if (r + 1 < rows || seed % 4) text += rng() % 3 ? "\n" : "\r\n";
    }
    CsvLimits whole;
    whole.parallel_from = SIZE_MAX;
    CsvTable one;
    std::vector<Problem> one_problems;
    const bool one_ok = parse_csv(text, "t.csv", &one, &one_problems, whole);
    const std::string want = dump(one, one_problems, one_ok);
    for (size_t stretches = 2; stretches <= 7; ++stretches) {
      CsvLimits cut;
      cut.parallel_from = 0;
      cut.stretches = stretches;
      CsvTable got;
      std::vector<Problem> got_problems;
      const bool got_ok = parse_csv(text, "t.csv", &got, &got_problems, cut);
      ASSERT_EQ(dump(got, got_problems, got_ok), want)
          << "seed " << seed << ", " << stretches << " stretches";
    }
  }
}

// Rows are interpreted on every core in chunks, a wave of them while the wave before is settled;
// problems still come in row order, each row's in field order, a tie id's duplicate after the rest
// of its row, and the cap counts them in order. (80,000 rows: several waves on any machine.)
TEST(GovnetCsv, ProblemsOfManyRowsComeInRowOrder) {
  std::string actors = "key,name,kind\n";
  for (int i = 0; i < 50; ++i)
    actors += "A" + std::to_string(i) + ",Actor " + std::to_string(i) + ",state\n";
  std::string ties = "id,from,to,family,start\n";
  std::vector<std::string> want;
  for (int i = 0; i < 80000; ++i) {
    const uint32_t line = static_cast<uint32_t>(i) + 2;
    std::string id = "t" + std::to_string(i), from = "A" + std::to_string(i % 50),
                to = "A" + std::to_string((i + 1) % 50), start = "2001";
    if (i == 9000 || i == 71000) id = "t17";  // the first use of t17 is row 17
    if (i == 40001) from = "Nobody";
    if (i == 40001 || i == 71000) start = "2001-13";
    auto at = [&](size_t column) {
      want.push_back("ties.csv:" + std::to_string(line) + ":" + std::to_string(column));
    };
    if (from == "Nobody") at(id.size() + 2);
    if (start != "2001") at(id.size() + from.size() + to.size() + 3 + 12 + 1);
    if (id == "t17" && i != 17) at(1);
    ties += id + "," + from + "," + to + ",cooperation," + start + "\n";
  }
  CsvImportResult r = read_govnet_csv(std::vector<CsvBuffer>{{"actors.csv", actors, std::nullopt},
                                                             {"ties.csv", ties, std::nullopt}},
                                      {});
  EXPECT_EQ(located(r), want);
  ASSERT_EQ(r.problems.size(), 5u);
  EXPECT_NE(r.problems[1].message.find("unknown actor 'Nobody'"), std::string::npos)
      << r.problems[1].message;
  EXPECT_NE(r.problems[4].message.find("duplicate tie id 't17'"), std::string::npos)
      << r.problems[4].message;
  EXPECT_TRUE(r.network.ties.empty());
  // With a cap of 3, the first three in row order.
  CsvImportOptions capped;
  capped.max_problems = 3;
  r = read_govnet_csv(std::vector<CsvBuffer>{{"actors.csv", actors, std::nullopt},
                                             {"ties.csv", ties, std::nullopt}},
                      capped);
  EXPECT_EQ(located(r), std::vector<std::string>(want.begin(), want.begin() + 3));
  EXPECT_TRUE(r.truncated);
}

TEST(GovnetCsv, ReadsValidFilesWithEveryField) {
  auto r =
      read({"valid_actors.csv", "valid_instruments.csv", "valid_ties.csv", "valid_evidence.csv"});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.actors.size(), 2u);
  const Actor& mda = r.network.actors[0];
  EXPECT_EQ(mda.name, "Moldova, Republic of");
  EXPECT_EQ(mda.aliases, (std::vector<std::string>{"Moldova", "RM"}));
  EXPECT_EQ(mda.iso3, "MDA");
  ASSERT_EQ(mda.attributes.size(), 1u);
  EXPECT_EQ(mda.attributes[0].second, "says \"hello\"\r\nacross lines");  // CRLF file: as written
  ASSERT_EQ(mda.evidence.size(), 1u);                                     // from evidence.csv
  ASSERT_EQ(r.network.ties.size(), 2u);
  const Tie& t1 = r.network.ties[0];
  EXPECT_TRUE(t1.to_instrument);
  EXPECT_TRUE(t1.directed);
  EXPECT_EQ(t1.amount, 1500000.0);
  EXPECT_EQ(t1.currency, "EUR");
  EXPECT_EQ(t1.spells.hull().start->to_string(), "2009-05");
  ASSERT_EQ(t1.evidence.size(), 1u);
  EXPECT_EQ(t1.evidence[0].quote, "The IOM supports a project");
  ASSERT_EQ(r.network.ties[1].evidence.size(), 1u);
  EXPECT_EQ(r.network.ties[1].evidence[0].locator, "s. 5");
  EXPECT_EQ(r.content_hash.size(), 16u);
}

// The content hash tells a changed byte anywhere in a file of several blocks, and where one file
// ends and the next begins.
TEST(GovnetCsv, ContentHashTellsAnyChangedByteAndTheFilesBoundaries) {
  std::string text;
  for (int i = 0; text.size() < (3u << 20) + 17; ++i)
    text += "A" + std::to_string(i) + ",I" + std::to_string(i % 977) + ",agreement\n";
  const std::string original = content_hash({text});
  EXPECT_EQ(original.size(), 16u);
  EXPECT_EQ(content_hash({text}), original);
  std::set<std::string> seen{original};
  for (size_t at : {size_t{0}, size_t{1}, size_t{31}, size_t{32}, (size_t{1} << 20) - 1,
                    size_t{1} << 20, (size_t{5} << 19) + 3, text.size() - 1}) {
    std::string changed = text;
    changed[at] ^= 0x20;
    EXPECT_TRUE(seen.insert(content_hash({changed})).second) << "byte " << at;
  }
  EXPECT_TRUE(seen.insert(content_hash({text.substr(0, 100), text.substr(100)})).second);
  EXPECT_TRUE(seen.insert(content_hash({text.substr(0, 101), text.substr(101)})).second);
  EXPECT_TRUE(seen.insert(content_hash({text, ""})).second);
}

TEST(GovnetCsv, ReportsEveryProblemWithItsPosition) {
  auto r = read({"bad_actors.csv"});
  EXPECT_EQ(located(r), (std::vector<std::string>{"bad_actors.csv:3:23", "bad_actors.csv:4:1",
                                                  "bad_actors.csv:5:19", "bad_actors.csv:6:10"}));
  EXPECT_NE(r.problems[0].message.find("unknown actor kind 'intl_org'; expected one of: state,"),
            std::string::npos);
  EXPECT_NE(r.problems[1].message.find("duplicate key 'MDA'"), std::string::npos);
  EXPECT_NE(r.problems[1].message.find("bad_actors.csv:2"), std::string::npos);
  EXPECT_NE(r.problems[3].message.find("2 fields but the header has 4"), std::string::npos);
  EXPECT_TRUE(r.network.actors.empty());  // nothing usable comes out of a file with problems

  r = read({"bad_instruments.csv"});
  EXPECT_EQ(located(r),
            (std::vector<std::string>{"bad_instruments.csv:2:41", "bad_instruments.csv:3:35",
                                      "bad_instruments.csv:4:32"}));
  EXPECT_NE(r.problems[0].message.find("day 30 does not exist in 2009-02"), std::string::npos);
  EXPECT_NE(r.problems[1].message.find("end 2008 is before start 2010"), std::string::npos);
  EXPECT_NE(r.problems[2].message.find("unknown status 'ratified'"), std::string::npos);

  r = read({"valid_actors.csv", "valid_instruments.csv", "bad_ties.csv"});
  EXPECT_EQ(located(r), (std::vector<std::string>{"bad_ties.csv:2:5", "bad_ties.csv:3:9",
                                                  "bad_ties.csv:4:20"}));
  EXPECT_NE(r.problems[0].message.find("unknown actor or instrument 'NOWHERE'"), std::string::npos);
  EXPECT_NE(r.problems[1].message.find("unknown relation family 'fundingg'"), std::string::npos);
  EXPECT_NE(r.problems[2].message.find("without thousands separators"), std::string::npos);
}

TEST(GovnetCsv, StructuralProblems) {
  auto r = read({"missing_column.csv"}, {});
  // Named "missing_column.csv": its kind comes from the header (key, no dates: actors).
  EXPECT_EQ(located(r), (std::vector<std::string>{"missing_column.csv:1:1"}));
  EXPECT_NE(r.problems[0].message.find("missing required column 'name'"), std::string::npos);
  r = read({"unterminated_quote.csv"});
  EXPECT_EQ(located(r), (std::vector<std::string>{"unterminated_quote.csv:3:3"}));
  r = read({"stray_quote.csv"});
  EXPECT_EQ(located(r), (std::vector<std::string>{"stray_quote.csv:2:6"}));
  r = read({"latin1.csv"});
  EXPECT_EQ(located(r), (std::vector<std::string>{"latin1.csv:2:6"}));
  EXPECT_NE(r.problems[0].message.find("Latin-1"), std::string::npos);
}

TEST(GovnetCsv, ReferencesResolveAgainstTheStoreAndCapProblems) {
  CsvImportOptions o;
  o.existing = [](const std::string& key) {
    return key == "NOWHERE" ? std::optional(NodeType::kActor) : std::nullopt;
  };
  auto r = read({"valid_actors.csv", "valid_instruments.csv", "bad_ties.csv"}, o);
  EXPECT_EQ(located(r), (std::vector<std::string>{"bad_ties.csv:3:9", "bad_ties.csv:4:20"}));
  o.max_problems = 1;
  r = read({"valid_actors.csv", "valid_instruments.csv", "bad_ties.csv"}, o);
  EXPECT_EQ(r.problems.size(), 1u);
  EXPECT_TRUE(r.truncated);
  // A key the store already holds cannot be defined again.
  CsvImportOptions taken;
  taken.existing = [](const std::string& key) {
    return key == "IOM" ? std::optional(NodeType::kActor) : std::nullopt;
  };
  r = read({"valid_actors.csv"}, taken);
  EXPECT_EQ(located(r), (std::vector<std::string>{"valid_actors.csv:4:1"}));
}

// A line break typed inside a cell (Excel on Windows saves CRLF) stays in the name as written;
// a carriage return on its own is a control character and is refused at its place.
TEST(GovnetCsv, CrlfInsideAQuotedNameIsText) {
  const std::string actors = "key,name,kind\r\nSDN,\"Sudan\r\n(Republic of)\",state\r\n";
  auto r = read_govnet_csv(std::vector<CsvBuffer>{{"actors.csv", actors, std::nullopt}}, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.actors.size(), 1u);
  EXPECT_EQ(r.network.actors[0].name, "Sudan\r\n(Republic of)");
  const std::string lone = "key,name,kind\nSDN,\"Sudan\r(Republic of)\",state\n";
  r = read_govnet_csv(std::vector<CsvBuffer>{{"actors.csv", lone, std::nullopt}}, {});
  EXPECT_EQ(located(r), (std::vector<std::string>{"actors.csv:2:5"}));
  EXPECT_NE(r.problems[0].message.find("U+000D"), std::string::npos) << r.problems[0].message;
}

}  // namespace
}  // namespace govnet
