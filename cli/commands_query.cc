#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "context.h"
#include "govnet/text.h"
#include "govnet/traversal.h"
#include "view_options.h"

namespace govnet::cli {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// ---- actors / instruments -------------------------------------------------------------------

struct ListArgs {
  Common common;
  std::string search;
  std::vector<std::string> kinds;
  std::vector<std::string> statuses;
};

// The keys of the actors (or instruments) the search text finds, in rank order, and what
// each matched.
void search_records(const Store& store, const std::string& text, bool instruments,
                    std::vector<std::string>* keys, std::map<std::string, std::string>* matched) {
  std::vector<SearchHit> hits;
  check(store.search(text, &hits));
  for (auto& h : hits)
    if (h.node.is_instrument() == instruments) {
      keys->push_back(h.node.key);
      (*matched)[h.node.key] = h.matched;
    }
}

// --kind and --status must name values of the vocabulary.
void check_list_filters(const ListArgs& a, bool instruments) {
  for (const auto& k : a.kinds)
    if (instruments ? !parse_instrument_kind(k) : !parse_actor_kind(k))
      usage_error("unknown kind '" + k + "'; expected one of: " +
                  (instruments ? instrument_kind_names() : actor_kind_names()));
  for (const auto& s : a.statuses)
    if (!parse_status(s))
      usage_error("unknown status '" + s + "'; expected one of: " + status_names());
}

void run_list(const ListArgs& a, bool instruments) {
  auto store = a.common.open(true);
  std::vector<std::string> keys;
  std::map<std::string, std::string> matched;
  if (!a.search.empty()) search_records(*store, a.search, instruments, &keys, &matched);
  Network net;
  check(store->load_nodes(&net));  // lists records: the ties are not needed
  Table t;
  if (instruments) {
    t.columns = {"key", "name", "kind", "spells", "status", "dataset"};
  } else {
    t.columns = {"key", "name", "kind", "iso3", "aliases", "parent", "spells", "dataset"};
  }
  if (!a.search.empty()) t.columns.push_back("matched");
  std::vector<DatasetInfo> datasets;
  check(store->datasets(&datasets));
  auto dataset_name = [&](DatasetId id) {
    for (auto& d : datasets)
      if (d.id == id) return d.name;
    return std::string();
  };
  auto want_kind = [&](std::string_view k) {
    return a.kinds.empty() || std::find(a.kinds.begin(), a.kinds.end(), k) != a.kinds.end();
  };
  check_list_filters(a, instruments);
  auto emit_actor = [&](const Actor& x) {
    if (!want_kind(to_string(x.kind))) return;
    std::vector<Cell> row = {x.key,
                             x.name,
                             std::string(to_string(x.kind)),
                             x.iso3,
                             Cell::list(x.aliases, "|"),
                             x.parent,
                             x.spells.to_string(),
                             dataset_name(x.dataset)};
    if (!a.search.empty()) row.push_back(matched[x.key]);
    t.add(std::move(row));
  };
  auto emit_instrument = [&](const Instrument& x) {
    if (!want_kind(to_string(x.kind))) return;
    if (!a.statuses.empty() &&
        std::find(a.statuses.begin(), a.statuses.end(), to_string(x.status)) == a.statuses.end())
      return;
    std::vector<Cell> row = {x.key,
                             x.name,
                             std::string(to_string(x.kind)),
                             x.spells.to_string(),
                             std::string(to_string(x.status)),
                             dataset_name(x.dataset)};
    if (!a.search.empty()) row.push_back(matched[x.key]);
    t.add(std::move(row));
  };
  if (a.search.empty()) {
    if (instruments)
      for (auto& x : net.instruments) emit_instrument(x);
    else
      for (auto& x : net.actors) emit_actor(x);
  } else {
    for (const auto& key : keys) {
      if (instruments) {
        Instrument x;
        if (store->get_instrument(key, &x).ok()) emit_instrument(x);
      } else {
        Actor x;
        if (store->get_actor(key, &x).ok()) emit_actor(x);
      }
    }
  }
  Format f = a.common.format();
  if (f == Format::kTable && t.rows.empty()) {
    std::cout << "no " << (instruments ? "instruments" : "actors") << " match\n";
    return;
  }
  print(std::cout, t, f);
}

// ---- show -----------------------------------------------------------------------------------

nlohmann::ordered_json evidence_json(const std::vector<Evidence>& ev) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& e : ev)
    arr.push_back({{"source", e.source},
                   {"locator", e.locator},
                   {"quote", e.quote},
                   {"url", e.url},
                   {"accessed", e.accessed}});
  return arr;
}

nlohmann::ordered_json attributes_json(const Attributes& attrs) {
  auto obj = nlohmann::ordered_json::object();
  for (const auto& [k, v] : attrs) obj[k] = v;
  return obj;
}

// Spells as [{"start": .., "end": ..}], an open end as "".
nlohmann::ordered_json spells_json(const Spells& spells) {
  auto arr = nlohmann::ordered_json::array();
  for (const Period& p : spells.periods)
    arr.push_back(
        {{"start", p.start ? p.start->to_string() : ""}, {"end", p.end ? p.end->to_string() : ""}});
  return arr;
}

nlohmann::ordered_json dated_attributes_json(const std::vector<DatedAttribute>& attrs) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& a : attrs)
    arr.push_back({{"name", a.name},
                   {"value", a.value},
                   {"start", a.period.start ? a.period.start->to_string() : ""},
                   {"end", a.period.end ? a.period.end->to_string() : ""}});
  return arr;
}

// "weight 2 in 2001–2003, 5 in 2004–" for a tie with a weight over time.
std::string dated_weights_text(const std::vector<DatedWeight>& weights) {
  std::string out;
  for (const auto& w : weights)
    out += (out.empty() ? "weight " : ", ") + format_number(w.value) + " in " +
           (w.period.empty() ? std::string("(undated)") : w.period.to_string());
  return out;
}

void print_evidence(const std::vector<Evidence>& ev, const std::string& indent) {
  for (const auto& e : ev) {
    if (!e.quote.empty()) std::cout << indent << "“" << e.quote << "”\n";
    std::string cite = e.source;
    if (!e.locator.empty()) cite += (cite.empty() ? "" : ", ") + e.locator;
    if (!e.url.empty()) cite += (cite.empty() ? "" : " ") + ("<" + e.url + ">");
    if (!e.accessed.empty()) cite += " (accessed " + e.accessed + ")";
    if (!cite.empty()) std::cout << indent << "  — " << cite << "\n";
  }
}

// What `show` prints about one record, gathered from the store once; the writers only format it.
struct Shown {
  // A tie, from the record's point of view.
  struct TieRow {
    Tie tie;
    bool outgoing = false;
    std::string other, other_name, dataset;
    std::string direction() const {
      if (!tie.directed) return "—";
      return outgoing ? "→" : "←";
    }
  };
  std::string key;
  NodeType type = NodeType::kActor;
  Actor actor;            // when type is kActor
  Instrument instrument;  // when type is kInstrument
  std::string name, dataset, parent_name;
  Spells spells;
  Attributes attributes;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<Evidence> evidence;
  std::vector<TieRow> ties;
};

Shown gather_shown(const Store& store, const NodeRef& named) {
  std::vector<Tie> ties;
  check(store.ties_of(named.key, &ties));
  std::vector<DatasetInfo> datasets;
  check(store.datasets(&datasets));
  auto dataset_name = [&](DatasetId id) {
    for (auto& d : datasets)
      if (d.id == id) return d.name;
    return std::string("#") + std::to_string(id);
  };
  auto other_name = [&](const std::string& key) {
    Actor a;
    if (store.get_actor(key, &a).ok()) return a.name;
    Instrument x;
    if (store.get_instrument(key, &x).ok()) return x.name;
    return std::string();
  };
  Shown s;
  s.key = named.key;
  if (named.is_instrument()) {
    s.type = NodeType::kInstrument;
    check(store.get_instrument(named.key, &s.instrument));
    s.name = s.instrument.name;
    s.spells = s.instrument.spells;
    s.attributes = s.instrument.attributes;
    s.dated_attributes = s.instrument.dated_attributes;
    s.evidence = s.instrument.evidence;
    s.dataset = dataset_name(s.instrument.dataset);
  } else {
    check(store.get_actor(named.key, &s.actor));
    s.name = s.actor.name;
    s.spells = s.actor.spells;
    s.attributes = s.actor.attributes;
    s.dated_attributes = s.actor.dated_attributes;
    s.evidence = s.actor.evidence;
    s.dataset = dataset_name(s.actor.dataset);
    if (!s.actor.parent.empty()) s.parent_name = other_name(s.actor.parent);
  }
  for (auto& t : ties) {
    Shown::TieRow r;
    r.outgoing = t.from == named.key;
    r.other = r.outgoing ? t.to : t.from;
    r.other_name = other_name(r.other);
    r.dataset = dataset_name(t.dataset);
    r.tie = std::move(t);
    s.ties.push_back(std::move(r));
  }
  return s;
}

void write_shown_json(const Shown& s) {
  nlohmann::ordered_json j;
  j["key"] = s.key;
  j["name"] = s.name;
  j["type"] = to_string(s.type);
  if (s.type == NodeType::kInstrument) {
    j["kind"] = to_string(s.instrument.kind);
    j["status"] = to_string(s.instrument.status);
  } else {
    j["kind"] = to_string(s.actor.kind);
    j["aliases"] = s.actor.aliases;
    j["iso3"] = s.actor.iso3;
    j["parent"] = s.actor.parent;
  }
  const Period hull = s.spells.hull();
  j["start"] = hull.start ? hull.start->to_string() : "";
  j["end"] = hull.end ? hull.end->to_string() : "";
  j["spells"] = spells_json(s.spells);
  j["dataset"] = s.dataset;
  j["attributes"] = attributes_json(s.attributes);
  j["dated_attributes"] = dated_attributes_json(s.dated_attributes);
  j["evidence"] = evidence_json(s.evidence);
  auto arr = nlohmann::ordered_json::array();
  for (const auto& r : s.ties) {
    const Tie& t = r.tie;
    nlohmann::ordered_json tj;
    tj["from"] = t.from;
    tj["to"] = t.to;
    tj["other"] = r.other;
    tj["other_name"] = r.other_name;
    tj["family"] = to_string(t.family);
    tj["role"] = t.role;
    tj["directed"] = t.directed;
    tj["weight"] = t.weight ? nlohmann::ordered_json(*t.weight) : nlohmann::ordered_json();
    tj["amount"] = t.amount ? nlohmann::ordered_json(*t.amount) : nlohmann::ordered_json();
    tj["currency"] = t.currency;
    const Period tie_hull = t.spells.hull();
    tj["start"] = tie_hull.start ? tie_hull.start->to_string() : "";
    tj["end"] = tie_hull.end ? tie_hull.end->to_string() : "";
    tj["spells"] = spells_json(t.spells);
    if (!t.dated_weights.empty()) {
      auto weights = nlohmann::ordered_json::array();
      for (const auto& w : t.dated_weights)
        weights.push_back({{"value", w.value},
                           {"start", w.period.start ? w.period.start->to_string() : ""},
                           {"end", w.period.end ? w.period.end->to_string() : ""}});
      tj["dated_weights"] = std::move(weights);
    }
    tj["status"] = to_string(t.status);
    tj["attributes"] = attributes_json(t.attributes);
    tj["dated_attributes"] = dated_attributes_json(t.dated_attributes);
    tj["evidence"] = evidence_json(t.evidence);
    tj["dataset"] = r.dataset;
    arr.push_back(std::move(tj));
  }
  j["ties"] = std::move(arr);
  std::cout << j.dump(2) << "\n";
}

// The ties only, one row each, with the first evidence quote.
void write_shown_csv(const Shown& s) {
  Table t;
  t.columns = {"direction", "other",  "other_name", "family", "role",  "period",
               "status",    "weight", "amount",     "quote",  "source"};
  for (const auto& r : s.ties) {
    const Tie& x = r.tie;
    std::string amount =
        x.amount ? format_number(*x.amount) + (x.currency.empty() ? "" : " " + x.currency) : "";
    const Evidence* e = x.evidence.empty() ? nullptr : &x.evidence.front();
    t.add({r.direction(), r.other, r.other_name, std::string(to_string(x.family)), x.role,
           x.spells.to_string(),
           x.status == Status::kUnknown ? "" : std::string(to_string(x.status)),
           x.weight ? format_number(*x.weight) : "", amount, e ? e->quote : "",
           e ? e->source + (e->locator.empty() ? "" : ", " + e->locator) : ""});
  }
  print(std::cout, t, Format::kCsv);
}

// The record, its evidence, then its ties each with their evidence.
void write_shown_table(const Shown& s) {
  std::cout << s.key << " — " << s.name << "\n";
  if (s.type == NodeType::kInstrument) {
    std::cout << "  instrument, " << to_string(s.instrument.kind);
    if (!s.spells.empty()) std::cout << ", " << s.spells.to_string();
    std::cout << ", status: " << to_string(s.instrument.status) << "\n";
  } else {
    std::cout << "  actor, " << to_string(s.actor.kind);
    if (!s.actor.iso3.empty()) std::cout << ", ISO " << s.actor.iso3;
    if (!s.spells.empty()) std::cout << ", " << s.spells.to_string();
    std::cout << "\n";
    if (!s.actor.aliases.empty())
      std::cout << "  also known as: " << join(s.actor.aliases, ", ") << "\n";
    if (!s.actor.parent.empty())
      std::cout << "  part of: " << s.actor.parent << " " << s.parent_name << "\n";
  }
  std::cout << "  dataset: " << s.dataset << "\n";
  for (const auto& [k, v] : s.attributes) std::cout << "  " << k << ": " << v << "\n";
  for (const auto& a : s.dated_attributes)
    std::cout << "  " << a.name << ": " << a.value << " (" << a.period.to_string() << ")\n";
  if (!s.evidence.empty()) {
    std::cout << "\nevidence\n";
    print_evidence(s.evidence, "  ");
  }
  std::cout << "\nties (" << s.ties.size() << ")\n";
  for (const auto& r : s.ties) {
    const Tie& x = r.tie;
    std::cout << "  " << r.direction() << " " << r.other << " (" << r.other_name << ")  "
              << to_string(x.family);
    if (!x.role.empty()) std::cout << ", " << x.role;
    if (!x.spells.empty()) std::cout << ", " << x.spells.to_string();
    if (!x.dated_weights.empty()) std::cout << ", " << dated_weights_text(x.dated_weights);
    if (x.status != Status::kUnknown) std::cout << ", " << to_string(x.status);
    if (x.weight) std::cout << ", weight " << format_number(*x.weight);
    if (x.amount)
      std::cout << ", " << format_number(*x.amount) << (x.currency.empty() ? "" : " " + x.currency);
    std::cout << "\n";
    for (const auto& d : x.dated_attributes)
      std::cout << "      " << d.name << ": " << d.value << " (" << d.period.to_string() << ")\n";
    print_evidence(x.evidence, "      ");
  }
}

void run_show(const Common& c, const std::string& text) {
  auto store = c.open(true);
  const Shown shown = gather_shown(*store, resolve_record(*store, text));
  switch (c.format()) {
    case Format::kJson:
      write_shown_json(shown);
      break;
    case Format::kCsv:
      write_shown_csv(shown);
      break;
    case Format::kTable:
      write_shown_table(shown);
      break;
  }
}

}  // namespace

void add_query_commands(CLI::App& app, Registry& reg) {
  for (bool instruments : {false, true}) {
    auto args = std::make_shared<ListArgs>();
    auto* cmd = app.add_subcommand(instruments ? "instruments" : "actors",
                                   instruments ? "list instruments, or find them by name or key"
                                               : "list actors, or find them by name, key or alias");
    add_query_options(cmd, &args->common);
    cmd->add_option("--search", args->search,
                    "text to look for (case-, accent- and punctuation-insensitive)")
        ->type_name("TEXT");
    cmd->add_option("--kind", args->kinds, "only these kinds, comma-separated")
        ->delimiter(',')
        ->type_name("LIST");
    if (instruments)
      cmd->add_option("--status", args->statuses, "only these statuses, comma-separated")
          ->delimiter(',')
          ->type_name("LIST");
    reg.on(cmd, [args, instruments] { run_list(*args, instruments); });
  }
  {
    auto common = std::make_shared<Common>();
    auto key = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "show", "an actor or instrument: attributes, ties and the evidence for each");
    add_query_options(cmd, common.get());
    cmd->add_option("key", *key, "key, or a name or alias that matches one record")->required();
    reg.on(cmd, [common, key] { run_show(*common, *key); });
  }
}

}  // namespace govnet::cli
