// Internal to core: single-source shortest paths with reusable buffers, and the loop that deals
// sources to worker threads. Shared by the betweenness, closeness and harmonic measures.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <queue>
#include <thread>
#include <utility>
#include <vector>

#include "csr.h"
#include "govnet/centrality.h"

namespace govnet::detail {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint32_t kNoVertex = UINT32_MAX;

// Runs body(source, worker) for every vertex as a source, the sources dealt round-robin to
// `threads` workers. Worker 0 reports progress; a false from progress stops all workers.
// Returns false when cancelled.
template <typename Body>
bool for_each_source(uint32_t n, unsigned threads, const std::function<bool(double)>& progress,
                     Body&& body) {
  std::atomic<uint32_t> done{0};
  std::atomic<bool> cancelled{false};
  auto work = [&](unsigned worker) {
    for (uint32_t s = worker; s < n && !cancelled.load(std::memory_order_relaxed); s += threads) {
      body(s, worker);
      uint32_t d = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (worker == 0 && progress && (d & 63) == 0 && !progress(double(d) / n)) cancelled = true;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  if (!cancelled && progress) progress(1.0);
  return !cancelled;
}

inline unsigned thread_count(const CentralityOptions& o, uint32_t n) {
  unsigned t = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  return std::max(1u, std::min<unsigned>(t, std::max<uint32_t>(n, 1)));
}

// Single-source shortest paths over `graph` from s, reusing the buffers. Fills dist (kInf when
// unreached), sigma (number of shortest paths) when wanted, and `order` with the reached
// vertices in non-decreasing distance.
struct Sssp {
  std::vector<double> dist, sigma;
  std::vector<uint32_t> order;
  std::vector<char> done;  // weighted search: finalized vertices
  std::priority_queue<std::pair<double, uint32_t>, std::vector<std::pair<double, uint32_t>>,
                      std::greater<>> heap;

  explicit Sssp(uint32_t n) : dist(n, kInf), sigma(n, 0.0), done(n, 0) { order.reserve(n); }

  // Every vertex touched by the previous run is in `order` (lengths are positive, so each
  // relaxed vertex is eventually finalized), so resetting costs only what that run reached.
  void reset() {
    for (uint32_t v : order) { dist[v] = kInf; sigma[v] = 0.0; done[v] = 0; }
    order.clear();
  }

  // With a `target`, the search stops as soon as the target's distance and path count are final
  // (its level done, or it is settled); vertices nearer than the target are final too.
  void run(const CsrGraph& graph, uint32_t s, bool weighted, uint32_t target = kNoVertex) {
    reset();
    dist[s] = 0.0;
    sigma[s] = 1.0;
    if (!weighted) {
      order.push_back(s);
      for (size_t head = 0; head < order.size(); ++head) {
        uint32_t v = order[head];
        if (target != kNoVertex && dist[v] >= dist[target]) break;
        double next = dist[v] + 1.0;
        for (auto e : boost::make_iterator_range(boost::out_edges(v, graph))) {
          uint32_t w = static_cast<uint32_t>(boost::target(e, graph));
          if (dist[w] == kInf) { dist[w] = next; order.push_back(w); }
          if (dist[w] == next) sigma[w] += sigma[v];
        }
      }
      return;
    }
    heap.push({0.0, s});
    while (!heap.empty()) {
      auto [d, v] = heap.top();
      heap.pop();
      if (done[v]) continue;
      done[v] = 1;
      order.push_back(v);
      if (v == target) break;
      for (auto e : boost::make_iterator_range(boost::out_edges(v, graph))) {
        uint32_t w = static_cast<uint32_t>(boost::target(e, graph));
        if (done[w]) continue;
        double nd = d + graph[e].length;
        if (nd < dist[w]) {
          dist[w] = nd; sigma[w] = sigma[v]; heap.push({nd, w});
        } else if (nd == dist[w]) {
          sigma[w] += sigma[v];
        }
      }
    }
    // Stopped early: vertices reached but not settled are not in `order`; forget them now, so
    // that reset() (which walks `order`) leaves every buffer clean.
    for (; !heap.empty(); heap.pop()) {
      uint32_t v = heap.top().second;
      if (!done[v]) { dist[v] = kInf; sigma[v] = 0.0; }
    }
  }
};

// Betweenness (betweenness.cc): exact (Brandes) or, with options.epsilon > 0, estimated from
// sampled paths. *ok is false when cancelled; *samples says how many paths were sampled.
std::vector<double> betweenness(const AnalysisGraph& g, const CentralityOptions& options, bool* ok,
                                uint64_t* samples);

}  // namespace govnet::detail
