// The view model's exploration commands: the year the animation shows, the records starting
// each year, dated-only views, pins, link picking and neighbours, path links, ranks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "../core/test_graphs.h"
#include "sample_network.h"
#include "govnet/view_model.h"

namespace govnet::viewer {
namespace {

Network sample() { return testing::sample_network(); }

bool has_key(const ViewModel& m, const std::string& key) {
  for (uint32_t v = 0; v < m.graph().vertex_count(); ++v)
    if (m.key(v) == key) return true;
  return false;
}

// Play growth: the year shown is the year the view is as of, step by step, and the network
// drawn is the one of that year.
TEST(ViewModelTime, PlayGrowthShowsTheYearOfTheData) {
  ViewModel m(sample());
  auto [first, last] = m.year_range();
  EXPECT_FALSE(m.as_of_year());
  ViewModel reference(sample());
  for (int year = first; year <= last; ++year) {
    ASSERT_TRUE(m.play_step());
    ASSERT_EQ(m.as_of_year(), year);
    reference.set_time(year, year);
    EXPECT_EQ(m.graph().vertex_count(), reference.graph().vertex_count()) << year;
  }
  EXPECT_FALSE(m.play_step());
  EXPECT_EQ(m.as_of_year(), last);
  m.set_time(2005, 2010);  // a window is not one year
  EXPECT_FALSE(m.as_of_year());
}

// The strip under the slider: records (instruments and ties) by start year, as the sample's
// CSV files give them.
TEST(ViewModelTime, StartsPerYearCountsRecordsByTheirStart) {
  ViewModel m(sample());
  auto [first, last] = m.year_range();
  ASSERT_EQ(first, 1992);
  auto counts = m.starts_per_year();
  ASSERT_EQ(counts.size(), static_cast<size_t>(last - first + 1));
  EXPECT_EQ(counts[1992 - first], 2);
  EXPECT_EQ(counts[1996 - first], 11);
  EXPECT_EQ(counts[2003 - first], 0);
  EXPECT_EQ(counts[2009 - first], 16);
  EXPECT_EQ(counts[2016 - first], 3);
  int total = 0;
  for (int c : counts) total += c;
  EXPECT_EQ(total, 110);
}

// An undated record is present at every date unless the view is dated only; the animation
// keeps the choice.
TEST(ViewModelTime, DatedOnlyLeavesUndatedRecordsOutOfEveryYear) {
  ViewModel m(sample());
  ViewSpec s = m.spec();
  s.kind = ViewKind::kTwoMode;
  ASSERT_TRUE(m.set_spec(s));
  ASSERT_TRUE(m.play_step());  // the first year
  EXPECT_TRUE(has_key(m, "MP-MAR"));
  s = m.spec();
  s.dated_only = true;
  ASSERT_TRUE(m.set_spec(s));
  EXPECT_FALSE(has_key(m, "MP-MAR"));
  while (m.play_step()) EXPECT_FALSE(has_key(m, "MP-MAR")) << *m.as_of_year();
  EXPECT_TRUE(m.spec().dated_only);
}

TEST(ViewModelPins, PinUnpinAndUnpinAllSurviveAViewChange) {
  ViewModel m(testing::krackhardt_kite());
  m.pin(3, {1, 2});
  m.pin(7, {4, 5});
  EXPECT_EQ(std::count(m.pinned().begin(), m.pinned().end(), 1), 2);
  EXPECT_EQ(m.positions()[3].x, 1);
  ASSERT_TRUE(m.set_spec(m.spec()));  // a rebuild keeps the pins
  EXPECT_TRUE(m.pinned()[3] && m.pinned()[7]);
  m.unpin(3);
  EXPECT_FALSE(m.pinned()[3]);
  EXPECT_TRUE(m.pinned()[7]);
  auto saved = m.keyed_positions();
  EXPECT_EQ(std::count_if(saved.begin(), saved.end(), [](auto& p) { return p.pinned; }), 1);
  m.unpin_all();
  EXPECT_EQ(std::count(m.pinned().begin(), m.pinned().end(), 1), 0);
  EXPECT_EQ(m.positions()[7].y, 5);  // unpinning leaves the node where it is
}

// A click near an edge picks the nearest link within the tolerance, none farther away; the
// neighbours are the other ends of a vertex's links.
TEST(ViewModelLinks, PickLinkAndNeighbours) {
  ViewModel m(testing::krackhardt_kite());
  std::vector<Vec2> p(10);
  for (uint32_t v = 0; v < 10; ++v) p[v] = {static_cast<float>(v % 4) * 10, v / 4.0f * 10};
  // 8–9 is the kite's tail: put it apart from the rest.
  p[8] = {100, 0};
  p[9] = {100, 50};
  m.set_positions(p);
  m.set_viewport(800, 600);
  m.fit_to_screen();
  uint32_t tail = UINT32_MAX;
  for (uint32_t l = 0; l < m.graph().links().size(); ++l) {
    const Link& k = m.graph().links()[l];
    if (std::min(k.from, k.to) == 8 && std::max(k.from, k.to) == 9) tail = l;
  }
  ASSERT_NE(tail, UINT32_MAX);
  Vec2 a = m.camera().to_screen(p[8]), b = m.camera().to_screen(p[9]);
  Vec2 mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
  EXPECT_EQ(m.pick_link(mid.x + 3, mid.y, 5), tail);
  EXPECT_FALSE(m.pick_link(mid.x + 9, mid.y, 5));
  EXPECT_EQ(m.neighbours(9), std::vector<uint32_t>{8});
  EXPECT_EQ(m.neighbours(8), (std::vector<uint32_t>{7, 9}));
  m.select_link(tail);
  EXPECT_EQ(m.selected_link(), tail);
  ASSERT_TRUE(m.set_spec(m.spec()));  // a new view has other links
  EXPECT_FALSE(m.selected_link());
}

TEST(ViewModelPath, PathLinksJoinConsecutiveSteps) {
  ViewModel m(testing::krackhardt_kite());
  ASSERT_TRUE(m.select_path(0, 9));
  ASSERT_EQ(m.path_links().size(), m.path().size());
  EXPECT_EQ(m.path_links()[0], UINT32_MAX);
  for (size_t i = 1; i < m.path().size(); ++i) {
    const Link& l = m.graph().links()[m.path_links()[i]];
    EXPECT_EQ(std::min(l.from, l.to), std::min(m.path()[i - 1], m.path()[i]));
    EXPECT_EQ(std::max(l.from, l.to), std::max(m.path()[i - 1], m.path()[i]));
  }
  m.clear_focus();
  EXPECT_TRUE(m.path_links().empty());
}

// Sorted by name, each row keeps its rank by value.
TEST(ViewModelRanking, RowsKeepTheirRankWhenSortedByName) {
  ViewModel m(sample());
  ASSERT_TRUE(m.set_measure(Measure::kBetweenness, false, WeightKind::kNone));
  auto by_value = m.ranking();
  auto by_name = m.ranking(false, true);
  ASSERT_EQ(by_value.size(), by_name.size());
  for (size_t i = 0; i < by_value.size(); ++i) EXPECT_EQ(by_value[i].rank, static_cast<int>(i + 1));
  for (const RankRow& r : by_name) {
    auto it = std::find_if(by_value.begin(), by_value.end(),
                           [&](const RankRow& x) { return x.vertex == r.vertex; });
    EXPECT_EQ(r.rank, it - by_value.begin() + 1) << r.key;
  }
  EXPECT_EQ(
      std::find_if(by_name.begin(), by_name.end(), [](const RankRow& r) { return r.key == "IOM"; })
          ->rank,
      1);
}

}  // namespace
}  // namespace govnet::viewer
