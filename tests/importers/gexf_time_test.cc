// Time and the viz module in GEXF: spells in every form GEXF has (start/end, open bounds,
// timestamps, <spells>), the three time formats, dynamic values (a dynamic weight, dynamic
// labels), viz positions and colours, and the same written back out.
#include <gtest/gtest.h>

#include <sstream>

#include "govnet/graph_export.h"
#include "govnet/graph_import.h"
#include "govnet/property_graph.h"

namespace govnet {
namespace {

GraphImportResult import_gexf(const std::string& text) {
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_TRUE(read_gexf(text, "t.gexf", &g, &problems, {}));
  for (const auto& p : problems) ADD_FAILURE() << p.message;
  GraphImportResult r = import_property_graph(g, {});
  for (const auto& p : r.problems) ADD_FAILURE() << p.message;
  return r;
}

const Actor& actor(const GraphImportResult& r, const std::string& key) {
  for (const auto& a : r.network.actors)
    if (a.key == key) return a;
  throw std::runtime_error("no actor " + key);
}

TEST(GexfTime, SpellsInEveryFormAndTimeFormat) {
  auto r = import_gexf(R"(<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph mode="dynamic" timeformat="double">
    <nodes>
      <node id="a" label="A"><spells><spell start="2001.0" end="2004.0"/><spell start="2008"/></spells></node>
      <node id="b" label="B" startopen="1990" endopen="1995.5"/>
      <node id="c" label="C" timestamps="&lt;[2003.0;2005.0]&gt;"/>
      <node id="d" label="D" timestamp="2010"/>
      <node id="e" label="E"/>
    </nodes>
    <edges><edge source="a" target="b" start="2002" end="2003"/></edges>
  </graph></gexf>)");
  EXPECT_EQ(actor(r, "a").spells.to_string(), "2001–2004, 2008–");
  EXPECT_EQ(actor(r, "b").spells.to_string(), "1990–1995");  // open bounds as bounds, years
  EXPECT_EQ(actor(r, "c").spells.to_string(), "2003–2003, 2005–2005");
  EXPECT_EQ(actor(r, "d").spells.to_string(), "2010–2010");
  EXPECT_TRUE(actor(r, "e").spells.empty());
  EXPECT_EQ(r.network.ties[0].spells.to_string(), "2002–2003");
  EXPECT_TRUE(actor(r, "a").attributes.empty());  // time is not kept as text as well

  auto dates = import_gexf(R"(<gexf version="1.2"><graph mode="dynamic" timeformat="datetime">
    <nodes><node id="x" start="2009-03-27T10:00:00" end="2011-01-02 12:00"/></nodes>
    </graph></gexf>)");
  EXPECT_EQ(dates.network.actors[0].spells.to_string(), "2009-03-27–2011-01-02");
}

TEST(GexfTime, DynamicWeightLabelsAndAttributes) {
  auto r = import_gexf(R"(<gexf version="1.2"><graph mode="dynamic" timeformat="date">
    <attributes class="node" mode="dynamic">
      <attribute id="n0" title="label" type="string"/>
      <attribute id="n1" title="budget" type="string"/>
    </attributes>
    <attributes class="edge" mode="dynamic">
      <attribute id="w" title="Weight" type="float"/>
    </attributes>
    <nodes>
      <node id="1"><attvalues>
        <attvalue for="n0" value="Astronomical Institute" start="2001-01-01" end="2003-12-31"/>
        <attvalue for="n0" value="Astronomical Institute" start="2004-01-01"/>
      </attvalues></node>
      <node id="2"><attvalues>
        <attvalue for="n0" value="EUAA" start="2022-01-19"/>
        <attvalue for="n0" value="EASO" start="2011-02-01" end="2022-01-18"/>
        <attvalue for="n1" value="12" start="2020" end="2020"/>
      </attvalues></node>
    </nodes>
    <edges><edge source="1" target="2" weight="1"><attvalues>
      <attvalue for="w" value="2" start="2001" end="2003"/>
      <attvalue for="w" value="5" start="2004"/>
    </attvalues></edge></edges>
  </graph></gexf>)");
  EXPECT_EQ(actor(r, "1").name, "Astronomical Institute");  // one name, not "A; A"
  EXPECT_TRUE(actor(r, "1").dated_attributes.empty());
  const Actor& easo = actor(r, "2");
  EXPECT_EQ(easo.name, "EUAA");  // the latest
  ASSERT_EQ(easo.dated_attributes.size(), 3u);
  EXPECT_EQ(easo.dated_attributes[0].name, "budget");
  EXPECT_EQ(easo.dated_attributes[1].value, "EASO");
  EXPECT_EQ(easo.dated_attributes[1].period.to_string(), "2011-02-01–2022-01-18");
  EXPECT_EQ(easo.dated_attributes[2].value, "EUAA");
  const Tie& t = r.network.ties[0];
  EXPECT_EQ(t.weight, 1.0);
  ASSERT_EQ(t.dated_weights.size(), 2u);
  EXPECT_EQ(t.dated_weights[0].value, 2.0);
  EXPECT_EQ(t.dated_weights[1].period.to_string(), "2004–");
}

TEST(GexfTime, BadTimesAreNotedAndLeftOut) {
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_gexf(R"(<gexf version="1.2"><graph mode="dynamic" timeformat="integer">
    <nodes><node id="a"><spells><spell start="soon" end="2004"/><spell start="2008"/></spells></node>
    <node id="b" start="2005" end="2001"/></nodes></graph></gexf>)",
                        "t.gexf", &g, &problems, {}));
  GraphImportResult r = import_property_graph(g, {});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.network.actors[0].spells.to_string(), "2008–");
  EXPECT_TRUE(r.network.actors[1].spells.empty());
  std::string all;
  for (const auto& n : r.report.notes) all += n.message + "\n";
  EXPECT_NE(all.find("'soon' is not a year"), std::string::npos) << all;
  EXPECT_NE(all.find("ends (2001) before it starts (2005)"), std::string::npos) << all;
}

TEST(GexfTime, VizPositionsBecomePositionsAndColoursStay) {
  auto r = import_gexf(R"(<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2"><graph>
    <nodes><node id="a" label="A"><viz:color r="255" g="16" b="0"/><viz:position x="10.5" y="-3" z="0"/></node>
    <node id="b" label="B"/></nodes></graph></gexf>)");
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_EQ(r.positions[0].node.key, "a");
  EXPECT_FLOAT_EQ(r.positions[0].x, 10.5f);
  EXPECT_FLOAT_EQ(r.positions[0].y, -3.0f);
  const Actor& a = actor(r, "a");
  ASSERT_EQ(a.attributes.size(), 1u);
  EXPECT_EQ(a.attributes[0], (std::pair<std::string, std::string>{"viz_color", "#ff1000"}));
}

// Written out and read back: spells, dated weights, dated attributes and the colour survive.
TEST(GexfTime, ExportWritesTimeAndVizBack) {
  auto year = [](int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; };
  Network net;
  Actor a;
  a.key = a.name = "EASO";
  a.spells.add({year(2001), year(2004)});
  a.spells.add({year(2008), std::nullopt});
  a.attributes = {{"viz_color", "#ff1000"}};
  a.dated_attributes = {{"budget", "12", {year(2020), year(2020)}}};
  net.actors.push_back(a);
  a = Actor{};
  a.key = a.name = "IOM";
  net.actors.push_back(a);
  Tie t;
  t.from = "EASO";
  t.to = "IOM";
  t.weight = 1;
  t.spells = Period{year(2001), std::nullopt};
  t.dated_weights = {{{year(2004), std::nullopt}, 5.0}};
  net.ties.push_back(t);
  std::string err;
  auto view = AnalysisGraph::build(net, {}, &err);
  ASSERT_TRUE(view) << err;
  ExportOptions options;
  options.positions["EASO"] = {1.0f, 2.0f};
  std::ostringstream out;
  write_gexf(build_export_graph(net, *view, options), "1.2", out);
  const std::string text = out.str();
  EXPECT_NE(text.find("<spells><spell start=\"2001-01-01\" end=\"2004-12-31\"/><spell "
                      "start=\"2008-01-01\"/></spells>"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("<viz:color r=\"255\" g=\"16\" b=\"0\"/>"), std::string::npos) << text;
  auto back = import_gexf(text);
  EXPECT_EQ(actor(back, "EASO").spells, net.actors[0].spells);
  // Dated values go out as GEXF's days and come back as days: the same days, day precision.
  auto same_days = [](const Period& a, const Period& b) {
    return a.start.has_value() == b.start.has_value() && a.end.has_value() == b.end.has_value() &&
           (!a.start || a.start->earliest() == b.start->earliest()) &&
           (!a.end || a.end->latest() == b.end->latest());
  };
  const auto& dated = actor(back, "EASO").dated_attributes;
  ASSERT_EQ(dated.size(), 1u);
  EXPECT_EQ(dated[0].name, "budget");
  EXPECT_EQ(dated[0].value, "12");
  EXPECT_EQ(dated[0].period.to_string(), "2020-01-01–2020-12-31");
  const auto& weights = back.network.ties[0].dated_weights;
  ASSERT_EQ(weights.size(), 1u);
  EXPECT_EQ(weights[0].value, 5.0);
  EXPECT_TRUE(same_days(weights[0].period, net.ties[0].dated_weights[0].period));
  EXPECT_EQ(back.network.ties[0].spells, net.ties[0].spells);
  ASSERT_EQ(back.positions.size(), 1u);
  EXPECT_EQ(actor(back, "EASO").attributes,
            (Attributes{{"dataset", "0"}, {"viz_color", "#ff1000"}}));
}

}  // namespace
}  // namespace govnet
