// The hot loops between a store and an analysis graph: decoding ties from the view table against
// decoding the same ties' records (the peer in the same run: compare the two rates), and building
// the view from ties in memory (picking ties, merging parallel ones, the CSR). Generated graphs
// of bench_graphs.h: 3 ties per vertex.
#include <benchmark/benchmark.h>

#include <span>
#include <string>
#include <vector>

#include "bench_graphs.h"
#include "codec.h"
#include "format.h"

namespace {

const govnet::Network& network(int n) {
  static std::map<int, govnet::Network> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, govnet_bench::preferential_graph(n, 42)).first;
  return it->second;
}

// The ties of the graph as view table chunks, and as one record each.
struct Encoded {
  std::vector<std::string> chunks, records;
};
const Encoded& encoded(int n) {
  static std::map<int, Encoded> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  const auto& ties = network(n).ties;
  Encoded e;
  for (size_t first = 0; first < ties.size(); first += govnet::view_table::kChunk) {
    const size_t rows = std::min<size_t>(govnet::view_table::kChunk, ties.size() - first);
    e.chunks.push_back(
        govnet::view_table::encode_chunk(std::span<const govnet::Tie>(ties.data() + first, rows)));
  }
  for (const auto& t : ties) e.records.push_back(govnet::codec::encode(t));
  return cache.emplace(n, std::move(e)).first->second;
}

void BM_TiesFromViewTable(benchmark::State& state) {
  const Encoded& e = encoded(static_cast<int>(state.range(0)));
  std::vector<govnet::TieView> views;
  size_t ties = 0;
  for (auto _ : state) {
    ties = 0;
    for (const std::string& chunk : e.chunks) {
      views.clear();
      if (!govnet::view_table::decode_chunk(chunk, 1, 0, &views).ok())
        state.SkipWithError("a chunk did not decode");
      ties += views.size();
      benchmark::DoNotOptimize(views.data());
    }
  }
  state.counters["ties_per_s"] =
      benchmark::Counter(double(ties) * double(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_TiesFromRecords(benchmark::State& state) {
  const Encoded& e = encoded(static_cast<int>(state.range(0)));
  govnet::Tie t;
  for (auto _ : state) {
    for (const std::string& record : e.records) {
      if (!govnet::codec::decode_topology(record, &t).ok())
        state.SkipWithError("a record did not decode");
      benchmark::DoNotOptimize(t.from.data());
    }
  }
  state.counters["ties_per_s"] = benchmark::Counter(
      double(e.records.size()) * double(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_BuildView(benchmark::State& state) {
  const govnet::Network& net = network(static_cast<int>(state.range(0)));
  govnet::ViewSpec spec;
  spec.weight = govnet::WeightKind::kCount;
  for (auto _ : state) {
    std::string error;
    auto g = govnet::AnalysisGraph::build(net, spec, &error);
    if (!g) state.SkipWithError(error.c_str());
    benchmark::DoNotOptimize(g->links().data());
  }
  state.counters["ties_per_s"] = benchmark::Counter(
      double(net.ties.size()) * double(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_TiesFromViewTable)
    ->Arg(100000)
    ->Arg(333334)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_TiesFromRecords)
    ->Arg(100000)
    ->Arg(333334)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_BuildView)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(333334)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
