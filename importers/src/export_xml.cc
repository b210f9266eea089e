// GraphML and GEXF writers for an ExportGraph.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "govnet/graph_export.h"
#include "govnet/text.h"

namespace govnet {
namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
// The first / last day a date can mean, as YYYY-MM-DD (GEXF's timeformat "date").
std::string day(const Date& d, bool last) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int m = d.precision == Date::Precision::kYear ? (last ? 12 : 1) : d.month;
  int dd = d.precision == Date::Precision::kDay ? d.day : 1;
  if (last && d.precision != Date::Precision::kDay)
    dd = kDays[m - 1] + (m == 2 && leap(d.year) ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, m, dd);
  return buf;
}

}  // namespace

void write_graphml(const ExportGraph& g, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  out << "  <key id=\"g0\" for=\"graph\" attr.name=\"description\" attr.type=\"string\"/>\n";
  for (size_t i = 0; i < g.node_columns.size(); ++i)
    out << "  <key id=\"n" << i << "\" for=\"node\" attr.name=\""
        << xml_escape(g.node_columns[i].name) << "\" attr.type=\""
        << (g.node_columns[i].numeric ? "double" : "string") << "\"/>\n";
  bool positions = false;
  for (const auto& n : g.nodes) positions |= n.position.has_value();
  if (positions) {
    out << "  <key id=\"nx\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n";
    out << "  <key id=\"ny\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n";
  }
  for (size_t i = 0; i < g.edge_columns.size(); ++i)
    out << "  <key id=\"e" << i << "\" for=\"edge\" attr.name=\""
        << xml_escape(g.edge_columns[i].name) << "\" attr.type=\""
        << (g.edge_columns[i].numeric ? "double" : "string") << "\"/>\n";
  out << "  <graph id=\"govnet\" edgedefault=\"" << (g.all_directed ? "directed" : "undirected")
      << "\">\n";
  if (!g.description.empty())
    out << "    <data key=\"g0\">" << xml_escape(g.description) << "</data>\n";
  for (const auto& n : g.nodes) {
    out << "    <node id=\"" << xml_escape(n.key) << "\">";
    for (size_t i = 0; i < n.values.size(); ++i)
      if (n.values[i])
        out << "<data key=\"n" << i << "\">" << xml_escape(*n.values[i]) << "</data>";
    if (n.position)
      out << "<data key=\"nx\">" << num(n.position->first) << "</data><data key=\"ny\">"
          << num(n.position->second) << "</data>";
    out << "</node>\n";
  }
  for (const auto& e : g.edges) {
    out << "    <edge id=\"" << xml_escape(e.id) << "\" source=\"" << xml_escape(e.source)
        << "\" target=\"" << xml_escape(e.target) << "\">";
    for (size_t i = 0; i < e.values.size(); ++i)
      if (e.values[i])
        out << "<data key=\"e" << i << "\">" << xml_escape(*e.values[i]) << "</data>";
    out << "</edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void write_gexf(const ExportGraph& g, const std::string& version, std::ostream& out) {
  const bool v13 = version == "1.3";
  const std::string ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gexf xmlns=\"" << ns << "\" xmlns:viz=\"" << ns << "/viz\" version=\""
      << (v13 ? "1.3" : "1.2") << "\">\n"
      << "  <meta>\n    <creator>govnet</creator>\n";
  if (!g.description.empty())
    out << "    <description>" << xml_escape(g.description) << "</description>\n";
  out << "  </meta>\n";
  out << "  <graph defaultedgetype=\"" << (g.all_directed ? "directed" : "undirected")
      << "\" mode=\"" << (g.dynamic ? "dynamic\" timeformat=\"date" : "static") << "\">\n";
  // The label carries the name and the edge weight is native; the rest are attributes.
  out << "    <attributes class=\"node\">\n";
  for (size_t i = 0; i < g.node_columns.size(); ++i)
    if (g.node_columns[i].name != "name")
      out << "      <attribute id=\"" << i << "\" title=\"" << xml_escape(g.node_columns[i].name)
          << "\" type=\"" << (g.node_columns[i].numeric ? "double" : "string") << "\"/>\n";
  out << "    </attributes>\n    <attributes class=\"edge\">\n";
  for (size_t i = 0; i < g.edge_columns.size(); ++i)
    if (g.edge_columns[i].name != "weight")
      out << "      <attribute id=\"" << i << "\" title=\"" << xml_escape(g.edge_columns[i].name)
          << "\" type=\"" << (g.edge_columns[i].numeric ? "double" : "string") << "\"/>\n";
  out << "    </attributes>\n    <nodes>\n";
  auto period = [&](const Period& p) {
    std::string s;
    if (p.start) s += " start=\"" + day(*p.start, false) + "\"";
    if (p.end) s += " end=\"" + day(*p.end, true) + "\"";
    return s;
  };
  // Positions go out as viz:position, scaled so the drawing spans about 1000 units.
  float scale = 1;
  {
    float extent = 0;
    for (const auto& n : g.nodes)
      if (n.position)
        extent = std::max({extent, std::abs(n.position->first), std::abs(n.position->second)});
    if (extent > 0) scale = 500.0f / extent;
  }
  for (const auto& n : g.nodes) {
    out << "      <node id=\"" << xml_escape(n.key) << "\" label=\"" << xml_escape(n.name) << "\""
        << period(n.period) << ">\n";
    out << "        <attvalues>";
    for (size_t i = 0; i < n.values.size(); ++i)
      if (n.values[i] && g.node_columns[i].name != "name")
        out << "<attvalue for=\"" << i << "\" value=\"" << xml_escape(*n.values[i]) << "\"/>";
    out << "</attvalues>\n";
    if (n.position)
      out << "        <viz:position x=\"" << num(n.position->first * scale) << "\" y=\""
          << num(n.position->second * scale) << "\" z=\"0.0\"/>\n";
    out << "      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  size_t weight_col = g.edge_columns.size();
  for (size_t i = 0; i < g.edge_columns.size(); ++i)
    if (g.edge_columns[i].name == "weight") weight_col = i;
  for (const auto& e : g.edges) {
    out << "      <edge id=\"" << xml_escape(e.id) << "\" source=\"" << xml_escape(e.source)
        << "\" target=\"" << xml_escape(e.target) << "\"";
    if (e.directed != g.all_directed)
      out << " type=\"" << (e.directed ? "directed" : "undirected") << "\"";
    if (weight_col < e.values.size() && e.values[weight_col])
      out << " weight=\"" << xml_escape(*e.values[weight_col]) << "\"";
    out << period(e.period) << ">\n        <attvalues>";
    for (size_t i = 0; i < e.values.size(); ++i)
      if (e.values[i] && i != weight_col)
        out << "<attvalue for=\"" << i << "\" value=\"" << xml_escape(*e.values[i]) << "\"/>";
    out << "</attvalues>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace govnet
