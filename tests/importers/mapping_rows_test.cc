// Mapping options for real tables: row filters (`where`), fallback columns and value cleaning.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "govnet/govnet_csv.h"
#include "govnet/mapping.h"

namespace govnet {
namespace {

const std::string kMappings = std::string(GOVNET_SOURCE_DIR) + "/samples/mappings/";

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

MappingImportResult run_sample(const std::string& name) {
  MappingImportOptions o;
  o.resolver.create_missing = true;
  return import_with_mapping(name + ".toml", slurp(kMappings + name + ".toml"), name + ".csv",
                             slurp(kMappings + name + ".csv"), o);
}

TEST(MappingRows, TreatyActionsFilteredCleanedAndDatedFromFallbacks) {
  MappingImportResult r = run_sample("treaty-actions");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  // 7 rows, 2 with no action: 5 ties, from the states the cleaned names give.
  ASSERT_EQ(r.network.ties.size(), 5u);
  const std::vector<std::string> from = {"SEN", "MAR", "MLI", "CIV", "GHA"};
  for (size_t i = 0; i < from.size(); ++i) EXPECT_EQ(r.network.ties[i].from, from[i]);
  EXPECT_EQ(r.report.skipped, 2u);
  bool noted = false;
  for (const auto& n : r.report.notes)
    noted |= n.to_string() == "treaty-actions.csv: 2 of 7 row(s) left out by the mapping's 'where'";
  EXPECT_TRUE(noted);
  // Côte d'Ivoire's action date is "?" (dropped): the signature date is used.
  const Tie& civ = r.network.ties[3];
  EXPECT_EQ(civ.role, "signatory");
  EXPECT_EQ(civ.status, Status::kSigned);
  ASSERT_TRUE(civ.spells.hull().start);
  EXPECT_EQ(civ.spells.hull().start->to_string(), "2004-09-15");
  // Morocco has both dates: the action's comes first.
  EXPECT_EQ(r.network.ties[1].spells.hull().start->to_string(), "1993-06-21");
  // Ghana's action date is empty: the signature date.
  EXPECT_EQ(r.network.ties[4].spells.hull().start->to_string(), "2000-09-07");
  EXPECT_EQ(r.network.ties[0].role, "party");
}

struct Case {
  const char* where;  // the `where` line
  std::vector<std::string> kept;
};

class Conditions : public ::testing::TestWithParam<Case> {};
TEST_P(Conditions, ChooseRows) {
  const std::string toml = std::string(GetParam().where) +
                           "\n[[ties]]\nfrom = { column = \"who\" }\nto = { column = \"with\" }\n";
  const std::string table = "who,with,action\nA,X,ratified\nB,X,No action\nC,X,\nD,X,signed 2001\n";
  MappingImportOptions o;
  o.resolver.create_missing = true;
  MappingImportResult r = import_with_mapping("m.toml", toml, "t.csv", table, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  std::vector<std::string> kept;
  for (const auto& t : r.network.ties) kept.push_back(t.from);
  EXPECT_EQ(kept, GetParam().kept) << GetParam().where;
}
INSTANTIATE_TEST_SUITE_P(
    Mapping, Conditions,
    ::testing::Values(
        Case{"where = [{ column = \"action\", equals = \"no ACTION\" }]", {"b"}},
        Case{"where = [{ column = \"action\", not_equals = \"no action\" }]", {"a", "c", "d"}},
        Case{"where = [{ column = \"action\", one_of = [\"ratified\", \"signed 2001\"] }]",
             {"a", "d"}},
        Case{"where = [{ column = \"action\", not_one_of = [\"no action\", \"\"] }]", {"a", "d"}},
        Case{"where = [{ column = \"action\", matches = '^(ratified|signed)' }]", {"a", "d"}},
        Case{"where = [{ column = \"action\", not_matches = '\\d{4}' }]", {"a", "b", "c"}},
        Case{"where = [{ column = \"action\", empty = true }]", {"c"}},
        Case{"where = [{ column = \"action\", empty = false }, { column = \"who\", not_equals = "
             "\"b\" }]",
             {"a", "d"}}));

TEST(MappingRows, CleaningReplacesAndDropsValues) {
  const char* toml =
      "[[ties]]\n"
      "from = { column = \"who\", replace = [['\\s*\\(.*\\)$', ''], ['^The ', '']] }\n"
      "to = { column = \"with\", split = \";\", drop = [\"n/a\", \"?\"] }\n"
      "amount = { column = [\"eur\", \"usd\"], drop = \"?\" }\n";
  const char* table = "who,with,eur,usd\nThe Gambia (observer),X; n/a; Y,?,12\nMali,?,5,\n";
  MappingImportOptions o;
  o.resolver.create_missing = true;
  MappingImportResult r = import_with_mapping("m.toml", toml, "t.csv", table, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.ties.size(), 2u);  // Mali's only partner is "?": no tie
  EXPECT_EQ(r.network.ties[0].from, "GMB");
  EXPECT_EQ(r.network.ties[0].to, "x");
  EXPECT_EQ(r.network.ties[1].to, "y");
  ASSERT_TRUE(r.network.ties[0].amount);
  EXPECT_EQ(*r.network.ties[0].amount, 12.0);  // eur is "?": the usd column
}

// A value taken from a fallback column is reported at that column, under its name.
TEST(MappingRows, AFallbackValueIsNotedAtItsOwnColumn) {
  const char* toml =
      "[[ties]]\nfrom = { column = \"who\" }\nto = { column = \"with\" }\n"
      "start = { column = [\"date\", \"year\"] }\n";
  const char* table = "who,with,date,year\nMali,Rabat Process,,around 2006\n";
  MappingImportOptions o;
  o.resolver.create_missing = true;
  MappingImportResult r = import_with_mapping("m.toml", toml, "t.csv", table, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.report.notes.size(), 3u);  // two created actors, then the date
  EXPECT_EQ(r.report.notes[2].to_string(),
            "t.csv:2:21: 'around 2006' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD; "
            "give the column's format, e.g. format = \"DD/MM/YYYY\"; kept as the text attribute "
            "'year'");
  ASSERT_EQ(r.network.ties.size(), 1u);
  EXPECT_EQ(r.network.ties[0].attributes, (Attributes{{"year", "around 2006"}}));
}

TEST(MappingRows, BadConditionsFailAtTheirPosition) {
  struct Bad {
    const char* toml;
    const char* says;
  };
  for (const Bad& b : {
           Bad{"where = [{ column = \"who\", matches = \"(\" }]\n",
               "m.toml:1:38: 'where.matches' "
               "is not a regular expression"},
           Bad{"where = [{ column = \"who\", equals = \"a\", empty = true }]\n",
               "m.toml:1:10: a condition of 'where' needs exactly one test"},
           Bad{"where = [{ column = \"nope\", empty = true }]\n",
               "m.toml:1:10: column 'nope' is not in the table's header (who, with)"},
           Bad{"where = [{ column = \"who\", like = \"a\" }]\n",
               "m.toml:1:35: unknown setting 'like'"},
       }) {
    std::string toml = std::string(b.toml) +
                       "[[ties]]\nfrom = { column = \"who\" }\nto = { "
                       "column = \"with\" }\n";
    MappingImportResult r = import_with_mapping("m.toml", toml, "t.csv", "who,with\nA,B\n", {});
    ASSERT_FALSE(r.problems.empty()) << b.toml;
    EXPECT_EQ(r.problems[0].to_string().substr(0, std::string(b.says).size()), b.says);
  }
}

}  // namespace
}  // namespace govnet
