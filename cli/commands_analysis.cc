// The analysis commands beyond centrality: communities, Gould–Fernandez brokerage, and
// timelines of a measure.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include "commands.h"
#include "context.h"
#include "govnet/brokerage.h"
#include "govnet/community.h"
#include "govnet/structure.h"
#include "govnet/timeline.h"
#include "analysis_tables.h"
#include "groups.h"
#include "view_options.h"

namespace govnet::cli {
namespace {

// A number cell, or an empty one where the value is not defined (NaN).
Cell number_or_empty(double v) { return std::isnan(v) ? Cell("") : Cell::num(v); }

// --- communities -------------------------------------------------------------------------------

struct CommunityArgs {
  Common common;
  ViewOptions view;
  std::string method = "louvain";
  double resolution = 1.0;
  uint64_t seed = 1;
  std::string save;
  bool saved = false;
};

// Saves the communities of the view's vertices as partition `name`, by record key.
void save_partition(Store& store, const std::string& name, const LoadedView& lv,
                    const Communities& c, const CommunityOptions& o, const ViewSpec& spec) {
  Store::Partition p;
  p.name = name;
  p.method = std::string(to_string(o.method));
  p.resolution = o.resolution;
  p.seed = o.seed;
  p.view = ViewOptions::describe(spec);
  p.modularity = c.modularity;
  const AnalysisGraph& g = *lv.graph;
  p.members.reserve(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    const VertexRef& r = g.vertex(v);
    p.members.push_back(
        {{r.type, r.is_instrument() ? lv.net.instruments[r.index].key : lv.net.actors[r.index].key},
         c.membership[v]});
  }
  check(store.save_partition(p));
}

// The saved partitions, one row each.
void list_partitions(const Store& store, Format f) {
  std::vector<std::string> names;
  check(store.partition_names(&names));
  Table t;
  t.columns = {"name",    "method",      "resolution", "seed", "view",
               "records", "communities", "modularity", "saved"};
  for (const auto& name : names) {
    Store::Partition p;
    check(store.load_partition(name, &p));
    uint32_t count = 0;
    for (const auto& m : p.members) count = std::max(count, m.second + 1);
    t.add({p.name, p.method, Cell::num(p.resolution), Cell::count(p.seed), p.view,
           Cell::count(p.members.size()), Cell::count(count), Cell::num(p.modularity),
           utc_time(p.saved_at_unix)});
  }
  if (f == Format::kTable && names.empty()) {
    std::cout << "no saved partitions (save one with `govnet communities --save NAME`)\n";
    return;
  }
  print(std::cout, t, f);
}

void run_communities(const CommunityArgs& a) {
  CommunityOptions o;
  auto method = parse_community_method(a.method);
  if (!method) usage_error("unknown --method '" + a.method + "'; expected louvain or leiden");
  if (!(a.resolution > 0)) usage_error("--resolution must be above 0 (1 is modularity's own)");
  o.method = *method;
  o.resolution = a.resolution;
  o.seed = a.seed;
  auto store = a.common.open(a.save.empty());
  if (a.saved) return list_partitions(*store, a.common.format());
  const ViewSpec spec = a.view.spec(*store);
  const LoadedView lv = load_view(*store, spec, /*keep_ties=*/false);
  const AnalysisGraph& g = *lv.graph;
  const Communities c = detect_communities(g, o);
  if (!a.save.empty()) save_partition(*store, a.save, lv, c, o, spec);

  std::vector<uint32_t> order(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) order[v] = v;
  std::vector<VertexLabel> labels(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) labels[v] = label(lv.net, g, v);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (c.membership[x] != c.membership[y]) return c.membership[x] < c.membership[y];
    return labels[x].key < labels[y].key;
  });
  Table t;
  t.columns = {"community", "size", "key", "name", "type", "kind"};
  for (uint32_t v : order)
    t.add({Cell::count(c.membership[v]), Cell::count(c.sizes[c.membership[v]]), labels[v].key,
           labels[v].name, labels[v].type, labels[v].kind});
  const Format f = a.common.format();
  if (f == Format::kTable) {
    std::cout << to_string(o.method) << " communities on the " << ViewOptions::describe(spec)
              << " (links read as undirected), resolution " << format_number(o.resolution)
              << ", seed " << o.seed << ": " << c.count() << " communities, modularity "
              << format_number(c.modularity) << "\n";
    if (!a.save.empty())
      std::cout << "saved as partition '" << a.save
                << "': use it with --groups community:" << a.save
                << " or `govnet view --color community:" << a.save << "`\n";
  } else {
    std::cerr << "note: " << c.count() << " communities, modularity " << format_number(c.modularity)
              << "\n";
  }
  print(std::cout, t, f);
}

void add_communities(CLI::App& app, Registry& reg) {
  auto a = std::make_shared<CommunityArgs>();
  auto* cmd =
      app.add_subcommand("communities", "find communities by modularity (Louvain or Leiden)");
  cmd->footer(
      "Louvain (Blondel et al. 2008) or Leiden (Traag et al. 2019), through igraph. Links are "
      "read as undirected and weighted by --weight; the same store, view and seed give the same "
      "communities, numbered by their first member.");
  add_query_options(cmd, &a->common);
  a->view.add(cmd, "direct", true);
  cmd->add_option("--method", a->method, "louvain (default) or leiden")->type_name("METHOD");
  cmd->add_option("--resolution", a->resolution,
                  "modularity's resolution: above 1 more, smaller communities (default 1)")
      ->type_name("R");
  cmd->add_option("--seed", a->seed, "the seed of the methods' random visiting order (default 1)")
      ->type_name("N");
  cmd->add_option("--save", a->save,
                  "save the memberships as partition NAME (by record key; replaces one of that "
                  "name), for --groups community:NAME and the viewer's colouring")
      ->type_name("NAME");
  cmd->add_flag("--saved", a->saved, "list the saved partitions instead");
  reg.on(cmd, [a] { run_communities(*a); });
}

// --- brokerage ---------------------------------------------------------------------------------

struct BrokerageArgs {
  Common common;
  ViewOptions view;
  std::string groups = "kind";
  int top = -1;
  bool network = false;
};

void run_brokerage(const BrokerageArgs& a) {
  auto store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  const bool through_instruments = spec.kind == ViewKind::kTwoMode;
  if (through_instruments) spec.kind = ViewKind::kProjection;
  if (spec.kind == ViewKind::kFull)
    usage_error(
        "brokerage needs actors tied to actors: use --view direct, or two-mode / "
        "projection for brokerage through shared instruments");
  const LoadedView lv = load_view(*store, spec, /*keep_ties=*/true);
  const Grouping groups = group_vertices(a.groups, *store, lv.net, *lv.graph);
  const Brokerage b = gould_fernandez(*lv.graph, groups.group_of);
  const Format f = a.common.format();
  if (f == Format::kTable) {
    std::cout << "Gould–Fernandez brokerage on the " << ViewOptions::describe(spec)
              << (through_instruments ? " (actors tied through shared instruments)" : "")
              << "; groups: " << groups.description << " (" << groups.names.size() << "); density "
              << format_number(b.density) << "\n";
  }
  if (a.network) {
    print(std::cout, broker_totals_table(b), f);
    return;
  }
  print(std::cout, broker_table(lv, groups, b, f, a.top), f);
  if (f == Format::kTable) {
    std::cout << "\nnetwork totals (expected and z under arcs drawn at the view's density):\n";
    print(std::cout, broker_totals_table(b), f);
  }
}

void add_brokerage(CLI::App& app, Registry& reg) {
  auto a = std::make_shared<BrokerageArgs>();
  auto* cmd = app.add_subcommand(
      "brokerage", "Gould–Fernandez brokerage: who bridges actors who are not tied, across groups");
  cmd->footer(
      "For each actor b, the two-step paths a -> b -> c where a and c are not tied, by role across "
      "the groups of a, b and c: coordinator (all one group), itinerant (a and c in one, b "
      "outside), representative (a and b in one), gatekeeper (b and c in one), liaison (three "
      "groups). Expected values and z-scores follow R's sna::brokerage (arcs drawn at the view's "
      "density, group sizes fixed). An undirected tie counts both ways. On --view two-mode, "
      "actors are tied when they share an instrument (the projection). docs/analysis.md gives "
      "the definitions.");
  add_query_options(cmd, &a->common);
  a->view.add(cmd, "direct", true);
  cmd->add_option("--groups", a->groups, kGroupsHelp)->type_name("GROUPS");
  cmd->add_option("--top", a->top, "rows to show (default 20 in tables, all otherwise; 0: all)")
      ->type_name("N");
  cmd->add_flag("--network", a->network,
                "the network's totals per role instead of a row per actor");
  reg.on(cmd, [a] { run_brokerage(*a); });
}

}  // namespace

namespace {
const char* const kRoleColumns[] = {"coordinator", "itinerant", "representative", "gatekeeper",
                                    "liaison"};

}  // namespace

Table broker_table(const LoadedView& lv, const Grouping& groups, const Brokerage& b, Format f,
                   int top) {
  const AnalysisGraph& g = *lv.graph;
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < g.vertex_count(); ++v) order.push_back(v);
  std::vector<VertexLabel> labels(g.vertex_count());
  for (uint32_t v : order) labels[v] = label(lv.net, g, v);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (b.counts[x][kBrokerRoleCount] != b.counts[y][kBrokerRoleCount])
      return b.counts[x][kBrokerRoleCount] > b.counts[y][kBrokerRoleCount];
    return labels[x].key < labels[y].key;
  });
  const int keep = top >= 0 ? top : (f == Format::kTable ? 20 : 0);
  if (keep > 0 && order.size() > static_cast<size_t>(keep)) order.resize(keep);
  const bool wide = f != Format::kTable;
  Table t;
  t.columns = {"rank", "key", "name", "group"};
  for (const char* role : kRoleColumns) t.columns.push_back(role);
  t.columns.insert(t.columns.end(), {"value", "expected", "z"});
  if (wide)
    for (const char* role : kRoleColumns) t.columns.push_back(std::string("z_") + role);
  for (size_t i = 0; i < order.size(); ++i) {
    const uint32_t v = order[i];
    std::vector<Cell> row = {Cell::count(i + 1), labels[v].key, labels[v].name,
                             groups.names[groups.group_of[v]]};
    for (int r = 0; r < kBrokerRoleCount; ++r) row.push_back(Cell::num(b.counts[v][r]));
    row.push_back(Cell::num(b.counts[v][kBrokerRoleCount]));
    row.push_back(Cell::num(b.expected[v][kBrokerRoleCount]));
    row.push_back(number_or_empty(b.z[v][kBrokerRoleCount]));
    if (wide)
      for (int r = 0; r < kBrokerRoleCount; ++r) row.push_back(number_or_empty(b.z[v][r]));
    t.add(std::move(row));
  }
  return t;
}

Table broker_totals_table(const Brokerage& b) {
  Table t;
  t.columns = {"role", "count", "expected", "sd", "z"};
  for (int r = 0; r <= kBrokerRoleCount; ++r)
    t.add({r < kBrokerRoleCount ? kRoleColumns[r] : "total", Cell::num(b.total[r]),
           Cell::num(b.total_expected[r]), Cell::num(b.total_sd[r]),
           number_or_empty(b.total_z[r])});
  return t;
}

void add_timeline_command(CLI::App& app, Registry& reg);

void add_analysis_commands(CLI::App& app, Registry& reg) {
  add_communities(app, reg);
  add_brokerage(app, reg);
  add_timeline_command(app, reg);
}

}  // namespace govnet::cli
