#include "govnet/two_mode.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "govnet/parallel.h"

namespace govnet {
namespace {

struct Modes {
  std::vector<bool> instrument;  // by vertex
  double actors = 0, instruments = 0;
  double own(uint32_t v) const { return instrument[v] ? instruments : actors; }
  double other(uint32_t v) const { return instrument[v] ? actors : instruments; }
};

Modes modes_of(const AnalysisGraph& g) {
  Modes m;
  m.instrument.resize(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    m.instrument[v] = g.vertex(v).is_instrument();
    (m.instrument[v] ? m.instruments : m.actors) += 1;
  }
  return m;
}

std::vector<std::vector<uint32_t>> neighbours(const AnalysisGraph& g) {
  std::vector<std::vector<uint32_t>> out(g.vertex_count());
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    out[l.from].push_back(l.to);
    out[l.to].push_back(l.from);
  }
  return out;
}

// The largest raw betweenness of a vertex of a mode of n vertices beside a mode of m
// (Borgatti and Everett 1997; networkx's bet_max).
double largest_betweenness(double n, double m) {
  if (m <= 0) return 0;
  const double s = std::floor((n - 1) / m), t = (n - 1) - s * m;
  return (m * m * (s + 1) * (s + 1) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2;
}

std::vector<double> closeness(const AnalysisGraph& g, const Modes& modes, bool normalized) {
  const auto adj = neighbours(g);
  const uint32_t n = g.vertex_count();
  std::vector<double> out(n, 0);
  constexpr uint32_t kBlock = 64;
  on_every_core((n + kBlock - 1) / kBlock, [&](size_t block) {
    std::vector<uint32_t> dist(n);
    std::deque<uint32_t> queue;
    const uint32_t end = std::min<uint32_t>(n, (block + 1) * kBlock);
    for (uint32_t s = block * kBlock; s < end; ++s) {
      std::fill(dist.begin(), dist.end(), UINT32_MAX);
      dist[s] = 0;
      queue.assign(1, s);
      double total = 0, reached = 0;
      while (!queue.empty()) {
        const uint32_t v = queue.front();
        queue.pop_front();
        total += dist[v];
        ++reached;
        for (uint32_t w : adj[v])
          if (dist[w] == UINT32_MAX) dist[w] = dist[v] + 1, queue.push_back(w);
      }
      if (total <= 0 || n < 2) continue;
      out[s] = (modes.other(s) + 2 * (modes.own(s) - 1)) / total;
      if (normalized) out[s] *= (reached - 1) / (n - 1);
    }
  });
  return out;
}

}  // namespace

CentralityResult two_mode_centrality(const AnalysisGraph& g, Measure measure, bool normalized) {
  const Modes modes = modes_of(g);
  CentralityResult r;
  if (g.directed() || g.weighted()) {
    r.error = "two-mode normalization needs an undirected, unweighted view";
    return r;
  }
  switch (measure) {
    case Measure::kDegree: {
      r.values.assign(g.vertex_count(), 0);
      for (const Link& l : g.links())
        if (l.from != l.to) r.values[l.from] += 1, r.values[l.to] += 1;
      if (normalized)
        for (uint32_t v = 0; v < g.vertex_count(); ++v)
          r.values[v] = modes.other(v) > 0 ? r.values[v] / modes.other(v) : 0;
      return r;
    }
    case Measure::kCloseness:
      r.values = closeness(g, modes, normalized);
      return r;
    case Measure::kBetweenness: {
      CentralityOptions o;
      o.measure = Measure::kBetweenness;
      o.normalized = false;
      r = compute_centrality(g, o);
      if (!r.ok() || !normalized) return r;
      for (uint32_t v = 0; v < g.vertex_count(); ++v) {
        const double top = largest_betweenness(modes.own(v), modes.other(v));
        r.values[v] = top > 0 ? r.values[v] / top : 0;
      }
      return r;
    }
    default:
      r.error = "two-mode normalization is defined for degree, closeness and betweenness";
      return r;
  }
}

}  // namespace govnet
