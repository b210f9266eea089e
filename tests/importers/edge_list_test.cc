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
  for (const Case& c :
       {Case{"a b 1\nc d heavy\n", 2, 5, "weight 'heavy' is not a number"},
        Case{"a b\nc d 1 extra\n", 2, 7, "expected `source target [weight]`"},
        Case{"a b\nlonely\n", 2, 1, "found 1 field(s)"},
        Case{"a,b\n\"c\",d\n", 2, 1, "quoted names"}, Case{"a b\nc \xFF\n", 2, 3, "invalid UTF-8"},
        Case{"a b\nc \xEF\xBB\xBF"
             "d\n",
             2, 3, "byte order mark"}}) {
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

// Old Mac files end lines with CR alone; Gephi's edge table names more columns than a weight.
TEST(EdgeList, CrLineEndsAndGephiEdgeTables) {
  PropertyGraph g = read("source,target,weight\ra,b,2\rb,c,0.5\r");
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_EQ(g.edges[1].source, "b");
  EXPECT_EQ(g.edges[1].target, "c");
  EXPECT_EQ(g.edges[1].attributes, (Attributes{{"weight", "0.5"}}));
  g = read(
      "Source,Target,Type,Id,Label,Weight\nEU,IOM,Directed,7,funds,3\nIOM,MDA,Undirected,8,,1\n");
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_TRUE(g.edges[0].directed.value_or(false));
  EXPECT_FALSE(g.edges[1].directed.value_or(true));
  EXPECT_EQ(g.edges[0].id, "7");
  EXPECT_EQ(g.edges[0].attributes, (Attributes{{"Label", "funds"}, {"weight", "3"}}));
  EXPECT_EQ(g.edges[1].attributes, (Attributes{{"weight", "1"}}));
  PropertyGraph bad;
  std::vector<Problem> problems;
  EXPECT_FALSE(
      read_edge_list("Source,Target,Weight\na,b,1\nc,d,lots\n", "gephi.csv", &bad, &problems, {}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "gephi.csv:3:5: weight 'lots' is not a number; the 'Weight' column is the edge's "
            "weight");
}

// A table headed source,target is an edge list whatever its extension; evidence.csv (which
// has a target column too) is not.
TEST(EdgeList, SourceTargetTablesAreSniffed) {
  EXPECT_EQ(sniff_graph_format("source,target,weight\r\na,b,1\r\n"), GraphFormat::kEdgeList);
  EXPECT_EQ(sniff_graph_format("Source,Target,Type,Id,Label,Weight\n"), GraphFormat::kEdgeList);
  EXPECT_EQ(sniff_graph_format("source target\n"), GraphFormat::kEdgeList);
  EXPECT_EQ(sniff_graph_format("source,target,locator,quote\n"), std::nullopt);
  EXPECT_EQ(sniff_graph_format("target,source\n"), std::nullopt);
}

}  // namespace
}  // namespace govnet
