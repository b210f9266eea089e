// Pajek .net: "*Vertices N" (or "*Vertices N M" for a two-mode network whose first M vertices
// are the first mode), vertex lines `id "label" [x y [z]] [shape] [key value]...`, then
// "*Arcs" (directed) and "*Edges" (undirected) lines `from to [weight] [key value]...`, or the
// "*Arcslist"/"*Edgeslist" forms `from to1 to2 ...`. '%' starts a comment line. Keywords are
// case-insensitive (networkx writes "*vertices"). Vertices without a line get their number as
// label. Keys are the labels when those are unique, else "v" + the number.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "govnet/property_graph.h"
#include "govnet/text.h"
#include "values.h"

namespace govnet {
namespace {

struct Token {
  std::string text;
  uint32_t column = 0;
  bool quoted = false;
};

bool is_number(const std::string& s) { return values::number(s).has_value(); }

}  // namespace

bool read_pajek(std::string_view data, const std::string& file, PropertyGraph* out,
                std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PropertyGraph g;
  g.file = file;
  uint32_t line_no = 0;
  auto fail = [&](uint32_t column, std::string message) {
    problems->push_back({file, line_no, column, std::move(message)});
    return false;
  };

  enum class Section {
    kNone,
    kVertices,
    kArcs,
    kEdges,
    kArcsList,
    kEdgesList,
    kSkip
  } section = Section::kNone;
  uint64_t declared = 0, first_mode = 0;
  bool vertices_seen = false;
  std::vector<std::string> labels;  // by vertex number - 1
  std::vector<Attributes> vertex_attrs;
  std::vector<std::pair<uint32_t, uint32_t>> vertex_pos;
  struct RawEdge {
    uint64_t from, to;
    bool directed;
    Attributes attrs;
    uint32_t line, column;
  };
  std::vector<RawEdge> edges;

  auto vertex_number = [&](const Token& t, uint64_t* v) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
    if (ec != std::errc() || p != t.text.data() + t.text.size()) {
      fail(t.column, "'" + t.text + "' is not a vertex number");
      return false;
    }
    if (n < 1 || n > declared) {
      fail(t.column, "vertex " + t.text + " is outside 1.." + std::to_string(declared) +
                         " declared by *Vertices");
      return false;
    }
    *v = n;
    return true;
  };

  size_t start = 0;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  while (start <= data.size()) {
    size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(start, end - start);
    ++line_no;
    size_t next = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > limits.max_value_bytes)
      return fail(1,
                  "the line is longer than " + std::to_string(limits.max_value_bytes) + " bytes");

    // Tokenize: whitespace-separated, "quoted strings" may hold spaces.
    std::vector<Token> tokens;
    uint32_t column = 1;
    for (size_t i = 0; i < line.size();) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      if (c == 0) return fail(column, "NUL byte in the file; Pajek files are text");
      if (c == ' ' || c == '\t') {
        ++i;
        ++column;
        continue;
      }
      Token t;
      t.column = column;
      if (c == '"') {
        size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos)
          return fail(column, "unterminated quoted label; add the closing \"");
        t.text = std::string(line.substr(i + 1, close - i - 1));
        t.quoted = true;
        for (size_t k = i; k <= close; ++k)
          if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++column;
        i = close + 1;
      } else {
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        t.text = std::string(line.substr(i, j - i));
        for (size_t k = i; k < j; ++k)
          if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++column;
        i = j;
      }
      tokens.push_back(std::move(t));
    }
    start = next;
    if (tokens.empty() || tokens[0].text[0] == '%') {
      if (end == data.size()) break;
      continue;
    }

    if (!tokens[0].quoted && tokens[0].text[0] == '*') {
      std::string kw = ascii_lower(tokens[0].text);
      if (kw == "*network") {
        if (tokens.size() > 1) g.graph_attributes.emplace_back("name", tokens[1].text);
        section = Section::kNone;
      } else if (kw == "*vertices") {
        if (vertices_seen) return fail(1, "a second *Vertices section; one network per file");
        vertices_seen = true;
        if (tokens.size() < 2 ||
            !std::all_of(tokens[1].text.begin(), tokens[1].text.end(), ::isdigit))
          return fail(tokens.size() < 2 ? static_cast<uint32_t>(line.size() + 1) : tokens[1].column,
                      "*Vertices needs the number of vertices, e.g. '*Vertices 12'");
        declared = std::strtoull(tokens[1].text.c_str(), nullptr, 10);
        if (tokens[1].text.size() > 12 || declared > limits.max_items)
          return fail(tokens[1].column, "*Vertices declares " + tokens[1].text +
                                            " vertices, more than the limit of " +
                                            std::to_string(limits.max_items));
        if (tokens.size() > 2) {
          first_mode = std::strtoull(tokens[2].text.c_str(), nullptr, 10);
          if (!std::all_of(tokens[2].text.begin(), tokens[2].text.end(), ::isdigit) ||
              first_mode == 0 || first_mode >= declared)
            return fail(tokens[2].column, "the two-mode size '" + tokens[2].text +
                                              "' must be between 1 and " +
                                              std::to_string(declared - 1));
          g.two_mode = true;
        }
        labels.assign(declared, std::string());
        vertex_attrs.assign(declared, Attributes{});
        vertex_pos.assign(declared, {0, 0});
        section = Section::kVertices;
      } else if (kw == "*arcs" || kw == "*edges" || kw == "*arcslist" || kw == "*edgeslist") {
        if (!vertices_seen) return fail(1, kw + " before *Vertices; declare the vertices first");
        section = kw == "*arcs"       ? Section::kArcs
                  : kw == "*edges"    ? Section::kEdges
                  : kw == "*arcslist" ? Section::kArcsList
                                      : Section::kEdgesList;
        if (section == Section::kArcs || section == Section::kArcsList) g.directed = true;
      } else {
        g.notes.push_back({file, line_no, 1,
                           "section " + tokens[0].text +
                               " is not supported and was skipped "
                               "(govnet reads *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist)"});
        section = Section::kSkip;
      }
      if (end == data.size()) break;
      continue;
    }

    switch (section) {
      case Section::kNone:
        return fail(tokens[0].column,
                    "data before any *Vertices section; a Pajek file starts with '*Vertices N'");
      case Section::kSkip:
        break;
      case Section::kVertices: {
        uint64_t v = 0;
        if (!vertex_number(tokens[0], &v)) return false;
        Attributes& attrs = vertex_attrs[v - 1];
        vertex_pos[v - 1] = {line_no, tokens[0].column};
        size_t k = 1;
        if (k < tokens.size()) labels[v - 1] = tokens[k++].text;
        // Up to three coordinates, then an optional shape word, then key value pairs.
        const char* coord[] = {"x", "y", "z"};
        for (int c = 0; c < 3 && k < tokens.size() && is_number(tokens[k].text); ++c, ++k)
          attrs.emplace_back(coord[c], tokens[k].text);
        if (k < tokens.size() && (tokens.size() - k) % 2 == 1)
          attrs.emplace_back("shape", tokens[k++].text);
        for (; k + 1 < tokens.size(); k += 2)
          attrs.emplace_back(tokens[k].text, tokens[k + 1].text);
        break;
      }
      case Section::kArcs:
      case Section::kEdges: {
        if (tokens.size() < 2)
          return fail(static_cast<uint32_t>(line.size() + 1),
                      "an edge line needs two vertex numbers");
        RawEdge e{0, 0, section == Section::kArcs, {}, line_no, tokens[0].column};
        if (!vertex_number(tokens[0], &e.from) || !vertex_number(tokens[1], &e.to)) return false;
        size_t k = 2;
        if (k < tokens.size() && is_number(tokens[k].text))
          e.attrs.emplace_back("weight", tokens[k++].text);
        for (; k + 1 < tokens.size(); k += 2)
          e.attrs.emplace_back(tokens[k].text, tokens[k + 1].text);
        if (k < tokens.size())
          return fail(
              tokens[k].column,
              "'" + tokens[k].text + "' has no value; edge options come in pairs like  c Blue");
        edges.push_back(std::move(e));
        break;
      }
      case Section::kArcsList:
      case Section::kEdgesList: {
        uint64_t from = 0;
        if (!vertex_number(tokens[0], &from)) return false;
        for (size_t k = 1; k < tokens.size(); ++k) {
          uint64_t to = 0;
          if (!vertex_number(tokens[k], &to)) return false;
          edges.push_back({from, to, section == Section::kArcsList, {}, line_no, tokens[k].column});
        }
        break;
      }
    }
    if (edges.size() > limits.max_items)
      return fail(1, "more than " + std::to_string(limits.max_items) + " edges; split the file");
    if (end == data.size()) break;
  }
  if (!vertices_seen) {
    line_no = 1;
    return fail(1, "no *Vertices section; is this a Pajek .net file?");
  }

  // Keys: the labels when present and unique, else v<number>.
  bool unique = true;
  {
    std::unordered_set<std::string> seen;
    for (const auto& l : labels) unique &= !l.empty() && seen.insert(l).second;
  }
  std::vector<std::string> keys(declared);
  for (uint64_t i = 0; i < declared; ++i) {
    keys[i] = unique ? labels[i] : "v" + std::to_string(i + 1);
    PropertyNode n{keys[i], {}, vertex_pos[i].first, vertex_pos[i].second};
    n.attributes.emplace_back("name", labels[i].empty() ? std::to_string(i + 1) : labels[i]);
    if (!unique) n.attributes.emplace_back("pajek_number", std::to_string(i + 1));
    if (g.two_mode) n.attributes.emplace_back("type", i < first_mode ? "actor" : "instrument");
    for (auto& a : vertex_attrs[i]) n.attributes.push_back(std::move(a));
    g.nodes.push_back(std::move(n));
  }
  if (!unique && declared > 0)
    g.notes.push_back({file, 0, 0,
                       "vertex labels are missing or repeated, so keys are v1..v" +
                           std::to_string(declared) + " and the labels became names"});
  for (auto& e : edges) {
    PropertyEdge pe;
    pe.source = keys[e.from - 1];
    pe.target = keys[e.to - 1];
    pe.directed = e.directed;
    pe.attributes = std::move(e.attrs);
    pe.line = e.line;
    pe.column = e.column;
    g.edges.push_back(std::move(pe));
  }
  *out = std::move(g);
  return true;
}

}  // namespace govnet
