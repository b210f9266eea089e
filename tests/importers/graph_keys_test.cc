// A graph file's node ids are local to its dataset: colliding ids are renamed, and nodes meet
// stored records only when the import asks to match them (by key, name or alias).
#include <gtest/gtest.h>

#include <set>

#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

namespace govnet {
namespace {

// Nodes 0..2 in a path 0-1-2 (as networkx numbers them); node 1 is named "Moldova".
PropertyGraph numbered_path() {
  const char* json =
      "{\"nodes\": [{\"id\": 0}, {\"id\": 1, \"name\": \"Moldova\"}, {\"id\": 2}],\n"
      " \"links\": [{\"source\": 0, \"target\": 1}, {\"source\": 1, \"target\": 2}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_TRUE(read_node_link_json(json, "path.json", &g, &problems, {}));
  return g;
}

// A store whose other dataset holds the actors 0, 1, MDA (named "Republic of Moldova", alias
// "Moldova") and the key "b:0".
GraphImportOptions against_store() {
  GraphImportOptions o;
  o.dataset = "b";
  o.existing = [](const std::string& key) -> std::optional<NodeType> {
    static const std::set<std::string> keys = {"0", "1", "MDA", "b:0"};
    if (keys.count(key)) return NodeType::kActor;
    return std::nullopt;
  };
  Actor mda;
  mda.key = "MDA";
  mda.name = "Republic of Moldova";
  mda.aliases = {"Moldova"};
  mda.iso3 = "MDA";
  Actor zero, one;
  zero.key = zero.name = "0";
  one.key = one.name = "1";
  o.known_actors = {zero, one, mda};
  return o;
}

std::vector<std::string> keys_of(const Network& net) {
  std::vector<std::string> out;
  for (const auto& a : net.actors) out.push_back(a.key);
  return out;
}

TEST(GraphKeys, CollidingIdsAreRenamedAndEdgesFollow) {
  GraphImportResult r = import_property_graph(numbered_path(), against_store());
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  // "0" and "1" are stored keys, and "b:0" is taken too; "2" is free.
  EXPECT_EQ(keys_of(r.network), (std::vector<std::string>{"b:0~2", "b:1", "2"}));
  EXPECT_EQ(r.report.renamed, 2u);
  EXPECT_EQ(r.report.merged, 0u);
  ASSERT_EQ(r.network.ties.size(), 2u);
  EXPECT_EQ(r.network.ties[0].from, "b:0~2");
  EXPECT_EQ(r.network.ties[0].to, "b:1");
  EXPECT_EQ(r.network.ties[1].from, "b:1");
  EXPECT_EQ(r.network.ties[1].to, "2");
  ASSERT_FALSE(r.report.notes.empty());
  EXPECT_NE(r.report.notes.back().message.find("2 node id(s) are keys of another dataset"),
            std::string::npos);
  EXPECT_NE(r.report.notes.back().message.find("'0' became 'b:0~2'"), std::string::npos);
}

TEST(GraphKeys, MatchByKeyLinksStoredRecords) {
  GraphImportOptions o = against_store();
  o.match = MatchBy::kKey;
  GraphImportResult r = import_property_graph(numbered_path(), o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(keys_of(r.network), (std::vector<std::string>{"2"}));
  EXPECT_EQ(r.report.merged, 2u);
  EXPECT_EQ(r.report.matched_by, "key");
  EXPECT_EQ(r.network.ties[0].from, "0");
  EXPECT_EQ(r.network.ties[1].to, "2");
}

TEST(GraphKeys, MatchByNameOrAlias) {
  GraphImportOptions o = against_store();
  o.match = MatchBy::kName;  // "Moldova" is not MDA's name; "0" is the name of actor 0
  GraphImportResult r = import_property_graph(numbered_path(), o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(keys_of(r.network), (std::vector<std::string>{"b:1", "2"}));
  EXPECT_EQ(r.report.merged, 1u);
  EXPECT_EQ(r.report.renamed, 1u);
  EXPECT_EQ(r.network.ties[0].from, "0");

  o.match = MatchBy::kAlias;  // now "Moldova" is MDA's alias
  r = import_property_graph(numbered_path(), o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(keys_of(r.network), (std::vector<std::string>{"2"}));
  EXPECT_EQ(r.network.ties[0].to, "MDA");
  EXPECT_EQ(r.network.ties[1].from, "MDA");
  EXPECT_EQ(r.report.merged, 2u);
}

TEST(GraphKeys, EdgeToAStoredKeyNeedsMatchByKey) {
  const char* json =
      "{\"nodes\": [{\"id\": \"x\"}], \"links\": [{\"source\": \"x\", \"target\": \"MDA\"}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "e.json", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, against_store());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(),
            "e.json:1:36: edge target 'MDA' is not a node of this file; declare the node, or "
            "import with --match key to link edges to records already in the store");
  GraphImportOptions o = against_store();
  o.match = MatchBy::kKey;
  r = import_property_graph(g, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(r.network.ties[0].to, "MDA");
}

// A cap of 0 on problems still refuses the file: it never changes what is imported.
TEST(GraphKeys, ZeroMaxProblemsStillRefuses) {
  const char* json =
      "{\"nodes\": [{\"id\": \"x\"}], \"links\": [{\"source\": \"x\", \"target\": \"y\"}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "z.json", &g, &problems, {}));
  GraphImportOptions o;
  o.max_problems = 0;
  GraphImportResult r = import_property_graph(g, o);
  EXPECT_EQ(r.problems.size(), 1u);
}

}  // namespace
}  // namespace govnet
