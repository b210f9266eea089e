// GEXF 1.2 and 1.3 (https://gexf.net): <attributes class="node|edge"> declarations with
// defaults; nodes and edges with label, their time (start/end, startopen/endopen, timestamp,
// timestamps, <spells>), <attvalues> (static, or dynamic with a time of their own) and the viz
// module (color, size, position, shape, thickness). Static values become text attributes under
// the attribute's title, dynamic ones dynamic values; times stay text in the graph's timeformat.
// An open bound (startopen/endopen) is taken as the bound. Hierarchies (pid, <parents>, nested
// <nodes>) are noted and skipped.
#include <map>
#include <set>

#include "govnet/property_graph.h"
#include "values.h"
#include "xml.h"

namespace govnet {
namespace {

struct AttrDecl {
  std::string title, type;
  std::optional<std::string> default_value;
};

class GexfHandler : public xml::Handler {
 public:
  explicit GexfHandler(PropertyGraph* g) : g_(g) {}

  void start(xml::Parser& p, std::string_view name, const std::vector<xml::Attr>& a) override {
    if (p.depth() == 1) {
      if (name != "gexf")
        p.fail("the root element is <" + std::string(name) + ">, not <gexf>; is this a GEXF file?");
      return;
    }
    if (skip_depth_) return;
    if (name == "graph") {
      if (seen_graph_)
        return skip(p, "a second <graph> was skipped; import it as a file of its own");
      seen_graph_ = true;
      g_->directed = xml::attr(a, "defaultedgetype") == "directed";
      if (xml::has_attr(a, "timeformat")) g_->time_format = std::string(xml::attr(a, "timeformat"));
    } else if (name == "attributes") {
      attr_class_ = std::string(xml::attr(a, "class"));
    } else if (name == "attribute") {
      start_attribute(p, a);
    } else if (name == "nodes") {
      if (in_node_)
        return skip(
            p, "nested <nodes> (a hierarchy) cannot be represented; the inner nodes were skipped");
    } else if (name == "node") {
      start_node(p, a);
    } else if (name == "edge") {
      start_edge(p, a);
    } else if (name == "attvalue") {
      start_attvalue(p, a);
    } else if (name == "spell") {
      if (!p.count_item()) return;
      if (!time_of(a, &spells_))
        p.note("a <spell> with neither start, end nor timestamp was skipped");
    } else if (name == "color" || name == "size" || name == "thickness" || name == "shape" ||
               name == "position") {
      start_viz(name, a);
    } else if (name == "parents" || name == "parent") {
      p.note("<parents> (a hierarchy) cannot be represented and was skipped");
      skip_depth_ = p.depth();
    } else if (name == "meta" || name == "creator" || name == "description" || name == "keywords" ||
               name == "default" || name == "attvalues" || name == "spells" || name == "edges" ||
               name == "options") {
      // containers and metadata; <default> is read at its end
    } else {
      skip(p, "unknown element <" + std::string(name) + "> was skipped");
    }
  }

  void end(xml::Parser& p, std::string_view name, std::string_view text) override {
    if (skip_depth_) {
      if (p.depth() == skip_depth_) skip_depth_ = 0;
      return;
    }
    if (name == "default" && !current_decl_.empty()) {
      (attr_class_ == "edge" ? edge_decls_ : node_decls_)[current_decl_].default_value =
          std::string(text);
    } else if (name == "attribute") {
      current_decl_.clear();
    } else if (name == "node" && in_node_) {
      finish(p, node_.attributes, node_decls_);
      g_->nodes.push_back(std::move(node_));
      in_node_ = false;
    } else if (name == "edge" && in_edge_) {
      finish(p, edge_.attributes, edge_decls_);
      g_->edges.push_back(std::move(edge_));
      in_edge_ = false;
    } else if (name == "creator" || name == "description" || name == "keywords") {
      if (!trim_view(text).empty())
        g_->graph_attributes.emplace_back(std::string(name), std::string(trim_view(text)));
    }
  }

 private:
  // <attribute id title type> in <attributes class="node|edge">; its <default> comes at its end.
  void start_attribute(xml::Parser& p, const std::vector<xml::Attr>& a) {
    std::string id(xml::attr(a, "id"));
    if (id.empty())
      return p.fail("<attribute> without an id; every attribute declaration needs one");
    AttrDecl d{std::string(xml::has_attr(a, "title") ? xml::attr(a, "title") : xml::attr(a, "id")),
               std::string(xml::attr(a, "type")), std::nullopt};
    (attr_class_ == "edge" ? edge_decls_ : node_decls_)[id] = d;
    current_decl_ = id;
    if (!p.count_item()) return;
  }
  // <node id [label] [pid]>: the attributes of the element become the node's.
  void start_node(xml::Parser& p, const std::vector<xml::Attr>& a) {
    std::string id(xml::attr(a, "id"));
    if (id.empty()) return p.fail("<node> without an id attribute; every node needs one");
    if (!p.count_item()) return;
    node_ = PropertyNode{id, {}, p.line(), p.column(), {}, {}};
    time_of(a, &node_.spells);
    for (const auto& x : a) {
      if (x.name == "id" || is_time(x.name)) continue;
      if (x.name == "pid") {
        p.note("node parents (pid) were kept as the attribute 'pid', not as a hierarchy");
      }
      node_.attributes.emplace_back(std::string(x.name), std::string(x.value));
    }
    in_node_ = true;
    spells_.clear();
  }
  static bool is_time(std::string_view n) {
    return n == "start" || n == "end" || n == "startopen" || n == "endopen" || n == "timestamp" ||
           n == "timestamps";
  }
  // The time an element's attributes give (start/end, their open forms, a timestamp, or GEXF
  // 1.3's timestamps "<[t1;t2]>"), appended to *out; false when it gives none.
  static bool time_of(const std::vector<xml::Attr>& a, std::vector<PropertySpell>* out) {
    auto first = [&](const char* closed, const char* open) {
      return std::string(xml::has_attr(a, closed) ? xml::attr(a, closed) : xml::attr(a, open));
    };
    PropertySpell s{first("start", "startopen"), first("end", "endopen")};
    if (s.start.empty() && s.end.empty() && xml::has_attr(a, "timestamp"))
      s.start = s.end = std::string(xml::attr(a, "timestamp"));
    if (!s.start.empty() || !s.end.empty()) {
      out->push_back(std::move(s));
      return true;
    }
    std::string_view list = xml::attr(a, "timestamps");
    bool any = false;
    while (!list.empty()) {
      const size_t sep = list.find_first_of(";,");
      std::string_view one = trim_view(list.substr(0, sep));
      while (!one.empty() && (one.front() == '<' || one.front() == '[')) one.remove_prefix(1);
      while (!one.empty() && (one.back() == '>' || one.back() == ']')) one.remove_suffix(1);
      one = trim_view(one);
      if (!one.empty()) {
        out->push_back({std::string(one), std::string(one)});
        any = true;
      }
      list = sep == std::string_view::npos ? std::string_view() : list.substr(sep + 1);
    }
    return any;
  }
  // <edge [id] source target [type]>.
  void start_edge(xml::Parser& p, const std::vector<xml::Attr>& a) {
    if (!xml::has_attr(a, "source") || !xml::has_attr(a, "target"))
      return p.fail("<edge> needs both a source and a target attribute");
    if (!p.count_item()) return;
    edge_ = PropertyEdge{};
    edge_.line = p.line();
    edge_.column = p.column();
    for (const auto& x : a) {
      if (x.name == "id")
        edge_.id = std::string(x.value);
      else if (x.name == "source")
        edge_.source = std::string(x.value);
      else if (x.name == "target")
        edge_.target = std::string(x.value);
      else if (is_time(x.name))
        continue;
      else if (x.name == "type") {
        if (x.value == "directed")
          edge_.directed = true;
        else if (x.value == "undirected" || x.value == "mutual")
          edge_.directed = false;
        else
          return p.fail("edge type '" + std::string(x.value) +
                        "' is not directed, undirected or mutual");
      } else
        edge_.attributes.emplace_back(std::string(x.name), std::string(x.value));
    }
    time_of(a, &edge_.spells);
    in_edge_ = true;
    spells_.clear();
  }
  // <attvalue for value [start end]> of the open node or edge.
  void start_attvalue(xml::Parser& p, const std::vector<xml::Attr>& a) {
    std::string_view id = xml::has_attr(a, "for") ? xml::attr(a, "for") : xml::attr(a, "id");
    auto& decls = in_edge_ ? edge_decls_ : node_decls_;
    auto it = decls.find(std::string(id));
    if (it == decls.end())
      return p.fail("<attvalue for=\"" + std::string(id) +
                    "\"> refers to no declared attribute; "
                    "declare it in <attributes class=\"" +
                    (in_edge_ ? "edge" : "node") + "\">");
    if (!p.count_item()) return;
    std::string value(xml::attr(a, "value"));
    std::vector<PropertySpell> when;
    if (time_of(a, &when)) {
      auto& dynamic = in_edge_ ? edge_.dynamic_values : node_.dynamic_values;
      for (auto& w : when)
        dynamic.push_back({it->second.title, value, std::move(w), p.line(), p.column()});
      return;
    }
    Attributes& attrs = in_edge_ ? edge_.attributes : node_.attributes;
    for (const auto& [n, v] : attrs)
      if (n == it->second.title)
        return p.note("attribute '" + it->second.title +
                      "' has a second value without a time; the first was kept");
    attrs.emplace_back(it->second.title, value);
  }
  // The viz module: <color>, <size>, <thickness>, <shape>, <position> of the open node or edge.
  void start_viz(std::string_view name, const std::vector<xml::Attr>& a) {
    if (name == "color") {
      char buf[32];
      if (xml::has_attr(a, "hex")) {
        set_viz("viz_color", std::string(xml::attr(a, "hex")));
      } else {
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", to_byte(xml::attr(a, "r")),
                      to_byte(xml::attr(a, "g")), to_byte(xml::attr(a, "b")));
        set_viz("viz_color", buf);
      }
      // networkx writes a="None" for a colour without alpha: only a number is an alpha.
      if (values::number(xml::attr(a, "a"))) set_viz("viz_alpha", std::string(xml::attr(a, "a")));
    } else if (name == "size") {
      set_viz("viz_size", std::string(xml::attr(a, "value")));
    } else if (name == "thickness") {
      set_viz("viz_thickness", std::string(xml::attr(a, "value")));
    } else if (name == "shape") {
      set_viz("viz_shape", std::string(xml::attr(a, "value")));
    } else if (name == "position") {
      set_viz("viz_x", std::string(xml::attr(a, "x")));
      set_viz("viz_y", std::string(xml::attr(a, "y")));
      if (xml::has_attr(a, "z") && xml::attr(a, "z") != "0" && xml::attr(a, "z") != "0.0")
        set_viz("viz_z", std::string(xml::attr(a, "z")));
    }
  }
  static std::string_view trim_view(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  }
  static int to_byte(std::string_view v) {
    int x = 0;
    for (char c : v) {
      if (c < '0' || c > '9') break;
      x = x * 10 + (c - '0');
      if (x > 255) return 255;
    }
    return x;
  }
  void set_viz(const std::string& name, std::string value) {
    if (in_edge_)
      edge_.attributes.emplace_back(name, std::move(value));
    else if (in_node_)
      node_.attributes.emplace_back(name, std::move(value));
  }
  // <spells> join the element's own time; then the declared defaults.
  void finish(xml::Parser&, Attributes& attrs, const std::map<std::string, AttrDecl>& decls) {
    auto& spells = in_edge_ ? edge_.spells : node_.spells;
    for (auto& sp : spells_) spells.push_back(std::move(sp));
    spells_.clear();
    for (const auto& [id, d] : decls) {
      if (!d.default_value) continue;
      bool present = false;
      for (const auto& [n, v] : attrs) present |= n == d.title;
      if (!present) attrs.emplace_back(d.title, *d.default_value);
    }
  }
  void skip(xml::Parser& p, std::string message) {
    p.note(std::move(message));
    skip_depth_ = p.depth();
  }

  PropertyGraph* g_;
  std::map<std::string, AttrDecl> node_decls_, edge_decls_;
  std::string attr_class_, current_decl_;
  PropertyNode node_;
  PropertyEdge edge_;
  std::vector<PropertySpell> spells_;  // of the open node or edge's <spells>
  bool seen_graph_ = false, in_node_ = false, in_edge_ = false;
  size_t skip_depth_ = 0;
};

}  // namespace

bool read_gexf(std::string_view data, const std::string& file, PropertyGraph* out,
               std::vector<Problem>* problems, const GraphReadLimits& limits) {
  return xml::read_graph<GexfHandler>(data, file, out, problems, limits);
}

}  // namespace govnet
