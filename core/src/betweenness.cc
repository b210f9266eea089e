// Betweenness centrality: exact (brandes.cc) or estimated from sampled shortest paths with an
// error bound (Riondato and Kornaropoulos 2016).
#include <cmath>
#include <memory>
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
        if (dist[w] == UINT32_MAX) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
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
  const double log_vd =
      vertex_diameter > 3 ? std::floor(std::log2(double(vertex_diameter - 2))) : 0.0;
  return static_cast<uint64_t>(
      std::ceil(0.5 / (epsilon * epsilon) * (log_vd + 1.0 + std::log(1.0 / delta))));
}

// One sampled shortest path on an unweighted view by a balanced bidirectional breadth-first
// search (as in Borassi and Natale's KADABRA, 2016): levels grow from u along out-arcs and from w
// along in-arcs, always on the side whose frontier has fewer arcs, until a new level touches the
// other side. On small-world networks each search stays a small fraction of the graph.
struct BidirectionalBfs {
  std::vector<int32_t> dist[2];      // side 0: from u; side 1: to w. -1: not reached
  std::vector<double> sigma[2];      // shortest paths from u / to w
  std::vector<uint32_t> reached[2];  // in order of distance; also the queue of each side (n + 1
  size_t count[2] = {0, 0};          // slots: the search writes before it counts)
  std::vector<uint32_t> meet;
  uint64_t arcs = 0;  // arcs looked at so far, for the cost estimate

  explicit BidirectionalBfs(uint32_t n) {
    for (int side = 0; side < 2; ++side) {
      dist[side].assign(n, -1);
      sigma[side].assign(n, 0.0);
      reached[side].resize(size_t(n) + 1);
    }
  }

  // Walks from `from` to the start of `side`, choosing each predecessor with probability
  // sigma[p] / sigma[current], and counts the vertices passed (not the start).
  template <typename Rng>
  void walk(const Adjacency& back, int side, uint32_t from, uint32_t start, Rng& rng,
            double* hits) {
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    const std::vector<int32_t>& d = dist[side];
    const std::vector<double>& sg = sigma[side];
    for (uint32_t cur = from; cur != start;) {
      const double threshold = coin(rng) * sg[cur];
      double seen = 0.0;
      uint32_t chosen = start;
      for (uint64_t a = back.offset[cur]; a < back.offset[cur + 1]; ++a) {
        const uint32_t p = back.target[a];
        if (d[p] != d[cur] - 1) continue;
        chosen = p;
        seen += sg[p];
        if (seen > threshold) break;
      }
      cur = chosen;
      if (cur != start) hits[cur] += 1.0;
    }
  }

  // Adds one to every inner vertex of a uniformly chosen shortest u-w path; false when w cannot
  // be reached from u.
  template <typename Rng>
  bool sample(const Adjacency& out, const Adjacency& in, uint32_t u, uint32_t w, Rng& rng,
              double* hits) {
    const Adjacency* along[2] = {&out, &in};
    const uint32_t start[2] = {u, w};
    size_t begin[2] = {0, 0};
    for (int side = 0; side < 2; ++side) {
      for (size_t i = 0; i < count[side]; ++i) {
        dist[side][reached[side][i]] = -1;
        sigma[side][reached[side][i]] = 0.0;
      }
      reached[side][0] = start[side];
      count[side] = 1;
      dist[side][start[side]] = 0;
      sigma[side][start[side]] = 1.0;
    }
    meet.clear();
    while (meet.empty()) {
      uint64_t cost[2];
      for (int side = 0; side < 2; ++side) {
        cost[side] = 0;
        for (size_t i = begin[side]; i < count[side]; ++i) {
          const uint32_t v = reached[side][i];
          cost[side] += along[side]->offset[v + 1] - along[side]->offset[v];
        }
      }
      if (begin[0] == count[0] || begin[1] == count[1]) return false;
      const int side = cost[0] <= cost[1] ? 0 : 1, other = 1 - side;
      const Adjacency& adj = *along[side];
      int32_t* d = dist[side].data();
      double* sg = sigma[side].data();
      uint32_t* q = reached[side].data();
      const size_t end = count[side];
      size_t tail = end;
      for (size_t i = begin[side]; i < end; ++i)
        tail = expand_vertex(adj.offset.data(), adj.target.data(), q[i], d, sg, q, tail);
      count[side] = tail;
      arcs += cost[side];
      begin[side] = end;
      // The new level meets the other side only at the other side's last level (had it met an
      // earlier one, an earlier level of this side would have met it), so every meeting vertex
      // lies on a shortest path, and these are all of them.
      for (size_t i = end; i < tail; ++i)
        if (dist[other][q[i]] >= 0) meet.push_back(q[i]);
    }
    double total = 0.0;
    for (uint32_t x : meet) total += sigma[0][x] * sigma[1][x];
    const double threshold = std::uniform_real_distribution<double>(0.0, total)(rng);
    double seen = 0.0;
    uint32_t x = meet.back();
    for (uint32_t m : meet) {
      seen += sigma[0][m] * sigma[1][m];
      if (seen > threshold) {
        x = m;
        break;
      }
    }
    if (x != u && x != w) hits[x] += 1.0;
    walk(in, 0, x, u, rng, hits);   // predecessors towards u: in-arcs
    walk(out, 1, x, w, rng, hits);  // towards w: out-arcs
    return true;
  }
};

// Each sample: a uniformly random ordered pair (u, w), u != w; if w is reachable, one of the
// shortest u-w paths chosen uniformly adds 1 to each vertex inside it. Unweighted views use the
// bidirectional search above; weighted ones a Dijkstra search from u stopped at w, walked back
// with each predecessor p picked with probability sigma[p] / sigma[current].
class PathSampler {
 public:
  PathSampler(const AnalysisGraph& g, uint32_t n) : g_(g), n_(n) {
    if (g.weighted())
      sssp_ = std::make_unique<Sssp>(n);
    else
      bfs_ = std::make_unique<BidirectionalBfs>(n);
  }
  template <typename Rng>
  void sample(Rng& rng, double* hits) {
    std::uniform_int_distribution<uint32_t> pick(0, n_ - 1);
    const uint32_t u = pick(rng);
    uint32_t w = pick(rng);
    while (w == u) w = pick(rng);
    const Adjacency& out = g_.csr().out;
    const Adjacency& in = g_.csr().in;
    if (bfs_) {
      bfs_->sample(out, in, u, w, rng, hits);
      return;
    }
    Sssp& sp = *sssp_;
    sp.run(out, u, w);
    if (sp.dist[w] == kInf) return;
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    for (uint32_t cur = w; cur != u;) {
      double threshold = coin(rng) * sp.sigma[cur], seen = 0.0;
      uint32_t chosen = u;
      for (uint64_t a = in.offset[cur]; a < in.offset[cur + 1]; ++a) {
        const uint32_t p = in.target[a];
        if (sp.dist[p] == kInf || !sp.on_shortest_path(in, a, p, cur)) continue;
        chosen = p;
        seen += sp.sigma[p];
        if (seen > threshold) break;
      }
      cur = chosen;  // a predecessor always exists on the way back to u
      if (cur != u) hits[cur] += 1.0;
    }
  }
  // Arcs looked at per sample so far (bidirectional searches only; 0 otherwise).
  uint64_t arcs() const { return bfs_ ? bfs_->arcs : 0; }

 private:
  const AnalysisGraph& g_;
  uint32_t n_;
  std::unique_ptr<Sssp> sssp_;
  std::unique_ptr<BidirectionalBfs> bfs_;
};

std::vector<double> sampled(const AnalysisGraph& g, const CentralityOptions& o, uint64_t r,
                            bool* ok) {
  const uint32_t n = g.vertex_count();
  const unsigned threads = static_cast<unsigned>(std::min<uint64_t>(workers_for(o, n), r));
  std::vector<std::vector<double>> hits(threads, std::vector<double>(n, 0.0));
  // Samples are dealt to workers in fixed shares, each worker with its own seeded generator.
  std::atomic<bool> cancelled{false};
  for_each_source(threads, threads, nullptr, [&](uint32_t worker, unsigned t) {
    std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ull + worker);
    PathSampler sampler(g, n);
    const uint64_t share = r / threads + (worker < r % threads ? 1 : 0);
    for (uint64_t i = 0; i < share; ++i) {
      if (cancelled.load(std::memory_order_relaxed)) return;
      if (worker == 0 && o.progress && (i & 255) == 0 && !o.progress(double(i) / share)) {
        cancelled = true;
        return;
      }
      sampler.sample(rng, hits[t].data());
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

// Whether r sampled paths cost less than the exact computation: a probe of a few samples (its
// own generator, results discarded) measures the arcs a sample looks at; the exact computation
// looks at every arc twice per source. Weighted views: the Dijkstra samples are compared by
// count (r < n), as each costs up to a whole search.
bool sampling_pays(const AnalysisGraph& g, uint64_t r) {
  const uint32_t n = g.vertex_count();
  if (g.weighted()) return r < n;
  constexpr int kProbe = 64;
  std::mt19937_64 rng(12345);
  PathSampler probe(g, n);
  std::vector<double> scratch(n, 0.0);
  for (int i = 0; i < kProbe; ++i) probe.sample(rng, scratch.data());
  const double per_sample = double(probe.arcs()) / kProbe + 1.0;
  return double(r) * per_sample < 2.0 * double(n) * double(g.arc_count());
}

}  // namespace

std::vector<double> betweenness(const AnalysisGraph& g, const CentralityOptions& o, bool* ok,
                                uint64_t* samples) {
  *samples = 0;
  const uint32_t n = g.vertex_count();
  if (o.epsilon > 0 && n > 2) {
    uint64_t r = sample_size(vertex_diameter_bound(g), o.epsilon, std::clamp(o.delta, 1e-12, 1.0));
    if (sampling_pays(g, r)) {
      *samples = r;
      return sampled(g, o, r, ok);
    }
  }
  std::vector<double> bc = exact_betweenness_sums(g, o, ok);
  scale_sums(g, o, &bc);
  return bc;
}

}  // namespace govnet::detail
