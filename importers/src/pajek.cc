// Pajek .net: "*Vertices N" (or "*Vertices N M" for a two-mode network whose first M vertices
// are the first mode), vertex lines `id "label" [x y [z]] [shape] [key value]...`, then
// "*Arcs" (directed) and "*Edges" (undirected) lines `from to [weight] [key value]...`, or the
// "*Arcslist"/"*Edgeslist" forms `from to1 to2 ...`. '%' starts a comment line. Keywords are
// case-insensitive (networkx writes "*vertices"). Vertices without a line get their number as
// label. Keys are the labels when those are unique, else "v" + the number. A declared vertex
// costs nothing until a line or an edge names it: one that neither does is not imported (a note
// counts them), so "*Vertices 19999999" in a small file takes no memory.
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

// Splits a line into whitespace-separated tokens; "quoted strings" may hold spaces. Columns
// count characters (UTF-8 sequences), from 1. Returns false with *error_column and *error set
// when the line cannot be split.
bool tokenize(std::string_view line, std::vector<Token>* tokens, uint32_t* error_column,
              std::string* error) {
  uint32_t column = 1;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == 0) {
      *error_column = column;
      *error = "NUL byte in the file; Pajek files are text";
      return false;
    }
    if (c == ' ' || c == '\t') {
      ++i;
      ++column;
      continue;
    }
    Token t;
    t.column = column;
    size_t stop;  // one past the token's last byte
    if (c == '"') {
      size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) {
        *error_column = column;
        *error = "unterminated quoted label; add the closing \"";
        return false;
      }
      t.text = std::string(line.substr(i + 1, close - i - 1));
      t.quoted = true;
      stop = close + 1;
    } else {
      stop = i;
      while (stop < line.size() && line[stop] != ' ' && line[stop] != '\t') ++stop;
      t.text = std::string(line.substr(i, stop - i));
    }
    for (size_t k = i; k < stop; ++k)
      if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++column;
    i = stop;
    tokens->push_back(std::move(t));
  }
  return true;
}

// One file, read line by line into vertices and edges by number; graph() then gives them keys.
class PajekReader {
 public:
  PajekReader(const std::string& file, std::vector<Problem>* problems,
              const GraphReadLimits& limits)
      : file_(file), problems_(problems), limits_(limits) {
    g_.file = file;
  }

  // Reads every line; false (with the problem recorded) at the first error.
  bool read(std::string_view data) {
    size_t start = 0;
    if (data.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
    while (start <= data.size()) {
      size_t end = data.find('\n', start);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(start, end - start);
      ++line_no_;
      start = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!read_line(line)) return false;
      if (end == data.size()) break;
    }
    if (!vertices_seen_) {
      line_no_ = 1;
      return fail(1, "no *Vertices section; is this a Pajek .net file?");
    }
    return true;
  }

  // The network read: the vertices that have a line or an edge, in number order; keys are the
  // labels when present and unique, else v<number>.
  PropertyGraph graph() && {
    for (const auto& e : edges_) {
      vertices_.try_emplace(e.from);
      vertices_.try_emplace(e.to);
    }
    std::vector<uint64_t> numbers;
    numbers.reserve(vertices_.size());
    for (const auto& [number, v] : vertices_) numbers.push_back(number);
    std::sort(numbers.begin(), numbers.end());
    bool unique = true;
    {
      std::unordered_set<std::string> seen;
      for (const auto& [number, v] : vertices_)
        unique &= !v.label.empty() && seen.insert(v.label).second;
    }
    std::unordered_map<uint64_t, std::string> keys;
    for (uint64_t number : numbers) {
      Vertex& v = vertices_.at(number);
      const std::string& key = keys[number] = unique ? v.label : "v" + std::to_string(number);
      PropertyNode n{key, {}, v.line, v.column};
      n.attributes.emplace_back("name", v.label.empty() ? std::to_string(number) : v.label);
      if (!unique) n.attributes.emplace_back("pajek_number", std::to_string(number));
      if (g_.two_mode)
        n.attributes.emplace_back("type", number <= first_mode_ ? "actor" : "instrument");
      for (auto& a : v.attrs) n.attributes.push_back(std::move(a));
      g_.nodes.push_back(std::move(n));
    }
    if (!unique && !numbers.empty())
      g_.notes.push_back({file_, 0, 0,
                          "vertex labels are missing or repeated, so keys are v and the vertex "
                          "number (v1, v2, ...) and the labels became names"});
    if (numbers.size() < declared_)
      g_.notes.push_back({file_, declared_line_, 1,
                          std::to_string(declared_ - numbers.size()) + " of the " +
                              std::to_string(declared_) +
                              " vertices *Vertices declares have no line and no edge; they were "
                              "not imported"});
    for (auto& e : edges_) {
      PropertyEdge pe;
      pe.source = keys.at(e.from);
      pe.target = keys.at(e.to);
      pe.directed = e.directed;
      pe.attributes = std::move(e.attrs);
      pe.line = e.line;
      pe.column = e.column;
      g_.edges.push_back(std::move(pe));
    }
    return std::move(g_);
  }

 private:
  enum class Section { kNone, kVertices, kArcs, kEdges, kArcsList, kEdgesList, kSkip };
  struct RawEdge {
    uint64_t from, to;  // vertex numbers, from 1
    bool directed;
    Attributes attrs;
    uint32_t line, column;
  };

  bool fail(uint32_t column, std::string message) {
    problems_->push_back({file_, line_no_, column, std::move(message)});
    return false;
  }

  bool read_line(std::string_view line) {
    if (line.size() > limits_.max_value_bytes)
      return fail(1,
                  "the line is longer than " + std::to_string(limits_.max_value_bytes) + " bytes");
    std::vector<Token> tokens;
    uint32_t error_column = 0;
    std::string error;
    if (!tokenize(line, &tokens, &error_column, &error)) return fail(error_column, error);
    if (tokens.empty() || tokens[0].text[0] == '%') return true;
    const uint32_t end_column = static_cast<uint32_t>(line.size() + 1);
    if (!tokens[0].quoted && tokens[0].text[0] == '*') return keyword_line(tokens, end_column);
    bool ok = true;
    switch (section_) {
      case Section::kNone:
        return fail(tokens[0].column,
                    "data before any *Vertices section; a Pajek file starts with '*Vertices N'");
      case Section::kSkip:
        break;
      case Section::kVertices:
        ok = vertex_line(tokens);
        break;
      case Section::kArcs:
      case Section::kEdges:
        ok = edge_line(tokens, end_column);
        break;
      case Section::kArcsList:
      case Section::kEdgesList:
        ok = edge_list_line(tokens);
        break;
    }
    if (!ok) return false;
    if (edges_.size() > limits_.max_items)
      return fail(1, "more than " + std::to_string(limits_.max_items) + " edges; split the file");
    return true;
  }

  // "*Network", "*Vertices", "*Arcs", "*Edges", "*Arcslist", "*Edgeslist"; others are skipped.
  bool keyword_line(const std::vector<Token>& tokens, uint32_t end_column) {
    std::string kw = ascii_lower(tokens[0].text);
    if (kw == "*network") {
      if (tokens.size() > 1) g_.graph_attributes.emplace_back("name", tokens[1].text);
      section_ = Section::kNone;
    } else if (kw == "*vertices") {
      return vertices_keyword(tokens, end_column);
    } else if (kw == "*arcs" || kw == "*edges" || kw == "*arcslist" || kw == "*edgeslist") {
      if (!vertices_seen_) return fail(1, kw + " before *Vertices; declare the vertices first");
      section_ = kw == "*arcs"       ? Section::kArcs
                 : kw == "*edges"    ? Section::kEdges
                 : kw == "*arcslist" ? Section::kArcsList
                                     : Section::kEdgesList;
      if (section_ == Section::kArcs || section_ == Section::kArcsList) g_.directed = true;
    } else {
      g_.notes.push_back({file_, line_no_, 1,
                          "section " + tokens[0].text +
                              " is not supported and was skipped "
                              "(govnet reads *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist)"});
      section_ = Section::kSkip;
    }
    return true;
  }

  // "*Vertices N", or "*Vertices N M" for a two-mode network.
  bool vertices_keyword(const std::vector<Token>& tokens, uint32_t end_column) {
    if (vertices_seen_) return fail(1, "a second *Vertices section; one network per file");
    vertices_seen_ = true;
    if (tokens.size() < 2 || !std::all_of(tokens[1].text.begin(), tokens[1].text.end(), ::isdigit))
      return fail(tokens.size() < 2 ? end_column : tokens[1].column,
                  "*Vertices needs the number of vertices, e.g. '*Vertices 12'");
    declared_ = std::strtoull(tokens[1].text.c_str(), nullptr, 10);
    if (tokens[1].text.size() > 12 || declared_ > limits_.max_items)
      return fail(tokens[1].column, "*Vertices declares " + tokens[1].text +
                                        " vertices, more than the limit of " +
                                        std::to_string(limits_.max_items));
    if (tokens.size() > 2) {
      first_mode_ = std::strtoull(tokens[2].text.c_str(), nullptr, 10);
      if (!std::all_of(tokens[2].text.begin(), tokens[2].text.end(), ::isdigit) ||
          first_mode_ == 0 || first_mode_ >= declared_)
        return fail(tokens[2].column, "the two-mode size '" + tokens[2].text +
                                          "' must be between 1 and " +
                                          std::to_string(declared_ - 1));
      g_.two_mode = true;
    }
    declared_line_ = line_no_;
    section_ = Section::kVertices;
    return true;
  }

  bool vertex_number(const Token& t, uint64_t* v) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
    if (ec != std::errc() || p != t.text.data() + t.text.size())
      return fail(t.column, "'" + t.text + "' is not a vertex number");
    if (n < 1 || n > declared_)
      return fail(t.column, "vertex " + t.text + " is outside 1.." + std::to_string(declared_) +
                                " declared by *Vertices");
    *v = n;
    return true;
  }

  // `id "label" [x y [z]] [shape] [key value]...`
  bool vertex_line(const std::vector<Token>& tokens) {
    uint64_t v = 0;
    if (!vertex_number(tokens[0], &v)) return false;
    auto [it, fresh] = vertices_.try_emplace(v);
    if (!fresh)
      return fail(tokens[0].column,
                  "vertex " + tokens[0].text + " has a second line (the first is line " +
                      std::to_string(it->second.line) + "); give each vertex one line");
    if (vertices_.size() > limits_.max_items)
      return fail(1,
                  "more than " + std::to_string(limits_.max_items) + " vertices; split the file");
    Vertex& vertex = it->second;
    Attributes& attrs = vertex.attrs;
    vertex.line = line_no_;
    vertex.column = tokens[0].column;
    size_t k = 1;
    if (k < tokens.size()) vertex.label = tokens[k++].text;
    // Up to three coordinates, then an optional shape word, then key value pairs.
    const char* coord[] = {"x", "y", "z"};
    for (int c = 0; c < 3 && k < tokens.size() && is_number(tokens[k].text); ++c, ++k)
      attrs.emplace_back(coord[c], tokens[k].text);
    if (k < tokens.size() && (tokens.size() - k) % 2 == 1)
      attrs.emplace_back("shape", tokens[k++].text);
    for (; k + 1 < tokens.size(); k += 2) attrs.emplace_back(tokens[k].text, tokens[k + 1].text);
    return true;
  }

  // `from to [weight] [key value]...` under *Arcs or *Edges.
  bool edge_line(const std::vector<Token>& tokens, uint32_t end_column) {
    if (tokens.size() < 2) return fail(end_column, "an edge line needs two vertex numbers");
    RawEdge e{0, 0, section_ == Section::kArcs, {}, line_no_, tokens[0].column};
    if (!vertex_number(tokens[0], &e.from) || !vertex_number(tokens[1], &e.to)) return false;
    size_t k = 2;
    if (k < tokens.size()) {
      const std::string why = values::tie_number_problem(tokens[k].text);
      if (!why.empty()) return fail(tokens[k].column, "the edge's weight " + why);
    }
    if (k < tokens.size() && is_number(tokens[k].text))
      e.attrs.emplace_back("weight", tokens[k++].text);
    for (; k + 1 < tokens.size(); k += 2) e.attrs.emplace_back(tokens[k].text, tokens[k + 1].text);
    if (k < tokens.size())
      return fail(tokens[k].column,
                  "'" + tokens[k].text + "' has no value; edge options come in pairs like  c Blue");
    edges_.push_back(std::move(e));
    return true;
  }

  // `from to1 to2 ...` under *Arcslist or *Edgeslist.
  bool edge_list_line(const std::vector<Token>& tokens) {
    uint64_t from = 0;
    if (!vertex_number(tokens[0], &from)) return false;
    for (size_t k = 1; k < tokens.size(); ++k) {
      uint64_t to = 0;
      if (!vertex_number(tokens[k], &to)) return false;
      edges_.push_back({from, to, section_ == Section::kArcsList, {}, line_no_, tokens[k].column});
    }
    return true;
  }

  const std::string& file_;
  std::vector<Problem>* problems_;
  const GraphReadLimits& limits_;
  PropertyGraph g_;
  uint32_t line_no_ = 0;
  Section section_ = Section::kNone;
  uint64_t declared_ = 0, first_mode_ = 0;
  bool vertices_seen_ = false;
  uint32_t declared_line_ = 0;
  struct Vertex {
    std::string label;
    Attributes attrs;
    uint32_t line = 0, column = 0;  // of its line; 0 when it has none
  };
  std::unordered_map<uint64_t, Vertex> vertices_;  // by number, those with a line
  std::vector<RawEdge> edges_;
};

}  // namespace

bool read_pajek(std::string_view data, const std::string& file, PropertyGraph* out,
                std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PajekReader reader(file, problems, limits);
  if (!reader.read(data)) return false;
  *out = std::move(reader).graph();
  return true;
}

}  // namespace govnet
