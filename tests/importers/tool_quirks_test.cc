// Files as other tools write them, with their habits: networkx writes an open end it read as
// "None" and a colour without alpha as a="None"; classic d3 files number nodes by their place;
// yEd keeps its graphics in nested <data>; scripts write source,target tables with CRLF.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "govnet/analysis_graph.h"
#include "govnet/graph_export.h"
#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

namespace govnet {
namespace {

const std::string kDir = std::string(GOVNET_SOURCE_DIR) + "/tests/data/interchange/";

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

GraphImportResult import_file(const std::string& name) {
  const std::string text = slurp(kDir + name);
  const std::optional<GraphFormat> format = sniff_graph_format(text);
  EXPECT_TRUE(format) << name;
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_TRUE(
      read_property_graph(format.value_or(GraphFormat::kGraphMl), text, name, &g, &problems))
      << (problems.empty() ? "" : problems[0].to_string());
  GraphImportResult r = import_property_graph(g, {});
  for (const auto& p : r.problems) ADD_FAILURE() << p.to_string();
  return r;
}

const Actor& actor(const GraphImportResult& r, const std::string& key) {
  for (const auto& a : r.network.actors)
    if (a.key == key) return a;
  throw std::runtime_error("no actor " + key);
}

TEST(ToolQuirks, NetworkxNoneIsAnOpenEndAndNoAlpha) {
  GraphImportResult r = import_file("networkx_open_ends.gexf");
  EXPECT_EQ(actor(r, "EASO").spells.to_string(), "2011-02-01–2022-01-18");
  EXPECT_EQ(actor(r, "EUAA").spells.to_string(), "2022-01-19–");
  ASSERT_EQ(r.network.ties.size(), 1u);
  const Tie& t = r.network.ties[0];
  EXPECT_EQ(t.spells.to_string(), "2022-01-19–");
  ASSERT_EQ(t.dated_attributes.size(), 1u);
  EXPECT_EQ(t.dated_attributes[0].value, "successor");
  EXPECT_EQ(t.dated_attributes[0].period.to_string(), "2022-01-19–");
  EXPECT_EQ(actor(r, "EASO").attributes,
            (Attributes{{"viz_color", "#000ac8"}}));  // no viz_alpha "None"
  EXPECT_EQ(r.report.notes_total, 0u);

  // Written back, the colour has no alpha and the open ends stay open.
  std::string err;
  auto view = AnalysisGraph::build(r.network, {}, &err);
  ASSERT_TRUE(view) << err;
  std::ostringstream out;
  write_gexf(build_export_graph(r.network, *view, {}), "1.2", out);
  EXPECT_NE(out.str().find("<viz:color r=\"0\" g=\"10\" b=\"200\"/>"), std::string::npos)
      << out.str();
  EXPECT_EQ(out.str().find("None"), std::string::npos) << out.str();
}

// A dynamic value whose time cannot be read is noted at its own <attvalue>, as left out.
TEST(ToolQuirks, UnreadableDynamicTimeIsNotedAtItsAttvalue) {
  const std::string gexf =
      "<gexf version=\"1.2\"><graph mode=\"dynamic\">\n"
      "<attributes class=\"node\" mode=\"dynamic\"><attribute id=\"0\" title=\"budget\" "
      "type=\"double\"/></attributes>\n"
      "<nodes><node id=\"a\"><attvalues>\n"
      "  <attvalue for=\"0\" value=\"5\" start=\"soon\"/></attvalues></node></nodes>\n"
      "</graph></gexf>";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_gexf(gexf, "t.gexf", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.report.notes.size(), 1u);
  EXPECT_EQ(r.report.notes[0].line, 4u);
  EXPECT_EQ(r.report.notes[0].column, 3u);
  EXPECT_NE(r.report.notes[0].message.find("'soon'"), std::string::npos)
      << r.report.notes[0].message;
  EXPECT_EQ(r.report.notes_by_kind[static_cast<size_t>(NoteKind::kLeftOut)], 1u);
  EXPECT_TRUE(actor(r, "a").dated_attributes.empty());
}

TEST(ToolQuirks, PythonCsvEdgeTableIsAnEdgeList) {
  GraphImportResult r = import_file("networkx_edges.csv");
  ASSERT_EQ(r.network.actors.size(), 5u);
  ASSERT_EQ(r.network.ties.size(), 3u);
  EXPECT_EQ(actor(r, "Senegal").name, "Senegal");  // no CR kept from the CRLF line end
  EXPECT_EQ(r.network.ties[0].weight, 2.0);
  EXPECT_EQ(r.network.ties[1].weight, 1.5);
  EXPECT_EQ(r.network.ties[2].to, "Sudan");
}

// Classic d3 (miserables.json): nodes without ids, links by index into "nodes".
TEST(ToolQuirks, D3NodesByIndex) {
  const char* json =
      "{\"nodes\": [{\"name\": \"Rabat Process\", \"group\": 1}, {\"name\": \"Senegal\"},\n"
      "  {\"name\": \"Mali\"}],\n"
      " \"links\": [{\"source\": 0, \"target\": 1, \"value\": 2}, {\"source\": 0, \"target\": 2, "
      "\"value\": 1}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "miserables.json", &g, &problems, {}))
      << problems[0].to_string();
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.actors.size(), 3u);
  EXPECT_EQ(actor(r, "0").name, "Rabat Process");
  EXPECT_EQ(actor(r, "2").name, "Mali");
  ASSERT_EQ(r.network.ties.size(), 2u);
  EXPECT_EQ(r.network.ties[0].from, "0");
  EXPECT_EQ(r.network.ties[0].to, "1");
  EXPECT_EQ(r.network.ties[0].weight, 2.0);
  // When some nodes have ids, every node needs one.
  problems.clear();
  EXPECT_FALSE(read_node_link_json("{\"nodes\": [{\"id\": \"a\"},\n {\"name\": \"b\"}]}", "m.json",
                                   &g, &problems, {}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_NE(problems[0].message.find("node 1 has no \"id\""), std::string::npos);
}

// yEd's graphics (nested <data>) are skipped, not stored as empty attributes.
TEST(ToolQuirks, YedGraphicsLeaveNoEmptyAttributes) {
  const char* graphml =
      "<graphml xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
      "<key id=\"d5\" for=\"node\" attr.name=\"description\" attr.type=\"string\"/>\n"
      "<key id=\"d6\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
      "<key id=\"d10\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n"
      "<graph edgedefault=\"directed\">\n"
      "<node id=\"n0\"><data key=\"d5\">EU agency</data><data key=\"d6\"><y:ShapeNode>"
      "<y:NodeLabel>Frontex</y:NodeLabel></y:ShapeNode></data></node>\n"
      "<node id=\"n1\"><data key=\"d6\"><y:ShapeNode><y:NodeLabel>IOM</y:NodeLabel>"
      "</y:ShapeNode></data></node>\n"
      "<edge source=\"n0\" target=\"n1\"><data key=\"d10\"><y:PolyLineEdge/></data></edge>\n"
      "</graph></graphml>";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_graphml(graphml, "yed.graphml", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(actor(r, "n0").name, "Frontex");
  EXPECT_EQ(actor(r, "n0").attributes, (Attributes{{"description", "EU agency"}}));
  EXPECT_TRUE(actor(r, "n1").attributes.empty());
  ASSERT_EQ(r.network.ties.size(), 1u);
  EXPECT_TRUE(r.network.ties[0].attributes.empty());
}

}  // namespace
}  // namespace govnet
