#include "govnet/traversal.h"

#include <algorithm>
#include <limits>
#include <queue>

#include "csr.h"

namespace govnet {

std::optional<std::vector<PathStep>> shortest_path(const AnalysisGraph& g, uint32_t s, uint32_t t) {
  const uint32_t n = g.vertex_count();
  const CsrGraph& fwd = g.csr().forward;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr uint32_t kNo = UINT32_MAX;
  std::vector<double> dist(n, kInf);
  std::vector<uint32_t> parent(n, kNo), via(n, kNo);
  std::vector<char> done(n, 0);
  // Dijkstra in both cases (length 1 when unweighted); ordering the heap by (distance, vertex)
  // and keeping the lowest-id parent among equals makes the chosen path deterministic.
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist[s] = 0.0;
  heap.push({0.0, s});
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    if (v == t) break;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, fwd))) {
      uint32_t w = static_cast<uint32_t>(boost::target(e, fwd));
      double nd = d + link_length(g, fwd[e].link);
      if (nd < dist[w] || (nd == dist[w] && !done[w] && v < parent[w])) {
        dist[w] = nd;
        parent[w] = v;
        via[w] = fwd[e].link;
        heap.push({nd, w});
      }
    }
  }
  if (dist[t] == kInf) return std::nullopt;
  std::vector<PathStep> path;
  for (uint32_t v = t; v != kNo; v = parent[v]) path.push_back({v, via[v]});
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<Reached> ego_network(const AnalysisGraph& g, uint32_t center, uint32_t depth) {
  const CsrGraph& fwd = g.csr().forward;
  const CsrGraph& rev = g.csr().reverse;
  constexpr uint32_t kNo = UINT32_MAX;
  std::vector<uint32_t> dist(g.vertex_count(), kNo);
  std::vector<Reached> out{{center, 0, kNo, kNo}};
  dist[center] = 0;
  for (size_t head = 0; head < out.size(); ++head) {
    const Reached r = out[head];
    if (r.distance == depth) continue;
    // Neighbors in either direction, visited in id order for a stable listing.
    std::vector<std::pair<uint32_t, uint32_t>> next;
    for (auto e : boost::make_iterator_range(boost::out_edges(r.vertex, fwd)))
      next.emplace_back(static_cast<uint32_t>(boost::target(e, fwd)), fwd[e].link);
    for (auto e : boost::make_iterator_range(boost::out_edges(r.vertex, rev)))
      next.emplace_back(static_cast<uint32_t>(boost::target(e, rev)), rev[e].link);
    std::sort(next.begin(), next.end());
    for (auto [w, link] : next) {
      if (dist[w] != kNo) continue;
      dist[w] = r.distance + 1;
      out.push_back({w, r.distance + 1, link, r.vertex});
    }
  }
  return out;
}

std::vector<uint32_t> connected_components(const AnalysisGraph& g, uint32_t* count) {
  const uint32_t n = g.vertex_count();
  constexpr uint32_t kNo = UINT32_MAX;
  std::vector<uint32_t> comp(n, kNo);
  uint32_t c = 0;
  std::vector<uint32_t> stack;
  for (uint32_t s = 0; s < n; ++s) {
    if (comp[s] != kNo) continue;
    comp[s] = c;
    stack.push_back(s);
    while (!stack.empty()) {
      uint32_t v = stack.back();
      stack.pop_back();
      for (const CsrGraph* graph : {&g.csr().forward, &g.csr().reverse})
        for (auto e : boost::make_iterator_range(boost::out_edges(v, *graph))) {
          uint32_t w = static_cast<uint32_t>(boost::target(e, *graph));
          if (comp[w] == kNo) {
            comp[w] = c;
            stack.push_back(w);
          }
        }
    }
    ++c;
  }
  if (count) *count = c;
  return comp;
}

}  // namespace govnet
