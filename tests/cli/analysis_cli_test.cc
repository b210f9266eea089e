// End-to-end tests of the analysis commands (communities, brokerage, timeline, structural and
// two-mode measures in centrality) on the bundled sample.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

#include "cli_fixture.h"

namespace {

using govnet::testing::Cli;
using govnet::testing::Outcome;
using govnet::testing::slurp;
using govnet::testing::TempDir;

using nlohmann::json;

json parse(const Outcome& r) {
  EXPECT_EQ(r.code, 0) << r.err;
  return json::parse(r.out);
}

TEST_F(Cli, TimelineStepsAreTheSingleQueriesAtTheirDates) {
  load_sample();
  const json steps = parse(run("timeline --db " + db +
                               " --measure betweenness --view projection --from 2003 --to 2009 "
                               "--top 0 --format json"));
  std::map<std::string, std::map<std::string, double>> by_date;
  for (const auto& row : steps)
    if (row["value"].is_number()) by_date[row["date"]][row["key"]] = row["value"];
  ASSERT_EQ(by_date.size(), 7u);
  for (const char* year : {"2003", "2006", "2009"}) {
    const json at = parse(run("centrality --db " + db +
                              " --measure betweenness --view projection --top 0 --format json "
                              "--at " +
                              year));
    ASSERT_EQ(at.size(), by_date[year].size()) << year;
    for (const auto& row : at)
      EXPECT_DOUBLE_EQ(by_date[year].at(row["key"]), row["value"].get<double>())
          << year << " " << row["key"];
  }
  // A window: the 2009 step of a three-year window is the query --from 2007 --to 2009.
  const json windowed = parse(run("timeline --db " + db +
                                  " --measure degree --from 2009 --to 2009 --window 3y --top 0 "
                                  "--format json"));
  const json range = parse(run("centrality --db " + db +
                               " --measure degree --view direct --from 2007 --to 2009 --top 0 "
                               "--format json"));
  std::map<std::string, double> want;
  for (const auto& row : range) want[row["key"]] = row["value"];
  size_t seen = 0;
  for (const auto& row : windowed) {
    if (!row["value"].is_number()) continue;
    EXPECT_DOUBLE_EQ(want.at(row["key"]), row["value"].get<double>()) << row["key"];
    ++seen;
  }
  EXPECT_EQ(seen, want.size());
}

// timeline --network: each step's figures are the ones stats --structure gives for the view at
// that date.
TEST_F(Cli, TimelineNetworkFiguresAreStatsAtEachDate) {
  load_sample();
  const json steps =
      parse(run("timeline --db " + db + " --network --from 2003 --to 2009 --format json"));
  std::map<std::string, std::map<std::string, double>> by_date;
  for (const auto& row : steps) by_date[row["date"]][row["figure"]] = row["value"];
  ASSERT_EQ(by_date.size(), 7u);
  for (const char* year : {"2003", "2006", "2009"}) {
    const json stats =
        parse(run("stats --db " + db + " --structure --format json --at " + std::string(year)));
    const json& direct = stats["direct view"];
    ASSERT_EQ(by_date[year].size(), direct.size()) << year;
    for (const auto& [figure, value] : direct.items())
      EXPECT_NEAR(by_date[year].at(figure), value.get<double>(),
                  1e-9 * std::max(1.0, std::abs(value.get<double>())))
          << year << " " << figure;
  }
}

TEST_F(Cli, TimelineRefusesWhatItCannotDo) {
  load_sample();
  EXPECT_EQ(run("timeline --db " + db + " --at 2005").code, 2);
  EXPECT_EQ(run("timeline --db " + db + " --from 2005").code, 2);
  Outcome r = run("timeline --db " + db + " --from 2005 --to 2006 --step 1week");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("1y, 5y or 6m"), std::string::npos) << r.err;
  EXPECT_EQ(run("timeline --db " + db + " --from 2005 --to 2006 --measure constrain").code, 2);
}

TEST_F(Cli, BrokerageRowsAddUpToTheNetworkTotals) {
  load_sample();
  const json rows = parse(run("brokerage --db " + db + " --groups kind --top 0 --format json"));
  const json totals = parse(run("brokerage --db " + db + " --groups kind --network --format json"));
  std::map<std::string, double> sum;
  for (const auto& row : rows) {
    double roles = 0;
    for (const char* role :
         {"coordinator", "itinerant", "representative", "gatekeeper", "liaison"}) {
      sum[role] += row[role].get<double>();
      roles += row[role].get<double>();
    }
    EXPECT_DOUBLE_EQ(row["value"].get<double>(), roles) << row["key"];
    sum["total"] += roles;
  }
  ASSERT_EQ(totals.size(), 6u);
  for (const auto& t : totals) EXPECT_DOUBLE_EQ(t["count"].get<double>(), sum[t["role"]]) << t;
  EXPECT_GT(sum["total"], 0);
  // Ranked by total brokerage: the Regional Conference on Migration first.
  EXPECT_EQ(rows[0]["key"], "RCM");
  // One group: every brokered path is a coordinator's.
  const json one = parse(run("brokerage --db " + db +
                             " --groups attribute:no-such-attribute --network --format json"));
  EXPECT_DOUBLE_EQ(one[0]["count"].get<double>(), sum["total"]);
  EXPECT_DOUBLE_EQ(one[5]["count"].get<double>(), sum["total"]);
  EXPECT_EQ(run("brokerage --db " + db + " --groups colour").code, 2);
  EXPECT_EQ(run("brokerage --db " + db + " --view full").code, 2);
}

TEST_F(Cli, CommunitiesAreTheSameForASeed) {
  load_sample();
  for (const char* method : {"louvain", "leiden"}) {
    const std::string args =
        std::string("communities --db ") + db + " --method " + method + " --format json";
    const Outcome a = run(args), b = run(args);
    ASSERT_EQ(a.code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    const json j = json::parse(a.out);
    std::map<int, int> sizes;
    for (const auto& row : j) ++sizes[row["community"].get<int>()];
    for (const auto& row : j) EXPECT_EQ(row["size"].get<int>(), sizes[row["community"]]);
    EXPECT_GT(sizes.size(), 1u);
    EXPECT_NE(a.err.find("modularity"), std::string::npos);
  }
  EXPECT_EQ(run("communities --db " + db + " --method infomap").code, 2);
  EXPECT_EQ(run("communities --db " + db + " --resolution 0").code, 2);
}

// A saved partition is the grouping --groups community:NAME gives: the brokerage rows' groups
// are the communities the command printed, and stats' modularity of the groups is the
// modularity the communities were found with.
TEST_F(Cli, SavedPartitionsGroupBrokerageAndStats) {
  load_sample();
  const Outcome saved =
      run("communities --db " + db + " --method leiden --seed 3 --save blocs --format json");
  const json members = parse(saved);
  const size_t at = saved.err.find("modularity ");
  ASSERT_NE(at, std::string::npos) << saved.err;
  const double modularity = std::stod(saved.err.substr(at + 11));
  std::map<std::string, int> community;
  for (const auto& row : members) community[row["key"]] = row["community"].get<int>();
  const json brokers =
      parse(run("brokerage --db " + db + " --groups community:blocs --top 0 --format json"));
  ASSERT_EQ(brokers.size(), community.size());
  for (const auto& row : brokers)
    EXPECT_EQ(row["group"], "community " + std::to_string(community.at(row["key"]))) << row["key"];
  const Outcome stats = run("stats --db " + db + " --structure --groups community:blocs");
  ASSERT_EQ(stats.code, 0) << stats.err;
  const size_t direct = stats.out.find("direct view\n");
  const size_t m = stats.out.find("modularity of the groups", direct);
  ASSERT_NE(m, std::string::npos) << stats.out;
  EXPECT_NEAR(std::stod(stats.out.substr(m + 24)), modularity, 1e-9);

  const json list = parse(run("communities --db " + db + " --saved --format json"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "blocs");
  EXPECT_EQ(list[0]["method"], "leiden");
  EXPECT_EQ(list[0]["seed"], 3);
  EXPECT_EQ(list[0]["records"], community.size());

  const Outcome missing = run("brokerage --db " + db + " --groups community:nope");
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.err,
            "govnet: --groups community:nope: no saved partition 'nope' (saved: blocs)\n");
}

TEST_F(Cli, StructuralAndTwoModeMeasures) {
  load_sample();
  const json core = parse(
      run("centrality --db " + db + " --measure coreness --view direct --top 0 --format json"));
  for (const auto& row : core) {
    const double v = row["value"].get<double>();
    EXPECT_EQ(v, std::floor(v));
    EXPECT_GE(v, 1);  // the direct view holds actors with ties only
  }
  const json constraint = parse(
      run("centrality --db " + db + " --measure constraint --view direct --top 0 --format json"));
  for (const auto& row : constraint) {
    EXPECT_GT(row["value"].get<double>(), 0) << row["key"];
    EXPECT_LE(row["value"].get<double>(), 1.0 + 1e-12) << row["key"];  // <= 1 without weights
  }
  const json per_mode = parse(
      run("centrality --db " + db + " --measure degree --view two-mode --top 0 --format json"));
  const json raw = parse(run("centrality --db " + db +
                             " --measure degree --view two-mode --raw --top 0 --format json"));
  std::map<std::string, double> count;
  for (const auto& row : raw) count[row["key"]] = row["value"];
  size_t actors = 0, instruments = 0;
  for (const auto& row : raw) (row["type"] == "actor" ? actors : instruments)++;
  for (const auto& row : per_mode) {
    const double other = row["type"] == "actor" ? instruments : actors;
    // Outputs carry ten significant digits.
    EXPECT_NEAR(row["value"].get<double>(), count[row["key"]] / other, 1e-9) << row["key"];
  }
  EXPECT_EQ(run("centrality --db " + db + " --measure constraint --raw").code, 2);
}

}  // namespace
