#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "commands.h"
#include "context.h"
#include "govnet/centrality.h"
#include "govnet/structure.h"
#include "govnet/two_mode.h"
#include "govnet/traversal.h"
#include "view_options.h"

namespace govnet::cli {
namespace {

uint32_t vertex_for(const Store& store, const LoadedView& lv, const std::string& text,
                    const ViewSpec& spec) {
  const NodeRef named = resolve_record(store, text);
  const size_t count = named.is_instrument() ? lv.net.instruments.size() : lv.net.actors.size();
  for (uint32_t i = 0; i < count; ++i) {
    bool match = named.is_instrument() ? lv.net.instruments[i].key == named.key
                                       : lv.net.actors[i].key == named.key;
    if (!match) continue;
    if (auto v = lv.graph->vertex_of(named.type, i)) return *v;
    break;
  }
  data_error(named.key + " is not in the " + ViewOptions::describe(spec) +
             " (it has no ties there); try another --view, or fewer filters");
}

// A short description of a link: the ties (or shared instruments) behind it.
std::string describe_link(const LoadedView& lv, uint32_t link_id, uint32_t from_vertex) {
  const Link& l = lv.graph->links()[link_id];
  std::string out;
  if (!l.instruments.empty()) {
    out = "share ";
    for (size_t i = 0; i < l.instruments.size(); ++i)
      out += (i ? ", " : "") + lv.net.instruments[l.instruments[i]].key;
    return out;
  }
  for (size_t i = 0; i < l.ties.size(); ++i) {
    const Tie& t = lv.net.ties[l.ties[i]];
    if (i) out += "; ";
    out += std::string(to_string(t.family));
    if (!t.role.empty()) out += " (" + t.role + ")";
    if (!t.spells.empty()) out += " " + t.spells.to_string();
    (void)from_vertex;
  }
  return out;
}

std::string first_quote(const LoadedView& lv, uint32_t link_id) {
  const Link& l = lv.graph->links()[link_id];
  for (uint32_t t : l.ties)
    for (const auto& e : lv.net.ties[t].evidence)
      if (!e.quote.empty())
        return e.quote + (e.source.empty()
                              ? ""
                              : " — " + e.source + (e.locator.empty() ? "" : ", " + e.locator));
  return "";
}

struct NeighborArgs {
  Common common;
  ViewOptions view;
  std::string key;
  uint32_t depth = 1;
};

void run_neighbors(const NeighborArgs& a) {
  if (a.depth < 1 || a.depth > 10) usage_error("--depth must be between 1 and 10");
  auto store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  LoadedView lv = load_view(*store, spec);
  uint32_t center = vertex_for(*store, lv, a.key, spec);
  auto reached = ego_network(*lv.graph, center, a.depth);
  Table t;
  t.columns = {"distance", "key", "name", "type", "kind", "via", "through"};
  for (const auto& r : reached) {
    if (r.distance == 0) continue;
    VertexLabel lab = label(lv.net, *lv.graph, r.vertex);
    VertexLabel parent = label(lv.net, *lv.graph, r.parent);
    t.add({Cell::count(r.distance), lab.key, lab.name, lab.type, lab.kind, parent.key,
           describe_link(lv, r.via_link, r.parent)});
  }
  Format f = a.common.format();
  if (f == Format::kTable) {
    VertexLabel c = label(lv.net, *lv.graph, center);
    std::cout << "neighbors of " << c.key << " (" << c.name << ") within " << a.depth
              << " step(s), " << ViewOptions::describe(spec) << ": " << t.rows.size() << "\n";
  }
  print(std::cout, t, f);
}

struct PathArgs {
  Common common;
  ViewOptions view;
  std::string from, to;
};

void run_path(const PathArgs& a) {
  auto store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  LoadedView lv = load_view(*store, spec);
  uint32_t s = vertex_for(*store, lv, a.from, spec);
  uint32_t t = vertex_for(*store, lv, a.to, spec);
  auto path = shortest_path(*lv.graph, s, t);
  if (!path) {
    data_error("no path from " + label(lv.net, *lv.graph, s).key + " to " +
               label(lv.net, *lv.graph, t).key + " in the " + ViewOptions::describe(spec) +
               (spec.directed ? "; try --mode undirected" : "; they are in different components"));
  }
  Table table;
  table.columns = {"step", "key", "name", "type", "tie", "evidence"};
  for (size_t i = 0; i < path->size(); ++i) {
    const PathStep& st = (*path)[i];
    VertexLabel lab = label(lv.net, *lv.graph, st.vertex);
    std::string tie = i == 0 ? "" : describe_link(lv, st.link, (*path)[i - 1].vertex);
    std::string quote = i == 0 ? "" : first_quote(lv, st.link);
    table.add({Cell::count(i), lab.key, lab.name, lab.type, tie, quote});
  }
  Format f = a.common.format();
  if (f == Format::kTable)
    std::cout << "shortest path, " << path->size() - 1 << " step(s), "
              << ViewOptions::describe(spec) << "\n";
  print(std::cout, table, f);
}

struct CentralityArgs {
  Common common;
  ViewOptions view;
  std::string measure = "degree";
  bool raw = false;
  int top = -1;
  std::string only = "all";
  double epsilon = 0, delta = 0.1;
};

// The options for measure m from the flags; shows progress on a terminal for large views.
CentralityOptions centrality_options(const CentralityArgs& a, Measure m, const AnalysisGraph& g) {
  CentralityOptions o;
  o.measure = m;
  o.normalized = !a.raw;
  if (a.epsilon != 0 || a.delta != 0.1) {
    if (m != Measure::kBetweenness)
      usage_error("--epsilon and --delta apply to --measure betweenness only");
    if (!(a.epsilon > 0 && a.epsilon < 1))
      usage_error("--epsilon must be between 0 and 1 (e.g. 0.005)");
    if (!(a.delta > 0 && a.delta < 1)) usage_error("--delta must be between 0 and 1 (e.g. 0.1)");
  }
  o.epsilon = a.epsilon;
  o.delta = a.delta;
  if (interactive() && g.vertex_count() > 20000)
    o.progress = [m](double done) {
      std::cerr << "\r" << to_string(m) << ": " << static_cast<int>(done * 100) << "%"
                << std::flush;
      return true;
    };
  return o;
}

// With --epsilon: how the values were computed (sampled, with their error bound, or exactly).
std::string estimate_note(const CentralityArgs& a, const AnalysisGraph& g,
                          const CentralityResult& r) {
  if (!(a.epsilon > 0)) return "";
  char bound[64], confidence[32], epsilon[32];
  std::snprintf(
      bound, sizeof bound, "%.3g",
      a.epsilon * (g.vertex_count() > 2 ? double(g.vertex_count()) / (g.vertex_count() - 2) : 1.0));
  std::snprintf(confidence, sizeof confidence, "%g", 1 - a.delta);
  std::snprintf(epsilon, sizeof epsilon, "%g", a.epsilon);
  std::string estimate = r.samples ? "estimated from " + std::to_string(r.samples) +
                                         " sampled shortest paths: each value within " + bound +
                                         " of the exact one with probability " + confidence
                                   : std::string("computed exactly: sampling to --epsilon ") +
                                         epsilon + " would cost more than the exact values";
  if (!a.raw) estimate += " (normalized values)";
  return estimate;
}

// The vertices --only keeps, by value (highest first), then by key.
std::vector<uint32_t> ranked_vertices(const CentralityArgs& a, const AnalysisGraph& g,
                                      const CentralityResult& r,
                                      const std::vector<VertexLabel>& labels) {
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    bool inst = g.vertex(v).is_instrument();
    if ((a.only == "actors" && inst) || (a.only == "instruments" && !inst)) continue;
    order.push_back(v);
  }
  // Undefined values (NaN: an isolated actor's constraint) rank last.
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const double vx = r.values[x], vy = r.values[y];
    if (std::isnan(vx) != std::isnan(vy)) return std::isnan(vy);
    if (!std::isnan(vx) && vx != vy) return vx > vy;
    return labels[x].key < labels[y].key;
  });
  return order;
}

// The values of --measure on the view: a centrality (normalized per mode, as Borgatti and
// Everett define it, for degree, closeness and betweenness on an undirected, unweighted two-mode
// view), or a structural measure. *title names what was computed.
CentralityResult measure_values(const CentralityArgs& a, const AnalysisGraph& g,
                                std::string* title) {
  if (auto s = parse_structure_measure(a.measure)) {
    if (a.raw || a.epsilon != 0 || a.delta != 0.1)
      usage_error("--raw, --epsilon and --delta apply to centralities, not to " + a.measure);
    *title = std::string(to_string(*s));
    CentralityResult r;
    r.values = structure_measure(g, *s);
    return r;
  }
  auto m = parse_measure(a.measure);
  if (!m)
    usage_error("unknown --measure '" + a.measure + "'; expected one of: " + measure_names() +
                ", " + kStructureMeasureNames);
  *title = std::string(to_string(*m)) + (a.raw ? " (raw)" : "");
  const bool per_mode = g.spec().kind == ViewKind::kTwoMode && !a.raw && !g.directed() &&
                        !g.weighted() &&
                        (*m == Measure::kDegree || *m == Measure::kCloseness ||
                         (*m == Measure::kBetweenness && a.epsilon == 0));
  if (per_mode) {
    *title += " normalized per mode (Borgatti and Everett 1997)";
    return two_mode_centrality(g, *m, true);
  }
  CentralityOptions o = centrality_options(a, *m, g);
  const bool show_progress = static_cast<bool>(o.progress);
  CentralityResult r = compute_centrality(g, o);
  if (show_progress) std::cerr << "\r" << std::string(30, ' ') << "\r";
  return r;
}

void run_centrality(const CentralityArgs& a) {
  if (a.only != "all" && a.only != "actors" && a.only != "instruments")
    usage_error("unknown --only '" + a.only + "'; expected all, actors or instruments");
  Format f = a.common.format();
  auto store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  LoadedView lv = load_view(*store, spec, /*keep_ties=*/false);
  const AnalysisGraph& g = *lv.graph;

  std::string title;
  CentralityResult r = measure_values(a, g, &title);
  if (!r.ok()) data_error(r.error);
  const std::string estimate = estimate_note(a, g, r);
  if (!estimate.empty() && f != Format::kTable) std::cerr << "note: " << estimate << "\n";

  std::vector<VertexLabel> labels(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) labels[v] = label(lv.net, g, v);
  std::vector<uint32_t> order = ranked_vertices(a, g, r, labels);
  size_t total = order.size();
  int top = a.top >= 0 ? a.top : (f == Format::kTable ? 20 : 0);
  if (top > 0 && order.size() > static_cast<size_t>(top)) order.resize(top);

  Table t;
  t.columns = {"rank", "key", "name", "type", "kind", "value"};
  for (size_t i = 0; i < order.size(); ++i) {
    const VertexLabel& lab = labels[order[i]];
    const double value = r.values[order[i]];
    t.add({Cell::count(i + 1), lab.key, lab.name, lab.type, lab.kind,
           std::isnan(value) ? Cell("") : Cell::num(value)});
  }
  const uint64_t unweighted = g.stats().ties_without_weight;
  const std::string unweighted_ties =
      count_of(unweighted, "tie", "ties") + " without " + with_article(to_string(spec.weight));
  if (f != Format::kTable && unweighted)
    std::cerr << "note: " << unweighted_ties << (unweighted == 1 ? " was" : " were")
              << " left out\n";
  if (f != Format::kTable && total == 0)
    std::cerr << "note: the view is empty: no ties match the filters\n";
  if (f == Format::kTable) {
    std::cout << title << " on the " << ViewOptions::describe(spec) << "; "
              << count_of(g.vertex_count(), "vertex", "vertices") << ", "
              << count_of(g.links().size(), "link", "links");
    if (unweighted) std::cout << "; " << unweighted_ties << " left out";
    std::cout << "\n";
    if (!estimate.empty()) std::cout << estimate << "\n";
    if (total == 0) {
      std::cout << "the view is empty: no ties match the filters\n";
      return;
    }
  }
  print(std::cout, t, f);
  if (f == Format::kTable && order.size() < total)
    std::cout << "(" << order.size() << " of " << total << "; --top 0 shows all)\n";
}

}  // namespace

void add_graph_commands(CLI::App& app, Registry& reg) {
  {
    auto args = std::make_shared<NeighborArgs>();
    auto* cmd =
        app.add_subcommand("neighbors", "actors and instruments within N steps of a record");
    add_query_options(cmd, &args->common);
    cmd->add_option("key", args->key, "key, or a name or alias that matches one record")
        ->required();
    cmd->add_option("--depth", args->depth, "steps from the record (default 1)")
        ->check(whole_number(1));
    args->view.add(cmd, "full", true);
    reg.on(cmd, [args] { run_neighbors(*args); });
  }
  {
    auto args = std::make_shared<PathArgs>();
    auto* cmd = app.add_subcommand(
        "path", "a shortest path between two records, with the ties along it and their evidence");
    add_query_options(cmd, &args->common);
    cmd->add_option("from", args->from, "where the path starts")->required();
    cmd->add_option("to", args->to, "where it ends")->required();
    args->view.add(cmd, "full", true);
    reg.on(cmd, [args] { run_path(*args); });
  }
  {
    auto args = std::make_shared<CentralityArgs>();
    auto* cmd =
        app.add_subcommand("centrality", "rank actors (and instruments) by a centrality measure");
    add_query_options(cmd, &args->common);
    cmd->add_option("--measure", args->measure,
                    "a centrality: " + measure_names() +
                        " (default degree); or a structural "
                        "measure: " +
                        kStructureMeasureNames)
        ->type_name("MEASURE");
    cmd->add_flag("--raw", args->raw, "unnormalized values (see below)");
    cmd->add_option("--top", args->top,
                    "show the N highest (default 20 in tables, all in csv/json; 0 = all)")
        ->type_name("N")
        ->check(whole_number(0));
    cmd->add_option("--only", args->only,
                    "rank all vertices (default), only actors or only instruments")
        ->type_name("WHAT");
    cmd->add_option("--epsilon", args->epsilon,
                    "betweenness: estimate from sampled shortest paths, each normalized value "
                    "within EPSILON of the exact one (e.g. 0.005; default: exact)");
    cmd->add_option("--delta", args->delta,
                    "with --epsilon: the bound may fail with probability DELTA (default 0.1)");
    args->view.add(cmd, "full", true);
    cmd->footer(
        "Conventions follow networkx's defaults:\n"
        "  degree       degree/(n-1); weighted: the sum of link weights (strength), not "
        "normalized\n"
        "  betweenness  Brandes; normalized by 2/((n-1)(n-2)) (undirected) or 1/((n-1)(n-2));\n"
        "               --raw counts each pair once (undirected) or each ordered pair (directed)\n"
        "  closeness    incoming distances, Wasserman-Faust scaling (r-1)/(n-1); --raw: 1/sum(d)\n"
        "  harmonic     sum of 1/d from every other vertex (raw, as networkx; --raw changes "
        "nothing)\n"
        "  eigenvector  of the in-link matrix, unit length (power iteration on A+I)\n"
        "  pagerank     alpha 0.85, uniform teleport, dangling mass spread evenly; sums to 1\n"
        "Approximate betweenness (--epsilon E [--delta D]) samples shortest paths between random\n"
        "pairs (Riondato-Kornaropoulos): with probability 1-D every value is within E of the "
        "exact\n"
        "normalized one (E*n/(n-2) strictly). On 100k ties, E=0.003 takes about a twentieth of "
        "the\n"
        "exact time (bench/README.md). When the bound needs more work than exact values, govnet\n"
        "computes them exactly and says so.\n"
        "Where govnet differs: on a weighted view, path-based measures (betweenness, closeness,\n"
        "harmonic) read a weight as a strength, so a link's length is 1/weight; parallel ties are\n"
        "merged into one link whose weight is their sum; self-loops are dropped. Ties without the\n"
        "chosen weight (e.g. no amount) are left out and counted in the caption. Ties are listed\n"
        "by value, then key, so the same store and flags give the same output.\n"
        "On --view two-mode (undirected, unweighted), degree, closeness and betweenness are\n"
        "normalized within each mode (Borgatti and Everett 1997, as networkx's bipartite module);\n"
        "--raw gives the plain raw values.\n"
        "Structural measures (networkx's definitions; empty where undefined, ranked last):\n"
        "  constraint, effective-size, efficiency, hierarchy   Burt's structural holes\n"
        "  coreness     k-core number     clustering   local clustering (weighted, directed)\n"
        "  eccentricity the longest shortest path to any vertex the vertex reaches\n"
        "docs/analysis.md gives every definition with its citation.");
    reg.on(cmd, [args] { run_centrality(*args); });
  }
}

}  // namespace govnet::cli
