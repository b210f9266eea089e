// The GEXF writer for an ExportGraph: 1.2draft (read by networkx and Gephi) or 1.3. Time goes out
// as GEXF's own: start/end for one spell, <spells> for several, dynamic attribute values
// declared in <attributes mode="dynamic">, and a tie's dated weights as the dynamic attribute
// `weight`; dates as full days (timeformat "date"), a year from its first to its last day.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>

#include "govnet/graph_export.h"
#include "govnet/text.h"
#include "values.h"

namespace govnet {
namespace {

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

// ` start="..." end="..."` of a period (an open end is left out).
std::string period_attrs(const Period& p) {
  std::string s;
  if (p.start) s += " start=\"" + day(*p.start, false) + "\"";
  if (p.end) s += " end=\"" + day(*p.end, true) + "\"";
  return s;
}

// "#rrggbb" (or "rrggbb") as r, g, b; false when it is not one.
bool parse_hex_color(std::string_view text, int rgb[3]) {
  if (!text.empty() && text[0] == '#') text.remove_prefix(1);
  if (text.size() != 6) return false;
  for (int i = 0; i < 3; ++i) {
    int v = 0;
    for (char c : text.substr(i * 2, 2)) {
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    rgb[i] = v;
  }
  return true;
}

class GexfWriter {
 public:
  GexfWriter(const ExportGraph& g, std::ostream& out) : g_(g), out_(out) {
    for (const auto& n : g.nodes)
      for (const auto& a : n.dated_attributes) node_dynamic_.emplace(a.name, node_dynamic_.size());
    for (const auto& e : g.edges) {
      if (!e.dated_weights.empty()) edge_dynamic_.emplace("weight", edge_dynamic_.size());
      for (const auto& a : e.dated_attributes) edge_dynamic_.emplace(a.name, edge_dynamic_.size());
    }
    for (size_t i = 0; i < g.node_columns.size(); ++i) node_col_[g.node_columns[i].name] = i;
    for (size_t i = 0; i < g.edge_columns.size(); ++i)
      if (g.edge_columns[i].name == "weight") weight_col_ = i;
  }

  void write(const std::string& version) {
    const bool v13 = version == "1.3";
    const std::string ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<gexf xmlns=\"" << ns << "\" xmlns:viz=\"" << ns << "/viz\" version=\""
         << (v13 ? "1.3" : "1.2") << "\">\n"
         << "  <meta>\n    <creator>govnet</creator>\n";
    if (!g_.description.empty())
      out_ << "    <description>" << xml_escape(g_.description) << "</description>\n";
    out_ << "  </meta>\n";
    out_ << "  <graph defaultedgetype=\"" << (g_.all_directed ? "directed" : "undirected")
         << "\" mode=\"" << (g_.dynamic ? "dynamic\" timeformat=\"date" : "static") << "\">\n";
    declarations();
    out_ << "    <nodes>\n";
    for (const auto& n : g_.nodes) node(n);
    out_ << "    </nodes>\n    <edges>\n";
    for (const auto& e : g_.edges) edge(e);
    out_ << "    </edges>\n  </graph>\n</gexf>\n";
  }

 private:
  // The viz values go out in the viz module, not as attributes.
  static bool is_viz(const std::string& name) {
    return name == "viz_color" || name == "viz_alpha" || name == "viz_size";
  }

  // The label carries the name and the edge weight is native; the rest are attributes.
  void declarations() {
    auto block = [&](const char* cls, const std::vector<ExportColumn>& cols, const char* skip) {
      out_ << "    <attributes class=\"" << cls << "\">\n";
      for (size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name != skip && !is_viz(cols[i].name))
          out_ << "      <attribute id=\"" << i << "\" title=\"" << xml_escape(cols[i].name)
               << "\" type=\"" << (cols[i].numeric ? "double" : "string") << "\"/>\n";
      out_ << "    </attributes>\n";
    };
    block("node", g_.node_columns, "name");
    block("edge", g_.edge_columns, "weight");
    auto dynamic = [&](const char* cls, const std::map<std::string, size_t>& names) {
      if (names.empty()) return;
      out_ << "    <attributes class=\"" << cls << "\" mode=\"dynamic\">\n";
      for (const auto& [name, id] : names)
        out_ << "      <attribute id=\"d" << id << "\" title=\"" << xml_escape(name) << "\" type=\""
             << (name == "weight" ? "double" : "string") << "\"/>\n";
      out_ << "    </attributes>\n";
    };
    dynamic("node", node_dynamic_);
    dynamic("edge", edge_dynamic_);
  }

  // One spell as the element's start/end; several as <spells> (written by spells()).
  static std::string own_time(const Spells& s) {
    return s.size() == 1 ? period_attrs(s.periods[0]) : std::string();
  }
  void spells(const Spells& s) {
    if (s.size() < 2) return;
    out_ << "        <spells>";
    for (const Period& p : s.periods) out_ << "<spell" << period_attrs(p) << "/>";
    out_ << "</spells>\n";
  }
  void dated(const std::vector<DatedAttribute>& attrs, const std::map<std::string, size_t>& ids) {
    for (const auto& a : attrs)
      out_ << "<attvalue for=\"d" << ids.at(a.name) << "\" value=\"" << xml_escape(a.value) << "\""
           << period_attrs(a.period) << "/>";
  }

  void node(const ExportNode& n) {
    out_ << "      <node id=\"" << xml_escape(n.key) << "\" label=\"" << xml_escape(n.name) << "\""
         << own_time(n.spells) << ">\n";
    out_ << "        <attvalues>";
    for (size_t i = 0; i < n.values.size(); ++i)
      if (n.values[i] && g_.node_columns[i].name != "name" && !is_viz(g_.node_columns[i].name))
        out_ << "<attvalue for=\"" << i << "\" value=\"" << xml_escape(*n.values[i]) << "\"/>";
    dated(n.dated_attributes, node_dynamic_);
    out_ << "</attvalues>\n";
    spells(n.spells);
    viz(n);
    out_ << "      </node>\n";
  }

  // viz:color (with viz_alpha), viz:size and viz:position.
  void viz(const ExportNode& n) {
    auto value = [&](const char* name) -> const std::optional<std::string>* {
      auto it = node_col_.find(name);
      return it == node_col_.end() || it->second >= n.values.size() || !n.values[it->second]
                 ? nullptr
                 : &n.values[it->second];
    };
    int rgb[3];
    if (auto c = value("viz_color"); c && parse_hex_color(**c, rgb)) {
      out_ << "        <viz:color r=\"" << rgb[0] << "\" g=\"" << rgb[1] << "\" b=\"" << rgb[2]
           << "\"";
      if (auto a = value("viz_alpha"); a && values::number(**a))  // never a="None"
        out_ << " a=\"" << xml_escape(**a) << "\"";
      out_ << "/>\n";
    }
    if (auto s = value("viz_size"))
      out_ << "        <viz:size value=\"" << xml_escape(**s) << "\"/>\n";
    if (n.position)
      out_ << "        <viz:position x=\"" << values::float_text(n.position->first) << "\" y=\""
           << values::float_text(n.position->second) << "\" z=\"0.0\"/>\n";
  }

  void edge(const ExportEdge& e) {
    out_ << "      <edge id=\"" << xml_escape(e.id) << "\" source=\"" << xml_escape(e.source)
         << "\" target=\"" << xml_escape(e.target) << "\"";
    if (e.directed != g_.all_directed)
      out_ << " type=\"" << (e.directed ? "directed" : "undirected") << "\"";
    if (weight_col_ < e.values.size() && e.values[weight_col_])
      out_ << " weight=\"" << xml_escape(*e.values[weight_col_]) << "\"";
    out_ << own_time(e.spells) << ">\n        <attvalues>";
    for (size_t i = 0; i < e.values.size(); ++i)
      if (e.values[i] && i != weight_col_)
        out_ << "<attvalue for=\"" << i << "\" value=\"" << xml_escape(*e.values[i]) << "\"/>";
    for (const auto& w : e.dated_weights)
      out_ << "<attvalue for=\"d" << edge_dynamic_.at("weight") << "\" value=\""
           << values::number_text(w.value) << "\"" << period_attrs(w.period) << "/>";
    dated(e.dated_attributes, edge_dynamic_);
    out_ << "</attvalues>\n";
    spells(e.spells);
    out_ << "      </edge>\n";
  }

  const ExportGraph& g_;
  std::ostream& out_;
  std::map<std::string, size_t> node_dynamic_, edge_dynamic_;  // dynamic attribute -> id
  std::map<std::string, size_t> node_col_;
  size_t weight_col_ = SIZE_MAX;
};

}  // namespace

void write_gexf(const ExportGraph& g, const std::string& version, std::ostream& out) {
  GexfWriter(g, out).write(version);
}

}  // namespace govnet
