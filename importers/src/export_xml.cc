// The GraphML writer for an ExportGraph.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "govnet/graph_export.h"
#include "govnet/text.h"
#include "values.h"

namespace govnet {

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
      out << "<data key=\"nx\">" << values::float_text(n.position->first)
          << "</data><data key=\"ny\">" << values::float_text(n.position->second) << "</data>";
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

}  // namespace govnet
