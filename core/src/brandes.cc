// Exact betweenness (Brandes 2001): the sources shared among threads; unweighted views by
// breadth-first searches (eight sources at a time, lane_brandes.h), weighted ones by Dijkstra.
#include <algorithm>
#include <memory>

#include "lane_brandes.h"
#include "shortest_paths.h"

namespace govnet::detail {
namespace {

// Brandes on an unweighted view, one source at a time (for sources the eight-source kernel
// refuses: a path longer than its 16-bit distances): a breadth-first search counting shortest
// paths, then dependencies pulled from successors, farthest vertices first. Written without
// data-dependent branches in the arc loops (whether w is new, or on a shortest path, is a coin
// toss for the branch predictor), with 32-bit distances.
struct UnweightedBrandes {
  std::vector<int32_t> dist;         // -1: not reached
  std::vector<double> sigma, coeff;  // coeff[w] = (1 + delta[w]) / sigma[w]
  std::vector<uint32_t> order;       // one spare slot: the search writes before it counts

  explicit UnweightedBrandes(uint32_t n)
      : dist(n, -1), sigma(n, 0.0), coeff(n, 0.0), order(n + 1) {}

  void run(const Adjacency& out, uint32_t s, double* bc) {
    const uint64_t* offset = out.offset.data();
    const uint32_t* to = out.target.data();
    int32_t* d = dist.data();
    double* sg = sigma.data();
    uint32_t* q = order.data();
    d[s] = 0;
    sg[s] = 1.0;
    q[0] = s;
    uint32_t tail = 1;
    for (uint32_t head = 0; head < tail; ++head)
      tail = expand_vertex(offset, to, q[head], d, sg, q, tail);
    double* c = coeff.data();
    for (uint32_t i = tail; i-- > 1;) {  // q[0] is the source: no dependency of its own
      const uint32_t v = q[i];
      const int32_t next = d[v] + 1;
      // Two running sums, so that one addition's latency does not pace every arc.
      double sum0 = 0.0, sum1 = 0.0;
      uint64_t a = offset[v];
      const uint64_t end = offset[v + 1];
      for (; a + 1 < end; a += 2) {
        const uint32_t w0 = to[a], w1 = to[a + 1];
        sum0 += keep_if(c[w0], d[w0] == next);
        sum1 += keep_if(c[w1], d[w1] == next);
      }
      if (a < end) sum0 += keep_if(c[to[a]], d[to[a]] == next);
      const double delta = sg[v] * (sum0 + sum1);
      c[v] = (1.0 + delta) / sg[v];
      bc[v] += delta;
    }
    for (uint32_t i = 0; i < tail; ++i) {
      d[q[i]] = -1;
      sg[q[i]] = 0.0;
    }
  }
};

// The vertices in breadth-first order, each component from its vertex of most arcs, so that
// consecutive numbers are near each other in the graph.
std::vector<uint32_t> breadth_first_order(const Adjacency& a) {
  const uint32_t n = a.vertex_count();
  std::vector<uint32_t> starts(n);
  for (uint32_t v = 0; v < n; ++v) starts[v] = v;
  auto arcs = [&](uint32_t v) { return a.offset[v + 1] - a.offset[v]; };
  std::stable_sort(starts.begin(), starts.end(),
                   [&](uint32_t x, uint32_t y) { return arcs(x) > arcs(y); });
  std::vector<char> seen(n, 0);
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t start : starts) {
    if (seen[start]) continue;
    seen[start] = 1;
    order.push_back(start);
    for (size_t head = order.size() - 1; head < order.size(); ++head) {
      const uint32_t v = order[head];
      for (uint64_t e = a.offset[v]; e < a.offset[v + 1]; ++e) {
        const uint32_t w = a.target[e];
        if (!seen[w]) {
          seen[w] = 1;
          order.push_back(w);
        }
      }
    }
  }
  return order;
}

// The arcs of `a` with vertex order[i] numbered i; rank[v] is v's new number.
Adjacency renumbered(const Adjacency& a, const std::vector<uint32_t>& order,
                     std::vector<uint32_t>* rank) {
  const uint32_t n = a.vertex_count();
  rank->assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) (*rank)[order[i]] = i;
  Adjacency r;
  r.offset.reserve(n + 1);
  r.target.reserve(a.target.size());
  r.offset.push_back(0);
  for (uint32_t v : order) {
    for (uint64_t e = a.offset[v]; e < a.offset[v + 1]; ++e)
      r.target.push_back((*rank)[a.target[e]]);
    r.offset.push_back(r.target.size());
  }
  return r;
}

// Unweighted views: sources in batches of eight neighbouring vertices (lane_brandes.h), on the
// graph renumbered so that batches are neighbours and neighbours share cache lines.
std::vector<double> exact_unweighted(const AnalysisGraph& g, const CentralityOptions& o, bool* ok) {
  const uint32_t n = g.vertex_count();
  std::vector<uint32_t> rank;
  const Adjacency local = renumbered(g.csr().out, breadth_first_order(g.csr().out), &rank);
  constexpr unsigned kLanes = LaneBrandes::kLanes;
  const uint32_t batches = (n + kLanes - 1) / kLanes;
  const unsigned threads = workers_for(o, batches);
  std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
  std::vector<LaneBrandes> lanes;
  std::vector<std::unique_ptr<UnweightedBrandes>> single(threads);
  for (unsigned t = 0; t < threads; ++t) lanes.emplace_back(n);
  *ok = for_each_source(batches, threads, o.progress, [&](uint32_t batch, unsigned t) {
    uint32_t sources[kLanes];
    const unsigned count = std::min<uint32_t>(kLanes, n - batch * kLanes);
    for (unsigned k = 0; k < count; ++k) sources[k] = batch * kLanes + k;
    if (lanes[t].run(local, sources, count, partial[t].data())) return;
    // A shortest path too long for the lanes' 16-bit distances: one source at a time.
    if (!single[t]) single[t] = std::make_unique<UnweightedBrandes>(n);
    for (unsigned k = 0; k < count; ++k) single[t]->run(local, sources[k], partial[t].data());
  });
  std::vector<double> bc(n, 0.0);
  for (unsigned t = 0; t < threads; ++t)
    for (uint32_t v = 0; v < n; ++v) bc[v] += partial[t][rank[v]];
  return bc;
}

// Weighted views: Dijkstra from each source, then coeff[w] = (1 + delta[w]) / sigma[w] once w's
// dependency is known.
std::vector<double> exact_weighted(const AnalysisGraph& g, const CentralityOptions& o, bool* ok) {
  const uint32_t n = g.vertex_count();
  const Adjacency& out = g.csr().out;
  const unsigned threads = workers_for(o, n);
  std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
  std::vector<Sssp> ws;
  std::vector<std::vector<double>> coeff;
  for (unsigned t = 0; t < threads; ++t) {
    ws.emplace_back(n);
    coeff.emplace_back(n, 0.0);
  }
  *ok = for_each_source(n, threads, o.progress, [&](uint32_t s, unsigned t) {
    Sssp& sp = ws[t];
    sp.run(out, s);
    double* c = coeff[t].data();
    double* bc = partial[t].data();
    const uint64_t* offset = out.offset.data();
    const uint32_t* to = out.target.data();
    // Dependencies, farthest vertices first, each pulled from its successors on shortest paths
    // (Brandes: delta[v] = sum over successors w of sigma[v] / sigma[w] * (1 + delta[w])).
    for (size_t i = sp.order.size(); i-- > 0;) {
      const uint32_t v = sp.order[i];
      double sum = 0.0;
      for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a)
        if (sp.on_shortest_path(out, a, v, to[a])) sum += c[to[a]];
      const double delta = sp.sigma[v] * sum;
      c[v] = (1.0 + delta) / sp.sigma[v];
      if (v != s) bc[v] += delta;
    }
  });

  std::vector<double> bc(n, 0.0);
  for (unsigned t = 0; t < threads; ++t)
    for (uint32_t v = 0; v < n; ++v) bc[v] += partial[t][v];
  return bc;
}

}  // namespace

std::vector<double> exact_betweenness_sums(const AnalysisGraph& g, const CentralityOptions& o,
                                           bool* ok) {
  return g.csr().out.weighted() ? exact_weighted(g, o, ok) : exact_unweighted(g, o, ok);
}

}  // namespace govnet::detail
