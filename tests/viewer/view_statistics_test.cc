// The viewer's statistics against networkx on Krackhardt's kite: density, degrees and the
// modularity of the colouring's groups (nx.community.modularity(G, [{0..6}, {7, 8, 9}]) =
// 0.16666666666666669), and on a view with several components.
#include "govnet/view_statistics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "../core/test_graphs.h"

namespace govnet::viewer {
namespace {

TEST(ViewStatistics, KiteAgreesWithNetworkx) {
  Network net = testing::krackhardt_kite();
  for (const char* k : {"7", "8", "9"})
    for (Actor& a : net.actors)
      if (a.key == k) a.kind = ActorKind::kInternationalOrg;
  ViewModel m(std::move(net));
  ViewStatistics s = view_statistics(m);
  EXPECT_EQ(s.vertices, 10u);
  EXPECT_EQ(s.links, 18u);
  EXPECT_EQ(s.components, 1u);
  EXPECT_EQ(s.largest_component, 10u);
  EXPECT_EQ(s.isolated, 0u);
  EXPECT_DOUBLE_EQ(s.density, 0.4);
  EXPECT_EQ(s.max_degree, 6u);
  EXPECT_DOUBLE_EQ(s.mean_degree, 3.6);
  // One bin per degree 0..6: degrees 1, 2, 3, 3, 3, 4, 4, 5, 5, 6.
  ASSERT_EQ(s.degree_bins.size(), 7u);
  const uint32_t counts[] = {0, 1, 1, 3, 2, 2, 1};
  for (uint32_t d = 0; d < 7; ++d) {
    EXPECT_EQ(s.degree_bins[d].from, d);
    EXPECT_EQ(s.degree_bins[d].to, d);
    EXPECT_EQ(s.degree_bins[d].count, counts[d]) << d;
  }
  EXPECT_EQ(s.groups, 2u);
  EXPECT_NEAR(s.modularity, 0.16666666666666669, 1e-12);
}

TEST(ViewStatistics, ComponentsAndWideDegreeBins) {
  // A star of 60 leaves beside a triangle: 64 vertices, 2 components; degrees up to 60 go into
  // bins 3 wide.
  std::vector<std::pair<std::string, std::string>> edges = {{"a", "b"}, {"b", "c"}, {"c", "a"}};
  std::vector<std::string> names = {"a", "b", "c", "hub"};
  for (int i = 0; i < 60; ++i) {
    names.push_back("leaf" + std::to_string(i));
    edges.push_back({"hub", names.back()});
  }
  ViewModel m(testing::network_of(names, edges));
  ViewStatistics s = view_statistics(m);
  EXPECT_EQ(s.vertices, 64u);
  EXPECT_EQ(s.components, 2u);
  EXPECT_EQ(s.largest_component, 61u);
  EXPECT_EQ(s.max_degree, 60u);
  ASSERT_EQ(s.degree_bins.size(), 21u);
  EXPECT_EQ(s.degree_bins[0].from, 0u);
  EXPECT_EQ(s.degree_bins[0].to, 2u);
  EXPECT_EQ(s.degree_bins[0].count, 63u);  // 60 leaves of degree 1, the triangle's 2s
  EXPECT_EQ(s.degree_bins[20].from, 60u);
  EXPECT_EQ(s.degree_bins[20].to, 60u);
  EXPECT_EQ(s.degree_bins[20].count, 1u);
  EXPECT_EQ(s.groups, 1u);
  EXPECT_NEAR(s.modularity, 0.0, 1e-12);  // one group
}

}  // namespace
}  // namespace govnet::viewer
