// Structural measures against networkx 2.8 (tests/data/structure/make_fixture.py made the
// values), and hand-derived cases.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "govnet/structure.h"
#include "test_graphs.h"

namespace govnet {
namespace {

struct Fixture {
  Network net;
  bool directed = false, weighted = false;
  std::vector<uint32_t> groups;
  std::map<std::string, std::vector<double>> measures;
  std::map<std::string, double> figures;
};

double number(const std::string& word) { return word == "nan" ? std::nan("") : std::stod(word); }

Fixture read_fixture(const std::string& name) {
  const std::string path = std::string(GOVNET_SOURCE_DIR) + "/tests/data/structure/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Fixture f;
  std::vector<std::pair<std::string, std::string>> edges;
  std::vector<double> weights;
  int n = 0;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, word;
    words >> kind;
    if (kind == "graph") {
      int d = 0, w = 0;
      words >> n >> d >> w;
      f.directed = d, f.weighted = w;
    } else if (kind == "edge") {
      std::string u, v;
      double w;
      words >> u >> v >> w;
      edges.emplace_back(u, v);
      weights.push_back(w);
    } else if (kind == "groups") {
      uint32_t g;
      while (words >> g) f.groups.push_back(g);
    } else if (kind == "measure") {
      std::string name;
      words >> name;
      while (words >> word) f.measures[name].push_back(number(word));
    } else if (kind == "figure") {
      std::string name;
      words >> name >> word;
      f.figures[name] = number(word);
    }
  }
  f.net = testing::network_of(testing::numbered(n), edges, f.directed);
  for (size_t i = 0; i < weights.size(); ++i) f.net.ties[i].weight = weights[i];
  return f;
}

AnalysisGraph view_of(const Network& net, bool directed, bool weighted) {
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.directed = directed;
  spec.weight = weighted ? WeightKind::kWeight : WeightKind::kNone;
  spec.keep_isolated = true;
  std::string error;
  auto g = AnalysisGraph::build(net, spec, &error);
  EXPECT_TRUE(g) << error;
  return std::move(*g);
}

// The fixture's values in vertex order.
std::vector<double> by_vertex(const AnalysisGraph& g, const std::vector<double>& by_actor) {
  std::vector<double> out(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) out[v] = by_actor[g.vertex(v).index];
  return out;
}

bool has_out_arcs(const AnalysisGraph& g, uint32_t v) {
  for (const Link& l : g.links())
    if ((l.from == v) || (l.to == v && !l.directed)) return true;
  return false;
}

class StructureAsNetworkx : public ::testing::TestWithParam<const char*> {};

TEST_P(StructureAsNetworkx, EveryMeasureAndFigure) {
  const Fixture f = read_fixture(GetParam());
  const AnalysisGraph g = view_of(f.net, f.directed, f.weighted);
  ASSERT_EQ(g.vertex_count(), f.groups.size());
  for (const auto& [name, values] : f.measures) {
    const auto measure = parse_structure_measure(name);
    ASSERT_TRUE(measure) << name;
    const std::vector<double> want = by_vertex(g, values);
    const std::vector<double> got = structure_measure(g, *measure);
    ASSERT_EQ(got.size(), want.size());
    for (uint32_t v = 0; v < g.vertex_count(); ++v) {
      // networkx leaves a directed vertex without out-going arcs undefined for Burt's measures
      // (it asks for successors); govnet reads its neighbours both ways.
      if (std::isnan(want[v]) && f.directed && !has_out_arcs(g, v) && !std::isnan(got[v])) continue;
      if (std::isnan(want[v])) {
        EXPECT_TRUE(std::isnan(got[v])) << name << " vertex " << v << " got " << got[v];
      } else {
        EXPECT_NEAR(got[v], want[v], 1e-9 * std::max(1.0, std::abs(want[v])))
            << GetParam() << " " << name << " vertex " << v;
      }
    }
  }
  std::vector<uint32_t> groups(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) groups[v] = f.groups[g.vertex(v).index];
  const NetworkFigures n = network_figures(g);
  std::map<std::string, double> got = {
      {"transitivity", n.transitivity},
      {"average_clustering", n.average_clustering},
      {"degree_assortativity", n.degree_assortativity},
      {"ei_index", ei_index(g, groups).global},
      {"modularity", modularity(g, groups)},
  };
  if (f.directed) {
    got["reciprocity"] = n.reciprocity;
    EXPECT_TRUE(std::isnan(n.degree_centralization));
  } else if (f.weighted) {
    EXPECT_TRUE(std::isnan(n.degree_centralization));
    EXPECT_TRUE(std::isnan(n.betweenness_centralization));
    EXPECT_TRUE(std::isnan(n.closeness_centralization));
  } else {
    got["degree_centralization"] = n.degree_centralization;
    got["betweenness_centralization"] = n.betweenness_centralization;
    got["closeness_centralization"] = n.closeness_centralization;
    EXPECT_TRUE(std::isnan(n.reciprocity));
  }
  ASSERT_EQ(got.size(), f.figures.size());
  for (const auto& [name, want] : f.figures)
    EXPECT_NEAR(got.at(name), want, 1e-9) << GetParam() << " " << name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, StructureAsNetworkx,
                         ::testing::Values("undirected.txt", "undirected_weighted.txt",
                                           "directed.txt", "directed_weighted.txt"));

TEST(Structure, StarHasOneBrokerAndNoClustering) {
  // A star of four leaves: the centre's contacts are not tied, so its constraint is 4 x (1/4)^2,
  // its effective size 4 and efficiency 1; each leaf depends wholly on the centre.
  Network net = testing::network_of({"c", "a", "b", "d", "e"},
                                    {{"c", "a"}, {"c", "b"}, {"c", "d"}, {"c", "e"}});
  AnalysisGraph g = view_of(net, false, false);
  const uint32_t c = *g.vertex_of(NodeType::kActor, 0), leaf = *g.vertex_of(NodeType::kActor, 1);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kConstraint)[c], 0.25);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kConstraint)[leaf], 1.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kEffectiveSize)[c], 4.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kEfficiency)[c], 1.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kHierarchy)[c], 0.0);
  EXPECT_TRUE(std::isnan(structure_measure(g, StructureMeasure::kHierarchy)[leaf]));
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kClustering)[c], 0.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kCoreness)[c], 1.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kEccentricity)[c], 1.0);
  EXPECT_DOUBLE_EQ(structure_measure(g, StructureMeasure::kEccentricity)[leaf], 2.0);
  const NetworkFigures f = network_figures(g);
  EXPECT_DOUBLE_EQ(f.degree_centralization, 1.0);  // the star is the most centralized graph
  EXPECT_DOUBLE_EQ(f.betweenness_centralization, 1.0);
  EXPECT_NEAR(f.closeness_centralization, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(f.transitivity, 0.0);
}

TEST(Structure, EiIndexPerGroup) {
  // Groups {a, b} and {c}: a-b inside, b-c and a-c across.
  Network net = testing::network_of({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"a", "c"}});
  AnalysisGraph g = view_of(net, false, false);
  std::vector<uint32_t> groups(3);
  for (uint32_t v = 0; v < 3; ++v) groups[v] = g.vertex(v).index == 2 ? 1 : 0;
  const EiIndex ei = ei_index(g, groups);
  EXPECT_DOUBLE_EQ(ei.global, (2.0 - 1.0) / 3.0);
  EXPECT_DOUBLE_EQ(ei.per_group[0], (2.0 - 1.0) / 3.0);
  EXPECT_DOUBLE_EQ(ei.per_group[1], 1.0);
}

TEST(Structure, NamesRoundTrip) {
  for (int m = 0; m <= static_cast<int>(StructureMeasure::kEccentricity); ++m) {
    const auto measure = static_cast<StructureMeasure>(m);
    EXPECT_EQ(parse_structure_measure(to_string(measure)), measure);
  }
  EXPECT_FALSE(parse_structure_measure("constrain"));
}

}  // namespace
}  // namespace govnet
