#include "govnet/centrality.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include "shortest_paths.h"

namespace govnet {
namespace {

using detail::kInf;
using detail::Sssp;
using detail::for_each_source;
using detail::thread_count;

constexpr std::array<std::string_view, 8> kMeasureNames = {
    "degree", "in-degree", "out-degree", "betweenness", "closeness", "harmonic",
    "eigenvector", "pagerank"};

// Closeness and harmonic use the distances *to* v, i.e. a search on the reverse graph.
std::vector<double> distance_based(const AnalysisGraph& g, const CentralityOptions& o, bool* ok) {
  const uint32_t n = g.vertex_count();
  const CsrGraph& rev = g.csr().reverse;
  const unsigned threads = thread_count(o, n);
  std::vector<Sssp> ws;
  ws.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) ws.emplace_back(n);
  std::vector<double> out(n, 0.0);
  const bool harmonic = o.measure == Measure::kHarmonic;
  *ok = for_each_source(n, threads, o.progress, [&](uint32_t v, unsigned t) {
    Sssp& sp = ws[t];
    sp.run(rev, v, g.weighted());
    double total = 0.0, inverse = 0.0;
    for (uint32_t u : sp.order) {
      total += sp.dist[u];
      if (u != v) inverse += 1.0 / sp.dist[u];
    }
    if (harmonic) { out[v] = inverse; return; }
    double reached = double(sp.order.size()) - 1.0;
    if (total <= 0.0 || n <= 1) { out[v] = 0.0; return; }
    if (!o.normalized) { out[v] = 1.0 / total; return; }
    out[v] = reached / total * (reached / double(n - 1));
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
      for (auto e : boost::make_iterator_range(boost::out_edges(v, fwd))) d += weighted ? fwd[e].weight : 1.0;
    if (use_in || (!g.directed() && o.measure == Measure::kInDegree))
      for (auto e : boost::make_iterator_range(boost::out_edges(v, rev))) d += weighted ? rev[e].weight : 1.0;
    out[v] = d;
  }
  if (o.normalized && !weighted) {
    if (n <= 1) std::fill(out.begin(), out.end(), 1.0);
    else for (double& x : out) x /= double(n - 1);
  }
  return out;
}

CentralityResult eigenvector(const AnalysisGraph& g, const CentralityOptions& o) {
  const uint32_t n = g.vertex_count();
  const CsrGraph& rev = g.csr().reverse;
  CentralityResult r;
  if (n == 0) return r;
  if (g.arc_count() == 0) {
    r.error = "eigenvector centrality is undefined on a view without ties";
    return r;
  }
  std::vector<double> x(n, 1.0 / n), last(n);
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    last.swap(x);
    double norm = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      double s = last[v];  // the identity term: iterate with A + I
      for (auto e : boost::make_iterator_range(boost::out_edges(v, rev)))
        s += last[boost::target(e, rev)] * (g.weighted() ? rev[e].weight : 1.0);
      x[v] = s;
      norm += s * s;
    }
    norm = std::sqrt(norm);
    if (norm == 0.0) norm = 1.0;
    double change = 0.0;
    for (uint32_t v = 0; v < n; ++v) { x[v] /= norm; change += std::fabs(x[v] - last[v]); }
    if (o.progress && !o.progress(double(r.iterations) / o.max_iterations)) {
      r.error = "cancelled";
      return r;
    }
    if (change < n * o.tolerance) { r.values = std::move(x); return r; }
  }
  r.error = "eigenvector centrality did not converge in " + std::to_string(o.max_iterations) +
            " iterations; try PageRank, which always converges";
  return r;
}

CentralityResult pagerank(const AnalysisGraph& g, const CentralityOptions& o) {
  const uint32_t n = g.vertex_count();
  const CsrGraph& fwd = g.csr().forward;
  const CsrGraph& rev = g.csr().reverse;
  CentralityResult r;
  if (n == 0) return r;
  std::vector<double> out_strength(n, 0.0);
  for (uint32_t v = 0; v < n; ++v)
    for (auto e : boost::make_iterator_range(boost::out_edges(v, fwd)))
      out_strength[v] += g.weighted() ? fwd[e].weight : 1.0;
  std::vector<double> x(n, 1.0 / n), last(n);
  const double alpha = o.alpha;
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    last.swap(x);
    double dangling = 0.0;
    for (uint32_t v = 0; v < n; ++v) if (out_strength[v] == 0.0) dangling += last[v];
    const double base = (alpha * dangling + (1.0 - alpha)) / n;
    double change = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      double s = 0.0;
      for (auto e : boost::make_iterator_range(boost::out_edges(v, rev))) {
        uint32_t u = static_cast<uint32_t>(boost::target(e, rev));
        s += last[u] * (g.weighted() ? rev[e].weight : 1.0) / out_strength[u];
      }
      x[v] = base + alpha * s;
      change += std::fabs(x[v] - last[v]);
    }
    if (o.progress && !o.progress(double(r.iterations) / o.max_iterations)) {
      r.error = "cancelled";
      return r;
    }
    if (change < n * o.tolerance) { r.values = std::move(x); return r; }
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
  for (auto name : kMeasureNames) { if (!out.empty()) out += ", "; out += name; }
  return out;
}

CentralityResult compute_centrality(const AnalysisGraph& g, const CentralityOptions& o) {
  CentralityResult r;
  bool ok = true;
  switch (o.measure) {
    case Measure::kDegree:
    case Measure::kInDegree:
    case Measure::kOutDegree: r.values = degree(g, o); break;
    case Measure::kBetweenness: r.values = detail::betweenness(g, o, &ok, &r.samples); break;
    case Measure::kCloseness:
    case Measure::kHarmonic: r.values = distance_based(g, o, &ok); break;
    case Measure::kEigenvector: return eigenvector(g, o);
    case Measure::kPageRank: return pagerank(g, o);
  }
  if (!ok) { r.values.clear(); r.error = "cancelled"; }
  return r;
}

}  // namespace govnet
