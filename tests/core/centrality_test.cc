#include "govnet/centrality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "lane_brandes.h"

#include "test_graphs.h"

namespace govnet {
namespace {

using testing::build_view;
using testing::network_of;

std::vector<double> run(const AnalysisGraph& g, Measure m, bool normalized = true,
                        unsigned threads = 2) {
  CentralityOptions o;
  o.measure = m;
  o.normalized = normalized;
  o.threads = threads;
  CentralityResult r = compute_centrality(g, o);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.values;
}

void expect_values(const std::vector<double>& got, const std::vector<double>& want, double tol,
                   const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << what << " at vertex " << i;
}

// Expected values from networkx's own test suite (test_betweenness_centrality.py,
// test_closeness_centrality.py, test_degree_centrality.py), given there to three decimals.
TEST(CentralityKite, BetweennessNormalized) {
  auto g = build_view(testing::krackhardt_kite());
  expect_values(run(g, Measure::kBetweenness),
                {0.023, 0.023, 0.000, 0.102, 0.000, 0.231, 0.231, 0.389, 0.222, 0.000}, 1e-3,
                "kite betweenness");
}

TEST(CentralityKite, BetweennessRaw) {
  // networkx lists {1.667, 1.667, 0, 7.333, 0, 16.667, 16.667, 28, 16, 0} and halves them for
  // undirected graphs.
  auto g = build_view(testing::krackhardt_kite());
  expect_values(run(g, Measure::kBetweenness, false),
                {0.8335, 0.8335, 0.0, 3.6665, 0.0, 8.3335, 8.3335, 14.0, 8.0, 0.0}, 1e-3,
                "kite raw betweenness");
}

TEST(CentralityKite, Closeness) {
  auto g = build_view(testing::krackhardt_kite());
  expect_values(run(g, Measure::kCloseness),
                {0.529, 0.529, 0.500, 0.600, 0.500, 0.643, 0.643, 0.600, 0.429, 0.310}, 1e-3,
                "kite closeness");
}

TEST(CentralityKite, Degree) {
  auto g = build_view(testing::krackhardt_kite());
  expect_values(run(g, Measure::kDegree),
                {0.444, 0.444, 0.333, 0.667, 0.333, 0.556, 0.556, 0.333, 0.222, 0.111}, 1e-3,
                "kite degree");
  expect_values(run(g, Measure::kDegree, false), {4, 4, 3, 6, 3, 5, 5, 3, 2, 1}, 0,
                "kite raw degree");
}

// Computed independently with networkx 2.8.8 (Debian python3-networkx):
//   nx.harmonic_centrality / eigenvector_centrality / pagerank (nx.krackhardt_kite_graph())
TEST(CentralityKite, HarmonicEigenvectorPageRank) {
  auto g = build_view(testing::krackhardt_kite());
  expect_values(run(g, Measure::kHarmonic),
                {6.083333, 6.083333, 5.583333, 7.083333, 5.583333, 6.833333, 6.833333, 6.0,
                 4.666667, 3.416667},
                1e-6, "kite harmonic");
  expect_values(run(g, Measure::kEigenvector),
                {0.352209, 0.352209, 0.285835, 0.48102, 0.285835, 0.397691, 0.397691, 0.195862,
                 0.048075, 0.011164},
                1e-5, "kite eigenvector");
  expect_values(run(g, Measure::kPageRank),
                {0.10192, 0.10192, 0.079418, 0.147148, 0.079418, 0.128907, 0.128907, 0.095248,
                 0.085696, 0.05142},
                1e-5, "kite pagerank");
}

TEST(CentralityFlorentine, PublishedValues) {
  auto g = build_view(testing::florentine_families());
  // Order: Acciaiuoli, Albizzi, Barbadori, Bischeri, Castellani, Ginori, Guadagni,
  // Lamberteschi, Medici, Pazzi, Peruzzi, Ridolfi, Salviati, Strozzi, Tornabuoni.
  expect_values(run(g, Measure::kBetweenness),
                {0.000, 0.212, 0.093, 0.104, 0.055, 0.000, 0.255, 0.000, 0.522, 0.000, 0.022, 0.114,
                 0.143, 0.103, 0.092},
                1e-3, "florentine betweenness");
  expect_values(run(g, Measure::kCloseness),
                {0.368, 0.483, 0.4375, 0.400, 0.389, 0.333, 0.467, 0.326, 0.560, 0.286, 0.368,
                 0.500, 0.389, 0.4375, 0.483},
                1e-3, "florentine closeness");
  expect_values(run(g, Measure::kDegree),
                {0.071, 0.214, 0.143, 0.214, 0.214, 0.071, 0.286, 0.071, 0.429, 0.071, 0.214, 0.214,
                 0.143, 0.286, 0.214},
                1e-3, "florentine degree");
  // Raw betweenness: networkx betweenness_centrality(G, normalized=False), i.e. pair counts.
  expect_values(run(g, Measure::kBetweenness, false),
                {0.0, 19.333333, 8.5, 9.5, 5.0, 0.0, 23.166667, 0.0, 47.5, 0.0, 2.0, 10.333333,
                 13.0, 9.333333, 8.333333},
                1e-6, "florentine raw betweenness");
}

TEST(CentralityFlorentine, ThreadCountDoesNotChangeResults) {
  auto g = build_view(testing::florentine_families());
  auto one = run(g, Measure::kBetweenness, true, 1);
  auto four = run(g, Measure::kBetweenness, true, 4);
  expect_values(four, one, 1e-15, "threads");
}

// Hand-derived cases.
TEST(CentralityHand, Star) {
  // Center 0 with 4 leaves: the center lies on all C(4,2)=6 leaf pairs; normalized 1.
  auto g = build_view(
      network_of(testing::numbered(5), {{"0", "1"}, {"0", "2"}, {"0", "3"}, {"0", "4"}}));
  expect_values(run(g, Measure::kBetweenness, false), {6, 0, 0, 0, 0}, 1e-12, "star raw");
  expect_values(run(g, Measure::kBetweenness), {1, 0, 0, 0, 0}, 1e-12, "star");
  // Leaf: distances 1 + 2*3 = 7, closeness 4/7; center 4/4 = 1.
  expect_values(run(g, Measure::kCloseness), {1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7}, 1e-12,
                "star closeness");
  // Leaf harmonic: 1 + 3 * 1/2 = 2.5.
  expect_values(run(g, Measure::kHarmonic), {4, 2.5, 2.5, 2.5, 2.5}, 1e-12, "star harmonic");
  // Eigenvector of a star K_{1,4}: center sqrt(4) times a leaf, unit norm: center 1/sqrt(2).
  auto ev = run(g, Measure::kEigenvector);
  EXPECT_NEAR(ev[0], 1 / std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(ev[1], 1 / std::sqrt(8.0), 1e-6);
}

TEST(CentralityHand, PathAndCycle) {
  // Path 0-1-2-3: vertex 1 lies on pairs (0,2),(0,3): raw 2.
  auto p = build_view(network_of(testing::numbered(4), {{"0", "1"}, {"1", "2"}, {"2", "3"}}));
  expect_values(run(p, Measure::kBetweenness, false), {0, 2, 2, 0}, 1e-12, "path");
  expect_values(run(p, Measure::kCloseness), {0.5, 0.75, 0.75, 0.5}, 1e-12, "path closeness");
  // Cycle of 5: every pair at distance 2 has one middle vertex: 5 such pairs shared by 5: raw 1.
  auto c = build_view(network_of(testing::numbered(5),
                                 {{"0", "1"}, {"1", "2"}, {"2", "3"}, {"3", "4"}, {"4", "0"}}));
  expect_values(run(c, Measure::kBetweenness, false), {1, 1, 1, 1, 1}, 1e-12, "cycle");
  expect_values(run(c, Measure::kPageRank), {0.2, 0.2, 0.2, 0.2, 0.2}, 1e-9, "cycle pagerank");
  // Cycle of 4: opposite vertices have two shortest paths, each middle vertex gets 1/2 per pair.
  auto c4 = build_view(
      network_of(testing::numbered(4), {{"0", "1"}, {"1", "2"}, {"2", "3"}, {"3", "0"}}));
  expect_values(run(c4, Measure::kBetweenness, false), {0.5, 0.5, 0.5, 0.5}, 1e-12, "c4");
}

TEST(CentralityHand, DirectedPath) {
  // 0 -> 1 -> 2: only the ordered pair (0,2) passes through 1.
  auto net = network_of(testing::numbered(3), {{"0", "1"}, {"1", "2"}}, /*directed=*/true);
  ViewSpec spec;
  spec.directed = true;
  auto g = build_view(net, spec);
  expect_values(run(g, Measure::kBetweenness, false), {0, 1, 0}, 1e-12, "directed raw");
  expect_values(run(g, Measure::kBetweenness), {0, 0.5, 0}, 1e-12, "directed normalized");
  expect_values(run(g, Measure::kInDegree, false), {0, 1, 1}, 0, "in-degree");
  expect_values(run(g, Measure::kOutDegree, false), {1, 1, 0}, 0, "out-degree");
  // Closeness uses incoming distances: 2 is reached from 0 (2) and 1 (1): (2/3)*(2/2).
  expect_values(run(g, Measure::kCloseness), {0, 0.5, 2.0 / 3}, 1e-12, "directed closeness");
  // PageRank on 0->1->2 (2 dangling), from networkx 2.8.8: nx.pagerank(nx.DiGraph([(0,1),(1,2)]))
  expect_values(run(g, Measure::kPageRank), {0.184416, 0.341171, 0.474412}, 1e-6, "pagerank");
  // An undirected tie in directed mode counts both ways.
  Network mixed = net;
  mixed.ties[1].directed = false;
  auto m = build_view(mixed, spec);
  expect_values(run(m, Measure::kInDegree, false), {0, 2, 1}, 0, "mixed in-degree");
}

TEST(CentralityHand, DisconnectedIsolatedEmpty) {
  // Two components {0,1,2} path and {3,4} edge, plus isolated 5.
  auto g = build_view(network_of(testing::numbered(6), {{"0", "1"}, {"1", "2"}, {"3", "4"}}));
  // Wasserman–Faust: vertex 1 reaches 2 others at distance 1: (2/2)*(2/5) = 0.4.
  auto cl = run(g, Measure::kCloseness);
  EXPECT_NEAR(cl[1], 0.4, 1e-12);
  EXPECT_NEAR(cl[3], 1.0 * (1.0 / 5), 1e-12);
  EXPECT_EQ(cl[5], 0.0);
  EXPECT_NEAR(run(g, Measure::kBetweenness, false)[1], 1.0, 1e-12);
  EXPECT_EQ(run(g, Measure::kDegree)[5], 0.0);
  auto pr = run(g, Measure::kPageRank);
  double sum = 0;
  for (double x : pr) sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-12);

  auto empty = build_view(Network{});
  EXPECT_EQ(empty.vertex_count(), 0u);
  for (Measure m : {Measure::kDegree, Measure::kBetweenness, Measure::kCloseness,
                    Measure::kHarmonic, Measure::kPageRank, Measure::kEigenvector})
    EXPECT_TRUE(run(empty, m).empty());
}

TEST(CentralityHand, SelfLoopAndParallelTies) {
  // A self-loop on 1 and a doubled tie 0-1 leave the path's betweenness as it is...
  auto net = network_of(testing::numbered(3), {{"0", "1"}, {"0", "1"}, {"1", "1"}, {"1", "2"}});
  auto g = build_view(net);
  EXPECT_EQ(g.stats().self_loops_dropped, 1u);
  EXPECT_EQ(g.links().size(), 2u);
  expect_values(run(g, Measure::kBetweenness, false), {0, 1, 0}, 1e-12, "path with extras");
  expect_values(run(g, Measure::kDegree, false), {1, 2, 1}, 0, "degree counts neighbors");
  // ...while count weighting counts the ties themselves.
  ViewSpec counted;
  counted.weight = WeightKind::kCount;
  expect_values(run(build_view(net, counted), Measure::kDegree), {2, 3, 1}, 0, "strength");
}

TEST(CentralityHand, WeightedTies) {
  // Triangle 0-1 (weight 4), 1-2 (weight 4), 0-2 (weight 1). Lengths 1/w: 0.25, 0.25, 1, so the
  // shortest 0..2 route is through 1 (0.5 < 1).
  auto net = network_of(testing::numbered(3), {{"0", "1"}, {"1", "2"}, {"0", "2"}});
  net.ties[0].weight = 4;
  net.ties[1].weight = 4;
  net.ties[2].weight = 1;
  ViewSpec spec;
  spec.weight = WeightKind::kWeight;
  auto g = build_view(net, spec);
  expect_values(run(g, Measure::kBetweenness, false), {0, 1, 0}, 1e-12, "weighted betweenness");
  expect_values(run(g, Measure::kDegree), {5, 8, 5}, 0, "strength");
  // Harmonic of 0: 1/0.25 + 1/0.5 = 6.
  EXPECT_NEAR(run(g, Measure::kHarmonic)[0], 6.0, 1e-12);
  // Unweighted, the triangle is symmetric.
  expect_values(run(build_view(net), Measure::kBetweenness, false), {0, 0, 0}, 1e-12, "plain");
}

// A graph and reference values for it, from tests/data/betweenness (networkx's raw betweenness)
// or tests/data/eigenvector (numpy's leading eigenvector, and the steps a plain power iteration
// takes); each folder's make_fixture.py says how they were made.
struct Reference {
  Network net;
  bool directed = false;
  std::vector<double> values;
  int plain_steps = 0;
};

Reference read_reference(const std::string& name, const std::string& folder = "betweenness") {
  const std::string path = std::string(GOVNET_SOURCE_DIR) + "/tests/data/" + folder + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Reference r;
  int n = 0, directed = 0;
  in >> n >> directed;
  r.directed = directed != 0;
  std::vector<std::pair<std::string, std::string>> edges;
  std::string u, v;
  while (in >> u && u != "values") {
    in >> v;
    edges.emplace_back(u, v);
  }
  r.net = network_of(testing::numbered(n), edges, r.directed);
  double x;
  while (in >> x) r.values.push_back(x);
  in.clear();
  std::string section;
  if (in >> section && section == "plain") in >> r.plain_steps;
  return r;
}

// Larger than a batch of eight sources, with components, isolated vertices, pendant trees, a
// chain of 40 and, directed, vertices that reach nothing: every value as networkx computes it.
TEST(CentralityReference, ExactBetweennessAsNetworkx) {
  for (const char* name : {"undirected.txt", "directed.txt"}) {
    const Reference ref = read_reference(name);
    ViewSpec spec;
    spec.directed = ref.directed;
    auto g = build_view(ref.net, spec);
    ASSERT_EQ(g.vertex_count(), ref.values.size()) << name;
    ASSERT_EQ(g.directed(), ref.directed) << name;
    for (unsigned threads : {1u, 2u, 3u}) {
      const std::vector<double> got = run(g, Measure::kBetweenness, false, threads);
      for (size_t v = 0; v < ref.values.size(); ++v)
        EXPECT_NEAR(got[v], ref.values[v], 1e-9 * std::max(1.0, ref.values[v]))
            << name << " vertex " << v << " threads " << threads;
    }
  }
}

// Two hubs of nearly equal degree: the power iteration's changes shrink by only ~0.94 a step
// (343 plain steps to the tolerance). The values are numpy's leading eigenvector, and the steps
// taken are well under the plain iteration's: the extrapolation is what reaches them.
TEST(CentralityReference, EigenvectorOfASlowlyConvergingGraphAsNumpy) {
  const Reference ref = read_reference("two_hubs.txt", "eigenvector");
  auto g = build_view(ref.net);
  ASSERT_EQ(g.vertex_count(), ref.values.size());
  ASSERT_GT(ref.plain_steps, 300);
  for (unsigned threads : {1u, 2u}) {
    CentralityOptions o;
    o.measure = Measure::kEigenvector;
    o.threads = threads;
    const CentralityResult r = compute_centrality(g, o);
    ASSERT_TRUE(r.ok()) << r.error;
    for (size_t v = 0; v < ref.values.size(); ++v)
      EXPECT_NEAR(r.values[v], ref.values[v], 1e-9) << "vertex " << v << " threads " << threads;
    EXPECT_LT(r.iterations, ref.plain_steps * 6 / 10) << "threads " << threads;
  }
}

// The eight-source kernel on its own: a path longer than its distances may count is refused
// without a trace, and the same kernel then counts correctly. Path 0-1-...-11 undirected: the
// ordered pairs through vertex v number 2 v (11 - v). With max_level 11, sources 0 and 11 (the
// far end 11 arcs away) are refused.
TEST(LaneBrandes, RefusesPathsTooLongAndLeavesNoTrace) {
  std::vector<std::pair<std::string, std::string>> edges;
  for (int v = 0; v + 1 < 12; ++v) edges.emplace_back(std::to_string(v), std::to_string(v + 1));
  auto g = build_view(network_of(testing::numbered(12), edges));
  const Adjacency& adj = g.csr().out;
  std::vector<double> bc(12, 0.0);
  detail::LaneBrandes lanes(12, /*max_level=*/11);
  const uint32_t with_end[] = {0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_FALSE(lanes.run(adj, with_end, 8, bc.data()));
  EXPECT_EQ(bc, std::vector<double>(12, 0.0));
  EXPECT_TRUE(lanes.run(adj, with_end + 1, 7, bc.data()));
  const uint32_t rest[] = {8, 9, 10};
  EXPECT_TRUE(lanes.run(adj, rest, 3, bc.data()));
  const uint32_t ends[] = {0, 11};
  EXPECT_FALSE(lanes.run(adj, ends, 2, bc.data()));
  detail::LaneBrandes full_reach(12);
  EXPECT_TRUE(full_reach.run(adj, ends, 2, bc.data()));
  for (int v = 0; v < 12; ++v) EXPECT_DOUBLE_EQ(bc[v], 2.0 * v * (11 - v)) << "vertex " << v;
}

}  // namespace
}  // namespace govnet
