// Graph files written by networkx, igraph and graph-tool (tests/data/interchange, made by
// make_fixtures.py) are read with every node, edge and attribute the writing tool held;
// malformed files fail at their exact line:column; govnet's exports read back losslessly.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "govnet/analysis_graph.h"
#include "govnet/graph_export.h"
#include "govnet/graph_import.h"
#include "govnet/govnet_csv.h"
#include "govnet/property_graph.h"

namespace govnet {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
const std::string kDir = std::string(GOVNET_SOURCE_DIR) + "/tests/data/interchange/";

std::optional<std::string> attr(const Attributes& a, const std::string& name) {
  for (const auto& [k, v] : a)
    if (k == name) return v;
  return std::nullopt;
}
// Values agree as numbers when both are numbers ("1.0" and "1"), else as text.
bool same_value(const std::string& a, const std::string& b) {
  char* ea = nullptr;
  char* eb = nullptr;
  double x = std::strtod(a.c_str(), &ea), y = std::strtod(b.c_str(), &eb);
  if (!a.empty() && !b.empty() && *ea == 0 && *eb == 0) return x == y;
  return a == b;
}

// The start or end of a node's or edge's only spell, as the file wrote it.
std::optional<std::string> spell_end(const std::vector<PropertySpell>& spells,
                                     const std::string& which) {
  if (spells.size() != 1 || (which != "start" && which != "end")) return std::nullopt;
  return which == "start" ? spells[0].start : spells[0].end;
}

class Fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(Fixture, EveryNodeEdgeAndAttributeIsRead) {
  const std::string name = GetParam();
  nlohmann::json expected = nlohmann::json::parse(slurp(kDir + "expected.json"))[name];
  ASSERT_FALSE(expected.is_null()) << name;
  PropertyGraph g;
  std::vector<Problem> problems;
  auto format = graph_format_of_path(name);
  ASSERT_TRUE(format);
  ASSERT_TRUE(read_property_graph(*format, slurp(kDir + name), name, &g, &problems))
      << (problems.empty() ? "" : problems[0].to_string());
  EXPECT_EQ(g.directed, expected["directed"].get<bool>());
  EXPECT_EQ(g.two_mode, expected["two_mode"].get<bool>());
  ASSERT_EQ(g.nodes.size(), expected["nodes"].size());
  std::map<std::string, const PropertyNode*> by_id;
  for (const auto& n : g.nodes) by_id[n.id] = &n;
  for (const auto& [id, attrs] : expected["nodes"].items()) {
    ASSERT_TRUE(by_id.count(id)) << name << ": node " << id;
    for (const auto& [k, v] : attrs.items()) {
      auto got = attr(by_id[id]->attributes, k);
      if (!got) got = spell_end(by_id[id]->spells, k);  // GEXF's time is read as spells
      ASSERT_TRUE(got) << name << ": node " << id << " lost attribute " << k;
      EXPECT_TRUE(same_value(*got, v.get<std::string>()))
          << name << ": " << id << "." << k << " = " << *got << " vs " << v;
    }
  }
  ASSERT_EQ(g.edges.size(), expected["edges"].size());
  std::vector<bool> used(g.edges.size(), false);
  for (const auto& e : expected["edges"]) {
    bool found = false;
    for (size_t i = 0; i < g.edges.size() && !found; ++i) {
      const auto& ge = g.edges[i];
      bool ends = (ge.source == e[0] && ge.target == e[1]) ||
                  (!g.directed && ge.source == e[1] && ge.target == e[0]);
      if (used[i] || !ends) continue;
      bool all = true;
      for (const auto& [k, v] : e[2].items()) {
        auto got = attr(ge.attributes, k);
        if (!got) got = spell_end(ge.spells, k);
        all &= got && same_value(*got, v.get<std::string>());
      }
      if (all) found = used[i] = true;
    }
    EXPECT_TRUE(found) << name << ": edge " << e.dump();
  }

  // And into govnet records: every node a record, every edge between an actor and anything a tie.
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(r.network.actors.size() + r.network.instruments.size(), g.nodes.size());
  EXPECT_EQ(r.network.ties.size() + r.report.skipped, g.edges.size());
}

INSTANTIATE_TEST_SUITE_P(Tools, Fixture,
                         ::testing::Values("networkx_multi.graphml", "networkx_florentine.graphml",
                                           "networkx.gexf", "networkx_node_link.json",
                                           "networkx.net", "igraph_bipartite.graphml", "igraph.net",
                                           "graph_tool.graphml", "networkx.gml", "igraph.gml"),
                         [](const auto& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

TEST(Interchange, GovernanceFieldsAndTypesFromNetworkx) {
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_graphml(slurp(kDir + "networkx_multi.graphml"), "m.graphml", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.network.instruments.size(), 1u);
  const Instrument& mp = r.network.instruments[0];
  EXPECT_EQ(mp.key, "MP-MDA");
  EXPECT_EQ(mp.kind, InstrumentKind::kMobilityPartnership);
  EXPECT_EQ(mp.status, Status::kInForce);
  EXPECT_EQ(mp.spells.hull().start->to_string(), "2008-06");
  int funding = 0;
  for (const auto& t : r.network.ties) {
    EXPECT_TRUE(t.directed);
    if (t.family == Family::kFunding) {
      ++funding;
      EXPECT_EQ(t.currency, "EUR");
      EXPECT_TRUE(t.amount == 2500000.0 || t.amount == 1000000.0);
    }
    if (t.to == "MP-MDA") {
      EXPECT_TRUE(t.to_instrument);
    }
  }
  EXPECT_EQ(funding, 2);  // parallel edges stay two ties
  // Numbers and booleans that are not govnet fields are kept as text attributes.
  for (const auto& a : r.network.actors)
    if (a.key == "MDA") {
      EXPECT_EQ(a.iso3, "MDA");
      EXPECT_EQ(attr(a.attributes, "landlocked"), "true");
    }
}

TEST(Interchange, IgraphBipartiteTypeMakesInstruments) {
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(
      read_graphml(slurp(kDir + "igraph_bipartite.graphml"), "b.graphml", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.network.actors.size(), 3u);
  ASSERT_EQ(r.network.instruments.size(), 2u);
  EXPECT_EQ(r.network.instruments[0].name, "Rabat Process");
  for (const auto& t : r.network.ties) EXPECT_TRUE(t.to_instrument);
}

TEST(Interchange, GexfVizAndPeriods) {
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_gexf(slurp(kDir + "networkx.gexf"), "x.gexf", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  const Actor* rcm = nullptr;
  for (const auto& a : r.network.actors)
    if (a.key == "RCM") rcm = &a;
  ASSERT_TRUE(rcm);
  EXPECT_EQ(rcm->name, "Regional Conference on Migration");
  EXPECT_EQ(rcm->kind, ActorKind::kRegionalProcess);
  EXPECT_EQ(attr(rcm->attributes, "viz_color"), "#c81e28");
  EXPECT_EQ(attr(rcm->attributes, "viz_size"), "12.5");
  EXPECT_FALSE(attr(rcm->attributes, "viz_x"));  // a position, not text
  bool placed = false;
  for (const auto& p : r.positions)
    if (p.node.key == "RCM") placed = p.x == 10.0f && p.y == -5.0f;
  EXPECT_TRUE(placed);
  ASSERT_EQ(r.network.ties.size(), 2u);
  EXPECT_EQ(r.network.ties[0].family, Family::kMembership);
  EXPECT_EQ(r.network.ties[0].spells.hull().start->to_string(), "1996");
}

struct Bad {
  const char* name;
  GraphFormat format;
  const char* text;
  uint32_t line, column;
  const char* says;
};

class Malformed : public ::testing::TestWithParam<Bad> {};

TEST_P(Malformed, FailsAtItsExactPosition) {
  const Bad& b = GetParam();
  PropertyGraph g;
  std::vector<Problem> problems;
  bool ok = read_property_graph(b.format, b.text, b.name, &g, &problems);
  if (ok) {
    GraphImportResult r = import_property_graph(g, {});
    problems = r.problems;
  }
  ASSERT_FALSE(problems.empty()) << b.name;
  EXPECT_EQ(problems[0].line, b.line) << problems[0].to_string();
  EXPECT_EQ(problems[0].column, b.column) << problems[0].to_string();
  EXPECT_NE(problems[0].message.find(b.says), std::string::npos) << problems[0].to_string();
}

const Bad kBad[] = {
    {"unclosed.graphml", GraphFormat::kGraphMl,
     "<graphml>\n  <graph edgedefault=\"undirected\">\n    <node id=\"a\">\n  "
     "</graph>\n</graphml>\n",
     4, 5, "not well-formed"},
    {"undeclared-key.graphml", GraphFormat::kGraphMl,
     "<graphml><graph>\n<node id=\"a\"><data key=\"d9\">x</data></node>\n</graph></graphml>", 2, 14,
     "no <key>"},
    {"edge-to-nowhere.graphml", GraphFormat::kGraphMl,
     "<graphml><graph>\n<node id=\"a\"/>\n  <edge source=\"a\" target=\"b\"/>\n</graph></graphml>",
     3, 3, "target 'b'"},
    {"laughs.graphml", GraphFormat::kGraphMl,
     "<?xml version=\"1.0\"?>\n<!DOCTYPE g [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b "
     "\"&a;&a;&a;&a;&a;&a;\">\n]>\n"
     "<graphml>&b;</graphml>",
     3, 13, "entity"},  // expat places the declaration at its value
    {"not-graphml.graphml", GraphFormat::kGraphMl, "<?xml version=\"1.0\"?>\n<gexf/>", 2, 1,
     "not <graphml>"},
    {"bad-type.gexf", GraphFormat::kGexf,
     "<gexf><graph><nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n<edges>\n  <edge source=\"a\" "
     "target=\"b\" "
     "type=\"sideways\"/></edges></graph></gexf>",
     3, 3, "sideways"},
    {"undeclared.gexf", GraphFormat::kGexf,
     "<gexf><graph><nodes>\n<node id=\"a\"><attvalues><attvalue for=\"7\" "
     "value=\"x\"/></attvalues></node>\n"
     "</nodes></graph></gexf>",
     2, 25, "declared"},
    {"trailing-comma.json", GraphFormat::kNodeLinkJson, "{\"nodes\": [\n  {\"id\": \"a\"},\n]}", 3,
     1, "not valid JSON"},
    {"no-id.json", GraphFormat::kNodeLinkJson,
     "{\"nodes\": [{\"id\": \"a\"},\n   {\"name\": \"b\"}], \"links\": []}", 2, 4, "no \"id\""},
    {"bad-link.json", GraphFormat::kNodeLinkJson,
     "{\"nodes\": [{\"id\": \"a\"}],\n \"links\": [\n    {\"source\": \"a\"}]}", 3, 5,
     "\"target\""},
    {"vertex-out-of-range.net", GraphFormat::kPajek,
     "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 2\n2  3\n", 6, 4, "outside 1..2"},
    {"unterminated.net", GraphFormat::kPajek, "*Vertices 2\n1 \"a\n", 2, 3, "unterminated"},
    // Columns count characters, also inside a quoted UTF-8 value ("Blé" is five of them).
    {"unpaired-option.net", GraphFormat::kPajek, "*Vertices 2\n*Edges\n1 2 c \"Blé\" w\n", 3, 13,
     "has no value"},
    {"huge.net", GraphFormat::kPajek, "% declared count\n*Vertices 99999999999999\n", 2, 11,
     "more than the limit"},
    {"unterminated-string.gml", GraphFormat::kGml, "graph [\n  node [ id 0 label \"EU ]\n]\n", 2,
     21, "never ends"},
    {"unclosed.gml", GraphFormat::kGml, "graph [\n  node [ id 0 ]\n  edge [ source 0 target 0\n", 4,
     1, "closing ]"},
    {"no-id.gml", GraphFormat::kGml, "graph [\n  node [ id 0 ]\n  node [ label \"b\" ]\n]\n", 3, 3,
     "without an `id`"},
    {"no-target.gml", GraphFormat::kGml,
     "graph [\n  node [ id 0 ]\n  edge [\n    source 0\n  ]\n]\n", 3, 3, "`target`"},
    {"no-graph.gml", GraphFormat::kGml, "Creator \"x\"\nVersion 1\n", 0, 0, "no `graph"},
    {"stray.gml", GraphFormat::kGml, "graph [\n  node [ id 0 } ]\n]\n", 2, 15,
     "unexpected character '}'"},
};

INSTANTIATE_TEST_SUITE_P(Files, Malformed, ::testing::ValuesIn(kBad), [](const auto& info) {
  std::string s = info.param.name;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

TEST(Interchange, DeepNestingIsRefusedInBoundedTime) {
  std::string xml = "<graphml>";
  for (int i = 0; i < 100000; ++i) xml += "<a>";
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_FALSE(read_graphml(xml, "deep.graphml", &g, &problems, {}));
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].message.find("nested"), std::string::npos) << problems[0].to_string();
  std::string json = "{\"nodes\": " + std::string(100000, '[');
  problems.clear();
  EXPECT_FALSE(read_node_link_json(json, "deep.json", &g, &problems, {}));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].column, 266u);  // the 256th '[', at depth 257 (depth 1 is the object)
}

TEST(Interchange, NestedDataIsNotedNotFatal) {
  const char* yed =
      "<graphml xmlns:y=\"http://www.yworks.com/xml/graphml\">\n<key id=\"d0\" for=\"node\" "
      "yfiles.type=\"nodegraphics\"/>\n"
      "<graph edgedefault=\"directed\">\n<node id=\"a\"><data "
      "key=\"d0\"><y:ShapeNode><y:NodeLabel>A</y:NodeLabel>"
      "</y:ShapeNode></data></node>\n<node id=\"b\"/><edge source=\"a\" "
      "target=\"b\"/>\n</graph></graphml>";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_graphml(yed, "yed.graphml", &g, &problems, {}));
  EXPECT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.edges.size(), 1u);
  ASSERT_EQ(g.notes.size(), 1u);
  EXPECT_EQ(g.notes[0].line, 4u);
  EXPECT_EQ(g.notes[0].column, 29u);  // <y:ShapeNode>
  GraphImportResult r = import_property_graph(g, {});
  EXPECT_EQ(r.report.notes_total, 1u);
}

TEST(Interchange, UnrepresentableValuesAreKeptAndReported) {
  const char* json =
      "{\"nodes\": [{\"id\": \"a\", \"kind\": \"country\"}, {\"id\": \"b\", \"start\": "
      "\"spring\"}],\n"
      " \"links\": [{\"source\": \"a\", \"target\": \"b\", \"weight\": \"heavy\", \"family\": "
      "\"friendship\"}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "v.json", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.report.notes_total, 4u);  // kind, start (no date: kept as text), weight, family
  EXPECT_EQ(r.network.actors[0].kind, ActorKind::kOther);
  EXPECT_EQ(attr(r.network.actors[0].attributes, "kind"), "country");
  EXPECT_EQ(attr(r.network.actors[1].attributes, "start"), "spring");
  EXPECT_EQ(attr(r.network.ties[0].attributes, "weight"), "heavy");
  EXPECT_EQ(attr(r.network.ties[0].attributes, "family"), "friendship");
  EXPECT_EQ(r.report.notes[0].line, 1u);
  EXPECT_EQ(r.report.notes[0].column, 12u);
}

// The migration-governance sample goes out in every format and comes back with the same
// records, fields and evidence (Pajek: structure only).
TEST(Interchange, SampleRoundTripsThroughEveryFormat) {
  const std::string dir = std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/";
  CsvImportResult csv = read_govnet_csv(std::vector<CsvInput>{{dir + "actors.csv", {}},
                                                              {dir + "instruments.csv", {}},
                                                              {dir + "ties.csv", {}},
                                                              {dir + "evidence.csv", {}}},
                                        {});
  ASSERT_TRUE(csv.problems.empty());
  Network& net = csv.network;
  for (size_t i = 0; i < net.ties.size(); ++i) net.ties[i].id = i + 1;
  ViewSpec spec;
  spec.keep_isolated = true;
  std::string err;
  auto view = AnalysisGraph::build(net, spec, &err);
  ASSERT_TRUE(view) << err;
  ExportOptions options;
  options.dataset_names = {"", "mg"};
  ExportGraph eg = build_export_graph(net, *view, options);
  for (GraphFormat f :
       {GraphFormat::kGraphMl, GraphFormat::kGexf, GraphFormat::kNodeLinkJson, GraphFormat::kGml}) {
    std::ostringstream out;
    write_graph(f, eg, options, out);
    PropertyGraph g;
    std::vector<Problem> problems;
    ASSERT_TRUE(read_property_graph(f, out.str(), "export", &g, &problems))
        << problems[0].to_string();
    GraphImportResult r = import_property_graph(g, {});
    ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
    EXPECT_EQ(r.report.notes_total, 0u) << to_string(f) << ": " << r.report.notes[0].to_string();
    ASSERT_EQ(r.network.actors.size(), net.actors.size());
    ASSERT_EQ(r.network.instruments.size(), net.instruments.size());
    ASSERT_EQ(r.network.ties.size(), view->links().size() ? eg.edges.size() : 0);
    std::map<std::string, const Actor*> actors;
    for (const auto& a : r.network.actors) actors[a.key] = &a;
    for (const auto& a : net.actors) {
      ASSERT_TRUE(actors.count(a.key)) << a.key;
      const Actor& b = *actors[a.key];
      EXPECT_EQ(b.name, a.name);
      EXPECT_EQ(b.kind, a.kind);
      EXPECT_EQ(b.aliases, a.aliases);
      EXPECT_EQ(b.iso3, a.iso3);
      EXPECT_EQ(b.parent, a.parent);
      EXPECT_EQ(b.evidence, a.evidence) << to_string(f) << " " << a.key;
    }
    std::map<std::string, const Instrument*> instruments;
    for (const auto& x : r.network.instruments) instruments[x.key] = &x;
    for (const auto& x : net.instruments) {
      const Instrument& y = *instruments.at(x.key);
      EXPECT_EQ(y.spells, x.spells) << to_string(f) << " " << x.key;
      EXPECT_EQ(y.status, x.status);
      EXPECT_EQ(y.kind, x.kind);
      EXPECT_EQ(y.evidence, x.evidence);
    }
    // Ties: compare the multiset of (from, to, family, role, period, amount, evidence count).
    auto sig = [](const Tie& t) {
      return t.from + ">" + t.to + "|" + std::string(to_string(t.family)) + "|" + t.role + "|" +
             t.spells.to_string() + "|" + (t.amount ? std::to_string(*t.amount) : "") + t.currency +
             "|" + std::string(to_string(t.status)) + "|" + (t.directed ? "d" : "u") + "|" +
             std::to_string(t.evidence.size());
    };
    std::multiset<std::string> want, got;
    for (const auto& l : view->links())
      for (uint32_t ti : l.ties) want.insert(sig(net.ties[ti]));
    for (const auto& t : r.network.ties) got.insert(sig(t));
    EXPECT_EQ(got, want) << to_string(f);
  }
}

// A node of no stated kind named after a country is that state, in any of the languages the
// country table knows; codes alone ("IT") are not taken for countries.
TEST(Interchange, CountryNamedNodesAreStates) {
  const char* json =
      "{\"nodes\": [{\"id\": 0, \"name\": \"Mauritanie\"}, {\"id\": 1, \"name\": "
      "\"IT\"}, {\"id\": 2, \"name\": \"Tchad\", \"kind\": \"ngo\"}], \"links\": []}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "c.json", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.network.actors.size(), 3u);
  EXPECT_EQ(r.network.actors[0].kind, ActorKind::kState);
  EXPECT_EQ(r.network.actors[0].iso3, "MRT");
  EXPECT_EQ(r.network.actors[1].kind, ActorKind::kOther);
  EXPECT_EQ(r.network.actors[2].kind, ActorKind::kNgo);
  EXPECT_EQ(r.network.actors[2].iso3, "");
}

TEST(Interchange, FormatSniffedFromContent) {
  EXPECT_EQ(sniff_graph_format("<?xml version=\"1.0\"?>\n<!-- x -->\n<gexf xmlns=\"a\">"),
            GraphFormat::kGexf);
  EXPECT_EQ(sniff_graph_format("\xEF\xBB\xBF<graphml>"), GraphFormat::kGraphMl);
  EXPECT_EQ(sniff_graph_format("# made by networkx\ngraph [\n  node ["), GraphFormat::kGml);
  EXPECT_EQ(sniff_graph_format("Creator \"igraph\"\ngraph\n["), GraphFormat::kGml);
  EXPECT_EQ(sniff_graph_format("*Vertices 3\n1 \"a\""), GraphFormat::kPajek);
  EXPECT_EQ(sniff_graph_format("{\"directed\": false, \"nodes\": []}"), GraphFormat::kNodeLinkJson);
  EXPECT_EQ(sniff_graph_format("graph,from,to\n"), std::nullopt);
  EXPECT_EQ(sniff_graph_format("key,name,kind\n"), std::nullopt);
  EXPECT_EQ(sniff_graph_format("<html>"), std::nullopt);
}

// d3's force-layout JSON keeps the weight in `value`; --weight-attribute names another, and
// one that no edge has is refused rather than giving unweighted results.
TEST(Interchange, WeightFromValueOrTheNamedAttribute) {
  const char* json =
      "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
      " \"links\": [{\"source\": \"a\", \"target\": \"b\", \"value\": 3, \"Strength\": 0.5}]}";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_node_link_json(json, "d3.json", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.network.ties[0].weight, 3.0);
  GraphImportOptions o;
  o.weight_attribute = "strength";
  r = import_property_graph(g, o);
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.network.ties[0].weight, 0.5);
  EXPECT_EQ(attr(r.network.ties[0].attributes, "value"), "3");
  o.weight_attribute = "weight";
  r = import_property_graph(g, o);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(),
            "d3.json: no edge has the weight attribute 'weight'; the edges' attributes are: "
            "Strength, value; give one of these to --weight-attribute");
}

// yEd writes node names only in its graphics: <y:NodeLabel> inside a nodegraphics <data>.
TEST(Interchange, YedNodeLabelsAreNames) {
  const char* graphml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
      "  <key for=\"node\" id=\"d6\" yfiles.type=\"nodegraphics\"/>\n"
      "  <graph edgedefault=\"directed\" id=\"G\">\n"
      "    <node id=\"n0\"><data key=\"d6\"><y:ShapeNode><y:Geometry x=\"1\" y=\"2\"/>"
      "<y:NodeLabel alignment=\"center\">\n  Frontex\n</y:NodeLabel></y:ShapeNode></data></node>\n"
      "    <node id=\"n1\"><data key=\"d6\"><y:ShapeNode><y:NodeLabel>IOM</y:NodeLabel>"
      "<y:NodeLabel>second label</y:NodeLabel></y:ShapeNode></data></node>\n"
      "    <node id=\"n2\"/>\n"
      "    <edge id=\"e0\" source=\"n0\" target=\"n1\"/>\n"
      "  </graph>\n</graphml>\n";
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_graphml(graphml, "yed.graphml", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.network.actors.size(), 3u);
  EXPECT_EQ(r.network.actors[0].name, "Frontex");
  EXPECT_EQ(r.network.actors[1].name, "IOM");
  EXPECT_EQ(r.network.actors[2].name, "n2");
}

}  // namespace
}  // namespace govnet
