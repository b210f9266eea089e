// `govnet stats`: the store's counts by kind, family and status, and each view's size,
// components and density (with --structure, its structural figures too).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "context.h"
#include "govnet/structure.h"
#include "groups.h"
#include "view_figures.h"
#include "view_options.h"

namespace govnet::cli {
namespace {

// ---- stats ----------------------------------------------------------------------------------

struct Figure {
  std::string group, item;
  double value;
};

// What --structure adds for a view: network_figures, and with --groups the E–I index and the
// modularity of the grouping. Undefined figures (NaN) are left out.
struct StructureFigures {
  bool on = false;
  std::string groups;
  const Store* store = nullptr;
};

// With --groups, the E–I index and the modularity of the grouping.
void add_group_figures(const Network& net, const AnalysisGraph& g, const std::string& group,
                       const StructureFigures& s, std::vector<Figure>* out) {
  if (s.groups.empty() || g.vertex_count() == 0) return;
  const Grouping grouping = group_vertices(s.groups, *s.store, net, g);
  auto add = [&](const char* item, double v) {
    if (!std::isnan(v)) out->push_back({group, item, v});
  };
  add("E-I index", ei_index(g, grouping.group_of).global);
  add("modularity of the groups", g.links().empty() ? NAN : modularity(g, grouping.group_of));
}

void add_view_figures(const Network& net, ViewKind kind, const ViewSpec& base,
                      const StructureFigures& structure, std::vector<Figure>* out) {
  ViewSpec spec = base;
  spec.kind = kind;
  std::string err;
  auto g = AnalysisGraph::build(net, spec, &err);
  if (!g) return;
  std::string group = std::string(to_string(kind)) + " view";
  for (auto& [item, value] : view_figures(*g, structure.on)) out->push_back({group, item, value});
  if (structure.on) add_group_figures(net, *g, group, structure, out);
}

void run_stats(const Common& c, const ViewOptions& vo, StructureFigures structure) {
  auto store = c.open(true);
  structure.store = store.get();
  if (!structure.groups.empty()) structure.on = true;
  ViewSpec spec = vo.spec(*store);
  Network net;
  check(store->load_network(&net));
  std::vector<DatasetInfo> datasets;
  check(store->datasets(&datasets));
  std::vector<Figure> f;
  f.push_back({"store", "datasets", double(datasets.size())});
  f.push_back({"store", "actors", double(net.actors.size())});
  f.push_back({"store", "instruments", double(net.instruments.size())});
  f.push_back({"store", "ties", double(net.ties.size())});
  uint64_t evidence = 0, ties_with_evidence = 0;
  for (auto& a : net.actors) evidence += a.evidence.size();
  for (auto& x : net.instruments) evidence += x.evidence.size();
  for (auto& t : net.ties) {
    evidence += t.evidence.size();
    ties_with_evidence += !t.evidence.empty();
  }
  f.push_back({"store", "evidence records", double(evidence)});
  f.push_back({"store", "ties with evidence", double(ties_with_evidence)});
  std::map<std::string, double> by;
  for (auto& a : net.actors) by[std::string(to_string(a.kind))]++;
  for (auto& [k, v] : by) f.push_back({"actors by kind", k, v});
  by.clear();
  for (auto& x : net.instruments) by[std::string(to_string(x.kind))]++;
  for (auto& [k, v] : by) f.push_back({"instruments by kind", k, v});
  by.clear();
  for (auto& x : net.instruments) by[std::string(to_string(x.status))]++;
  for (auto& [k, v] : by) f.push_back({"instruments by status", k, v});
  by.clear();
  for (auto& t : net.ties) by[std::string(to_string(t.family))]++;
  for (auto& [k, v] : by) f.push_back({"ties by family", k, v});
  by.clear();
  for (auto& t : net.ties) by[t.to_instrument ? "actor-instrument" : "actor-actor"]++;
  for (auto& [k, v] : by) f.push_back({"ties by endpoint", k, v});
  for (ViewKind k : {ViewKind::kDirect, ViewKind::kTwoMode, ViewKind::kProjection, ViewKind::kFull})
    add_view_figures(net, k, spec, structure, &f);

  Format fmt = c.format();
  if (fmt == Format::kJson) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& x : f) {
      if (x.value == static_cast<int64_t>(x.value))
        j[x.group][x.item] = static_cast<int64_t>(x.value);
      else
        j[x.group][x.item] = nlohmann::ordered_json::parse(format_number(x.value));
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  Table t;
  t.columns = {"group", "item", "value"};
  for (const auto& x : f) t.add({x.group, x.item, Cell::num(x.value)});
  if (fmt == Format::kCsv) {
    print(std::cout, t, fmt);
    return;
  }
  std::cout << "govnet store " << c.db << " — views use: " << ViewOptions::describe(spec) << "\n";
  std::string last;
  size_t width = 28;  // the values' column: past the longest item
  for (const auto& x : f) width = std::max(width, x.item.size() + 4);
  for (const auto& x : f) {
    if (x.group != last) {
      std::cout << "\n" << x.group << "\n";
      last = x.group;
    }
    std::string item = "  " + x.item;
    std::cout << item << std::string(width - item.size(), ' ') << format_number(x.value) << "\n";
  }
}

}  // namespace

void add_stats_command(CLI::App& app, Registry& reg) {
  auto common = std::make_shared<Common>();
  auto vo = std::make_shared<ViewOptions>();
  auto* cmd = app.add_subcommand(
      "stats", "counts by kind, family and status; size, components and density of each view");
  add_query_options(cmd, common.get());
  vo->add(cmd, "full", false);
  auto structure = std::make_shared<StructureFigures>();
  cmd->add_flag("--structure", structure->on,
                "also each view's transitivity, average clustering, degree assortativity and "
                "Freeman centralization (docs/analysis.md)");
  cmd->add_option("--groups", structure->groups,
                  std::string("with the structure figures, the E-I index and modularity of a "
                              "grouping: ") +
                      kGroupsHelp)
      ->type_name("GROUPS");
  reg.on(cmd, [common, vo, structure] { run_stats(*common, *vo, *structure); });
}

}  // namespace govnet::cli
