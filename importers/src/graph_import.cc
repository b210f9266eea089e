#include "govnet/graph_import.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "govnet/countries.h"
#include "govnet/text.h"
#include "graph_time.h"
#include "node_keys.h"
#include "values.h"

namespace govnet {
namespace {

// Takes the attributes out of a node or edge one field at a time; what is left is kept.
class Fields {
 public:
  Fields(const Attributes& attrs, const std::string& file, uint32_t line, uint32_t column,
         ImportReport* report)
      : attrs_(attrs),
        used_(attrs.size(), false),
        file_(file),
        line_(line),
        column_(column),
        report_(report) {}

  // The value of the first attribute named `name` (case-insensitive), marked as used.
  std::optional<std::string> take(std::string_view name) {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i] && ascii_lower(attrs_[i].first) == name) {
        used_[i] = true;
        return attrs_[i].second;
      }
    return std::nullopt;
  }
  // Puts a value back as a kept attribute and notes why it did not fit.
  void keep(std::string_view name, const std::string& value, const std::string& why) {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (attrs_[i].first == name || ascii_lower(attrs_[i].first) == name) {
        used_[i] = false;
        break;
      }
    report_->note(
        {file_, line_, column_,
         why + "; kept as the text attribute '" + std::string(name) + "' = '" + value + "'"},
        NoteKind::kKeptAsText);
  }
  Attributes rest() const {
    Attributes out;
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i]) out.push_back(attrs_[i]);
    return out;
  }
  bool has(std::string_view name) const {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i] && ascii_lower(attrs_[i].first) == name) return true;
    return false;
  }
  void note(const std::string& message, NoteKind kind = NoteKind::kOther) {
    report_->note({file_, line_, column_, message}, kind);
  }

 private:
  const Attributes& attrs_;
  std::vector<bool> used_;
  const std::string& file_;
  uint32_t line_, column_;
  ImportReport* report_;
};

std::optional<Date> take_date(Fields& f, const char* name) {
  auto v = f.take(name);
  if (!v || trim(*v).empty()) return std::nullopt;
  std::string err;
  auto d = values::date(*v, &err);
  if (!d)
    f.keep(name, *v, std::string("'") + name + "' is not a date govnet can read (" + err + ")");
  return d;
}

std::vector<Evidence> take_evidence(Fields& f) {
  std::vector<Evidence> out;
  if (auto v = f.take("evidence")) {
    if (auto ev = values::evidence_json(*v))
      out = std::move(*ev);
    else
      f.keep("evidence", *v,
             "'evidence' is not govnet's evidence list (a JSON array of objects with a 'source')");
  }
  Evidence e;
  e.source = f.take("source").value_or("");
  e.locator = f.take("locator").value_or("");
  e.quote = f.take("quote").value_or("");
  e.url = f.take("url").value_or("");
  e.accessed = f.take("accessed").value_or("");
  if (!e.empty()) {
    if (e.source.empty()) e.source = "(no source given)";
    out.push_back(std::move(e));
  }
  return out;
}

// The spells: govnet's own `govnet_spells` (or `govnet_start`/`govnet_end`, written with the
// dates' precision by govnet's exports) win over the file's native spells, which win over
// plain `start`/`end` attributes.
Spells take_spells(Fields& f, const std::vector<PropertySpell>& native,
                   std::string_view time_format) {
  auto complain = [&](const std::string& m) { f.note(m); };
  if (auto v = f.take("govnet_spells"); v && !trim(*v).empty()) {
    f.take("govnet_start");
    f.take("govnet_end");
    std::string err;
    if (auto s = parse_spells(*v, &err)) return *s;
    f.keep("govnet_spells", *v, "'govnet_spells' is not a list of spells (" + err + ")");
  }
  std::optional<std::string> start = f.take("govnet_start"), end = f.take("govnet_end");
  if (start || end) {
    f.take("start");
    f.take("end");
    Spells s = graph_time::spells_of({{start.value_or(""), end.value_or("")}}, "date", complain);
    return s;
  }
  if (!native.empty()) return graph_time::spells_of(native, time_format, complain);
  start = f.take("start");
  end = f.take("end");
  if (!start && !end) return {};
  return graph_time::spells_of({{start.value_or(""), end.value_or("")}}, time_format, complain);
}

Status take_status(Fields& f) {
  auto v = f.take("status");
  if (!v || trim(*v).empty()) return Status::kUnknown;
  if (auto s = parse_status(ascii_lower(trim(*v)))) return *s;
  f.keep("status", *v, "status '" + *v + "' is not one of " + status_names());
  return Status::kUnknown;
}

std::optional<double> take_number(Fields& f, const char* name) {
  auto v = f.take(name);
  if (!v || trim(*v).empty()) return std::nullopt;
  auto x = values::number(*v);
  if (!x || *x < 0) {
    f.keep(name, *v, std::string("'") + name + "' is not a number of 0 or more");
    return std::nullopt;
  }
  return x;
}

std::vector<std::string> split_aliases(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t bar = text.find('|');
    auto one = trim(text.substr(0, bar));
    if (!one.empty()) out.emplace_back(one);
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return out;
}

// A node's `type` (or igraph's / networkx's `bipartite`): actor unless it says instrument.
NodeType take_node_type(Fields& f) {
  if (auto t = f.take("type")) {
    std::string v = ascii_lower(trim(*t));
    if (v == "instrument" || v == "true" || v == "1") return NodeType::kInstrument;
    if (v != "actor" && v != "false" && v != "0" && !v.empty())
      f.keep("type", *t,
             "node type '" + *t + "' is neither actor nor instrument; the node became an actor");
  } else if (auto b = f.take("bipartite")) {
    if (trim(*b) != "0" && trim(*b) != "1")
      f.keep("bipartite", *b, "bipartite '" + *b + "' is not 0 or 1");
    if (trim(*b) == "1") return NodeType::kInstrument;
  }
  return NodeType::kActor;
}

// The node's name, else its label, else the one name its dynamic labels give, else its id.
std::string take_name(Fields& f, const std::string& id, const std::optional<std::string>& dynamic) {
  std::string name = f.take("name").value_or("");
  if (auto label = f.take("label")) {
    if (name.empty())
      name = *label;
    else if (*label != name)
      f.keep("label", *label, "node has both a name and a different label; the name was used");
  }
  if (trim(name).empty() && dynamic) name = *dynamic;
  if (trim(name).empty()) name = id;
  return name;
}

Instrument read_instrument(Fields& f, const std::string& id, std::string name,
                           const std::optional<std::string>& kind_text) {
  Instrument x;
  x.key = id;
  x.name = std::move(name);
  if (kind_text && !trim(*kind_text).empty()) {
    if (auto k = parse_instrument_kind(ascii_lower(trim(*kind_text))))
      x.kind = *k;
    else
      f.keep("kind", *kind_text,
             "'" + *kind_text + "' is not an instrument kind (" + instrument_kind_names() +
                 "); the kind is 'other'");
  }
  x.status = take_status(f);
  x.evidence = take_evidence(f);
  x.attributes = f.rest();
  return x;
}

Actor read_actor(Fields& f, const std::string& id, std::string name,
                 const std::optional<std::string>& kind_text) {
  Actor a;
  a.key = id;
  a.name = std::move(name);
  if (kind_text && !trim(*kind_text).empty()) {
    if (auto k = parse_actor_kind(ascii_lower(trim(*kind_text))))
      a.kind = *k;
    else
      f.keep("kind", *kind_text,
             "'" + *kind_text + "' is not an actor kind (" + actor_kind_names() +
                 "); the kind is 'other'");
  }
  if (auto al = f.take("aliases")) a.aliases = split_aliases(*al);
  if (auto iso = f.take("iso3")) {
    std::string v(trim(*iso));
    bool ok = v.size() == 3 &&
              std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (ok)
      a.iso3 = v;
    else if (!v.empty())
      f.keep("iso3", *iso, "'" + *iso + "' is not an ISO 3166-1 alpha-3 code");
  }
  if (auto p = f.take("parent")) a.parent = std::string(trim(*p));
  // An actor of no stated kind whose name (not a code: "IT" may not be Italy) is a country is
  // that state.
  if ((!kind_text || trim(*kind_text).empty()) && a.kind == ActorKind::kOther && a.name.size() > 3)
    if (const Country* c = find_country(a.name)) {
      a.kind = ActorKind::kState;
      if (a.iso3.empty()) a.iso3 = c->alpha3;
    }
  a.evidence = take_evidence(f);
  a.attributes = f.rest();
  return a;
}

Family take_family(Fields& f, Family default_family) {
  auto fam = f.take("family");
  if (!fam) return default_family;
  if (auto x = parse_family(ascii_lower(trim(*fam)))) return *x;
  f.keep("family", *fam, "'" + *fam + "' is not a relation family (" + family_names() + ")");
  return default_family;
}

// One import: nodes first (so that edges and parents can name them), then parents, then edges.
class PropertyGraphImport {
 public:
  PropertyGraphImport(const PropertyGraph& g, const GraphImportOptions& options)
      : g_(g),
        options_(options),
        file_(g.file),
        keys_(options),
        weight_name_(ascii_lower(options.weight_attribute)) {}

  GraphImportResult run() && {
    for (const auto& n : g_.notes) r_.report.note(n, NoteKind::kRead);
    r_.network.actors.reserve(g_.nodes.size());
    for (const auto& n : g_.nodes) read_node(n);
    check_parents();
    for (const auto& e : g_.edges) read_edge(e);
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

  void read_node(const PropertyNode& n) {
    if (n.id.empty() || n.id.find_first_of("\t\r\n") != std::string::npos) {
      problem(n.line, n.column,
              "node id '" + n.id +
                  "' is empty or spans lines; ids become keys and must be one line of text");
      return;
    }
    Fields f(n.attributes, file_, n.line, n.column, &r_.report);
    const NodeType type = take_node_type(f);
    auto [it, fresh] = nodes_.emplace(n.id, NodeInfo{type, n.line, n.column, n.id});
    if (!fresh) {
      problem(n.line, n.column,
              "node id '" + n.id + "' appears twice (first at line " +
                  std::to_string(it->second.line) + "); ids must be unique");
      return;
    }
    auto complain = [&](const std::string& m) { f.note(m); };
    graph_time::DynamicParts dynamic =
        graph_time::sort_dynamic(n.dynamic_values, g_.time_format, "", complain);
    std::string name = take_name(f, n.id, dynamic.name);
    NodeKeys::Decision d = keys_.decide(n.id, name, type);
    if (!d.ambiguous.empty()) {
      std::string list;
      for (const auto& k : d.ambiguous) list += (list.empty() ? "" : ", ") + k;
      problem(n.line, n.column,
              "node '" + n.id + "' ('" + name + "') matches several actors (" + list + ") by " +
                  std::string(to_string(*options_.match)) +
                  "; give it the key of one of them and import with --match key");
      return;
    }
    it->second.key = d.key;
    if (!d.stored) id_of_key_.emplace(d.key, n.id);
    if (d.stored) {
      it->second.type = *d.stored;
      ++r_.report.merged;
      if (!n.attributes.empty())
        f.note("node '" + n.id + "' matched the stored record " + d.key + " by " +
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
      Instrument& x =
          r_.network.instruments.emplace_back(read_instrument(f, d.key, std::move(name), kind_text));
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
                          "attribute 'parent'"});
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
    t.weight = take_weight(f);
    t.amount = take_number(f, "amount");
    t.currency = f.take("currency").value_or("");
    t.spells = take_spells(f, e.spells, g_.time_format);
    auto complain = [&](const std::string& m) { f.note(m); };
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
  std::optional<double> take_weight(Fields& f) {
    if (!weight_name_.empty()) {
      if (f.has(weight_name_)) ++weighted_;
      return take_number(f, weight_name_.c_str());
    }
    if (f.has("weight") || !f.has("value")) return take_number(f, "weight");
    return take_number(f, "value");
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
          "at an actor); they carry reversed=true");
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

}  // namespace govnet
