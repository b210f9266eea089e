#include "govnet/component_packing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_graphs.h"

namespace govnet {
namespace {

// One component of 200 vertices (a ring with chords) and 30 pairs.
Network big_and_small() {
  std::vector<std::pair<std::string, std::string>> edges;
  for (int i = 0; i < 200; ++i) {
    edges.emplace_back(std::to_string(i), std::to_string((i + 1) % 200));
    if (i % 7 == 0) edges.emplace_back(std::to_string(i), std::to_string((i * 13 + 5) % 200));
  }
  for (int p = 0; p < 30; ++p)
    edges.emplace_back(std::to_string(200 + 2 * p), std::to_string(201 + 2 * p));
  return testing::network_of(testing::numbered(260), edges);
}

struct Extent {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(Vec2 p) {
    x0 = std::min<double>(x0, p.x);
    x1 = std::max<double>(x1, p.x);
    y0 = std::min<double>(y0, p.y);
    y1 = std::max<double>(y1, p.y);
  }
};

// The share of a width x height frame's width and of its height that the largest component
// takes when every vertex is fitted into the frame.
std::pair<double, double> main_share(const AnalysisGraph& g, const std::vector<Vec2>& pos,
                                     double width, double height) {
  std::vector<uint32_t> comp = component_ids(g);
  std::vector<uint32_t> size(*std::max_element(comp.begin(), comp.end()) + 1, 0);
  for (uint32_t c : comp) ++size[c];
  const uint32_t biggest = std::max_element(size.begin(), size.end()) - size.begin();
  Extent all, main;
  for (uint32_t v = 0; v < pos.size(); ++v) {
    all.add(pos[v]);
    if (comp[v] == biggest) main.add(pos[v]);
  }
  const double zoom = std::min(width / (all.x1 - all.x0), height / (all.y1 - all.y0));
  return {(main.x1 - main.x0) * zoom / width, (main.y1 - main.y0) * zoom / height};
}

class PackedLayouts : public ::testing::TestWithParam<LayoutKind> {};

TEST_P(PackedLayouts, TheLargestComponentFillsHalfTheFrame) {
  auto g = testing::build_view(big_and_small());
  LayoutOptions o;
  o.kind = GetParam();
  o.seed = 3;
  Layout layout(g, o);
  layout.run(100000);
  ASSERT_TRUE(layout.converged());
  for (auto [w, h] : {std::pair{1600.0, 1000.0}, {1000.0, 1000.0}, {800.0, 1200.0}}) {
    auto [sx, sy] = main_share(g, layout.positions(), w, h);
    EXPECT_GE(std::max(sx, sy), 0.5)
        << w << "x" << h << ": " << sx << " of the width, " << sy << " of the height";
  }
  // Deterministic for a seed.
  Layout again(g, o);
  again.run(100000);
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(again.positions()[v].x, layout.positions()[v].x);
    EXPECT_EQ(again.positions()[v].y, layout.positions()[v].y);
  }
}

INSTANTIATE_TEST_SUITE_P(AllKinds, PackedLayouts,
                         ::testing::Values(LayoutKind::kForceAtlas2,
                                           LayoutKind::kFruchtermanReingold,
                                           LayoutKind::kCircular));

TEST(ComponentPacking, ComponentsMoveWholeAndDoNotOverlap) {
  auto g = testing::build_view(big_and_small());
  Layout layout(g, {});
  layout.run(100000);
  const auto& pos = layout.positions();
  std::vector<uint32_t> comp = component_ids(g);
  std::vector<Extent> box(*std::max_element(comp.begin(), comp.end()) + 1);
  for (uint32_t v = 0; v < pos.size(); ++v) box[comp[v]].add(pos[v]);
  for (size_t a = 0; a < box.size(); ++a)
    for (size_t b = a + 1; b < box.size(); ++b) {
      bool overlap = box[a].x0 < box[b].x1 && box[b].x0 < box[a].x1 && box[a].y0 < box[b].y1 &&
                     box[b].y0 < box[a].y1;
      EXPECT_FALSE(overlap) << "components " << a << " and " << b;
    }
  // Pinned vertices keep the layout as it is.
  std::vector<Vec2> before = pos;
  std::vector<char> pinned(pos.size(), 0);
  pinned[0] = 1;
  std::vector<Vec2> moved = before;
  for (Vec2& p : moved) p.x += 1000;
  std::vector<Vec2> kept = moved;
  pack_components(comp, pinned, &kept);
  for (uint32_t v = 0; v < kept.size(); ++v) EXPECT_EQ(kept[v].x, moved[v].x);
}

}  // namespace
}  // namespace govnet
