// GraphML (http://graphml.graphdrawing.org/specification.html): <key> declarations with
// attr.name, attr.type and <default>; one top-level <graph> with edgedefault; <node>, <edge>
// (source, target, optional directed and id) carrying <data key=...>. Nested graphs, ports,
// hyperedges and structured <data> (yEd graphics) cannot be represented: they are noted with
// their position and skipped.
#include <map>
#include <set>
#include <utility>

#include "govnet/property_graph.h"
#include "xml.h"

namespace govnet {
namespace {

struct Key {
  std::string name, domain, type;  // domain: node, edge, graph, all
  std::optional<std::string> default_value;
};

std::string normalize_bool(std::string_view v) {
  if (v == "1" || v == "True" || v == "TRUE") return "true";
  if (v == "0" || v == "False" || v == "FALSE") return "false";
  return std::string(v);
}

bool has(const Attributes& attrs, std::string_view name) {
  for (const auto& [k, v] : attrs)
    if (k == name) return true;
  return false;
}

class GraphMlHandler : public xml::Handler {
 public:
  explicit GraphMlHandler(PropertyGraph* g) : g_(g) {}

  void start(xml::Parser& p, std::string_view name, const std::vector<xml::Attr>& a) override {
    if (p.depth() == 1) {
      if (name != "graphml")
        p.fail("the root element is <" + std::string(name) +
               ">, not <graphml>; is this a GraphML file?");
      return;
    }
    if (skip_depth_) return;
    if (in_data_) {  // structured content inside <data>
      p.note("<data key=\"" + data_key_ + "\"> holds nested XML (<" + std::string(name) +
             ">, e.g. yEd graphics); govnet keeps only plain values (and yEd's node labels), so "
             "it was skipped");
      skip_depth_ = p.depth();
      data_nested_ = true;
      return;
    }
    if (name == "key") {
      std::string id(xml::attr(a, "id"));
      if (id.empty()) return p.fail("<key> without an id attribute; every key needs one");
      Key k;
      k.name = xml::has_attr(a, "attr.name") ? std::string(xml::attr(a, "attr.name")) : id;
      k.domain = xml::has_attr(a, "for") ? std::string(xml::attr(a, "for")) : "all";
      k.type = xml::has_attr(a, "attr.type") ? std::string(xml::attr(a, "attr.type")) : "string";
      keys_[id] = k;
      current_key_ = id;
      if (!p.count_item()) return;
    } else if (name == "default") {
      // handled at </default>
    } else if (name == "graph") {
      if (in_node_ || in_edge_ || graphs_ > 0) {
        p.note(
            "a nested or second <graph> cannot be represented in one govnet dataset; its "
            "nodes and edges were skipped (import it as a file of its own)");
        skip_depth_ = p.depth();
        return;
      }
      ++graphs_;
      in_graph_ = true;
      g_->directed = xml::attr(a, "edgedefault") == "directed";
    } else if (name == "node") {
      if (!in_graph_) return p.fail("<node> outside <graph>");
      std::string id(xml::attr(a, "id"));
      if (id.empty()) return p.fail("<node> without an id attribute; every node needs one");
      if (!p.count_item()) return;
      node_ = PropertyNode{id, {}, p.line(), p.column()};
      in_node_ = true;
    } else if (name == "edge") {
      if (!in_graph_) return p.fail("<edge> outside <graph>");
      if (!xml::has_attr(a, "source") || !xml::has_attr(a, "target"))
        return p.fail("<edge> needs both a source and a target attribute");
      if (!p.count_item()) return;
      edge_ = PropertyEdge{};
      edge_.id = std::string(xml::attr(a, "id"));
      edge_.source = std::string(xml::attr(a, "source"));
      edge_.target = std::string(xml::attr(a, "target"));
      if (xml::has_attr(a, "directed"))
        edge_.directed = normalize_bool(xml::attr(a, "directed")) == "true";
      edge_.line = p.line();
      edge_.column = p.column();
      in_edge_ = true;
    } else if (name == "data") {
      data_key_ = std::string(xml::attr(a, "key"));
      if (!keys_.count(data_key_))
        return p.fail("<data key=\"" + data_key_ +
                      "\"> refers to no <key> declared before it; declare "
                      "the key at the top of the file");
      if (!p.count_item()) return;
      in_data_ = true;
    } else if (name == "port" || name == "hyperedge" || name == "endpoint" || name == "locator") {
      p.note("<" + std::string(name) + "> cannot be represented in govnet and was skipped");
      skip_depth_ = p.depth();
    } else if (name != "desc") {
      p.note("unknown element <" + std::string(name) + "> was skipped");
      skip_depth_ = p.depth();
    }
  }

  void end(xml::Parser& p, std::string_view name, std::string_view text) override {
    if (skip_depth_) {
      // yEd keeps a node's label in its graphics: <data><y:ShapeNode><y:NodeLabel>.
      if (name == "NodeLabel" && in_node_ && yed_label_.empty()) {
        size_t from = text.find_first_not_of(" \t\r\n"), to = text.find_last_not_of(" \t\r\n");
        if (from != std::string_view::npos) yed_label_ = text.substr(from, to + 1 - from);
      }
      if (p.depth() == skip_depth_) skip_depth_ = 0;
      return;
    }
    if (name == "default" && !current_key_.empty()) {
      keys_[current_key_].default_value = std::string(text);
    } else if (name == "key") {
      current_key_.clear();
    } else if (name == "data") {
      in_data_ = false;
      if (std::exchange(data_nested_, false)) return;  // skipped, not an empty value
      const Key& k = keys_[data_key_];
      std::string value = k.type == "boolean" ? normalize_bool(text) : std::string(text);
      if (in_edge_)
        set(edge_.attributes, k.name, value);
      else if (in_node_)
        set(node_.attributes, k.name, value);
      else if (in_graph_)
        set(g_->graph_attributes, k.name, value);
    } else if (name == "node" && in_node_) {
      add_defaults(node_.attributes, "node");
      if (!yed_label_.empty() && !has(node_.attributes, "label"))
        node_.attributes.emplace_back("label", std::move(yed_label_));
      yed_label_.clear();
      g_->nodes.push_back(std::move(node_));
      in_node_ = false;
    } else if (name == "edge" && in_edge_) {
      add_defaults(edge_.attributes, "edge");
      g_->edges.push_back(std::move(edge_));
      in_edge_ = false;
    } else if (name == "graph") {
      in_graph_ = false;
    }
  }

 private:
  static void set(Attributes& attrs, const std::string& name, std::string value) {
    for (auto& [n, v] : attrs)
      if (n == name) {
        v = std::move(value);
        return;
      }
    attrs.emplace_back(name, std::move(value));
  }
  void add_defaults(Attributes& attrs, const std::string& domain) {
    for (const auto& [id, k] : keys_) {
      if (!k.default_value || (k.domain != domain && k.domain != "all")) continue;
      bool present = false;
      for (const auto& [n, v] : attrs) present |= n == k.name;
      if (!present)
        attrs.emplace_back(
            k.name, k.type == "boolean" ? normalize_bool(*k.default_value) : *k.default_value);
    }
  }

  PropertyGraph* g_;
  std::map<std::string, Key> keys_;
  std::string current_key_, data_key_;
  std::string yed_label_;  // the first yEd NodeLabel of the node being read
  PropertyNode node_;
  PropertyEdge edge_;
  bool in_graph_ = false, in_node_ = false, in_edge_ = false, in_data_ = false;
  bool data_nested_ = false;  // the open <data> held nested XML, which was skipped
  int graphs_ = 0;
  size_t skip_depth_ = 0;
};

}  // namespace

bool read_graphml(std::string_view data, const std::string& file, PropertyGraph* out,
                  std::vector<Problem>* problems, const GraphReadLimits& limits) {
  return xml::read_graph<GraphMlHandler>(data, file, out, problems, limits);
}

}  // namespace govnet
