// GML (Himsolt's Graph Modelling Language, as networkx, igraph, Gephi and yEd write it): a list
// of `key value` pairs, where a value is an integer, a real, a "string" or a nested [ list ].
// The file's `graph [ ... ]` holds `directed 0|1`, `node [ id ... ]` and `edge [ source ...
// target ... ]` lists. A node's key is its `label` when every node has a distinct one (networkx
// writes the node's name there and numbers the ids; the label is then the key, not an
// attribute), else its `id`; every other scalar of a node or
// edge becomes an attribute, and the graph's own scalars graph attributes. Strings may hold
// &-entities (&quot; &amp; &#233; ...), which is how networkx writes quotes and non-ASCII text. '#'
// starts a comment to the end of the line. Nested lists inside a node or edge (Gephi's `graphics [
// x y ... ]`) are flattened one level as `graphics.x`; deeper ones are noted and left out.
#include <charconv>
#include <cmath>
#include <cstring>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "govnet/property_graph.h"
#include "govnet/text.h"

namespace govnet {
namespace {

struct Token {
  enum Kind { kKey, kNumber, kString, kOpen, kClose, kEnd } kind = kEnd;
  std::string text;
  size_t offset = 0;
};

// A string's text with its &-entities decoded; an unknown entity stays as written.
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i]);
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    static const std::pair<const char*, const char*> kNamed[] = {
        {"quot", "\""}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"apos", "'"}};
    bool done = false;
    for (const auto& [n, text] : kNamed)
      if (name == n) out += text, done = true;
    if (!done && name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (r.ec == std::errc() && r.ptr == digits.data() + digits.size() && cp > 0 &&
          cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(cp, &out);
        done = true;
      }
    }
    if (done)
      i = semi;
    else
      out.push_back(s[i]);
  }
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view data) : data_(data) {}

  // The next token, or false with *error set (and *at its offset).
  bool next(Token* t, std::string* error, size_t* at) {
    skip_space();
    t->offset = pos_;
    if (pos_ >= data_.size()) return t->kind = Token::kEnd, true;
    const char c = data_[pos_];
    if (c == '[' || c == ']') {
      t->kind = c == '[' ? Token::kOpen : Token::kClose;
      ++pos_;
      return true;
    }
    if (c == '"') return string(t, error, at);
    if (is_alpha(c) || c == '_') {
      const size_t start = pos_;
      while (pos_ < data_.size() &&
             (is_alpha(data_[pos_]) || is_digit(data_[pos_]) || data_[pos_] == '_'))
        ++pos_;
      t->text = std::string(data_.substr(start, pos_ - start));
      t->kind = is_special_number(t->text) ? Token::kNumber : Token::kKey;
      return true;
    }
    if (is_digit(c) || c == '-' || c == '+' || c == '.') return number(t, error, at);
    *error = std::string("unexpected character '") + c +
             "'; GML holds keys, numbers, \"strings\" and [ lists ]";
    *at = pos_;
    return false;
  }

 private:
  static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_special_number(const std::string& s) {
    return s == "INF" || s == "NAN" || s == "inf" || s == "nan";
  }

  void skip_space() {
    while (pos_ < data_.size()) {
      const char c = data_[pos_];
      if (c == '#') {
        while (pos_ < data_.size() && data_[pos_] != '\n') ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (pos_ == 0 && data_.substr(0, 3) == "\xEF\xBB\xBF") {
        pos_ += 3;
      } else {
        break;
      }
    }
  }

  bool string(Token* t, std::string* error, size_t* at) {
    const size_t close = data_.find('"', pos_ + 1);
    if (close == std::string_view::npos) {
      *error = "a string that never ends: a closing '\"' is missing";
      *at = pos_;
      return false;
    }
    t->kind = Token::kString;
    t->text = decode_entities(data_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return true;
  }

  bool number(Token* t, std::string* error, size_t* at) {
    const size_t start = pos_;
    if (data_[pos_] == '-' || data_[pos_] == '+') ++pos_;
    if (data_.substr(pos_, 3) == "INF" || data_.substr(pos_, 3) == "NAN") pos_ += 3;
    while (pos_ < data_.size() && (is_digit(data_[pos_]) || data_[pos_] == '.' ||
                                   data_[pos_] == 'e' || data_[pos_] == 'E' ||
                                   ((data_[pos_] == '-' || data_[pos_] == '+') &&
                                    (data_[pos_ - 1] == 'e' || data_[pos_ - 1] == 'E'))))
      ++pos_;
    t->kind = Token::kNumber;
    t->text = std::string(data_.substr(start, pos_ - start));
    if (t->text == "-" || t->text == "+" || t->text == ".") {
      *error = "a number was expected after '" + t->text + "'";
      *at = start;
      return false;
    }
    return true;
  }

  std::string_view data_;
  size_t pos_ = 0;
};

// Reads the lists recursively into the property graph.
class Reader {
 public:
  Reader(std::string_view data, const std::string& file, const GraphReadLimits& limits,
         std::vector<Problem>* problems)
      : data_(data), lexer_(data), file_(file), limits_(limits), problems_(problems) {}

  bool read(PropertyGraph* out) {
    graph_.file = file_;
    bool found = false;
    Token key;
    while (advance(&key) && key.kind != Token::kEnd) {
      if (key.kind != Token::kKey) return fail(key.offset, "a key was expected here");
      if (key.text == "graph") {
        Token open;
        if (!advance(&open)) return false;
        if (open.kind != Token::kOpen) return fail(open.offset, "`graph` must be followed by [");
        if (found) return fail(key.offset, "a second `graph [ ]`; put one graph in a GML file");
        if (!graph_list()) return false;
        found = true;
      } else if (!skip_value(key, 0)) {
        return false;
      }
    }
    if (!error_.empty()) return false;
    place_elements();
    key_by_label();
    if (!found) {
      problems_->push_back({file_, 0, 0,
                            "no `graph [ ... ]` in this file; is it GML? (networkx.write_gml, "
                            "igraph's write_graph(format=\"gml\") and Gephi write one)"});
      return false;
    }
    *out = std::move(graph_);
    return true;
  }

 private:
  bool fail(size_t offset, std::string message) {
    auto [line, column] = position_of(data_, offset);
    problems_->push_back({file_, line, column, std::move(message)});
    error_ = "failed";
    return false;
  }

  // Line and column of every node and edge, from the offsets kept while reading (one pass).
  void place_elements() {
    const auto pos = positions_of(data_, offsets_);
    for (size_t i = 0; i < graph_.nodes.size(); ++i)
      std::tie(graph_.nodes[i].line, graph_.nodes[i].column) = pos[i];
    for (size_t i = 0; i < graph_.edges.size(); ++i)
      std::tie(graph_.edges[i].line, graph_.edges[i].column) = pos[graph_.nodes.size() + i];
  }

  // Uses the labels as node ids when each node has one and no two share it.
  void key_by_label() {
    std::unordered_map<std::string, std::string> label_of;
    for (const PropertyNode& n : graph_.nodes) {
      const std::string* label = nullptr;
      for (const auto& [k, v] : n.attributes)
        if (k == "label") label = &v;
      if (!label || label->empty() || !label_of.emplace(n.id, *label).second) return;
    }
    std::unordered_set<std::string> distinct;
    for (const auto& [id, label] : label_of)
      if (!distinct.insert(label).second) return;
    for (PropertyNode& n : graph_.nodes) {
      n.id = label_of[n.id];
      std::erase_if(n.attributes, [](const auto& a) { return a.first == "label"; });
    }
    for (PropertyEdge& e : graph_.edges) {
      if (auto it = label_of.find(e.source); it != label_of.end()) e.source = it->second;
      if (auto it = label_of.find(e.target); it != label_of.end()) e.target = it->second;
    }
  }

  bool advance(Token* t) {
    std::string error;
    size_t at = 0;
    if (!lexer_.next(t, &error, &at)) return fail(at, error);
    return true;
  }

  bool count_item(size_t offset) {
    if (++items_ <= limits_.max_items) return true;
    return fail(offset, "more than " + std::to_string(limits_.max_items) +
                            " nodes, edges and attributes; split the file");
  }

  // Reads the value after `key`: a scalar into *value, or a list (skipped, noted unless quiet).
  bool value_of(const Token& key, std::string* value, bool* is_list, size_t depth) {
    Token v;
    if (!advance(&v)) return false;
    *is_list = v.kind == Token::kOpen;
    if (*is_list) return skip_list(depth + 1, v.offset);
    if (v.kind != Token::kNumber && v.kind != Token::kString)
      return fail(v.offset, "`" + key.text +
                                "` has no value; expected a number, a \"string\" "
                                "or a [ list ]");
    if (v.text.size() > limits_.max_value_bytes)
      return fail(v.offset,
                  "a value longer than " + std::to_string(limits_.max_value_bytes) + " bytes");
    *value = std::move(v.text);
    return true;
  }

  bool skip_value(const Token& key, size_t depth) {
    std::string ignored;
    bool list = false;
    return value_of(key, &ignored, &list, depth);
  }

  bool skip_list(size_t depth, size_t offset) {
    if (depth > limits_.max_depth)
      return fail(offset, "lists nested more than " + std::to_string(limits_.max_depth) + " deep");
    Token key;
    while (advance(&key)) {
      if (key.kind == Token::kClose) return true;
      if (key.kind == Token::kEnd)
        return fail(key.offset,
                    "the file ends inside a [ list ]: a "
                    "closing ] is missing");
      if (key.kind != Token::kKey) return fail(key.offset, "a key was expected here");
      if (!count_item(key.offset) || !skip_value(key, depth)) return false;
    }
    return false;
  }

  // A node's or edge's list: scalars as attributes, lists one level deep flattened.
  bool element(Attributes* attrs, size_t depth) {
    Token key;
    while (advance(&key)) {
      if (key.kind == Token::kClose) return true;
      if (key.kind == Token::kEnd)
        return fail(key.offset, "the file ends inside a node or edge: a closing ] is missing");
      if (key.kind != Token::kKey) return fail(key.offset, "a key was expected here");
      if (!count_item(key.offset)) return false;
      Token v;
      if (!advance(&v)) return false;
      if (v.kind == Token::kOpen) {
        if (!nested(key.text, attrs, depth + 1)) return false;
        continue;
      }
      if (v.kind != Token::kNumber && v.kind != Token::kString)
        return fail(v.offset, "`" + key.text + "` has no value");
      attrs->emplace_back(key.text, std::move(v.text));
    }
    return false;
  }

  bool nested(const std::string& prefix, Attributes* attrs, size_t depth) {
    Token key;
    while (advance(&key)) {
      if (key.kind == Token::kClose) return true;
      if (key.kind != Token::kKey) return fail(key.offset, "a key was expected here");
      std::string value;
      bool list = false;
      const size_t at = key.offset;
      if (!count_item(at) || !value_of(key, &value, &list, depth)) return false;
      if (list) {
        note(at, "`" + prefix + "." + key.text + "` is nested too deep for an attribute; left out");
        continue;
      }
      attrs->emplace_back(prefix + "." + key.text, std::move(value));
    }
    return false;
  }

  void note(size_t offset, std::string message) {
    if (graph_.notes.size() >= limits_.max_notes) return;
    auto [line, column] = position_of(data_, offset);
    graph_.notes.push_back({file_, line, column, std::move(message)});
  }

  bool node(size_t offset) {
    PropertyNode n;
    Attributes attrs;
    if (!element(&attrs, 1)) return false;
    for (auto& [k, v] : attrs) {
      if (k == "id" && n.id.empty())
        n.id = v;
      else
        n.attributes.emplace_back(std::move(k), std::move(v));
    }
    if (n.id.empty()) return fail(offset, "a node without an `id`; every GML node needs one");
    if (!graph_.edges.empty())
      return fail(offset,
                  "a node after the first edge; govnet reads GML with its nodes first, "
                  "as networkx, igraph and Gephi write it");
    graph_.nodes.push_back(std::move(n));
    offsets_.push_back(offset);
    return true;
  }

  bool edge(size_t offset) {
    PropertyEdge e;
    Attributes attrs;
    if (!element(&attrs, 1)) return false;
    for (auto& [k, v] : attrs) {
      if (k == "source" && e.source.empty())
        e.source = v;
      else if (k == "target" && e.target.empty())
        e.target = v;
      else if (k == "id" && e.id.empty())
        e.id = v;
      else
        e.attributes.emplace_back(std::move(k), std::move(v));
    }
    if (e.source.empty() || e.target.empty())
      return fail(offset, "an edge without `source` and `target`; every GML edge needs both");
    graph_.edges.push_back(std::move(e));
    offsets_.push_back(offset);
    return true;
  }

  bool graph_list() {
    Token key;
    while (advance(&key)) {
      if (key.kind == Token::kClose) return true;
      if (key.kind == Token::kEnd)
        return fail(key.offset, "the file ends inside `graph [`: a closing ] is missing");
      if (key.kind != Token::kKey) return fail(key.offset, "a key was expected here");
      if (!count_item(key.offset)) return false;
      if (key.text == "node" || key.text == "edge") {
        Token open;
        if (!advance(&open)) return false;
        if (open.kind != Token::kOpen)
          return fail(open.offset, "`" + key.text + "` must be followed by [");
        if (!(key.text == "node" ? node(key.offset) : edge(key.offset))) return false;
        continue;
      }
      std::string value;
      bool list = false;
      if (!value_of(key, &value, &list, 1)) return false;
      if (list) {
        note(key.offset, "the graph's `" + key.text + "` list is not read");
      } else if (key.text == "directed") {
        graph_.directed = value == "1";
      } else {
        graph_.graph_attributes.emplace_back(key.text, std::move(value));
      }
    }
    return false;
  }

  std::string_view data_;
  Lexer lexer_;
  const std::string& file_;
  const GraphReadLimits& limits_;
  std::vector<Problem>* problems_;
  PropertyGraph graph_;
  std::string error_;
  size_t items_ = 0;
  std::vector<size_t> offsets_;  // of the nodes, then of the edges
};

}  // namespace

bool read_gml(std::string_view data, const std::string& file, PropertyGraph* out,
              std::vector<Problem>* problems, const GraphReadLimits& limits) {
  Reader reader(data, file, limits, problems);
  return reader.read(out);
}

}  // namespace govnet
