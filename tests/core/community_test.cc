// Community detection (igraph's Louvain and Leiden) against networkx's Louvain on the same
// graphs (tests/data/structure/make_fixture.py), and its contracts: a partition numbered by
// first vertex, the same for a seed, modularity as the partition's.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "govnet/community.h"
#include "govnet/structure.h"
#include "test_graphs.h"

namespace govnet {
namespace {

struct Labelled {
  Network net;
  double networkx_best = 0, networkx_worst = 0;
};

std::map<std::string, Labelled> read_graphs() {
  const std::string path = std::string(GOVNET_SOURCE_DIR) + "/tests/data/structure/communities.txt";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<std::string, Labelled> out;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> edges;
  std::map<std::string, int> sizes;
  std::string line, current;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "graph") {
      words >> current >> sizes[current] >> out[current].networkx_best >>
          out[current].networkx_worst;
    } else if (kind == "edge") {
      std::string u, v;
      words >> u >> v;
      edges[current].emplace_back(u, v);
    }
  }
  for (auto& [label, g] : out)
    g.net = testing::network_of(testing::numbered(sizes[label]), edges[label]);
  return out;
}

AnalysisGraph view_of(const Network& net) {
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.keep_isolated = true;
  std::string error;
  auto g = AnalysisGraph::build(net, spec, &error);
  EXPECT_TRUE(g) << error;
  return std::move(*g);
}

// Louvain's result depends on the order it visits vertices in: each run is held to be no worse
// than networkx's worst over 20 seeds; Leiden's to be within 0.01 of networkx's best.
TEST(Communities, ModularityAsGoodAsNetworkxLouvain) {
  for (const auto& [label, graph] : read_graphs()) {
    const AnalysisGraph g = view_of(graph.net);
    for (CommunityMethod method : {CommunityMethod::kLouvain, CommunityMethod::kLeiden}) {
      for (uint64_t seed : {1u, 2u, 3u}) {
        CommunityOptions o;
        o.method = method;
        o.seed = seed;
        const Communities c = detect_communities(g, o);
        ASSERT_EQ(c.membership.size(), g.vertex_count());
        const double floor = method == CommunityMethod::kLeiden ? graph.networkx_best - 0.01
                                                                : graph.networkx_worst - 1e-12;
        EXPECT_GE(c.modularity, floor) << label << " " << to_string(method) << " seed " << seed;
        EXPECT_NEAR(c.modularity, modularity(g, c.membership), 1e-12) << label;
        uint32_t next = 0, total = 0;
        for (uint32_t v = 0; v < g.vertex_count(); ++v) {
          ASSERT_LE(c.membership[v], next) << "numbered by first vertex";
          if (c.membership[v] == next) ++next;
        }
        for (uint32_t s : c.sizes) total += s;
        EXPECT_EQ(total, g.vertex_count());
        EXPECT_EQ(next, c.count());
      }
    }
  }
}

TEST(Communities, PlantedGroupsAreFoundAndTheSameForASeed) {
  const auto graphs = read_graphs();
  const AnalysisGraph g = view_of(graphs.at("planted").net);
  CommunityOptions o;
  o.method = CommunityMethod::kLeiden;
  o.seed = 5;
  const Communities a = detect_communities(g, o), b = detect_communities(g, o);
  EXPECT_EQ(a.membership, b.membership);
  EXPECT_EQ(a.count(), 7u);  // six planted groups and the isolated vertex
  // A higher resolution splits communities further.
  o.resolution = 4;
  EXPECT_GT(detect_communities(g, o).count(), a.count());
}

TEST(Communities, IsolatedVerticesAreTheirOwnCommunities) {
  const AnalysisGraph g = view_of(testing::network_of(testing::numbered(3), {}));
  for (CommunityMethod method : {CommunityMethod::kLouvain, CommunityMethod::kLeiden}) {
    CommunityOptions o;
    o.method = method;
    const Communities c = detect_communities(g, o);
    EXPECT_EQ(c.count(), 3u);
    EXPECT_EQ(c.membership, (std::vector<uint32_t>{0, 1, 2}));
  }
}

TEST(Communities, MethodNames) {
  EXPECT_EQ(parse_community_method("leiden"), CommunityMethod::kLeiden);
  EXPECT_EQ(parse_community_method("louvain"), CommunityMethod::kLouvain);
  EXPECT_FALSE(parse_community_method("infomap"));
}

}  // namespace
}  // namespace govnet
