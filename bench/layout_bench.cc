// Layout iterations per second at 1k, 10k and 100k vertices, on generated graphs with
// heavy-tailed degrees (preferential attachment, 3 ties per vertex). Run by bench/layout.sh.
#include <benchmark/benchmark.h>

#include <map>
#include <random>

#include "govnet/analysis_graph.h"
#include "govnet/layout.h"

namespace {

govnet::Network preferential_graph(int n, uint64_t seed) {
  govnet::Network net;
  for (int i = 0; i < n; ++i) {
    govnet::Actor a;
    a.key = "A" + std::to_string(i);
    a.name = a.key;
    net.actors.push_back(a);
  }
  std::mt19937_64 rng(seed);
  std::vector<int> pool(n);
  for (int i = 0; i < n; ++i) pool[i] = i;
  for (int t = 0; t < 3 * n; ++t) {
    int u = pool[rng() % pool.size()], v = pool[rng() % pool.size()];
    if (u == v) continue;
    govnet::Tie tie;
    tie.from = "A" + std::to_string(u);
    tie.to = "A" + std::to_string(v);
    tie.family = govnet::Family::kCooperation;
    net.ties.push_back(tie);
    pool.push_back(u);
    pool.push_back(v);
  }
  return net;
}

const govnet::AnalysisGraph& graph(int n) {
  static std::map<int, govnet::AnalysisGraph> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    std::string error;
    govnet::ViewSpec spec;
    spec.keep_isolated = true;
    it = cache.emplace(n, std::move(*govnet::AnalysisGraph::build(preferential_graph(n, 42), spec, &error))).first;
  }
  return it->second;
}

void run_layout(benchmark::State& state, govnet::LayoutKind kind) {
  const auto& g = graph(static_cast<int>(state.range(0)));
  govnet::LayoutOptions o;
  o.kind = kind;
  o.max_iterations = 1 << 30;  // measure steady iterations, not convergence
  o.calm_iterations = 1 << 30;
  govnet::Layout layout(g, o);
  for (int i = 0; i < 5; ++i) layout.step();  // past the first, atypical iterations
  for (auto _ : state) layout.step();
  state.counters["iterations_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["vertices"] = g.vertex_count();
}

void BM_ForceAtlas2(benchmark::State& state) { run_layout(state, govnet::LayoutKind::kForceAtlas2); }
void BM_FruchtermanReingold(benchmark::State& state) { run_layout(state, govnet::LayoutKind::kFruchtermanReingold); }

BENCHMARK(BM_ForceAtlas2)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FruchtermanReingold)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
