// Two-mode centralities against networkx's bipartite module (tests/data/structure/two_mode.txt,
// made by tests/data/structure/make_fixture.py).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "govnet/two_mode.h"

namespace govnet {
namespace {

struct Affiliation {
  Network net;
  std::vector<std::string> nodes;
  std::map<std::string, std::vector<double>> measures;
};

Affiliation read_affiliation() {
  const std::string path = std::string(GOVNET_SOURCE_DIR) + "/tests/data/structure/two_mode.txt";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Affiliation f;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, word;
    words >> kind;
    if (kind == "nodes") {
      while (words >> word) {
        f.nodes.push_back(word);
        if (word[0] == 'a') {
          Actor a;
          a.key = a.name = word;
          f.net.actors.push_back(a);
        } else {
          Instrument i;
          i.key = i.name = word;
          f.net.instruments.push_back(i);
        }
      }
    } else if (kind == "edge") {
      Tie t;
      words >> t.from >> t.to;
      t.to_instrument = true;
      t.family = Family::kMembership;
      f.net.ties.push_back(t);
    } else if (kind == "measure") {
      std::string name;
      words >> name;
      while (words >> word) f.measures[name].push_back(std::stod(word));
    }
  }
  return f;
}

AnalysisGraph two_mode_view(const Network& net, bool directed = false) {
  ViewSpec spec;
  spec.kind = ViewKind::kTwoMode;
  spec.keep_isolated = true;
  spec.directed = directed;
  std::string error;
  auto g = AnalysisGraph::build(net, spec, &error);
  EXPECT_TRUE(g) << error;
  return std::move(*g);
}

TEST(TwoMode, CentralitiesAsNetworkxBipartite) {
  const Affiliation f = read_affiliation();
  const AnalysisGraph g = two_mode_view(f.net);
  ASSERT_EQ(g.vertex_count(), f.nodes.size());
  // The fixture's place of each vertex: actors first, then instruments, in file order.
  auto place = [&](uint32_t v) {
    const VertexRef& r = g.vertex(v);
    return r.is_instrument() ? f.net.actors.size() + r.index : r.index;
  };
  const std::map<std::string, Measure> measures = {{"degree", Measure::kDegree},
                                                   {"closeness", Measure::kCloseness},
                                                   {"betweenness", Measure::kBetweenness}};
  for (const auto& [name, measure] : measures) {
    const CentralityResult r = two_mode_centrality(g, measure, true);
    ASSERT_TRUE(r.ok()) << r.error;
    const std::vector<double>& want = f.measures.at(name);
    for (uint32_t v = 0; v < g.vertex_count(); ++v)
      EXPECT_NEAR(r.values[v], want[place(v)], 1e-12) << name << " " << f.nodes[place(v)];
  }
}

TEST(TwoMode, RawValuesAndRefusals) {
  const Affiliation f = read_affiliation();
  const AnalysisGraph g = two_mode_view(f.net);
  const CentralityResult degree = two_mode_centrality(g, Measure::kDegree, false);
  double links = 0;
  for (double d : degree.values) links += d;
  EXPECT_EQ(links, 2.0 * f.net.ties.size());
  EXPECT_FALSE(two_mode_centrality(g, Measure::kPageRank, true).ok());
  EXPECT_FALSE(two_mode_centrality(two_mode_view(f.net, true), Measure::kDegree, true).ok());
}

}  // namespace
}  // namespace govnet
