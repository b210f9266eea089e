// Internal to core: single-source shortest paths with reusable buffers, and the loop that deals
// sources to workers. Shared by the betweenness, closeness and harmonic measures.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "csr.h"
#include "govnet/centrality.h"
#include "govnet/parallel.h"

namespace govnet::detail {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint32_t kNoVertex = UINT32_MAX;

// x when cond holds, else 0.0, by a bit mask: GCC turns `x * double(cond)` or `cond ? x : 0.0`
// in the breadth-first loops into branches, which mispredict on about every other arc.
inline double keep_if(double x, bool cond) {
  return std::bit_cast<double>(std::bit_cast<uint64_t>(x) & (uint64_t{0} - uint64_t{cond}));
}

// One vertex's step in a breadth-first search that counts shortest paths (d: distances, -1 when
// not reached; sg: path counts): each neighbour not reached yet gets distance d[v] + 1 and goes
// to q[tail] (q needs one spare slot: the write comes before the count), and each neighbour at
// d[v] + 1 adds v's paths. Without data-dependent branches, for the reason keep_if says.
// Returns the new tail.
template <typename Index>
inline Index expand_vertex(const uint64_t* offset, const uint32_t* to, uint32_t v, int32_t* d,
                           double* sg, uint32_t* q, Index tail) {
  const int32_t next = d[v] + 1;
  const double paths = sg[v];
  for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) {
    const uint32_t w = to[a];
    const int32_t dw = d[w];
    const int32_t fresh = dw >> 31;  // all ones when w is new (dw = -1)
    q[tail] = w;
    tail -= fresh;
    const int32_t now = dw ^ ((dw ^ next) & fresh);
    d[w] = now;
    sg[w] += keep_if(paths, now == next);
  }
  return tail;
}

// Runs body(source, worker) for every vertex as a source, the sources dealt round-robin to
// `workers` workers (jobs of on_every_core, so the sums each worker keeps do not depend on
// timing). Worker 0 reports progress; a false from progress stops all workers. Returns false
// when cancelled.
template <typename Body>
bool for_each_source(uint32_t n, unsigned workers, const std::function<bool(double)>& progress,
                     Body&& body) {
  std::atomic<uint32_t> done{0};
  std::atomic<bool> cancelled{false};
  on_every_core(workers, [&](size_t job) {
    const auto worker = static_cast<unsigned>(job);
    for (uint32_t s = worker; s < n && !cancelled.load(std::memory_order_relaxed); s += workers) {
      body(s, worker);
      uint32_t d = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (worker == 0 && progress && (d & 63) == 0 && !progress(double(d) / n)) cancelled = true;
    }
  });
  if (!cancelled && progress) progress(1.0);
  return !cancelled;
}

// How many workers a computation over n items is dealt to: options.threads when set, else the
// thread count in force; at least one, and no more than there are items.
inline unsigned workers_for(const CentralityOptions& o, uint32_t n) {
  unsigned t = o.threads ? o.threads : thread_count();
  return std::max(1u, std::min<unsigned>(t, std::max<uint32_t>(n, 1)));
}

// Splits [0, n) into one contiguous range per worker and runs body(begin, end, worker) on each,
// as jobs of on_every_core. Small work (under 4096 items per worker) takes fewer workers.
template <typename Body>
void parallel_ranges(uint32_t n, unsigned workers, Body&& body) {
  workers = std::max(1u, std::min<unsigned>(workers, n / 4096 + 1));
  if (workers == 1) {
    body(0u, n, 0u);
    return;
  }
  const uint32_t chunk = (n + workers - 1) / workers;
  on_every_core(workers, [&](size_t job) {
    const auto t = static_cast<unsigned>(job);
    const uint32_t b = static_cast<uint32_t>(std::min<uint64_t>(n, uint64_t(t) * chunk));
    const uint32_t e = static_cast<uint32_t>(std::min<uint64_t>(n, uint64_t(b) + chunk));
    body(b, e, t);
  });
}

// Single-source shortest paths over `adj` from s, reusing the buffers: breadth-first when the
// view is unweighted, Dijkstra with lengths otherwise. Fills dist (kInf when unreached), sigma
// (the number of shortest paths) and `order` with the reached vertices in non-decreasing
// distance.
struct Sssp {
  std::vector<double> dist, sigma;
  std::vector<uint32_t> order;
  std::vector<char> done;  // weighted search: settled vertices
  std::priority_queue<std::pair<double, uint32_t>, std::vector<std::pair<double, uint32_t>>,
                      std::greater<>>
      heap;

  explicit Sssp(uint32_t n) : dist(n, kInf), sigma(n, 0.0), done(n, 0) { order.reserve(n); }

  // Every vertex touched by the previous run is in `order` (lengths are positive, so each
  // relaxed vertex is eventually settled; an early stop forgets the rest), so resetting costs
  // only what that run reached.
  void reset() {
    for (uint32_t v : order) {
      dist[v] = kInf;
      sigma[v] = 0.0;
      done[v] = 0;
    }
    order.clear();
  }

  // With a `target`, the search stops as soon as the target's distance and path count are final
  // (its level done, or it is settled); vertices nearer than the target are final too.
  void run(const Adjacency& adj, uint32_t s, uint32_t target = kNoVertex) {
    reset();
    dist[s] = 0.0;
    sigma[s] = 1.0;
    const uint64_t* offset = adj.offset.data();
    const uint32_t* to = adj.target.data();
    if (!adj.weighted()) {
      order.push_back(s);
      for (size_t head = 0; head < order.size(); ++head) {
        const uint32_t v = order[head];
        if (target != kNoVertex && dist[v] >= dist[target]) break;
        const double next = dist[v] + 1.0, paths = sigma[v];
        for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) {
          const uint32_t w = to[a];
          if (dist[w] == kInf) {
            dist[w] = next;
            order.push_back(w);
          }
          if (dist[w] == next) sigma[w] += paths;
        }
      }
      return;
    }
    const double* length = adj.length.data();
    heap.push({0.0, s});
    while (!heap.empty()) {
      auto [d, v] = heap.top();
      heap.pop();
      if (done[v]) continue;
      done[v] = 1;
      order.push_back(v);
      if (v == target) break;
      for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) {
        const uint32_t w = to[a];
        if (done[w]) continue;
        const double nd = d + length[a];
        if (nd < dist[w]) {
          dist[w] = nd;
          sigma[w] = sigma[v];
          heap.push({nd, w});
        } else if (nd == dist[w]) {
          sigma[w] += sigma[v];
        }
      }
    }
    for (; !heap.empty(); heap.pop()) {
      const uint32_t v = heap.top().second;
      if (!done[v]) {
        dist[v] = kInf;
        sigma[v] = 0.0;
      }
    }
  }

  // Whether arc a (from v to w) lies on a shortest path from the last source: the same sum the
  // search made, so the comparison is exact.
  bool on_shortest_path(const Adjacency& adj, uint64_t a, uint32_t v, uint32_t w) const {
    return dist[v] + (adj.weighted() ? adj.length[a] : 1.0) == dist[w];
  }
};

// Breadth-first searches from up to 64 sources at once (Then et al., "The More the Merrier",
// VLDB 2014): one bit per source in each vertex's masks, so an arc is followed once per level
// for all the sources that reach it then. For every source i it sums, over the vertices v it
// reaches (v != source), the distance d (`total[i]`), 1/d (`inverse[i]`) and the count
// (`reached[i]`). Unweighted views only.
struct MultiBfs {
  std::vector<uint64_t> seen, visit, next;
  std::array<double, 64> total{}, inverse{};
  std::array<uint32_t, 64> reached{};

  explicit MultiBfs(uint32_t n) : seen(n), visit(n), next(n) {}

  void run(const Adjacency& adj, const uint32_t* sources, unsigned count) {
    const uint32_t n = adj.vertex_count();
    std::fill(seen.begin(), seen.end(), 0);
    std::fill(visit.begin(), visit.end(), 0);
    total.fill(0.0);
    inverse.fill(0.0);
    reached.fill(0);
    for (unsigned i = 0; i < count; ++i) {
      seen[sources[i]] |= uint64_t(1) << i;
      visit[sources[i]] |= uint64_t(1) << i;
    }
    const uint64_t* offset = adj.offset.data();
    const uint32_t* to = adj.target.data();
    for (uint32_t level = 1;; ++level) {
      for (uint32_t v = 0; v < n; ++v) {
        const uint64_t bits = visit[v];
        if (!bits) continue;
        for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) next[to[a]] |= bits;
      }
      bool any = false;
      const double inv = 1.0 / level;
      for (uint32_t v = 0; v < n; ++v) {
        uint64_t fresh = next[v] & ~seen[v];
        next[v] = 0;
        visit[v] = fresh;
        if (!fresh) continue;
        any = true;
        seen[v] |= fresh;
        for (; fresh; fresh &= fresh - 1) {
          const int i = __builtin_ctzll(fresh);
          total[i] += level;
          inverse[i] += inv;
          ++reached[i];
        }
      }
      if (!any) break;
    }
  }
};

// Exact betweenness (brandes.cc) as sums over ordered pairs (source, target) of the share of
// shortest paths through each vertex, before betweenness() scales them. *ok as below.
std::vector<double> exact_betweenness_sums(const AnalysisGraph& g, const CentralityOptions& options,
                                           bool* ok);

// Betweenness (betweenness.cc): exact (Brandes) or, with options.epsilon > 0, estimated from
// sampled paths. *ok is false when cancelled; *samples says how many paths were sampled.
std::vector<double> betweenness(const AnalysisGraph& g, const CentralityOptions& options, bool* ok,
                                uint64_t* samples);

}  // namespace govnet::detail
