// Betweenness centrality: exact (Brandes 2001, sources shared among threads) and estimated from
// sampled shortest paths with an error bound (Riondato and Kornaropoulos 2016).
#include <cmath>
#include <random>

#include "govnet/traversal.h"
#include "shortest_paths.h"

namespace govnet::detail {
namespace {

// From sums over ordered pairs (source, target) of the shares of shortest paths through each
// vertex to the reported convention (centrality.h): normalized by (n-1)(n-2), or raw with each
// unordered pair counted once on an undirected view.
void scale_sums(const AnalysisGraph& g, const CentralityOptions& o, std::vector<double>* sums) {
  const uint32_t n = g.vertex_count();
  double scale = 1.0;
  if (o.normalized) {
    scale = n > 2 ? 1.0 / (double(n - 1) * double(n - 2)) : 1.0;
  } else if (!g.directed()) {
    scale = 0.5;
  }
  for (double& x : *sums) x *= scale;
}

// Brandes on an unweighted view, one source at a time: a breadth-first search counting shortest
// paths, then dependencies pulled from successors, farthest vertices first. Written without
// data-dependent branches in the arc loops (whether w is new, or on a shortest path, is a coin
// toss for the branch predictor), with 32-bit distances.
struct UnweightedBrandes {
  std::vector<int32_t> dist;         // -1: not reached
  std::vector<double> sigma, coeff;  // coeff[w] = (1 + delta[w]) / sigma[w]
  std::vector<uint32_t> order;       // one spare slot: the search writes before it counts

  explicit UnweightedBrandes(uint32_t n) : dist(n, -1), sigma(n, 0.0), coeff(n, 0.0), order(n + 1) {}

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
    for (uint32_t head = 0; head < tail; ++head) {
      const uint32_t v = q[head];
      const int32_t next = d[v] + 1;
      const double paths = sg[v];
      for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) {
        const uint32_t w = to[a];
        const int32_t dw = d[w];
        const bool fresh = dw < 0;
        q[tail] = w;
        tail += fresh;
        const int32_t now = fresh ? next : dw;
        d[w] = now;
        sg[w] += paths * double(now == next);
      }
    }
    double* c = coeff.data();
    for (uint32_t i = tail; i-- > 1;) {  // q[0] is the source: no dependency of its own
      const uint32_t v = q[i];
      const int32_t next = d[v] + 1;
      double sum = 0.0;
      for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) {
        const uint32_t w = to[a];
        sum += c[w] * double(d[w] == next);
      }
      const double delta = sg[v] * sum;
      c[v] = (1.0 + delta) / sg[v];
      bc[v] += delta;
    }
    for (uint32_t i = 0; i < tail; ++i) { d[q[i]] = -1; sg[q[i]] = 0.0; }
  }
};

std::vector<double> exact(const AnalysisGraph& g, const CentralityOptions& o, bool* ok) {
  const uint32_t n = g.vertex_count();
  const Adjacency& out = g.csr().out;
  const unsigned threads = thread_count(o, n);
  std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
  // Weighted views: Dijkstra, and coeff[w] = (1 + delta[w]) / sigma[w] once w's dependency is
  // known. Unweighted: the breadth-first kernel above.
  std::vector<Sssp> ws;
  std::vector<std::vector<double>> coeff;
  std::vector<UnweightedBrandes> fast;
  for (unsigned t = 0; t < threads; ++t) {
    if (out.weighted()) {
      ws.emplace_back(n);
      coeff.emplace_back(n, 0.0);
    } else {
      fast.emplace_back(n);
    }
  }
  *ok = for_each_source(n, threads, o.progress, [&](uint32_t s, unsigned t) {
    if (!fast.empty()) return fast[t].run(out, s, partial[t].data());
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
  scale_sums(g, o, &bc);
  return bc;
}

// An upper bound on the vertex diameter (the most vertices on any shortest path). Undirected and
// unweighted: twice the eccentricity of one vertex per component, plus one. Otherwise the size of
// the largest weakly connected component (paths are simple). Only its logarithm matters below.
uint32_t vertex_diameter_bound(const AnalysisGraph& g) {
  const uint32_t n = g.vertex_count();
  uint32_t components = 0;
  std::vector<uint32_t> component = connected_components(g, &components);
  if (g.directed() || g.weighted()) {
    std::vector<uint32_t> size(components, 0);
    uint32_t largest = 0;
    for (uint32_t c : component) largest = std::max(largest, ++size[c]);
    return largest;
  }
  const CsrGraph& fwd = g.csr().forward;
  std::vector<uint32_t> dist(n, UINT32_MAX), queue;
  queue.reserve(n);
  uint32_t bound = 1;
  for (uint32_t start = 0; start < n; ++start) {
    if (dist[start] != UINT32_MAX) continue;
    dist[start] = 0;
    queue.assign(1, start);
    uint32_t eccentricity = 0;
    for (size_t head = 0; head < queue.size(); ++head) {
      uint32_t v = queue[head];
      eccentricity = dist[v];
      for (auto e : boost::make_iterator_range(boost::out_edges(v, fwd))) {
        uint32_t w = static_cast<uint32_t>(boost::target(e, fwd));
        if (dist[w] == UINT32_MAX) { dist[w] = dist[v] + 1; queue.push_back(w); }
      }
    }
    bound = std::max(bound, 2 * eccentricity + 1);
  }
  return bound;
}

// Riondato and Kornaropoulos (2016), Theorem 2: r = (c / eps^2) (floor(log2(VD - 2)) + 1 +
// ln(1 / delta)) sampled paths, c = 0.5, put every estimate within eps of the betweenness
// normalized by n(n-1), all vertices at once, with probability at least 1 - delta.
uint64_t sample_size(uint32_t vertex_diameter, double epsilon, double delta) {
  const double log_vd = vertex_diameter > 3 ? std::floor(std::log2(double(vertex_diameter - 2))) : 0.0;
  return static_cast<uint64_t>(std::ceil(0.5 / (epsilon * epsilon) * (log_vd + 1.0 + std::log(1.0 / delta))));
}

// Each sample: a uniformly random ordered pair (u, w), u != w; if w is reachable, one of the
// shortest u-w paths chosen uniformly (walking back from w, each predecessor p picked with
// probability sigma[p] / sigma[current]) adds 1 to each vertex inside it.
std::vector<double> sampled(const AnalysisGraph& g, const CentralityOptions& o, uint64_t r, bool* ok) {
  const uint32_t n = g.vertex_count();
  const Adjacency& out = g.csr().out;
  const Adjacency& in = g.csr().in;
  const unsigned threads = static_cast<unsigned>(std::min<uint64_t>(thread_count(o, n), r));
  std::vector<std::vector<double>> hits(threads, std::vector<double>(n, 0.0));
  std::vector<Sssp> ws;
  ws.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) ws.emplace_back(n);
  // Samples are dealt to workers in fixed shares, each worker with its own seeded generator.
  std::atomic<bool> cancelled{false};
  for_each_source(threads, threads, nullptr, [&](uint32_t worker, unsigned t) {
    std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ull + worker);
    std::uniform_int_distribution<uint32_t> pick(0, n - 1);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    const uint64_t share = r / threads + (worker < r % threads ? 1 : 0);
    Sssp& sp = ws[t];
    std::vector<double>& h = hits[t];
    for (uint64_t i = 0; i < share; ++i) {
      if (cancelled.load(std::memory_order_relaxed)) return;
      if (worker == 0 && o.progress && (i & 255) == 0 && !o.progress(double(i) / share)) {
        cancelled = true;
        return;
      }
      uint32_t u = pick(rng), w = pick(rng);
      while (w == u) w = pick(rng);
      sp.run(out, u, w);
      if (sp.dist[w] == kInf) continue;
      for (uint32_t cur = w; cur != u;) {
        double threshold = coin(rng) * sp.sigma[cur], seen = 0.0;
        uint32_t chosen = kNoVertex;
        for (uint64_t a = in.offset[cur]; a < in.offset[cur + 1]; ++a) {
          const uint32_t p = in.target[a];
          if (sp.dist[p] == kInf || !sp.on_shortest_path(in, a, p, cur)) continue;
          chosen = p;
          seen += sp.sigma[p];
          if (seen > threshold) break;
        }
        cur = chosen;  // a predecessor always exists on the way back to u
        if (cur != u) h[cur] += 1.0;
      }
    }
  });
  *ok = !cancelled;
  if (*ok && o.progress) o.progress(1.0);
  std::vector<double> bc(n, 0.0);
  for (unsigned t = 0; t < threads; ++t)
    for (uint32_t v = 0; v < n; ++v) bc[v] += hits[t][v];
  // hits / r estimates the sum over ordered pairs divided by n(n-1).
  const double pairs = double(n) * double(n - 1);
  for (double& x : bc) x *= pairs / double(r);
  scale_sums(g, o, &bc);
  return bc;
}

}  // namespace

std::vector<double> betweenness(const AnalysisGraph& g, const CentralityOptions& o, bool* ok,
                                uint64_t* samples) {
  *samples = 0;
  const uint32_t n = g.vertex_count();
  if (o.epsilon > 0 && n > 2) {
    uint64_t r = sample_size(vertex_diameter_bound(g), o.epsilon, std::clamp(o.delta, 1e-12, 1.0));
    // A sampled path costs a search cut short at its target; an exact source a full search plus
    // the backward pass. Past n samples the estimate is no cheaper than the exact values.
    if (r < n) {
      *samples = r;
      return sampled(g, o, r, ok);
    }
  }
  return exact(g, o, ok);
}

}  // namespace govnet::detail
