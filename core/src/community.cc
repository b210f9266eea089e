#include "govnet/community.h"

#include <map>
#include <unordered_map>

namespace govnet {
namespace {

// A weighted undirected graph for one level of the method; self-loops hold the weight inside
// merged communities.
struct Level {
  std::vector<std::vector<std::pair<uint32_t, double>>> adj;  // no self entries
  std::vector<double> self;                                   // self-loop weight
  size_t size() const { return adj.size(); }
};

// One round of local moves; returns each vertex's community and whether anything moved.
bool move_vertices(const Level& g, std::vector<uint32_t>* comm) {
  const size_t n = g.size();
  std::vector<double> k(n, 0.0);  // weighted degree, a self-loop counting twice
  double m2 = 0;
  for (size_t i = 0; i < n; ++i) {
    for (auto [j, w] : g.adj[i]) k[i] += w;
    k[i] += 2 * g.self[i];
    m2 += k[i];
  }
  comm->resize(n);
  for (size_t i = 0; i < n; ++i) (*comm)[i] = static_cast<uint32_t>(i);
  if (m2 == 0) return false;
  std::vector<double> tot(k);
  bool any = false;
  std::map<uint32_t, double> to_comm;
  for (int pass = 0; pass < 100; ++pass) {
    bool moved = false;
    for (size_t i = 0; i < n; ++i) {
      uint32_t own = (*comm)[i];
      to_comm.clear();
      to_comm[own] += 0;
      for (auto [j, w] : g.adj[i]) to_comm[(*comm)[j]] += w;
      tot[own] -= k[i];
      uint32_t best = own;
      double best_gain = to_comm[own] - tot[own] * k[i] / m2;
      for (auto [c, w] : to_comm) {
        double gain = w - tot[c] * k[i] / m2;
        if (gain > best_gain + 1e-12) {
          best = c;
          best_gain = gain;
        }
      }
      tot[best] += k[i];
      if (best != own) {
        (*comm)[i] = best;
        moved = true;
        any = true;
      }
    }
    if (!moved) break;
  }
  return any;
}

}  // namespace

std::vector<uint32_t> louvain_communities(const AnalysisGraph& g, uint32_t* count) {
  const uint32_t n = g.vertex_count();
  Level level;
  level.adj.resize(n);
  level.self.assign(n, 0.0);
  for (const Link& l : g.links()) {
    if (l.from == l.to) {
      level.self[l.from] += l.weight;
      continue;
    }
    level.adj[l.from].emplace_back(l.to, l.weight);
    level.adj[l.to].emplace_back(l.from, l.weight);
  }
  std::vector<uint32_t> membership(n);
  for (uint32_t v = 0; v < n; ++v) membership[v] = v;
  for (;;) {
    std::vector<uint32_t> comm;
    if (!move_vertices(level, &comm)) break;
    // Renumber this level's communities 0.. and merge each into one vertex.
    std::map<uint32_t, uint32_t> ids;
    for (uint32_t c : comm) ids.emplace(c, static_cast<uint32_t>(ids.size()));
    for (uint32_t& c : comm) c = ids[c];
    for (uint32_t& m : membership) m = comm[m];
    Level next;
    next.adj.resize(ids.size());
    next.self.assign(ids.size(), 0.0);
    std::vector<std::map<uint32_t, double>> merged(ids.size());
    for (size_t i = 0; i < level.size(); ++i) {
      next.self[comm[i]] += level.self[i];
      for (auto [j, w] : level.adj[i]) {
        if (comm[i] == comm[j])
          next.self[comm[i]] += w / 2;  // each inner link is seen twice
        else
          merged[comm[i]][comm[j]] += w;
      }
    }
    for (size_t c = 0; c < merged.size(); ++c)
      for (auto [d, w] : merged[c]) next.adj[c].emplace_back(d, w);
    if (next.size() == level.size()) break;
    level = std::move(next);
  }
  std::map<uint32_t, uint32_t> ids;
  for (uint32_t& m : membership)
    m = ids.emplace(m, static_cast<uint32_t>(ids.size())).first->second;
  if (count) *count = static_cast<uint32_t>(ids.size());
  return membership;
}

}  // namespace govnet
