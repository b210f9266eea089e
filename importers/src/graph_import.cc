#include "govnet/graph_import.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "govnet/text.h"
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
         why + "; kept as the text attribute '" + std::string(name) + "' = '" + value + "'"});
  }
  Attributes rest() const {
    Attributes out;
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i]) out.push_back(attrs_[i]);
    return out;
  }
  void note(const std::string& message) { report_->note({file_, line_, column_, message}); }

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

Period take_period(Fields& f) {
  Period p;
  // govnet's GEXF export writes full days for Gephi's timeline in start/end and the dates as
  // entered (with their precision) in govnet_start/govnet_end; those win.
  bool exact = false;
  for (const char* n : {"govnet_start", "govnet_end"}) {
    if (auto v = f.take(n)) {
      exact = true;
      std::string err;
      auto d = trim(*v).empty() ? std::nullopt : values::date(*v, &err);
      if (!trim(*v).empty() && !d)
        f.keep(n, *v, std::string("'") + n + "' is not a date (" + err + ")");
      (n[7] == 's' ? p.start : p.end) = d;
    }
  }
  if (exact) {
    f.take("start");
    f.take("end");
  } else {
    p.start = take_date(f, "start");
    p.end = take_date(f, "end");
  }
  if (p.start && p.end && p.end->latest() < p.start->earliest()) {
    f.note("end " + p.end->to_string() + " is before start " + p.start->to_string() +
           "; the end was dropped");
    p.end.reset();
  }
  return p;
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

}  // namespace

GraphImportResult import_property_graph(const PropertyGraph& g, const GraphImportOptions& options) {
  GraphImportResult r;
  const std::string& file = g.file;
  for (const auto& n : g.notes) r.report.note(n);
  auto problem = [&](uint32_t line, uint32_t column, std::string message) {
    if (r.problems.size() < options.max_problems)
      r.problems.push_back({file, line, column, std::move(message)});
  };
  auto existing = [&](const std::string& key) {
    return options.existing ? options.existing(key) : ExistingKind::kNone;
  };

  // Nodes.
  struct NodeInfo {
    bool is_instrument;
    uint32_t line, column;
  };
  std::unordered_map<std::string, NodeInfo> nodes;
  std::vector<std::pair<Actor*, std::pair<uint32_t, uint32_t>>> parents_to_check;
  r.network.actors.reserve(g.nodes.size());
  for (const auto& n : g.nodes) {
    if (n.id.empty() || n.id.find_first_of("\t\r\n") != std::string::npos) {
      problem(n.line, n.column,
              "node id '" + n.id +
                  "' is empty or spans lines; ids become keys and must be one line of text");
      continue;
    }
    Fields f(n.attributes, file, n.line, n.column, &r.report);
    bool is_instrument = false;
    if (auto t = f.take("type")) {
      std::string v = ascii_lower(trim(*t));
      if (v == "instrument" || v == "true" || v == "1")
        is_instrument = true;
      else if (v != "actor" && v != "false" && v != "0" && !v.empty())
        f.keep("type", *t,
               "node type '" + *t + "' is neither actor nor instrument; the node became an actor");
    } else if (auto b = f.take("bipartite")) {
      is_instrument = trim(*b) == "1";
      if (trim(*b) != "0" && trim(*b) != "1")
        f.keep("bipartite", *b, "bipartite '" + *b + "' is not 0 or 1");
    }
    auto [it, fresh] = nodes.emplace(n.id, NodeInfo{is_instrument, n.line, n.column});
    if (!fresh) {
      problem(n.line, n.column,
              "node id '" + n.id + "' appears twice (first at line " +
                  std::to_string(it->second.line) + "); ids must be unique");
      continue;
    }
    ExistingKind ek = existing(n.id);
    if (ek != ExistingKind::kNone) {
      it->second.is_instrument = ek == ExistingKind::kInstrument;
      ++r.report.merged;
      if (!n.attributes.empty())
        f.note("node '" + n.id +
               "' is already in the store (defined by another dataset); edges link to that "
               "record and this file's attributes for it were not stored");
      continue;
    }
    std::string name = f.take("name").value_or("");
    if (auto label = f.take("label")) {
      if (name.empty())
        name = *label;
      else if (*label != name)
        f.keep("label", *label, "node has both a name and a different label; the name was used");
    }
    if (trim(name).empty()) name = n.id;
    auto kind_text = f.take("kind");
    if (is_instrument) {
      Instrument x;
      x.key = n.id;
      x.name = name;
      if (kind_text && !trim(*kind_text).empty()) {
        if (auto k = parse_instrument_kind(ascii_lower(trim(*kind_text))))
          x.kind = *k;
        else
          f.keep("kind", *kind_text,
                 "'" + *kind_text + "' is not an instrument kind (" + instrument_kind_names() +
                     "); the kind is 'other'");
      }
      x.period = take_period(f);
      x.status = take_status(f);
      x.evidence = take_evidence(f);
      x.attributes = f.rest();
      r.network.instruments.push_back(std::move(x));
    } else {
      Actor a;
      a.key = n.id;
      a.name = name;
      if (kind_text && !trim(*kind_text).empty()) {
        if (auto k = parse_actor_kind(ascii_lower(trim(*kind_text))))
          a.kind = *k;
        else
          f.keep("kind", *kind_text,
                 "'" + *kind_text + "' is not an actor kind (" + actor_kind_names() +
                     "); the kind is 'other'");
      }
      if (auto al = f.take("aliases")) {
        std::string_view rest = *al;
        while (!rest.empty()) {
          size_t bar = rest.find('|');
          auto one = trim(rest.substr(0, bar));
          if (!one.empty()) a.aliases.emplace_back(one);
          if (bar == std::string_view::npos) break;
          rest.remove_prefix(bar + 1);
        }
      }
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
      a.evidence = take_evidence(f);
      a.attributes = f.rest();
      r.network.actors.push_back(std::move(a));
    }
  }
  // Parents must be actors (in the file or the store); otherwise the text is kept.
  for (auto& a : r.network.actors) {
    if (a.parent.empty()) continue;
    auto it = nodes.find(a.parent);
    bool ok = a.parent != a.key && (it != nodes.end() ? !it->second.is_instrument
                                                      : existing(a.parent) == ExistingKind::kActor);
    if (!ok) {
      const auto& info = nodes[a.key];
      r.report.note({file, info.line, info.column,
                     "parent '" + a.parent + "' of '" + a.key +
                         "' is not another actor of the file or the store; kept as the text "
                         "attribute 'parent'"});
      a.attributes.emplace_back("parent", a.parent);
      a.parent.clear();
    }
  }

  // Edges.
  std::unordered_set<std::string> labels;
  bool reversed_noted = false;
  for (const auto& e : g.edges) {
    auto kind_of = [&](const std::string& id, bool* found) {
      auto it = nodes.find(id);
      if (it != nodes.end()) {
        *found = true;
        return it->second.is_instrument;
      }
      ExistingKind ek = existing(id);
      *found = ek != ExistingKind::kNone;
      if (*found) ++r.report.merged;
      return ek == ExistingKind::kInstrument;
    };
    bool found_s = false, found_t = false;
    bool s_inst = kind_of(e.source, &found_s), t_inst = kind_of(e.target, &found_t);
    if (!found_s || !found_t) {
      const std::string& missing = !found_s ? e.source : e.target;
      problem(e.line, e.column,
              "edge " + std::string(!found_s ? "source" : "target") + " '" + missing +
                  "' is not a node of this file nor a key in the store; declare the node");
      continue;
    }
    Fields f(e.attributes, file, e.line, e.column, &r.report);
    if (s_inst && t_inst) {
      f.note("edge " + e.source + " – " + e.target +
             " joins two instruments; govnet ties start at an actor, so it was skipped");
      ++r.report.skipped;
      continue;
    }
    Tie t;
    t.from = e.source;
    t.to = e.target;
    t.directed = e.directed.value_or(g.directed);
    if (auto d = f.take("directed")) {
      if (auto b = values::boolean(*d))
        t.directed = *b;
      else
        f.keep("directed", *d, "'directed' is not a yes/no value");
    }
    if (s_inst) {
      std::swap(t.from, t.to);
      if (t.directed) {
        t.attributes.emplace_back("reversed", "true");
        if (!reversed_noted)
          f.note(
              "directed edges from an instrument to an actor were turned around (govnet ties start "
              "at an actor); they carry reversed=true");
        reversed_noted = true;
      }
    }
    t.to_instrument = s_inst || t_inst;
    if (auto fam = f.take("family")) {
      if (auto x = parse_family(ascii_lower(trim(*fam))))
        t.family = *x;
      else {
        t.family = options.default_family;
        f.keep("family", *fam, "'" + *fam + "' is not a relation family (" + family_names() + ")");
      }
    } else {
      t.family = options.default_family;
    }
    t.role = f.take("role").value_or("");
    t.weight = take_number(f, "weight");
    t.amount = take_number(f, "amount");
    t.currency = f.take("currency").value_or("");
    t.period = take_period(f);
    t.status = take_status(f);
    t.evidence = take_evidence(f);
    // The edge's id (or else its label) becomes the tie's id when it can serve as one.
    bool from_id = !e.id.empty();
    std::string label = from_id ? e.id : f.take("label").value_or("");
    if (!label.empty() && label.find_first_of("\t\r\n") == std::string::npos &&
        !nodes.count(label) && existing(label) == ExistingKind::kNone &&
        labels.insert(label).second)
      t.label = label;
    else if (!label.empty())
      t.attributes.emplace_back(from_id ? "edge_id" : "label", label);
    for (auto& a : f.rest()) t.attributes.push_back(a);
    r.network.ties.push_back(std::move(t));
  }
  r.report.count_created(r.network);
  return r;
}

}  // namespace govnet
