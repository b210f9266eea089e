// Plain edge lists without a mapping: white space or commas, comments, a header, weights; and
// the problems of a line at their exact position.
#include <gtest/gtest.h>

#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

namespace govnet {
namespace {

PropertyGraph read(const std::string& text) {
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_TRUE(read_edge_list(text, "e.edges", &g, &problems, {}))
      << (problems.empty() ? "" : problems[0].to_string());
  return g;
}

TEST(EdgeList, WhiteSpaceCommentsAndWeights) {
  // As networkx's write_weighted_edgelist writes it, with comments and a blank line added.
  const PropertyGraph g = read(
      "# written by networkx\n"
      "EU IOM 2.5\n"
      "\n"
      "IOM\tSEN   1  # tab and spaces\r\n"
      "SEN MAR\n");
  ASSERT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(g.nodes[2].id, "SEN");
  EXPECT_EQ(g.nodes[2].line, 4u);
  EXPECT_EQ(g.nodes[2].column, 5u);
  ASSERT_EQ(g.edges.size(), 3u);
  EXPECT_EQ(g.edges[0].source, "EU");
  EXPECT_EQ(g.edges[0].target, "IOM");
  EXPECT_EQ(g.edges[0].attributes, (Attributes{{"weight", "2.5"}}));
  EXPECT_EQ(g.edges[1].attributes, (Attributes{{"weight", "1"}}));
  EXPECT_TRUE(g.edges[2].attributes.empty());
  EXPECT_EQ(g.edges[2].line, 5u);
  const GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.network.actors.size(), 4u);
  EXPECT_EQ(r.network.ties[0].weight, 2.5);
  EXPECT_FALSE(r.network.ties[2].weight.has_value());
}

TEST(EdgeList, CommasWithHeaderAndNamesWithSpaces) {
  const PropertyGraph g = read(
      "\xEF\xBB\xBF"
      "source,target,weight\n"
      "European Commission , International Organization for Migration,3\n"
      "Senegal,Mauritania,\n");
  ASSERT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(g.nodes[0].id, "European Commission");
  EXPECT_EQ(g.nodes[1].id, "International Organization for Migration");
  EXPECT_EQ(g.nodes[1].column, 23u);
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_EQ(g.edges[0].attributes, (Attributes{{"weight", "3"}}));
}

TEST(EdgeList, ProblemsHaveExactPositions) {
  struct Case {
    std::string text;
    uint32_t line, column;
    const char* says;
  };
  for (const Case& c : {Case{"a b 1\nc d heavy\n", 2, 5, "weight 'heavy' is not a number"},
                        Case{"a b\nc d 1 extra\n", 2, 7, "expected `source target [weight]`"},
                        Case{"a b\nlonely\n", 2, 1, "found 1 field(s)"},
                        Case{"a,b\n\"c\",d\n", 2, 1, "quoted names"},
                        Case{"a b\nc \xFF\n", 2, 3, "invalid UTF-8"}}) {
    PropertyGraph g;
    std::vector<Problem> problems;
    EXPECT_FALSE(read_edge_list(c.text, "e.edges", &g, &problems, {})) << c.text;
    ASSERT_EQ(problems.size(), 1u) << c.text;
    EXPECT_EQ(problems[0].line, c.line) << problems[0].to_string();
    EXPECT_EQ(problems[0].column, c.column) << problems[0].to_string();
    EXPECT_NE(problems[0].message.find(c.says), std::string::npos) << problems[0].message;
  }
  EXPECT_EQ(graph_format_of_path("net.edges"), GraphFormat::kEdgeList);
  EXPECT_EQ(parse_graph_format("edgelist"), GraphFormat::kEdgeList);
}

}  // namespace
}  // namespace govnet
