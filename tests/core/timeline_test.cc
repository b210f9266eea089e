// Timelines: each step is the view a single `--at` (or `--from`/`--to`) query builds.
#include <gtest/gtest.h>

#include "govnet/centrality.h"
#include "govnet/timeline.h"
#include "test_graphs.h"

namespace govnet {
namespace {

Date year(int y) {
  Date d;
  d.year = static_cast<int16_t>(y);
  return d;
}

// Ties that start and end at different years, some open, some undated.
Network dated_network() {
  Network net = testing::network_of(testing::numbered(8), {{"0", "1"},
                                                           {"0", "2"},
                                                           {"1", "2"},
                                                           {"2", "3"},
                                                           {"3", "4"},
                                                           {"4", "5"},
                                                           {"5", "6"},
                                                           {"6", "7"},
                                                           {"0", "7"}});
  const int starts[] = {2000, 2002, 2004, 2001, 2006, 2003, 0, 2005, 2008};
  const int ends[] = {2003, 0, 2009, 2004, 0, 2005, 0, 2006, 0};
  for (size_t i = 0; i < net.ties.size(); ++i) {
    Period p;
    if (starts[i]) p.start = year(starts[i]);
    if (ends[i]) p.end = year(ends[i]);
    net.ties[i].spells = p;
  }
  return net;
}

std::vector<double> degree(const AnalysisGraph& g) {
  CentralityOptions o;
  o.measure = Measure::kDegree;
  return compute_centrality(g, o).values;
}

TEST(Timeline, EachStepIsTheSingleQueryAtItsDate) {
  const Network net = dated_network();
  ViewSpec base;
  base.kind = ViewKind::kDirect;
  TimelineOptions o;
  o.from = year(1999);
  o.to = year(2010);
  const auto steps =
      timeline(net, base, o, [](const AnalysisGraph& g, std::string*) { return degree(g); });
  ASSERT_EQ(steps.size(), 12u);
  for (const TimelineStep& step : steps) {
    ViewSpec at = base;
    at.from = at.to = step.at;
    std::string error;
    auto g = AnalysisGraph::build(net, at, &error);
    ASSERT_TRUE(g) << error;
    ASSERT_TRUE(step.error.empty()) << step.error;
    ASSERT_EQ(step.vertices.size(), g->vertex_count()) << step.at.to_string();
    const std::vector<double> want = degree(*g);
    for (uint32_t v = 0; v < g->vertex_count(); ++v) {
      EXPECT_EQ(step.vertices[v].index, g->vertex(v).index);
      EXPECT_DOUBLE_EQ(step.values[v], want[v]) << step.at.to_string() << " vertex " << v;
    }
  }
  // 1999: only the undated tie 5-6 is present; 2008: 0-2, 1-2, 3-4, 5-6 and 0-7 (0-1, 2-3, 4-5 and
  // 6-7 have ended).
  EXPECT_EQ(steps.front().links, 1u);
  EXPECT_EQ(steps[9].links, 5u);
}

TEST(Timeline, AWindowOverlapsTheYearsEndingWithTheStep) {
  const Network net = dated_network();
  ViewSpec base;
  base.kind = ViewKind::kDirect;
  base.dated_only = true;
  TimelineOptions o;
  o.from = year(2007);
  o.to = year(2008);
  o.window_months = 36;
  const auto steps =
      timeline(net, base, o, [](const AnalysisGraph& g, std::string*) { return degree(g); });
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].spec.from->year, 2005);
  EXPECT_EQ(steps[0].spec.to->year, 2007);
  // 2005-2007 overlaps 0-2, 1-2, 3-4, 4-5 and 6-7; not 0-1 (ended 2003), 2-3 (ended 2004) or
  // 0-7 (from 2008); the undated 5-6 is left out (dated only).
  EXPECT_EQ(steps[0].links, 5u);
}

TEST(Timeline, DatesByMonthsAndYears) {
  TimelineOptions o;
  o.from = year(2000);
  o.to = year(2003);
  EXPECT_EQ(timeline_dates(o).size(), 4u);
  o.step_months = 24;
  EXPECT_EQ(timeline_dates(o).size(), 2u);
  std::string error;
  o.from = *parse_date("2009-11", &error);
  o.to = *parse_date("2010-02", &error);
  o.step_months = 1;
  const auto months = timeline_dates(o);
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[2].to_string(), "2010-01");
  o.step_months = 0;
  EXPECT_TRUE(timeline_dates(o).empty());
}

TEST(Timeline, AFailingMeasureIsReportedPerStep) {
  const Network net = dated_network();
  TimelineOptions o;
  o.from = year(2000);
  o.to = year(2001);
  const auto steps = timeline(net, ViewSpec{}, o, [](const AnalysisGraph&, std::string* error) {
    *error = "no";
    return std::vector<double>{};
  });
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].error, "no");
  EXPECT_TRUE(steps[0].values.empty());
}

}  // namespace
}  // namespace govnet
