// The hot loops of the centrality measures on generated heavy-tailed graphs (bench_graphs.h):
// exact and approximate betweenness, closeness (64-source searches), PageRank. Per-call times;
// compare within one run. bench/compare measures the same against the peer tools.
#include <benchmark/benchmark.h>

#include "bench_graphs.h"
#include "govnet/centrality.h"

namespace {

void run_measure(benchmark::State& state, govnet::Measure m, double epsilon) {
  const auto& g = govnet_bench::graph(static_cast<int>(state.range(0)));
  govnet::CentralityOptions o;
  o.measure = m;
  o.epsilon = epsilon;
  uint64_t samples = 0;
  for (auto _ : state) {
    auto r = govnet::compute_centrality(g, o);
    benchmark::DoNotOptimize(r.values.data());
    samples = r.samples;
  }
  state.counters["vertices"] = g.vertex_count();
  state.counters["arcs_per_s"] = benchmark::Counter(
      double(g.arc_count()) * double(state.iterations()), benchmark::Counter::kIsRate);
  if (epsilon > 0) state.counters["samples"] = double(samples);
}

void BM_Betweenness(benchmark::State& s) { run_measure(s, govnet::Measure::kBetweenness, 0); }
void BM_BetweennessApprox(benchmark::State& s) {
  run_measure(s, govnet::Measure::kBetweenness, 0.005);
}
void BM_Closeness(benchmark::State& s) { run_measure(s, govnet::Measure::kCloseness, 0); }
void BM_PageRank(benchmark::State& s) { run_measure(s, govnet::Measure::kPageRank, 0); }

BENCHMARK(BM_Betweenness)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BetweennessApprox)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Closeness)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PageRank)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
