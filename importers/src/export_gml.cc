// GML out, as networkx.read_gml and igraph's Graph.Read_GML read it: nodes numbered 0.. with the
// record key as `label` (networkx names nodes by their label), every column as a key (numbers
// bare, text quoted, with `&`, `"`, control and non-ASCII characters as &-entities: GML files
// are 7-bit ASCII), saved positions as `graphics [ x y ]`, and edges by `source` and `target`.
// GML has one direction for the whole graph: `directed 1` only when every edge is directed; a
// graph with parallel edges says `multigraph 1`.
#include <cstdio>
#include <unordered_map>

#include "govnet/graph_export.h"
#include "govnet/text.h"
#include "values.h"

namespace govnet {
namespace {

// A GML key: a letter, then letters, digits or '_'; anything else becomes '_'.
std::string key_of(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    out.push_back(letter || ((digit || c == '_') && !out.empty()) ? c : '_');
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z')))
    out.insert(out.begin(), 'a');
  return out;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '&') {
      out += "&amp;", ++i;
    } else if (c == '"') {
      out += "&quot;", ++i;
    } else if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c)), ++i;
    } else {
      uint32_t cp = 0xFFFD;  // an invalid byte stands for itself as the replacement character
      const size_t n = utf8_decode(text, i, &cp);
      i += n ? n : 1;
      out += "&#" + std::to_string(n ? cp : 0xFFFD) + ";";
    }
  }
  return out + "\"";
}

std::string value_text(const ExportColumn& c, const std::string& v) {
  if (c.numeric) {
    if (auto x = values::number(v)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *x);
      std::string s = buf;
      // A real keeps a '.', so that tools read it back as a real, not an integer.
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
  }
  return quoted(v);
}

void write_values(const std::vector<ExportColumn>& columns,
                  const std::vector<std::optional<std::string>>& values, std::ostream& out) {
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i])
      out << "    " << key_of(columns[i].name) << " " << value_text(columns[i], *values[i]) << "\n";
}

}  // namespace

void write_gml(const ExportGraph& g, std::ostream& out) {
  out << "graph [\n  directed " << (g.all_directed ? 1 : 0) << "\n";
  if (g.multigraph) out << "  multigraph 1\n";
  if (!g.description.empty()) out << "  comment " << quoted(g.description) << "\n";
  std::unordered_map<std::string, size_t> number;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const ExportNode& n = g.nodes[i];
    number.emplace(n.key, i);
    out << "  node [\n    id " << i << "\n    label " << quoted(n.key) << "\n";
    write_values(g.node_columns, n.values, out);
    if (n.position) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "    graphics [\n      x %.9g\n      y %.9g\n    ]\n",
                    n.position->first, n.position->second);
      out << buf;
    }
    out << "  ]\n";
  }
  for (const ExportEdge& e : g.edges) {
    out << "  edge [\n    source " << number.at(e.source) << "\n    target " << number.at(e.target)
        << "\n";
    if (!e.id.empty()) out << "    id " << quoted(e.id) << "\n";
    if (g.multigraph) out << "    key " << quoted(e.id) << "\n";
    write_values(g.edge_columns, e.values, out);
    out << "  ]\n";
  }
  out << "]\n";
}

}  // namespace govnet
