// Node-link JSON as written by networkx's node_link_data (and read by d3): {"directed": bool,
// "multigraph": bool, "graph": {...}, "nodes": [{"id": ..., ...}], "links"|"edges":
// [{"source": ..., "target": ..., "key"?: ...}]}. Sources and targets are node ids, or (d3)
// indices into "nodes"; in classic d3 files no node has an "id", and a node's index in "nodes"
// is its id. Non-text values are kept as their JSON text.
//
// Reading is two passes over the bytes: a SAX pass that checks the syntax and nesting depth and
// records where each node and link object starts (so later problems have exact positions), then
// nlohmann's DOM parse of the now-known-good document.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "govnet/property_graph.h"

namespace govnet {
namespace {

using nlohmann::json;

// A char iterator that records how far the parser has read, so SAX events get byte offsets.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p = nullptr;
  const char* base = nullptr;
  size_t* furthest = nullptr;
  reference operator*() const {
    size_t o = static_cast<size_t>(p - base) + 1;
    if (o > *furthest) *furthest = o;
    return *p;
  }
  CountingIterator& operator++() {
    ++p;
    return *this;
  }
  CountingIterator operator++(int) {
    auto c = *this;
    ++p;
    return c;
  }
  bool operator==(const CountingIterator& o) const { return p == o.p; }
  bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

// Records the byte offsets of the objects in the top-level "nodes" and "links"/"edges" arrays.
struct Locator : nlohmann::json_sax<json> {
  size_t* read = nullptr;
  size_t max_depth = 256;
  size_t depth = 0;
  std::string top_key;  // the current key of the top-level object
  bool top_is_object = false;
  std::vector<size_t> nodes, links;
  std::string_view data;
  std::vector<std::unordered_set<std::string>> keys;  // of each open object
  // Failure
  bool too_deep = false;
  bool duplicate = false;
  size_t error_offset = 0;
  std::string error;

  bool enter(bool is_object) {
    ++depth;
    if (depth > max_depth) {
      too_deep = true;
      error_offset = *read - 1;
      return false;
    }
    if (depth == 1) top_is_object = is_object;
    if (is_object && depth == 3 && top_is_object) {
      if (top_key == "nodes")
        nodes.push_back(*read - 1);
      else if (top_key == "links" || top_key == "edges")
        links.push_back(*read - 1);
    }
    return true;
  }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys.emplace_back();
    return enter(true);
  }
  bool end_object() override {
    --depth;
    keys.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return enter(false); }
  bool end_array() override {
    --depth;
    return true;
  }
  // A key met twice in one object is an error: which value is meant is not clear, and readers
  // disagree (the first, the last).
  bool key(string_t& k) override {
    if (depth == 1) top_key = k;
    if (keys.back().insert(k).second) return true;
    duplicate = true;
    error_offset = opening_quote(*read - 1);
    error = "the key \"" + k +
            "\" appears twice in this object; keys of a JSON object must be "
            "unique: remove or rename one";
    return false;
  }
  // The opening quote of the string whose closing quote is at `close`.
  size_t opening_quote(size_t close) const {
    for (size_t i = close; i-- > 0;) {
      if (data[i] != '"') continue;
      size_t backslashes = 0;
      while (i > backslashes && data[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return close;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_offset = position > 0 ? position - 1 : 0;
    error = ex.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
    // column 5: "; keep what follows the position.
    size_t colon = error.find(": ", error.find("parse error"));
    if (colon != std::string::npos) error = error.substr(colon + 2);
    return false;
  }
};

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

using Position = std::pair<uint32_t, uint32_t>;  // line, column

// Where each node and link object starts, in the order the scan met them.
struct ObjectPositions {
  std::vector<Position> pos;  // the nodes', then the links'
  size_t nodes = 0, links = 0;
  Position node(size_t i) const { return i < nodes ? pos[i] : Position{0, 0}; }
  Position link(size_t i) const { return i < links ? pos[nodes + i] : Position{0, 0}; }
};

bool has_id(const json& n) { return n.is_object() && n.contains("id") && !n["id"].is_null(); }

// Appends the "nodes" array to g; false (with the problem) at a node without an id, unless no
// node has one (classic d3: nodes are numbered by their place).
bool read_nodes(const json& nodes, const ObjectPositions& at, PropertyGraph* g,
                std::vector<Problem>* problems) {
  const bool by_index = std::none_of(nodes.begin(), nodes.end(), has_id);
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto [line, column] = at.node(i);
    const json& n = nodes[i];
    if (!n.is_object() || (!by_index && !has_id(n))) {
      problems->push_back(
          {g->file, line, column,
           "node " + std::to_string(i) + " has no \"id\"; give every node an id (or none, " +
               "as classic d3 files do: then a node's place in \"nodes\", from 0, is its id)"});
      return false;
    }
    PropertyNode node{by_index ? std::to_string(i) : text_of(n["id"]), {}, line, column};
    for (const auto& [k, v] : n.items())
      if (k != "id" && !v.is_null()) node.attributes.emplace_back(k, text_of(v));
    g->nodes.push_back(std::move(node));
  }
  return true;
}

// Appends the links (under `links_key`) to g, whose nodes are read; false (with the problem) at
// a link without both ends.
bool read_links(const json& links, const char* links_key, const ObjectPositions& at,
                PropertyGraph* g, std::vector<Problem>* problems) {
  std::unordered_map<std::string, size_t> ids;
  for (size_t i = 0; i < g->nodes.size(); ++i) ids.emplace(g->nodes[i].id, i);
  auto endpoint = [&](const json& v) -> std::string {
    std::string t = text_of(v);
    // d3 style: an integer that is no node's id is an index into "nodes".
    if (!ids.count(t) && v.is_number_integer()) {
      auto i = v.get<int64_t>();
      if (i >= 0 && static_cast<size_t>(i) < g->nodes.size())
        return g->nodes[static_cast<size_t>(i)].id;
    }
    return t;
  };
  for (size_t i = 0; i < links.size(); ++i) {
    auto [line, column] = at.link(i);
    const json& l = links[i];
    if (!l.is_object() || !l.contains("source") || !l.contains("target")) {
      problems->push_back({g->file, line, column,
                           std::string(links_key) + " entry " + std::to_string(i) +
                               " needs both \"source\" and \"target\""});
      return false;
    }
    PropertyEdge e;
    e.source = endpoint(l["source"]);
    e.target = endpoint(l["target"]);
    e.line = line;
    e.column = column;
    for (const auto& [k, v] : l.items()) {
      if (k == "source" || k == "target" || v.is_null()) continue;
      if (k == "key" || k == "id") e.id = text_of(v);
      if (k != "id") e.attributes.emplace_back(k, text_of(v));
    }
    g->edges.push_back(std::move(e));
  }
  return true;
}

}  // namespace

bool read_node_link_json(std::string_view data, const std::string& file, PropertyGraph* out,
                         std::vector<Problem>* problems, const GraphReadLimits& limits) {
  auto fail_at = [&](size_t offset, std::string message) {
    auto [line, column] = position_of(data, offset);
    problems->push_back({file, line, column, std::move(message)});
    return false;
  };
  size_t read = 0;
  Locator loc;
  loc.read = &read;
  loc.max_depth = limits.max_depth;
  loc.data = data;
  CountingIterator first{data.data(), data.data(), &read};
  CountingIterator last{data.data() + data.size(), data.data(), &read};
  bool ok = json::sax_parse(first, last, &loc, json::input_format_t::json, true, false);
  if (!ok) {
    if (loc.too_deep)
      return fail_at(loc.error_offset, "values are nested more than " +
                                           std::to_string(limits.max_depth) +
                                           " deep; node-link files never need that");
    if (loc.duplicate) return fail_at(loc.error_offset, loc.error);
    return fail_at(loc.error_offset, "not valid JSON: " + loc.error);
  }
  if (loc.nodes.size() + loc.links.size() > limits.max_items)
    return fail_at(
        0, "more than " + std::to_string(limits.max_items) + " nodes and links; split the file");

  json doc = json::parse(data.begin(), data.end(), nullptr, false);
  if (!doc.is_object())
    return fail_at(data.find_first_not_of(" \t\r\n"),
                   "expected a JSON object with \"nodes\" and \"links\" "
                   "(networkx node_link_data / d3 format)");
  if (!doc.contains("nodes") || !doc["nodes"].is_array())
    return fail_at(0,
                   "no \"nodes\" array; expected networkx node_link_data / d3 format: "
                   "{\"nodes\": [{\"id\": ...}], \"links\": [{\"source\": ..., \"target\": ...}]}");
  const char* links_key = doc.contains("links") ? "links" : "edges";
  const json empty = json::array();
  const json& links = doc.contains(links_key) ? doc[links_key] : empty;
  if (!links.is_array()) return fail_at(0, std::string("\"") + links_key + "\" is not an array");

  PropertyGraph g;
  g.file = file;
  g.directed = doc.value("directed", false);
  if (doc.contains("graph") && doc["graph"].is_object())
    for (const auto& [k, v] : doc["graph"].items()) g.graph_attributes.emplace_back(k, text_of(v));

  // Positions of all objects, converted in one forward pass.
  std::vector<size_t> offsets = loc.nodes;
  offsets.insert(offsets.end(), loc.links.begin(), loc.links.end());
  const ObjectPositions at{positions_of(data, offsets), loc.nodes.size(), loc.links.size()};
  if (!read_nodes(doc["nodes"], at, &g, problems) ||
      !read_links(links, links_key, at, &g, problems))
    return false;
  *out = std::move(g);
  return true;
}

}  // namespace govnet
