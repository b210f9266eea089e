// The draw list without a window: framing at other sizes and aspects, and label placement.
#include "govnet/draw_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sample_network.h"

namespace govnet::viewer {
namespace {

Network sample() { return testing::sample_network(); }

// A stand-in for the label font: 0.6 em a character, lines 1.2 em tall.
Vec2 measure(const std::string& s, float px) {
  size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return {0.6f * px * chars, 1.2f * px};
}

// The sample laid out, framed as a 1600x1000 window frames it, sized by betweenness.
ViewModel window_model() {
  ViewModel m(sample());
  EXPECT_TRUE(m.set_measure(Measure::kBetweenness, false, WeightKind::kNone));
  Layout layout(m.graph(), {});
  layout.run(100000);
  m.set_positions(layout.positions());
  m.set_viewport(1600, 1000);
  m.fit_to_screen(30);
  return m;
}

float distance_to_box(Vec2 p, const Box& b) {
  float dx = std::max({b.x - p.x, 0.f, p.x - (b.x + b.w)});
  float dy = std::max({b.y - p.y, 0.f, p.y - (b.y + b.h)});
  return std::hypot(dx, dy);
}

const DrawNode* node_of(const DrawList& d, uint32_t v) {
  for (const DrawNode& n : d.nodes)
    if (n.vertex == v) return &n;
  return nullptr;
}

class PageSizes : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(PageSizes, NodesKeepTheWindowsFramingLetterboxed) {
  ViewModel m = window_model();
  auto [w, h] = GetParam();
  FigureOptions o;
  o.width = w;
  o.height = h;
  DrawList d = build_draw_list(m, o, measure);
  const float fit = std::min(w / 1600.f, h / 1000.f);
  ASSERT_EQ(d.nodes.size(), m.graph().vertex_count());
  for (const DrawNode& n : d.nodes) {
    Vec2 s = m.camera().to_screen(m.positions()[n.vertex]);
    EXPECT_NEAR(n.center.x, (w - 1600 * fit) / 2 + s.x * fit, 1e-2);
    EXPECT_NEAR(n.center.y, (h - 1000 * fit) / 2 + s.y * fit, 1e-2);
    EXPECT_NEAR(n.radius, m.node_radius_px(n.vertex) * fit, 1e-3);
  }
}

TEST_P(PageSizes, LabelsSitBesideTheirOwnNodeOverNoOtherNodeOrLabelInsideTheFrame) {
  ViewModel m = window_model();
  auto [w, h] = GetParam();
  FigureOptions o;
  o.width = w;
  o.height = h;
  o.max_labels = 200;
  DrawList d = build_draw_list(m, o, measure);
  ASSERT_GT(d.labels.size(), 20u);
  const Box page{0, 0, static_cast<float>(w), static_cast<float>(h)};
  for (size_t i = 0; i < d.labels.size(); ++i) {
    const DrawLabel& l = d.labels[i];
    EXPECT_TRUE(l.box.inside(page)) << l.text;
    const DrawNode* own = node_of(d, l.vertex);
    ASSERT_NE(own, nullptr);
    // Beside its own node: within a few pixels of its rim.
    EXPECT_LE(distance_to_box(own->center, l.box), own->radius + 10 * d.unit) << l.text;
    // Over no other node, and nearer its own rim than any other's: it reads as its own node's.
    const float own_gap = distance_to_box(own->center, l.box) - own->radius;
    for (const DrawNode& n : d.nodes) {
      if (n.vertex == l.vertex) continue;
      EXPECT_GT(distance_to_box(n.center, l.box) - n.radius, own_gap)
          << l.text << " is as near " << m.display_name(n.vertex);
    }
    for (size_t j = i + 1; j < d.labels.size(); ++j)
      EXPECT_FALSE(l.box.intersects(d.labels[j].box)) << l.text << " / " << d.labels[j].text;
    EXPECT_FALSE(l.box.intersects(d.legend)) << l.text << " under the legend";
  }
}

TEST_P(PageSizes, TheMostCentralAreAlwaysLabelledAndTheCaptionCountsTheRest) {
  ViewModel m = window_model();
  auto [w, h] = GetParam();
  FigureOptions o;
  o.width = w;
  o.height = h;
  o.max_labels = 200;
  DrawList d = build_draw_list(m, o, measure);
  auto top = m.ranking();
  for (size_t i = 0; i < 5; ++i) {
    bool labelled = std::any_of(d.labels.begin(), d.labels.end(),
                                [&](const DrawLabel& l) { return l.vertex == top[i].vertex; });
    EXPECT_TRUE(labelled) << top[i].name << ", rank " << i + 1;
  }
  const size_t wanted = std::min<size_t>(200, m.graph().vertex_count());
  EXPECT_EQ(d.labels.size() + d.labels_dropped, wanted);
  if (d.labels_dropped > 0) {
    EXPECT_NE(d.caption.find(std::to_string(d.labels_dropped) + " of " + std::to_string(wanted) +
                             " labels"),
              std::string::npos)
        << d.caption;
  }
  for (const DrawLabel& l : d.labels) {
    size_t chars = measure(l.text, 1).x / 0.6f + 0.5f;
    EXPECT_LE(chars, 32u) << l.text;
    if (l.text != m.display_name(l.vertex) && l.text != m.key(l.vertex)) {
      EXPECT_EQ(l.text.substr(l.text.size() - 3), "\u2026");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ThreeAspects, PageSizes,
                         ::testing::Values(std::pair{2400, 1600}, std::pair{1000, 1000},
                                           std::pair{1600, 600}));

TEST(DrawList, ScaleGrowsTextNodesAndLinesTogether) {
  ViewModel m = window_model();
  FigureOptions o;
  DrawList one = build_draw_list(m, o, measure);
  o.scale = 2;
  DrawList two = build_draw_list(m, o, measure);
  EXPECT_FLOAT_EQ(two.font_px, 2 * one.font_px);
  EXPECT_FLOAT_EQ(two.nodes[0].radius, 2 * one.nodes[0].radius);
  EXPECT_FLOAT_EQ(two.links[0].width, 2 * one.links[0].width);
  EXPECT_FLOAT_EQ(two.legend.w, 2 * one.legend.w);
}

TEST(DrawList, LegendUsesHumanNamesAndCoversNoNodeBesideTheNetwork) {
  ViewModel m = window_model();
  FigureOptions o;
  m.fit_to_screen(40, legend_size(m, o, measure).x + o.legend_left, 0);
  DrawList d = build_draw_list(m, o, measure);
  bool eu = false;
  for (const auto& it : d.legend_items) {
    EXPECT_EQ(it.text.find('_'), std::string::npos) << it.text;
    eu |= it.text == "EU institution";
  }
  EXPECT_TRUE(eu);
  // What node size means: three reference discs, the largest as large as the largest node.
  std::vector<float> sizes;
  float largest = 0;
  for (const auto& it : d.legend_items)
    if (it.kind == DrawLegendItem::kSize) sizes.push_back(it.radius);
  for (const DrawNode& n : d.nodes) largest = std::max(largest, n.radius);
  ASSERT_EQ(sizes.size(), 3u);
  EXPECT_FLOAT_EQ(sizes[0], largest);
  EXPECT_GT(sizes[0], sizes[1]);
  EXPECT_GT(sizes[1], sizes[2]);
  for (const auto& it : d.legend_items) {
    Box swatch{it.swatch.x - it.radius, it.swatch.y - it.radius, 2 * it.radius, 2 * it.radius};
    EXPECT_TRUE(swatch.inside(d.legend)) << it.text;
  }
  for (const DrawNode& n : d.nodes)
    EXPECT_GE(distance_to_box(n.center, d.legend), n.radius) << m.display_name(n.vertex);
}

TEST(DrawList, LightThemeIsAWhitePageWithDarkText) {
  ViewModel m = window_model();
  m.set_theme(Theme::kLight);
  DrawList d = build_draw_list(m, {}, measure);
  EXPECT_EQ(d.background, (Color{1, 1, 1, 1}));
  EXPECT_LT(d.text.r + d.text.g + d.text.b, 0.5f);
}

TEST(DrawList, DirectedTiesGetArrowheads) {
  ViewModel m = window_model();
  ASSERT_TRUE(m.set_measure(Measure::kBetweenness, true, WeightKind::kNone));
  DrawList d = build_draw_list(m, {}, measure);
  EXPECT_TRUE(
      std::any_of(d.links.begin(), d.links.end(), [](const DrawLink& l) { return l.arrow > 0; }));
}

}  // namespace
}  // namespace govnet::viewer
