#include "graph_fields.h"

#include <algorithm>

#include "govnet/countries.h"
#include "graph_time.h"
#include "values.h"

namespace govnet::graph_fields {
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
  auto complain = [&](const std::string& m) { f.note(m, NoteKind::kLeftOut); };
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
  // Plain attributes: a value that is not a time is kept as text, like any field's.
  Period p;
  for (const char* name : {"start", "end"}) {
    auto v = f.take(name);
    if (!v || trim(*v).empty()) continue;
    std::string err;
    auto d = graph_time::time_value(*v, time_format, &err);
    if (!d)
      f.keep(name, *v, std::string("'") + name + "' is not a date govnet can read (" + err + ")");
    (name[0] == 's' ? p.start : p.end) = d;
  }
  if (p.start && p.end && p.end->latest() < p.start->earliest()) {
    f.note("end " + p.end->to_string() + " is before start " + p.start->to_string() +
               "; the end was dropped",
           NoteKind::kLeftOut);
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

std::optional<double> take_number(Fields& f, const char* name, std::string* refused) {
  auto v = f.take(name);
  if (!v || trim(*v).empty()) return std::nullopt;
  if (std::string why = values::tie_number_problem(*v); !why.empty()) {
    if (refused->empty()) *refused = std::string("'") + name + "': " + why;
    return std::nullopt;
  }
  auto x = values::number(*v);
  if (!x || *x < 0) {
    f.keep(name, *v, std::string("'") + name + "' is not a number of 0 or more");
    return std::nullopt;
  }
  return x;
}

namespace {

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

}  // namespace

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

}  // namespace govnet::graph_fields
