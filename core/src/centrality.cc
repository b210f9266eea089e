#include "govnet/centrality.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

#include "shortest_paths.h"

namespace govnet {
namespace {

using detail::for_each_source;
using detail::MultiBfs;
using detail::parallel_ranges;
using detail::Sssp;
using detail::workers_for;

constexpr std::array<std::string_view, 8> kMeasureNames = {"degree",      "in-degree", "out-degree",
                                                           "betweenness", "closeness", "harmonic",
                                                           "eigenvector", "pagerank"};

// Closeness and harmonic use the distances *to* v, i.e. searches on the reverse arcs: 64 sources
// at a time on an unweighted view, one Dijkstra per source otherwise.
std::vector<double> distance_based(const AnalysisGraph& g, const CentralityOptions& o, bool* ok) {
  const uint32_t n = g.vertex_count();
  const Adjacency& in = g.csr().in;
  const unsigned threads = workers_for(o, n);
  std::vector<double> out(n, 0.0);
  const bool harmonic = o.measure == Measure::kHarmonic;
  // v's value from the sum of distances to it, of their inverses and the count of vertices
  // that reach it (v excluded).
  auto value = [&](double total, double inverse, double reached) {
    if (harmonic) return inverse;
    if (total <= 0.0 || n <= 1) return 0.0;
    if (!o.normalized) return 1.0 / total;
    return reached / total * (reached / double(n - 1));
  };
  if (!in.weighted()) {
    std::vector<MultiBfs> ws;
    ws.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) ws.emplace_back(n);
    const uint32_t batches = (n + 63) / 64;
    std::vector<uint32_t> all(n);
    for (uint32_t v = 0; v < n; ++v) all[v] = v;
    *ok = for_each_source(batches, threads, o.progress, [&](uint32_t batch, unsigned t) {
      const uint32_t first = batch * 64;
      const unsigned count = static_cast<unsigned>(std::min<uint32_t>(64, n - first));
      MultiBfs& bfs = ws[t];
      bfs.run(in, all.data() + first, count);
      for (unsigned i = 0; i < count; ++i)
        out[first + i] = value(bfs.total[i], bfs.inverse[i], bfs.reached[i]);
    });
    return out;
  }
  std::vector<Sssp> ws;
  ws.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) ws.emplace_back(n);
  *ok = for_each_source(n, threads, o.progress, [&](uint32_t v, unsigned t) {
    Sssp& sp = ws[t];
    sp.run(in, v);
    double total = 0.0, inverse = 0.0;
    for (uint32_t u : sp.order) {
      total += sp.dist[u];
      if (u != v) inverse += 1.0 / sp.dist[u];
    }
    out[v] = value(total, inverse, double(sp.order.size()) - 1.0);
  });
  return out;
}

std::vector<double> degree(const AnalysisGraph& g, const CentralityOptions& o) {
  const uint32_t n = g.vertex_count();
  const CsrGraph& fwd = g.csr().forward;
  const CsrGraph& rev = g.csr().reverse;
  const bool weighted = g.weighted();
  const bool use_out = o.measure != Measure::kInDegree;
  const bool use_in = g.directed() && o.measure != Measure::kOutDegree;
  std::vector<double> out(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    double d = 0.0;
    if (use_out)
      for (auto e : boost::make_iterator_range(boost::out_edges(v, fwd)))
        d += weighted ? g.links()[fwd[e].link].weight : 1.0;
    if (use_in || (!g.directed() && o.measure == Measure::kInDegree))
      for (auto e : boost::make_iterator_range(boost::out_edges(v, rev)))
        d += weighted ? g.links()[rev[e].link].weight : 1.0;
    out[v] = std::min(d, std::numeric_limits<double>::max());  // a strength saturates
  }
  if (o.normalized && !weighted) {
    if (n <= 1)
      std::fill(out.begin(), out.end(), 1.0);
    else
      for (double& x : out) x /= double(n - 1);
  }
  return out;
}

// Power iterations pull along the reverse arcs: x'[v] = f(sum over in-arcs (u, v) of
// contribution[u] * weight). Vertex ranges are split between threads; each sums its own part
// of the norm or change, so the arithmetic does not depend on timing.
template <typename Contribution>
void pull(const Adjacency& in, const std::vector<double>& contribution, unsigned threads,
          std::vector<double>* sums, Contribution&& finish) {
  const uint64_t* offset = in.offset.data();
  const uint32_t* from = in.target.data();
  const double* weight = in.weighted() ? in.weight.data() : nullptr;
  const double* c = contribution.data();
  parallel_ranges(in.vertex_count(), threads, [&](uint32_t b, uint32_t e, unsigned t) {
    double part = 0.0;
    for (uint32_t v = b; v < e; ++v) {
      double s = 0.0;
      if (weight) {
        for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) s += c[from[a]] * weight[a];
      } else {
        for (uint64_t a = offset[v], end = offset[v + 1]; a < end; ++a) s += c[from[a]];
      }
      part += finish(v, s);
    }
    (*sums)[t] = part;
  });
}

CentralityResult eigenvector(const AnalysisGraph& g, const CentralityOptions& o) {
  const uint32_t n = g.vertex_count();
  const Adjacency& in = g.csr().in;
  CentralityResult r;
  if (n == 0) return r;
  if (g.arc_count() == 0) {
    r.error = "eigenvector centrality is undefined on a view without ties";
    return r;
  }
  const unsigned threads = workers_for(o, n);
  std::vector<double> x(n, 1.0 / n), last(n), sums(threads);
  // The steps' changes shrink geometrically once the error is mostly the second eigenvector's
  // share, by a steady ratio rho. When rho has held for three steps, the rest of that geometric
  // series is added at once (Aitken's extrapolation: x += (x - last) rho / (1 - rho)), which
  // halves the steps on large governance networks. Stopping still takes a plain step whose change
  // is below the tolerance, so the result is as close as without it.
  double previous_change = 0.0, rho = 0.0, previous_rho = 0.0;
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    last.swap(x);
    // Iterate with A + I (the identity term keeps bipartite views from oscillating).
    std::fill(sums.begin(), sums.end(), 0.0);
    pull(in, last, threads, &sums, [&](uint32_t v, double s) {
      s += last[v];
      x[v] = s;
      return s * s;
    });
    double norm = std::sqrt(std::accumulate(sums.begin(), sums.end(), 0.0));
    if (norm == 0.0) norm = 1.0;
    double change = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      x[v] /= norm;
      change += std::fabs(x[v] - last[v]);
    }
    if (o.progress && !o.progress(double(r.iterations) / o.max_iterations)) {
      r.error = "cancelled";
      return r;
    }
    if (change < n * o.tolerance) {
      r.values = std::move(x);
      return r;
    }
    const double ratio = previous_change > 0.0 ? change / previous_change : 0.0;
    const bool steady = ratio > 0.0 && ratio < 0.999 && std::fabs(ratio - rho) < 1e-4 * ratio &&
                        std::fabs(rho - previous_rho) < 1e-4 * ratio;
    previous_rho = rho;
    rho = ratio;
    previous_change = change;
    if (!steady) continue;
    const double jump = ratio / (1.0 - ratio);
    double squares = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      x[v] = std::max(0.0, x[v] + (x[v] - last[v]) * jump);  // the limit has no negative entry
      squares += x[v] * x[v];
    }
    const double length = squares > 0.0 ? std::sqrt(squares) : 1.0;
    for (uint32_t v = 0; v < n; ++v) x[v] /= length;
    previous_change = rho = previous_rho = 0.0;  // the ratio is measured afresh from here
  }
  r.error = "eigenvector centrality did not converge in " + std::to_string(o.max_iterations) +
            " iterations; try PageRank, which always converges";
  return r;
}

// PageRank depends on weights only through each vertex's shares of its out-strength, so weights
// that could overflow a strength (any near double's limit) are divided by the largest first.
constexpr double kHugeWeight = 1e150;

double largest_weight(const Adjacency& a) {
  double largest = 0.0;
  for (double w : a.weight) largest = std::max(largest, w);
  return largest;
}

Adjacency scaled(const Adjacency& a, double by) {
  Adjacency s = a;
  for (double& w : s.weight) w /= by;
  return s;
}

CentralityResult pagerank(const AnalysisGraph& g, const CentralityOptions& o) {
  const uint32_t n = g.vertex_count();
  const double largest = largest_weight(g.csr().out);
  const bool huge = largest > kHugeWeight;
  const Adjacency scaled_out = huge ? scaled(g.csr().out, largest) : Adjacency{};
  const Adjacency scaled_in = huge ? scaled(g.csr().in, largest) : Adjacency{};
  const Adjacency& out = huge ? scaled_out : g.csr().out;
  const Adjacency& in = huge ? scaled_in : g.csr().in;
  CentralityResult r;
  if (n == 0) return r;
  const unsigned threads = workers_for(o, n);
  std::vector<double> out_strength(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    if (out.weighted()) {
      for (uint64_t a = out.offset[v]; a < out.offset[v + 1]; ++a) out_strength[v] += out.weight[a];
    } else {
      out_strength[v] = double(out.offset[v + 1] - out.offset[v]);
    }
  }
  std::vector<double> x(n, 1.0 / n), share(n), sums(threads);
  const double alpha = o.alpha;
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    // What each vertex passes along each unit of its out-strength; dangling vertices' rank is
    // spread evenly instead.
    double dangling = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      if (out_strength[v] == 0.0) {
        dangling += x[v];
        share[v] = 0.0;
      } else
        share[v] = x[v] / out_strength[v];
    }
    const double base = (alpha * dangling + (1.0 - alpha)) / n;
    std::fill(sums.begin(), sums.end(), 0.0);
    pull(in, share, threads, &sums, [&](uint32_t v, double s) {
      const double next = base + alpha * s;
      const double change = std::fabs(next - x[v]);
      x[v] = next;  // x[v] is read only here this round; the others read `share`
      return change;
    });
    const double change = std::accumulate(sums.begin(), sums.end(), 0.0);
    if (o.progress && !o.progress(double(r.iterations) / o.max_iterations)) {
      r.error = "cancelled";
      return r;
    }
    if (change < n * o.tolerance) {
      // The ranks sum to 1 up to rounding; made exact so that every view's ranks compare.
      const double total = std::accumulate(x.begin(), x.end(), 0.0);
      if (total > 0.0 && std::isfinite(total))
        for (double& v : x) v /= total;
      r.values = std::move(x);
      return r;
    }
  }
  r.error = "PageRank did not converge in " + std::to_string(o.max_iterations) + " iterations";
  return r;
}

}  // namespace

std::optional<Measure> parse_measure(std::string_view s) {
  for (size_t i = 0; i < kMeasureNames.size(); ++i)
    if (kMeasureNames[i] == s) return static_cast<Measure>(i);
  return std::nullopt;
}
std::string_view to_string(Measure m) { return kMeasureNames[static_cast<size_t>(m)]; }
std::string measure_names() {
  std::string out;
  for (auto name : kMeasureNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

CentralityResult compute_centrality(const AnalysisGraph& g, const CentralityOptions& o) {
  CentralityResult r;
  bool ok = true;
  switch (o.measure) {
    case Measure::kDegree:
    case Measure::kInDegree:
    case Measure::kOutDegree:
      r.values = degree(g, o);
      break;
    case Measure::kBetweenness:
      r.values = detail::betweenness(g, o, &ok, &r.samples);
      break;
    case Measure::kCloseness:
    case Measure::kHarmonic:
      r.values = distance_based(g, o, &ok);
      break;
    case Measure::kEigenvector:
      return eigenvector(g, o);
    case Measure::kPageRank:
      return pagerank(g, o);
  }
  if (!ok) {
    r.values.clear();
    r.error = "cancelled";
  }
  return r;
}

}  // namespace govnet
