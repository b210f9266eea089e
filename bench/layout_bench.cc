// Layout iterations per second at 1k, 10k and 100k vertices, on generated graphs with
// heavy-tailed degrees (preferential attachment, 3 ties per vertex). Run by bench/layout.sh.
#include <benchmark/benchmark.h>

#include "bench_graphs.h"
#include "govnet/layout.h"

namespace {

using govnet_bench::graph;

void run_layout(benchmark::State& state, govnet::LayoutKind kind) {
  const auto& g = graph(static_cast<int>(state.range(0)));
  govnet::LayoutOptions o;
  o.kind = kind;
  o.max_iterations = 1 << 30;  // measure steady iterations, not convergence
  o.calm_iterations = 1 << 30;
  govnet::Layout layout(g, o);
  for (int i = 0; i < 5; ++i) layout.step();  // past the first, atypical iterations
  for (auto _ : state) layout.step();
  state.counters["iterations_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["vertices"] = g.vertex_count();
}

void BM_ForceAtlas2(benchmark::State& state) {
  run_layout(state, govnet::LayoutKind::kForceAtlas2);
}
void BM_FruchtermanReingold(benchmark::State& state) {
  run_layout(state, govnet::LayoutKind::kFruchtermanReingold);
}

BENCHMARK(BM_ForceAtlas2)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FruchtermanReingold)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
