// Gould–Fernandez brokerage: hand-derived cases, the counts against a direct reading of the
// definition on random graphs, and the null model's moments against exact expectations summed
// over every digraph on five vertices.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "govnet/brokerage.h"
#include "test_graphs.h"

namespace govnet {
namespace {

using testing::network_of;
using testing::numbered;

constexpr int kCo = static_cast<int>(BrokerRole::kCoordinator);
constexpr int kIt = static_cast<int>(BrokerRole::kItinerant);
constexpr int kRe = static_cast<int>(BrokerRole::kRepresentative);
constexpr int kGa = static_cast<int>(BrokerRole::kGatekeeper);
constexpr int kLi = static_cast<int>(BrokerRole::kLiaison);
constexpr int kAll = kBrokerRoleCount;

AnalysisGraph direct_view(const Network& net, bool directed) {
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.directed = directed;
  spec.keep_isolated = true;
  std::string error;
  auto g = AnalysisGraph::build(net, spec, &error);
  EXPECT_TRUE(g) << error;
  return std::move(*g);
}

// Groups by actor key, in vertex order.
std::vector<uint32_t> groups(const Network& net, const AnalysisGraph& g,
                             const std::vector<uint32_t>& by_actor) {
  std::vector<uint32_t> out(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) out[v] = by_actor[g.vertex(v).index];
  (void)net;
  return out;
}

uint32_t vertex(const AnalysisGraph& g, uint32_t actor) {
  return *g.vertex_of(NodeType::kActor, actor);
}

TEST(Brokerage, StarAcrossTwoGroups) {
  // c, l1, l2 in group 0; r1, r2 in group 1; undirected: every ordered pair of leaves is a path
  // through the centre whose ends are not tied.
  Network net = network_of({"c", "l1", "l2", "r1", "r2"},
                           {{"c", "l1"}, {"c", "l2"}, {"c", "r1"}, {"c", "r2"}});
  AnalysisGraph g = direct_view(net, false);
  Brokerage b = gould_fernandez(g, groups(net, g, {0, 0, 0, 1, 1}));
  const BrokerCounts& c = b.counts[vertex(g, 0)];
  EXPECT_EQ(c[kCo], 2);  // l1 -> c -> l2 and back
  EXPECT_EQ(c[kRe], 4);  // l -> c -> r
  EXPECT_EQ(c[kGa], 4);  // r -> c -> l
  EXPECT_EQ(c[kIt], 2);  // r1 -> c -> r2 and back
  EXPECT_EQ(c[kLi], 0);
  EXPECT_EQ(c[kAll], 12);
  for (uint32_t leaf = 1; leaf < 5; ++leaf) EXPECT_EQ(b.counts[vertex(g, leaf)][kAll], 0);
  EXPECT_EQ(b.total[kAll], 12);
  EXPECT_DOUBLE_EQ(b.density, 8.0 / 20.0);
  EXPECT_EQ(b.group_sizes, (std::vector<uint32_t>{3, 2}));
}

TEST(Brokerage, ChainThroughThreeGroups) {
  Network directed = network_of({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}}, true);
  AnalysisGraph g = direct_view(directed, true);
  Brokerage b = gould_fernandez(g, groups(directed, g, {0, 1, 2}));
  EXPECT_EQ(b.counts[vertex(g, 1)][kLi], 1);
  EXPECT_EQ(b.counts[vertex(g, 1)][kAll], 1);
  EXPECT_EQ(b.total[kAll], 1);

  // Undirected, the path runs both ways; in a directed view an undirected tie counts both ways.
  Network undirected = network_of({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}}, false);
  for (bool mode : {false, true}) {
    AnalysisGraph u = direct_view(undirected, mode);
    Brokerage ub = gould_fernandez(u, groups(undirected, u, {0, 1, 2}));
    EXPECT_EQ(ub.counts[vertex(u, 1)][kLi], 2) << mode;
  }
  // The same chain with a and c in one group: b is itinerant.
  Brokerage it = gould_fernandez(g, groups(directed, g, {0, 1, 0}));
  EXPECT_EQ(it.counts[vertex(g, 1)][kIt], 1);
}

TEST(Brokerage, ATieBetweenTheEndsLeavesNothingToBroker) {
  Network net = network_of({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"a", "c"}}, true);
  AnalysisGraph g = direct_view(net, true);
  Brokerage b = gould_fernandez(g, groups(net, g, {0, 0, 0}));
  EXPECT_EQ(b.total[kAll], 0);
  // Reciprocated a <-> b with b -> c: only a -> b -> c (b -> a -> b returns to its start).
  Network back = network_of({"a", "b", "c"}, {{"a", "b"}, {"b", "a"}, {"b", "c"}}, true);
  AnalysisGraph h = direct_view(back, true);
  Brokerage bb = gould_fernandez(h, groups(back, h, {0, 0, 1}));
  EXPECT_EQ(bb.counts[vertex(h, 1)][kRe], 1);
  EXPECT_EQ(bb.total[kAll], 1);
}

// The definition read directly off an adjacency matrix: rows[a] has bit c set for an arc a -> c.
std::vector<BrokerCounts> brute_counts(const std::vector<uint32_t>& rows,
                                       const std::vector<uint32_t>& group) {
  const size_t n = rows.size();
  auto tied = [&](size_t a, size_t c) { return (rows[a] >> c & 1) != 0; };
  std::vector<BrokerCounts> out(n, BrokerCounts{});
  for (size_t b = 0; b < n; ++b)
    for (size_t a = 0; a < n; ++a)
      for (size_t c = 0; c < n; ++c) {
        if (a == b || b == c || a == c || !tied(a, b) || !tied(b, c) || tied(a, c)) continue;
        const bool ab = group[a] == group[b], bc = group[b] == group[c], ac = group[a] == group[c];
        const int role = ab && bc ? kCo : ab ? kRe : bc ? kGa : ac ? kIt : kLi;
        out[b][role] += 1;
        out[b][kAll] += 1;
      }
  return out;
}

TEST(Brokerage, CountsMatchTheDefinitionOnRandomDigraphs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    const int n = 12;
    std::vector<std::pair<std::string, std::string>> edges;
    std::vector<uint32_t> adj(n, 0);
    std::bernoulli_distribution arc(0.25);
    for (int a = 0; a < n; ++a)
      for (int c = 0; c < n; ++c)
        if (a != c && arc(rng)) {
          edges.emplace_back(std::to_string(a), std::to_string(c));
          adj[a] |= 1u << c;
        }
    std::vector<uint32_t> by_actor(n);
    for (auto& x : by_actor) x = rng() % 3;
    Network net = network_of(numbered(n), edges, true);
    AnalysisGraph g = direct_view(net, true);
    std::vector<uint32_t> group_of = groups(net, g, by_actor);
    Brokerage b = gould_fernandez(g, group_of);
    const auto expect = brute_counts(adj, by_actor);
    for (int a = 0; a < n; ++a)
      for (int r = 0; r <= kAll; ++r)
        ASSERT_EQ(b.counts[vertex(g, a)][r], expect[a][r]) << "round " << round << " actor " << a;
    EXPECT_DOUBLE_EQ(b.density, edges.size() / double(n * (n - 1)));
    for (uint32_t v = 0; v < g.vertex_count(); ++v) {
      const double sd = b.sd[v][kLi];
      if (sd > 0) {
        EXPECT_NEAR(b.z[v][kLi], (b.counts[v][kLi] - b.expected[v][kLi]) / sd, 1e-12);
      }
    }
  }
}

// Every digraph on five vertices with its probability under arcs drawn with probability p: the
// exact mean and variance of each broker's counts and of the network's totals.
void expect_exact_moments(const std::vector<uint32_t>& group, const std::vector<uint32_t>& sizes,
                          double p) {
  const int n = 5, arcs = n * (n - 1);
  std::vector<std::pair<int, int>> slot;
  for (int a = 0; a < n; ++a)
    for (int c = 0; c < n; ++c)
      if (a != c) slot.emplace_back(a, c);
  std::vector<BrokerCounts> mean(n, BrokerCounts{}), square(n, BrokerCounts{});
  BrokerCounts total_mean{}, total_square{};
  for (uint32_t mask = 0; mask < (1u << arcs); ++mask) {
    std::vector<uint32_t> adj(n, 0);
    int m = 0;
    for (int s = 0; s < arcs; ++s)
      if (mask >> s & 1) adj[slot[s].first] |= 1u << slot[s].second, ++m;
    const double w = std::pow(p, m) * std::pow(1 - p, arcs - m);
    const auto c = brute_counts(adj, group);
    BrokerCounts t{};
    for (int v = 0; v < n; ++v)
      for (int r = 0; r <= kAll; ++r) {
        mean[v][r] += w * c[v][r];
        square[v][r] += w * c[v][r] * c[v][r];
        t[r] += c[v][r];
      }
    for (int r = 0; r <= kAll; ++r) {
      total_mean[r] += w * t[r];
      total_square[r] += w * t[r] * t[r];
    }
  }
  const BrokerageNull null = brokerage_null_model(sizes, p);
  for (int v = 0; v < n; ++v)
    for (int r = 0; r <= kAll; ++r) {
      EXPECT_NEAR(null.expected[group[v]][r], mean[v][r], 1e-9) << "vertex " << v << " role " << r;
      EXPECT_NEAR(null.variance[group[v]][r], square[v][r] - mean[v][r] * mean[v][r], 1e-9)
          << "vertex " << v << " role " << r;
    }
  for (int r = 0; r <= kAll; ++r) {
    EXPECT_NEAR(null.total_expected[r], total_mean[r], 1e-9) << "role " << r;
    EXPECT_NEAR(null.total_variance[r], total_square[r] - total_mean[r] * total_mean[r], 1e-9)
        << "role " << r;
  }
}

TEST(Brokerage, NullModelMomentsAreExactOnFiveVertices) {
  // Group 1 has no member in either.
  expect_exact_moments({0, 0, 0, 2, 3}, {3, 0, 1, 1}, 0.3);
  expect_exact_moments({0, 0, 2, 2, 3}, {2, 0, 2, 1}, 0.55);
}

TEST(Brokerage, ZScoreIsNotANumberWhereTheNullModelHasNoSpread) {
  // Two vertices: no two-step path can exist, every expectation and sd is 0.
  Network net = network_of({"a", "b"}, {{"a", "b"}}, false);
  AnalysisGraph g = direct_view(net, false);
  Brokerage b = gould_fernandez(g, groups(net, g, {0, 1}));
  EXPECT_EQ(b.total[kAll], 0);
  EXPECT_TRUE(std::isnan(b.z[0][kAll]));
  EXPECT_TRUE(std::isnan(b.total_z[kAll]));
}

}  // namespace
}  // namespace govnet
