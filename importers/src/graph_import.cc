#include "govnet/graph_import.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "govnet/countries.h"
#include "govnet/text.h"
#include "graph_fields.h"
#include "graph_time.h"
#include "node_keys.h"
#include "values.h"

namespace govnet {
namespace {

using namespace graph_fields;

// One import: nodes first (so that edges and parents can name them), then parents, then edges.
class PropertyGraphImport {
 public:
  PropertyGraphImport(const PropertyGraph& g, const GraphImportOptions& options)
      : g_(g),
        options_(options),
        file_(g.file),
        keys_(options),
        weight_name_(ascii_lower(options.weight_attribute)) {}

  void consume(PropertyGraph* g) { owned_ = g; }

  GraphImportResult run() && {
    for (const auto& n : g_.notes) r_.report.note(n, NoteKind::kRead);
    r_.network.actors.reserve(g_.nodes.size());
    r_.network.ties.reserve(g_.edges.size());
    for (size_t i = 0; i < g_.nodes.size(); ++i) {
      read_node(g_.nodes[i]);
      if (owned_) owned_->nodes[i].attributes = Attributes();
    }
    check_parents();
    for (size_t i = 0; i < g_.edges.size(); ++i) {
      read_edge(g_.edges[i]);
      // (the attributes are listed when --weight-attribute names one no edge has)
      if (owned_ && weight_name_.empty()) owned_->edges[i].attributes = Attributes();
    }
    check_weight_attribute();
    r_.report.count_created(r_.network);
    if (options_.match) r_.report.matched_by = std::string(to_string(*options_.match));
    note_renamed();
    return std::move(r_);
  }

 private:
  struct NodeInfo {
    NodeType type;
    uint32_t line, column;
    std::string key;  // the record's key (the id, renamed, or a matched record's key)
  };

  void problem(uint32_t line, uint32_t column, std::string message) {
    if (r_.problems.size() < std::max<size_t>(1, options_.max_problems))  // 0 hides none
      r_.problems.push_back({file_, line, column, std::move(message)});
  }

  // Keys, names, aliases and roles hold no control characters (values::control_problem).
  bool without_controls(uint32_t line, uint32_t column, const char* what, const std::string& v,
                        bool one_line) {
    std::string why = values::control_problem(what, v, one_line);
    if (why.empty()) return true;
    problem(line, column, std::move(why));
    return false;
  }

  void read_node(const PropertyNode& n) {
    if (n.id.empty() || n.id.find_first_of("\t\r\n") != std::string::npos) {
      problem(n.line, n.column,
              g_.node_noun + " id '" + n.id +
                  "' is empty or spans lines; ids become keys and must be one line of text");
      return;
    }
    if (!without_controls(n.line, n.column, (g_.node_noun + " id").c_str(), n.id, true)) return;
    Fields f(n.attributes, file_, n.line, n.column, &r_.report);
    const NodeType type = take_node_type(f);
    auto [it, fresh] = nodes_.emplace(n.id, NodeInfo{type, n.line, n.column, n.id});
    if (!fresh) {
      problem(n.line, n.column,
              g_.node_noun + " id '" + n.id + "' appears twice (first at line " +
                  std::to_string(it->second.line) + "); ids must be unique");
      return;
    }
    auto complain = [&](const PropertyDynamicValue& v, const std::string& m) {
      f.note_about(v, m);
    };
    graph_time::DynamicParts dynamic =
        graph_time::sort_dynamic(n.dynamic_values, g_.time_format, "", complain);
    std::string name = take_name(f, n.id, dynamic.name);
    if (!without_controls(n.line, n.column, "name", name, false)) return;
    for (const auto& [k, v] : n.attributes)
      if (ascii_lower(k) == "aliases" && !without_controls(n.line, n.column, "aliases", v, false))
        return;
    NodeKeys::Decision d = keys_.decide(n.id, name, type);
    if (!d.ambiguous.empty()) {
      std::string list;
      for (const auto& k : d.ambiguous) list += (list.empty() ? "" : ", ") + k;
      problem(n.line, n.column,
              g_.node_noun + " '" + n.id + "' ('" + name + "') matches several actors (" + list +
                  ") by " + std::string(to_string(*options_.match)) +
                  "; give it the key of one of them and import with --match key");
      return;
    }
    it->second.key = d.key;
    if (!d.stored) id_of_key_.emplace(d.key, n.id);
    if (d.stored) {
      it->second.type = *d.stored;
      ++r_.report.merged;
      if (!n.attributes.empty())
        f.note(g_.node_noun + " '" + n.id + "' matched the stored record " + d.key + " by " +
                   std::string(to_string(*options_.match)) +
                   "; edges link to that record and this file's attributes for it were not stored",
               NoteKind::kMatched);
      return;
    }
    if (d.renamed) {
      ++r_.report.renamed;
      if (first_renamed_.empty()) first_renamed_ = n.id + "' became '" + d.key;
    }
    auto kind_text = f.take("kind");
    Spells spells = take_spells(f, n.spells, g_.time_format);
    take_position(f, {type, d.key});
    if (type == NodeType::kInstrument) {
      Instrument& x = r_.network.instruments.emplace_back(
          read_instrument(f, d.key, std::move(name), kind_text));
      x.spells = std::move(spells);
      x.dated_attributes = std::move(dynamic.attributes);
    } else {
      Actor& x = r_.network.actors.emplace_back(read_actor(f, d.key, std::move(name), kind_text));
      x.spells = std::move(spells);
      x.dated_attributes = std::move(dynamic.attributes);
    }
  }

  // Gephi's viz:position (viz_x, viz_y) becomes the node's place in the saved layout.
  void take_position(Fields& f, NodeRef node) {
    if (!f.has("viz_x") || !f.has("viz_y")) return;
    const std::string xs = *f.take("viz_x"), ys = *f.take("viz_y");
    auto x = values::number(xs), y = values::number(ys);
    if (x && y && std::isfinite(*x) && std::isfinite(*y)) {
      r_.positions.push_back({std::move(node), static_cast<float>(*x), static_cast<float>(*y)});
      return;
    }
    f.keep("viz_x", xs, "the node's position is not a pair of numbers");
    f.keep("viz_y", ys, "the node's position is not a pair of numbers");
  }

  // One line for all renamed ids, with the first as an example.
  void note_renamed() {
    if (r_.report.renamed == 0) return;
    r_.report.note({file_, 0, 0,
                    std::to_string(r_.report.renamed) +
                        " node id(s) are keys of another dataset; they were made this dataset's "
                        "own as DATASET:ID (e.g. '" +
                        first_renamed_ +
                        "'); to link nodes to the stored records instead, import with --match "
                        "key|name|alias"},
                   NoteKind::kRenamed);
  }

  // Parents must be actors (in the file or the store); otherwise the text is kept.
  void check_parents() {
    for (auto& a : r_.network.actors) {
      if (a.parent.empty()) continue;
      auto it = nodes_.find(a.parent);
      std::string parent = it != nodes_.end() ? it->second.key : a.parent;
      bool ok = parent != a.key && (it != nodes_.end() ? it->second.type == NodeType::kActor
                                                       : keys_.stored(parent) == NodeType::kActor);
      if (ok) {
        a.parent = parent;
        continue;
      }
      const auto& info = nodes_.at(id_of_key_.at(a.key));
      r_.report.note({file_, info.line, info.column,
                      "parent '" + a.parent + "' of '" + a.key +
                          "' is not another actor of the file or the store; kept as the text "
                          "attribute 'parent'"},
                     NoteKind::kKeptAsText);
      a.attributes.emplace_back("parent", a.parent);
      a.parent.clear();
    }
  }

  // What an edge's end names: a node of the file (and its key), else — when matching by key —
  // a record of the store (merged).
  std::optional<NodeType> end_type(const std::string& id, std::string* key) {
    *key = id;
    if (auto it = nodes_.find(id); it != nodes_.end()) {
      *key = it->second.key;
      return it->second.type;
    }
    std::optional<NodeType> stored = keys_.stored(id);
    if (stored) ++r_.report.merged;
    return stored;
  }

  void read_edge(const PropertyEdge& e) {
    std::string from, to;
    const std::optional<NodeType> source = end_type(e.source, &from),
                                  target = end_type(e.target, &to);
    if (!source || !target) {
      const std::string& missing = !source ? e.source : e.target;
      problem(e.line, e.column,
              "edge " + std::string(!source ? "source" : "target") + " '" + missing +
                  "' is not a node of this file" +
                  (options_.match == MatchBy::kKey
                       ? " nor a key in the store; declare the node"
                       : "; declare the node, or import with --match key to link edges to "
                         "records already in the store"));
      return;
    }
    const bool s_inst = *source == NodeType::kInstrument, t_inst = *target == NodeType::kInstrument;
    Fields f(e.attributes, file_, e.line, e.column, &r_.report);
    if (s_inst && t_inst) {
      f.note("edge " + e.source + " – " + e.target +
                 " joins two instruments; govnet ties start at an actor, so it was skipped",
             NoteKind::kSkipped);
      ++r_.report.skipped;
      return;
    }
    Tie t;
    t.from = from;
    t.to = to;
    t.directed = e.directed.value_or(g_.directed);
    if (auto d = f.take("directed")) {
      if (auto b = values::boolean(*d))
        t.directed = *b;
      else
        f.keep("directed", *d, "'directed' is not a yes/no value");
    }
    if (s_inst) turn_around(f, &t);
    t.to_instrument = s_inst || t_inst;
    t.family = take_family(f, options_.default_family);
    t.role = f.take("role").value_or("");
    if (!without_controls(e.line, e.column, "role", t.role, false)) return;
    std::string refused;
    t.weight = take_weight(f, &refused);
    t.amount = take_number(f, "amount", &refused);
    if (!refused.empty())
      return problem(e.line, e.column, "edge " + e.source + " – " + e.target + ": " + refused);
    t.currency = f.take("currency").value_or("");
    t.spells = take_spells(f, e.spells, g_.time_format);
    auto complain = [&](const PropertyDynamicValue& v, const std::string& m) {
      f.note_about(v, m);
    };
    graph_time::DynamicParts dynamic = graph_time::sort_dynamic(
        e.dynamic_values, g_.time_format, weight_name_.empty() ? "weight" : weight_name_, complain);
    t.dated_weights = std::move(dynamic.weights);
    t.dated_attributes = std::move(dynamic.attributes);
    if (!weight_name_.empty() && !t.dated_weights.empty()) ++weighted_;
    t.status = take_status(f);
    t.evidence = take_evidence(f);
    take_label(f, e, &t);
    for (auto& a : f.rest()) t.attributes.push_back(a);
    r_.network.ties.push_back(std::move(t));
  }

  // The weight: the attribute --weight-attribute names, else `weight`, else d3's `value`.
  std::optional<double> take_weight(Fields& f, std::string* refused) {
    if (!weight_name_.empty()) {
      if (f.has(weight_name_)) ++weighted_;
      return take_number(f, weight_name_.c_str(), refused);
    }
    if (f.has("weight") || !f.has("value")) return take_number(f, "weight", refused);
    return take_number(f, "value", refused);
  }

  // A weight attribute asked for by name must be on some edge; otherwise every measure would
  // silently be the unweighted one.
  void check_weight_attribute() {
    if (weight_name_.empty() || weighted_ > 0 || g_.edges.empty()) return;
    std::vector<std::string> seen;
    for (const auto& e : g_.edges)
      for (const auto& [k, v] : e.attributes)
        if (seen.size() < 12 && std::find(seen.begin(), seen.end(), k) == seen.end())
          seen.push_back(k);
    std::string list;
    for (const auto& k : seen) list += (list.empty() ? "" : ", ") + k;
    problem(0, 0,
            "no edge has the weight attribute '" + options_.weight_attribute + "'" +
                (list.empty() ? "; the edges have no attributes"
                              : "; the edges' attributes are: " + list) +
                "; give one of these to --weight-attribute");
  }

  // An edge from an instrument to an actor becomes a tie from the actor; a directed one says so.
  void turn_around(Fields& f, Tie* t) {
    std::swap(t->from, t->to);
    if (!t->directed) return;
    t->attributes.emplace_back("reversed", "true");
    if (!reversed_noted_)
      f.note(
          "directed edges from an instrument to an actor were turned around (govnet ties start "
          "at an actor); they carry reversed=true",
          NoteKind::kRead);
    reversed_noted_ = true;
  }

  // The edge's id (or else its label) becomes the tie's id when it can serve as one; otherwise
  // it is kept as an attribute.
  void take_label(Fields& f, const PropertyEdge& e, Tie* t) {
    bool from_id = !e.id.empty();
    std::string label = from_id ? e.id : f.take("label").value_or("");
    if (!label.empty() && label.find_first_of("\t\r\n") == std::string::npos &&
        !nodes_.count(label) && !keys_.taken(label) && labels_.insert(label).second)
      t->label = label;
    else if (!label.empty())
      t->attributes.emplace_back(from_id ? "edge_id" : "label", label);
  }

  const PropertyGraph& g_;
  PropertyGraph* owned_ = nullptr;  // set when the graph is consumed: released as it is read
  const GraphImportOptions& options_;
  const std::string& file_;
  GraphImportResult r_;
  std::unordered_map<std::string, NodeInfo> nodes_;
  std::unordered_set<std::string> labels_;  // tie ids taken so far
  NodeKeys keys_;
  std::unordered_map<std::string, std::string> id_of_key_;  // this file's records: key -> id
  std::string first_renamed_;                               // "ID' became 'KEY", for the report
  std::string weight_name_;  // --weight-attribute, lower case (attribute names match any case)
  uint64_t weighted_ = 0;    // edges that carried it
  bool reversed_noted_ = false;
};

}  // namespace

GraphImportResult import_property_graph(const PropertyGraph& g, const GraphImportOptions& options) {
  return PropertyGraphImport(g, options).run();
}

GraphImportResult import_property_graph(PropertyGraph&& g, const GraphImportOptions& options) {
  PropertyGraphImport import(g, options);
  import.consume(&g);
  return std::move(import).run();
}

}  // namespace govnet
