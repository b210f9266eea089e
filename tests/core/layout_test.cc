#include "govnet/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>

#include "quadtree.h"
#include "test_graphs.h"

namespace govnet {
namespace {

double dist(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Two 12-cliques joined by a single tie.
Network two_clusters() {
  std::vector<std::pair<std::string, std::string>> edges;
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 12; ++i)
      for (int j = i + 1; j < 12; ++j)
        edges.emplace_back(std::to_string(c * 12 + i), std::to_string(c * 12 + j));
  edges.emplace_back("0", "12");
  return testing::network_of(testing::numbered(24), edges);
}

class LayoutKinds : public ::testing::TestWithParam<LayoutKind> {};

TEST_P(LayoutKinds, SeparatesClustersAndStopsByItself) {
  auto g = testing::build_view(two_clusters());
  LayoutOptions o;
  o.kind = GetParam();
  o.seed = 7;
  Layout layout(g, o);
  int ran = layout.run(100000);
  EXPECT_TRUE(layout.converged());
  EXPECT_LT(ran, o.max_iterations) << "stopped only at the iteration cap";
  const auto& p = layout.positions();
  double inside = 0, across = 0;
  int ni = 0, na = 0;
  for (int i = 0; i < 24; ++i)
    for (int j = i + 1; j < 24; ++j) {
      bool same = (i < 12) == (j < 12);
      (same ? inside : across) += dist(p[i], p[j]);
      (same ? ni : na) += 1;
    }
  EXPECT_LT(inside / ni * 2, across / na) << "clusters are not apart";
}

INSTANTIATE_TEST_SUITE_P(ForceDirected, LayoutKinds,
                         ::testing::Values(LayoutKind::kForceAtlas2,
                                           LayoutKind::kFruchtermanReingold));

// Barnes–Hut accuracy: one ForceAtlas2 iteration from the same positions with theta = 1.2 against
// exact forces (theta near 0 opens every cell), on a 10k-vertex preferential-attachment graph.
// On this graph the classic per-point criterion at theta = 1.2 (measured by building with
// kLeafSize = 1 and no theta shrink) gives a median relative error of 0.1355 in the
// displacements; the leaf-group walk must do no worse (leaves of 16 without the shrink: 0.1495;
// leaves of 32 with it: 0.092).
TEST(Layout, ForcesAsCloseToExactAsClassicBarnesHut) {
  const int n = 10000;
  std::mt19937 rng(42);
  std::vector<std::pair<std::string, std::string>> edges;
  std::vector<int> ends;  // every edge end once: picking from it is preferential
  for (int v = 1; v < n; ++v)
    for (int k = 0; k < 3 && k < v; ++k) {
      int u = ends.empty() || rng() % 4 == 0 ? int(rng() % v) : ends[rng() % ends.size()];
      edges.emplace_back(std::to_string(v), std::to_string(u));
      ends.push_back(u);
      ends.push_back(v);
    }
  auto g = testing::build_view(testing::network_of(testing::numbered(n), edges));
  LayoutOptions o;
  Layout warm(g, o);
  warm.run(30);
  const std::vector<Vec2> start = warm.positions();
  auto one_step = [&](double theta) {
    LayoutOptions q = o;
    q.theta = theta;
    Layout l(g, q, start);
    l.step();
    return l.positions();
  };
  const auto exact = one_step(1e-6), approx = one_step(1.2);
  std::vector<double> error;
  for (size_t i = 0; i < start.size(); ++i) {
    const double ex = exact[i].x - start[i].x, ey = exact[i].y - start[i].y;
    const double ax = approx[i].x - start[i].x, ay = approx[i].y - start[i].y;
    if (std::hypot(ex, ey) > 0) error.push_back(std::hypot(ax - ex, ay - ey) / std::hypot(ex, ey));
  }
  ASSERT_GT(error.size(), size_t(n) / 2);
  std::nth_element(error.begin(), error.begin() + error.size() / 2, error.end());
  const double median = error[error.size() / 2];
  EXPECT_LT(median, 0.1355) << "median relative error of the approximated displacements";
  EXPECT_GT(median, 0.0) << "theta 1.2 should approximate something";
  std::cout << "median relative error: " << median << "\n";
}

// Every version of the repulsion kernel the processor can run (AVX-512, AVX2, plain) gives the
// sums of a double-precision reference, within float rounding, and the same count of bodies on
// each point — for body counts around the vector widths, and bodies exactly on a point.
TEST(Layout, RepulsionKernelsAgreeWithAReference) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-50, 50), m(1, 9);
  for (size_t bodies : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{15},
                        size_t{16}, size_t{17}, size_t{100}, size_t{1003}}) {
    const uint32_t points = 21;
    std::vector<float> px(points), py(points), bx(bodies), by(bodies), bm(bodies);
    for (uint32_t r = 0; r < points; ++r) {
      px[r] = u(rng);
      py[r] = u(rng);
    }
    for (size_t k = 0; k < bodies; ++k) {
      bx[k] = u(rng);
      by[k] = u(rng);
      bm[k] = m(rng);
    }
    for (size_t k = 0; k < bodies; k += 5) {
      bx[k] = px[k % points];
      by[k] = py[k % points];
    }  // on a point
    for (auto isa :
         {detail::KernelIsa::kPlain, detail::KernelIsa::kAvx2, detail::KernelIsa::kAvx512}) {
      std::vector<float> ox(points), oy(points);
      std::vector<int> oc(points);
      if (!detail::sum_repulsion_as(isa, px.data(), py.data(), points, bx.data(), by.data(),
                                    bm.data(), bodies, ox.data(), oy.data(), oc.data()))
        continue;  // not on this processor
      for (uint32_t r = 0; r < points; ++r) {
        double rx = 0, ry = 0, scale = 0;
        int coincident = 0;
        for (size_t k = 0; k < bodies; ++k) {
          const double dx = double(px[r]) - bx[k], dy = double(py[r]) - by[k],
                       d2 = dx * dx + dy * dy;
          if (d2 == 0) {
            ++coincident;
            continue;
          }
          rx += dx * bm[k] / d2;
          ry += dy * bm[k] / d2;
          scale += std::sqrt(d2) * bm[k] / d2;
        }
        const double tolerance = 1e-5 * scale + 1e-12;
        EXPECT_NEAR(ox[r], rx, tolerance)
            << "isa " << int(isa) << ", " << bodies << " bodies, point " << r;
        EXPECT_NEAR(oy[r], ry, tolerance)
            << "isa " << int(isa) << ", " << bodies << " bodies, point " << r;
        EXPECT_EQ(oc[r], coincident)
            << "isa " << int(isa) << ", " << bodies << " bodies, point " << r;
      }
    }
  }
}

TEST(Layout, SameSeedSamePictureWhateverTheThreads) {
  // Large enough (>= 2000 vertices) to use several threads.
  std::vector<std::pair<std::string, std::string>> edges;
  for (int i = 1; i < 3000; ++i)
    edges.emplace_back(std::to_string(i), std::to_string((i * 7919) % i));
  auto g = testing::build_view(testing::network_of(testing::numbered(3000), edges));
  LayoutOptions o;
  o.seed = 42;
  o.threads = 1;
  Layout a(g, o);
  a.run(40);
  o.threads = 2;
  Layout b(g, o);
  b.run(40);
  ASSERT_EQ(a.positions().size(), 3000u);
  for (size_t i = 0; i < 3000; ++i) {
    ASSERT_EQ(a.positions()[i].x, b.positions()[i].x) << i;
    ASSERT_EQ(a.positions()[i].y, b.positions()[i].y) << i;
  }
  o.seed = 43;
  Layout c(g, o);
  c.run(40);
  EXPECT_NE(a.positions()[5].x, c.positions()[5].x);
}

TEST(Layout, NeighborsEndCloserThanStrangers) {
  auto g = testing::build_view(testing::krackhardt_kite());
  Layout layout(g, {});
  layout.run(100000);
  const auto& p = layout.positions();
  double linked = 0, unlinked = 0;
  int nl = 0, nu = 0;
  for (uint32_t i = 0; i < 10; ++i)
    for (uint32_t j = i + 1; j < 10; ++j) {
      bool adjacent = false;
      for (const Link& l : g.links())
        adjacent |= (l.from == i && l.to == j) || (l.from == j && l.to == i);
      (adjacent ? linked : unlinked) += dist(p[i], p[j]);
      (adjacent ? nl : nu) += 1;
    }
  EXPECT_LT(linked / nl, unlinked / nu);
}

TEST(Layout, PinnedVerticesStayAndSavedPositionsAreKept) {
  auto g = testing::build_view(testing::krackhardt_kite());
  LayoutOptions o;
  Layout first(g, o);
  first.run(100000);
  // Restarting from converged positions moves (almost) nothing.
  Layout again(g, o, first.positions());
  again.step();
  double moved = 0;
  for (size_t i = 0; i < 10; ++i) moved += dist(first.positions()[i], again.positions()[i]);
  double scale = dist(first.positions()[0], first.positions()[9]);
  EXPECT_LT(moved / 10, scale * 0.05);
  // A pinned vertex does not move, and the layout wakes up around it.
  Layout pinned(g, o, first.positions());
  pinned.pin(9, {500.f, 500.f});
  pinned.wake();
  pinned.run(200);
  EXPECT_EQ(pinned.positions()[9].x, 500.f);
  EXPECT_EQ(pinned.positions()[9].y, 500.f);
  EXPECT_GT(pinned.positions()[8].x, first.positions()[8].x);  // its neighbour followed it
}

TEST(Layout, CircularAndEmpty) {
  auto g = testing::build_view(testing::krackhardt_kite());
  LayoutOptions o;
  o.kind = LayoutKind::kCircular;
  Layout c(g, o);
  EXPECT_TRUE(c.converged());
  double r0 = std::hypot(c.positions()[0].x, c.positions()[0].y);
  for (const Vec2& p : c.positions()) EXPECT_NEAR(std::hypot(p.x, p.y), r0, 1e-3);
  Layout empty(testing::build_view(Network{}), {});
  EXPECT_FALSE(empty.step());
}

}  // namespace
}  // namespace govnet

#include "govnet/community.h"

namespace govnet {
namespace {

TEST(Communities, TwoCliquesAreTwoCommunities) {
  auto g = testing::build_view(two_clusters());
  const Communities found = detect_communities(g);
  const std::vector<uint32_t>& c = found.membership;
  EXPECT_EQ(found.count(), 2u);
  for (int i = 1; i < 12; ++i) EXPECT_EQ(c[i], c[0]);
  for (int i = 13; i < 24; ++i) EXPECT_EQ(c[i], c[12]);
  EXPECT_NE(c[0], c[12]);
  // Isolated vertices are their own communities.
  auto iso = testing::build_view(testing::network_of(testing::numbered(3), {}));
  EXPECT_EQ(detect_communities(iso).count(), 3u);
}

}  // namespace
}  // namespace govnet
