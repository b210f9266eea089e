// Cross-checks of the shortest-path measures' fast paths against their general ones, and the
// error bound of approximate betweenness against exact values, on a generated heavy-tailed graph.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "govnet/centrality.h"
#include "govnet/parallel.h"
#include "test_graphs.h"

namespace govnet {
namespace {

using testing::build_view;
using testing::network_of;

// Preferential attachment: each new vertex ties to `per` earlier ones drawn in proportion to
// degree, with a few extra random ties so there are cycles of all lengths; some vertices are
// left in small separate components (the last 30 vertices tie only among themselves).
Network heavy_tailed(int n, int per, bool directed, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int> ends = {0, 1};
  std::set<std::pair<int, int>> seen = {{0, 1}};
  std::vector<std::pair<std::string, std::string>> edges = {{"0", "1"}};
  const int main_part = n - 30;
  for (int v = 2; v < main_part; ++v) {
    for (int k = 0; k < per; ++k) {
      int u = ends[std::uniform_int_distribution<size_t>(0, ends.size() - 1)(rng)];
      if (u == v || !seen.insert({std::min(u, v), std::max(u, v)}).second) continue;
      edges.emplace_back(std::to_string(v), std::to_string(u));
      ends.push_back(u);
      ends.push_back(v);
    }
  }
  for (int v = main_part + 1; v < n; ++v)
    edges.emplace_back(std::to_string(v), std::to_string(v - 1 - (v % 3 == 0)));
  return network_of(testing::numbered(n), edges, directed);
}

CentralityResult run(const AnalysisGraph& g, Measure m, double epsilon = 0, unsigned threads = 2) {
  CentralityOptions o;
  o.measure = m;
  o.threads = threads;
  o.epsilon = epsilon;
  o.delta = 0.1;
  CentralityResult r = compute_centrality(g, o);
  EXPECT_TRUE(r.ok()) << r.error;
  return r;
}

// A weighted view whose weights are all 1 has the same shortest paths as the unweighted view,
// but goes through Dijkstra and the general dependency loop instead of the breadth-first kernels
// (branch-free Brandes; 64-source searches for closeness and harmonic).
TEST(ShortestPathKernels, UnweightedKernelsAgreeWithTheGeneralSearch) {
  for (bool directed : {false, true}) {
    Network net = heavy_tailed(700, 3, directed, 3);
    ViewSpec plain, unit;
    plain.directed = unit.directed = directed;
    unit.weight = WeightKind::kWeight;  // ties without a weight count 1
    auto a = build_view(net, plain), b = build_view(net, unit);
    ASSERT_TRUE(b.weighted());
    ASSERT_GT(a.vertex_count(), 64u * 3) << "several 64-source batches, the last one partial";
    for (Measure m : {Measure::kBetweenness, Measure::kCloseness, Measure::kHarmonic}) {
      auto x = run(a, m).values, y = run(b, m).values;
      ASSERT_EQ(x.size(), y.size());
      double largest = 0;
      for (double v : y) largest = std::max(largest, v);
      ASSERT_GT(largest, 0);
      for (size_t v = 0; v < x.size(); ++v)
        EXPECT_NEAR(x[v], y[v], 1e-9 * largest)
            << to_string(m) << (directed ? " directed" : "") << " vertex " << v;
    }
  }
}

TEST(ApproximateBetweenness, EveryValueWithinTheBoundOfExact) {
  for (bool directed : {false, true}) {
    auto g = build_view(heavy_tailed(2500, 2, directed, 11), [&] {
      ViewSpec s;
      s.directed = directed;
      return s;
    }());
    const double n = g.vertex_count();
    auto exact = run(g, Measure::kBetweenness);
    const double epsilon = 0.02;
    auto approx = run(g, Measure::kBetweenness, epsilon);
    EXPECT_GT(approx.samples, 0u) << "sampled, not computed exactly";
    EXPECT_EQ(exact.samples, 0u);
    double worst = 0;
    for (size_t v = 0; v < exact.values.size(); ++v)
      worst = std::max(worst, std::fabs(approx.values[v] - exact.values[v]));
    EXPECT_LE(worst, epsilon * n / (n - 2)) << (directed ? "directed" : "undirected");
    // The highest exact value is found among the highest estimates.
    auto top = [](const std::vector<double>& x, size_t k) {
      std::vector<size_t> order(x.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::partial_sort(order.begin(), order.begin() + k, order.end(),
                        [&](size_t a, size_t b) { return x[a] > x[b]; });
      return std::set<size_t>(order.begin(), order.begin() + k);
    };
    EXPECT_TRUE(top(approx.values, 5).count(*top(exact.values, 1).begin()));
  }
}

TEST(ApproximateBetweenness, WeightedViewsSampleDijkstraPaths) {
  Network net = heavy_tailed(1500, 2, false, 5);
  for (size_t i = 0; i < net.ties.size(); ++i) net.ties[i].weight = 1.0 + double(i % 4);
  ViewSpec spec;
  spec.weight = WeightKind::kWeight;
  auto g = build_view(net, spec);
  const double n = g.vertex_count();
  auto exact = run(g, Measure::kBetweenness);
  const double epsilon = 0.08;  // with the component-size bound on path length, r < n here
  auto approx = run(g, Measure::kBetweenness, epsilon);
  ASSERT_GT(approx.samples, 0u);
  for (size_t v = 0; v < exact.values.size(); ++v)
    EXPECT_NEAR(approx.values[v], exact.values[v], epsilon * n / (n - 2)) << "vertex " << v;
}

TEST(ApproximateBetweenness, DeterministicAndExactWhenSamplingWouldNotPay) {
  auto g = build_view(heavy_tailed(1200, 2, false, 7));
  auto a = run(g, Measure::kBetweenness, 0.03), b = run(g, Measure::kBetweenness, 0.03);
  EXPECT_EQ(a.values, b.values) << "same seed and threads, same estimate";
  // A bound this tight needs more path samples than the exact computation costs.
  auto tight = run(g, Measure::kBetweenness, 1e-4);
  EXPECT_EQ(tight.samples, 0u);
  EXPECT_EQ(tight.values, run(g, Measure::kBetweenness).values);
}

// Without a per-call thread count the measures take the thread count in force: the estimate,
// which depends on how many workers share the samples, is the one of that many workers.
TEST(ApproximateBetweenness, ZeroThreadsMeansTheThreadCountInForce) {
  auto g = build_view(heavy_tailed(1200, 2, false, 7));
  for (unsigned threads : {1u, 3u}) {
    set_thread_count(threads);
    auto in_force = run(g, Measure::kBetweenness, 0.03, 0);
    set_thread_count(0);
    EXPECT_EQ(in_force.values, run(g, Measure::kBetweenness, 0.03, threads).values) << threads;
  }
}

}  // namespace
}  // namespace govnet
