// govnet's side of bench/compare: opens a store, builds the default (full, undirected) view and
// times each task in-process with the same library calls the CLI makes. One JSON object per task
// on stdout; with --top DIR, the 20 highest values of each centrality as "key value" lines in
// DIR/TASK.txt (the peers write the same, for compare's agreement check).
//
//   govnet_tasks --db DIR --tasks build,degree,pagerank [--threads N] [--layout-iterations K]
//                [--epsilon E --delta D] [--top DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/centrality.h"
#include "govnet/community.h"
#include "govnet/layout.h"
#include "govnet/parallel.h"
#include "govnet/store.h"
#include "govnet/structure.h"
#include "govnet/timeline.h"
#include "govnet/traversal.h"

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

void emit(const std::string& task, double seconds, const std::string& extra = "") {
  std::printf("{\"task\": \"%s\", \"seconds\": %.6f%s}\n", task.c_str(), seconds, extra.c_str());
  std::fflush(stdout);
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "govnet_tasks: %s\n", message.c_str());
  std::exit(1);
}

std::string key_of(const govnet::Network& net, const govnet::AnalysisGraph& g, uint32_t v) {
  const govnet::VertexRef& r = g.vertex(v);
  return r.is_instrument() ? net.instruments[r.index].key : net.actors[r.index].key;
}

void write_top(const std::string& dir, const std::string& task, const govnet::Network& net,
               const govnet::AnalysisGraph& g, const std::vector<double>& values) {
  if (dir.empty()) return;
  std::vector<uint32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0u);
  const size_t k = std::min<size_t>(20, order.size());
  std::partial_sort(order.begin(), order.begin() + k, order.end(),
                    [&](uint32_t a, uint32_t b) { return values[a] > values[b]; });
  std::ofstream f(dir + "/" + task + ".txt");
  f.precision(17);
  for (size_t i = 0; i < k; ++i) f << key_of(net, g, order[i]) << ' ' << values[order[i]] << '\n';
}

// Per-vertex structural measures (structure.h) by task name, as compare names them.
std::optional<govnet::StructureMeasure> structure_task(const std::string& task) {
  if (task == "coreness") return govnet::StructureMeasure::kCoreness;
  if (task == "clustering") return govnet::StructureMeasure::kClustering;
  if (task == "constraint") return govnet::StructureMeasure::kConstraint;
  return std::nullopt;
}

// Network-level figures and communities: the value as JSON fields after the time.
bool network_task(const std::string& task, const govnet::AnalysisGraph& g) {
  auto t0 = Clock::now();
  char extra[128];
  if (task == "transitivity" || task == "assortativity") {
    const double value =
        task == "transitivity" ? govnet::transitivity(g) : govnet::degree_assortativity(g);
    const double seconds = since(t0);
    std::snprintf(extra, sizeof extra, ", \"value\": %.17g", value);
    emit(task, seconds, extra);
    return true;
  }
  if (task == "louvain" || task == "leiden") {
    govnet::CommunityOptions o;
    o.method =
        task == "louvain" ? govnet::CommunityMethod::kLouvain : govnet::CommunityMethod::kLeiden;
    const govnet::Communities c = govnet::detect_communities(g, o);
    const double seconds = since(t0);
    std::snprintf(extra, sizeof extra, ", \"modularity\": %.6f, \"communities\": %u", c.modularity,
                  c.count());
    emit(task, seconds, extra);
    return true;
  }
  return false;
}

// 30 yearly steps of exact betweenness, 1991 to 2020, each the view a single --at query builds
// (govnet timeline --measure betweenness --from 1991 --to 2020); the ties are loaded first.
void timeline_task(const govnet::Store& store) {
  govnet::Network net;
  if (auto r = store.load_network(&net); !r.ok()) fail(r.message());
  govnet::TimelineOptions o;
  o.from = govnet::Date{1991, 0, 0, govnet::Date::Precision::kYear};
  o.to = govnet::Date{2020, 0, 0, govnet::Date::Precision::kYear};
  auto t0 = Clock::now();
  const auto steps = govnet::timeline(
      net, govnet::ViewSpec{}, o, [](const govnet::AnalysisGraph& g, std::string* error) {
        govnet::CentralityOptions c;
        c.measure = govnet::Measure::kBetweenness;
        govnet::CentralityResult r = govnet::compute_centrality(g, c);
        *error = r.error;
        return r.values;
      });
  const double seconds = since(t0);
  emit("timeline", seconds,
       ", \"steps\": " + std::to_string(steps.size()) + ", \"last_vertices\": " +
           std::to_string(steps.empty() ? 0 : steps.back().vertices.size()));
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, tasks, top;
  govnet::CentralityOptions base;
  int layout_iterations = 50;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--db")
      db = value();
    else if (a == "--tasks")
      tasks = value();
    else if (a == "--top")
      top = value();
    else if (a == "--threads")  // as govnet's --threads: every parallel part, the build too
      govnet::set_thread_count(static_cast<unsigned>(std::stoul(value())));
    else if (a == "--layout-iterations")
      layout_iterations = std::stoi(value());
    else if (a == "--epsilon")
      base.epsilon = std::stod(value());
    else if (a == "--delta")
      base.delta = std::stod(value());
    else if (a == "--help" || a == "-h") {
      std::puts(
          "usage: govnet_tasks --db DIR --tasks build,degree,betweenness,betweenness-approx,"
          "closeness,harmonic,eigenvector,pagerank,components,layout,coreness,clustering,"
          "constraint,transitivity,assortativity,louvain,leiden,timeline [--threads N] "
          "[--layout-iterations K] [--epsilon E] [--delta D] [--top DIR]");
      return 0;
    } else {
      fail("unknown option " + a + " (see --help)");
    }
  }
  if (db.empty()) fail("--db DIR is required");

  // build: open the store, load its records, build the view. Always first.
  auto t0 = Clock::now();
  std::unique_ptr<govnet::Store> store;
  if (auto r = govnet::Store::open(db, govnet::Store::Access::kReadOnly, &store); !r.ok())
    fail(r.message());
  // As `govnet centrality` does: actors and instruments in memory, the ties streamed into the
  // view (cli/view_options.cc).
  govnet::Network net;
  if (auto r = store->load_view_nodes(&net); !r.ok()) fail(r.message());
  const double loaded = since(t0);
  std::string error;
  govnet::Result streamed = govnet::Result::Ok();
  auto graph =
      govnet::AnalysisGraph::build(net, store->tie_source(&streamed), govnet::ViewSpec{}, &error);
  if (!streamed.ok()) fail(streamed.message());
  if (!graph) fail(error);
  emit("build", since(t0),
       ", \"vertices\": " + std::to_string(graph->vertex_count()) +
           ", \"edges\": " + std::to_string(graph->links().size()) +
           ", \"nodes_seconds\": " + std::to_string(loaded));
  const govnet::AnalysisGraph& g = *graph;

  for (const std::string& task : split(tasks)) {
    if (task == "build" || task == "import") continue;  // import: timed as the CLI process
    if (task == "components") {
      t0 = Clock::now();
      uint32_t count = 0;
      govnet::connected_components(g, &count);
      emit(task, since(t0), ", \"components\": " + std::to_string(count));
      continue;
    }
    if (task == "layout") {
      govnet::LayoutOptions lo;
      lo.max_iterations = layout_iterations;
      lo.threads = base.threads;
      lo.convergence = 0;  // run every iteration asked for
      t0 = Clock::now();
      govnet::Layout layout(g, lo);
      int ran = layout.run(layout_iterations);
      emit(task, since(t0), ", \"iterations\": " + std::to_string(ran));
      continue;
    }
    if (network_task(task, g)) continue;
    if (task == "timeline") {
      timeline_task(*store);
      continue;
    }
    if (auto sm = structure_task(task)) {
      t0 = Clock::now();
      const std::vector<double> values = govnet::structure_measure(g, *sm);
      emit(task, since(t0));
      write_top(top, task, net, g, values);
      continue;
    }
    govnet::CentralityOptions o = base;
    const bool approx = task == "betweenness-approx";
    auto m = govnet::parse_measure(approx ? "betweenness" : task);
    if (!m) fail("unknown task " + task);
    o.measure = *m;
    if (!approx)
      o.epsilon = 0;
    else if (o.epsilon <= 0)
      o.epsilon = 0.01;
    t0 = Clock::now();
    govnet::CentralityResult r = govnet::compute_centrality(g, o);
    double seconds = since(t0);
    if (!r.ok()) fail(task + ": " + r.error);
    emit(task, seconds,
         r.samples      ? ", \"samples\": " + std::to_string(r.samples)
         : r.iterations ? ", \"iterations\": " + std::to_string(r.iterations)
                        : "");
    write_top(top, task, net, g, r.values);
  }
  return 0;
}
