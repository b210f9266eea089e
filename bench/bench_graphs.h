// Generated graphs shared by the Google Benchmark micro-benchmarks: heavy-tailed degrees by
// preferential attachment, 3 ties per vertex, built once per size.
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet_bench {

inline govnet::Network preferential_graph(int n, uint64_t seed) {
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

inline const govnet::AnalysisGraph& graph(int n) {
  static std::map<int, govnet::AnalysisGraph> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    std::string error;
    govnet::ViewSpec spec;
    spec.keep_isolated = true;
    it = cache
             .emplace(n, std::move(*govnet::AnalysisGraph::build(preferential_graph(n, 42), spec,
                                                                 &error)))
             .first;
  }
  return it->second;
}

}  // namespace govnet_bench
