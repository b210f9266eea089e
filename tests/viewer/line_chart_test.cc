// The line chart's layout, measured with a fixed-width font: rounded ticks that cover the
// values, a segment only between neighbouring values, a marker per value, dates left to right
// and larger values higher.
#include "govnet/line_chart.h"

#include <gtest/gtest.h>

namespace govnet::viewer {
namespace {

Vec2 fixed_width(const std::string& text, float px) {
  return {0.6f * px * static_cast<float>(text.size()), 1.2f * px};
}

Date year(int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; }

void expect_ticks(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << i;
}

TEST(NiceTicks, MultiplesOfOneTwoOrFiveCoveringTheRange) {
  expect_ticks(nice_ticks(0, 0.47, 6), {0, 0.1, 0.2, 0.3, 0.4, 0.5});
  expect_ticks(nice_ticks(-0.21, 0.84, 6), {-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1.0});
  expect_ticks(nice_ticks(0, 126, 6), {0, 50, 100, 150});
  expect_ticks(nice_ticks(3, 3, 6), {3, 3.2, 3.4, 3.6, 3.8, 4});
}

TEST(LineChart, SegmentsOnlyBetweenNeighbouringValuesAndAMarkerPerValue) {
  LineChart c;
  c.dates = {year(2000), year(2001), year(2002)};
  c.series = {{"A", {1.0, std::nullopt, 3.0}}, {"B", {2.0, 2.0, 2.0}}};
  c.title = "t";
  const DrawList d = build_line_chart(c, {}, fixed_width);
  ASSERT_EQ(d.nodes.size(), 5u);
  // A's markers at 2000 and 2002, then B's three.
  const auto& a0 = d.nodes[0].center;
  const auto& a2 = d.nodes[1].center;
  EXPECT_LT(a0.x, a2.x);
  EXPECT_GT(a0.y, a2.y);  // 3 is higher on the page than 1
  EXPECT_FLOAT_EQ(d.nodes[2].center.y, d.nodes[3].center.y);
  EXPECT_FLOAT_EQ(d.nodes[2].center.x, a0.x);
  EXPECT_FLOAT_EQ(d.nodes[4].center.x, a2.x);
  EXPECT_FALSE(d.nodes[0].fill == d.nodes[2].fill);
  // Series segments are the links 2 units wide: B's two, none of A's across its gap.
  size_t segments = 0;
  for (const DrawLink& l : d.links) segments += l.width == 2.0f;
  EXPECT_EQ(segments, 2u);
  // The y ticks 0, 0.5 ... 3: the top tick's label sits at the height of A's 3.
  bool top_tick = false;
  for (const DrawLabel& l : d.labels)
    if (l.text == "3.0") top_tick = std::abs(l.box.y + l.box.h / 2 - a2.y) < 0.01f;
  EXPECT_TRUE(top_tick);
  ASSERT_EQ(d.legend_items.size(), 2u);
  EXPECT_EQ(d.legend_items[0].text, "A");
  EXPECT_TRUE(d.legend_items[1].color == d.nodes[2].fill);
  for (const DrawNode& n : d.nodes) {
    EXPECT_GT(n.center.x, 0);
    EXPECT_LT(n.center.x, d.legend.x);
    EXPECT_LT(n.center.y, d.height);
  }
}

TEST(LineChart, MoreSeriesThanColoursSaySo) {
  LineChart c;
  c.dates = {year(2000), year(2001)};
  for (int i = 0; i < 12; ++i) c.series.push_back({"s" + std::to_string(i), {1.0 * i, 2.0 * i}});
  const DrawList d = build_line_chart(c, {}, fixed_width);
  ASSERT_EQ(d.legend_items.size(), 13u);
  EXPECT_EQ(d.legend_items.back().text, "(colours repeat)");
  EXPECT_TRUE(d.nodes[0].fill == d.nodes[20].fill);  // series 0 and 10
}

}  // namespace
}  // namespace govnet::viewer
