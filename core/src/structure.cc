#include "govnet/structure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "govnet/centrality.h"
#include "csr.h"
#include "igraph_graph.h"

namespace govnet {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Every vertex's neighbours, in and out merged, sorted, with the weight of the arc to the
// neighbour and of the arc from it (0 where there is none). In an undirected view both are the
// link's weight.
struct Neighbour {
  uint32_t v;
  double out, in;
  double mutual() const { return out + in; }
};
struct Neighbourhoods {
  std::vector<uint64_t> begin;
  std::vector<Neighbour> list;
  std::span<const Neighbour> of(uint32_t v) const {
    return {list.data() + begin[v], list.data() + begin[v + 1]};
  }
};

Neighbourhoods neighbourhoods(const AnalysisGraph& g) {
  struct Arc {
    uint32_t from, to;
    double out, in;
  };
  std::vector<Arc> arcs;
  arcs.reserve(g.links().size() * 2);
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    const bool both = !g.directed() || !l.directed;
    arcs.push_back({l.from, l.to, l.weight, both ? l.weight : 0});
    arcs.push_back({l.to, l.from, both ? l.weight : 0, l.weight});
  }
  std::sort(arcs.begin(), arcs.end(), [](const Arc& a, const Arc& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  Neighbourhoods n;
  n.begin.assign(g.vertex_count() + 1, 0);
  for (const Arc& a : arcs) {
    n.list.push_back({a.to, a.out, a.in});
    ++n.begin[a.from + 1];
  }
  for (uint32_t v = 0; v < g.vertex_count(); ++v) n.begin[v + 1] += n.begin[v];
  // Merge neighbours listed twice (a directed link beside an undirected one, or arcs both ways
  // of a directed view): one entry per neighbour, weights added.
  Neighbourhoods merged;
  merged.begin.assign(g.vertex_count() + 1, 0);
  merged.list.reserve(n.list.size());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    for (const Neighbour& x : n.of(v)) {
      if (merged.list.size() > merged.begin[v] && merged.list.back().v == x.v) {
        merged.list.back().out += x.out;
        merged.list.back().in += x.in;
      } else {
        merged.list.push_back(x);
      }
    }
    merged.begin[v + 1] = merged.list.size();
  }
  return merged;
}

// Burt's measures for one vertex at a time, with i's neighbours marked in `share` (p_ij) so that
// a neighbour's own neighbours are looked up in constant time.
struct Burt {
  const Neighbourhoods& n;
  std::vector<double> total, largest;  // per vertex: sum and largest of its mutual weights
  std::vector<double> share, indirect;
  std::vector<uint32_t> marked;  // 1 + the vertex whose neighbour it is marked as

  explicit Burt(const Neighbourhoods& nb) : n(nb) {
    const size_t count = nb.begin.size() - 1;
    total.assign(count, 0);
    largest.assign(count, 0);
    share.assign(count, 0);
    indirect.assign(count, 0);
    marked.assign(count, 0);
    for (uint32_t v = 0; v < count; ++v)
      for (const Neighbour& x : nb.of(v)) {
        total[v] += x.mutual();
        largest[v] = std::max(largest[v], x.mutual());
      }
  }
  double p(uint32_t i, const Neighbour& j) const { return j.mutual() / total[i]; }

  void mark(uint32_t i) {
    for (const Neighbour& j : n.of(i)) {
      share[j.v] = p(i, j);
      indirect[j.v] = 0;
      marked[j.v] = i + 1;
    }
  }
  bool is_marked(uint32_t i, uint32_t v) const { return marked[v] == i + 1; }

  // Local constraints c_ij of i's neighbours, in the order of n.of(i).
  std::vector<double> local_constraints(uint32_t i) {
    mark(i);
    for (const Neighbour& q : n.of(i))
      for (const Neighbour& j : n.of(q.v))
        if (j.v != i && is_marked(i, j.v)) indirect[j.v] += share[q.v] * p(q.v, j);
    std::vector<double> out;
    for (const Neighbour& j : n.of(i)) out.push_back(std::pow(share[j.v] + indirect[j.v], 2));
    return out;
  }

  double effective_size(uint32_t i) {
    mark(i);
    double sum = 0;
    for (const Neighbour& j : n.of(i)) {
      double redundancy = 0;
      for (const Neighbour& q : n.of(j.v))
        if (q.v != i && is_marked(i, q.v)) redundancy += share[q.v] * q.mutual() / largest[j.v];
      sum += 1 - redundancy;
    }
    return sum;
  }
};

double hierarchy_of(const std::vector<double>& local) {
  const double count = static_cast<double>(local.size());
  if (local.size() < 2) return kNaN;
  double total = 0;
  for (double c : local) total += c;
  double sum = 0;
  for (double c : local) {
    const double r = c / (total / count);
    if (r > 0) sum += r * std::log(r);
  }
  return sum / (count * std::log(count));
}

std::vector<double> burt(const AnalysisGraph& g, StructureMeasure measure) {
  const Neighbourhoods n = neighbourhoods(g);
  Burt b(n);
  std::vector<double> out(g.vertex_count(), kNaN);
  for (uint32_t i = 0; i < g.vertex_count(); ++i) {
    const size_t degree = n.of(i).size();
    if (degree == 0) continue;
    switch (measure) {
      case StructureMeasure::kConstraint: {
        double sum = 0;
        for (double c : b.local_constraints(i)) sum += c;
        out[i] = sum;
        break;
      }
      case StructureMeasure::kEffectiveSize:
        out[i] = b.effective_size(i);
        break;
      case StructureMeasure::kEfficiency:
        out[i] = b.effective_size(i) / degree;
        break;
      case StructureMeasure::kHierarchy:
        out[i] = hierarchy_of(b.local_constraints(i));
        break;
      default:
        break;
    }
  }
  return out;
}

// networkx's clustering with weights w / (largest weight) and their cube roots (on an undirected,
// unweighted view, counted from triangles directly: the same number): undirected,
// sum over ordered pairs of tied neighbours j, k of (w_ij w_jk w_ki)^(1/3) over d (d - 1);
// directed, sum over j, k of s_ij s_jk s_ki, s_ab = a_ab^(1/3) + a_ba^(1/3), over
// 2 (d_tot (d_tot - 1) - 2 d_reciprocal).
std::vector<double> clustering(const AnalysisGraph& g) {
  if (!g.directed() && !g.weighted()) {  // every strength 1: triangles over pairs of neighbours
    const Adjacency& a = g.csr().out;
    const std::vector<uint64_t> t = detail::undirected_triangles(a);
    std::vector<double> out(g.vertex_count(), 0);
    for (uint32_t v = 0; v < g.vertex_count(); ++v) {
      const double d = static_cast<double>(a.offset[v + 1] - a.offset[v]);
      if (d >= 2) out[v] = 2.0 * static_cast<double>(t[v]) / (d * (d - 1));
    }
    return out;
  }
  const Neighbourhoods n = neighbourhoods(g);
  double largest = 0;
  for (const Neighbour& x : n.list) largest = std::max({largest, x.out, x.in});
  const bool directed = g.directed();
  auto strength = [&](const Neighbour& x) {
    if (!directed) return std::cbrt(x.out / largest);
    return std::cbrt(x.out / largest) + std::cbrt(x.in / largest);
  };
  std::vector<double> tied(g.vertex_count(), 0);
  std::vector<uint32_t> marked(g.vertex_count(), 0);
  std::vector<double> out(g.vertex_count(), 0);
  for (uint32_t i = 0; i < g.vertex_count(); ++i) {
    double degree = 0, reciprocal = 0;
    for (const Neighbour& j : n.of(i)) {
      tied[j.v] = strength(j);
      marked[j.v] = i + 1;
      degree += directed ? (j.out > 0) + (j.in > 0) : 1;
      reciprocal += j.out > 0 && j.in > 0;
    }
    double triangles = 0;
    for (const Neighbour& j : n.of(i))
      for (const Neighbour& k : n.of(j.v))
        if (k.v != i && marked[k.v] == i + 1) triangles += tied[j.v] * strength(k) * tied[k.v];
    const double possible =
        directed ? 2 * (degree * (degree - 1) - 2 * reciprocal) : degree * (degree - 1);
    out[i] = triangles > 0 && possible > 0 ? triangles / possible : 0;
  }
  return out;
}

}  // namespace

namespace detail {

std::vector<uint64_t> undirected_triangles(const Adjacency& a) {
  const uint32_t n = a.vertex_count();
  auto degree = [&](uint32_t v) { return a.offset[v + 1] - a.offset[v]; };
  // Each edge points from the lower-ranked end to the higher (by degree, then id), so every
  // triangle is found once, from its lowest-ranked vertex, in O(m^1.5).
  auto before = [&](uint32_t u, uint32_t v) {
    return degree(u) != degree(v) ? degree(u) < degree(v) : u < v;
  };
  std::vector<uint64_t> start(n + 1, 0);
  for (uint32_t u = 0; u < n; ++u) {
    start[u + 1] = start[u];
    for (uint64_t e = a.offset[u]; e < a.offset[u + 1]; ++e) start[u + 1] += before(u, a.target[e]);
  }
  std::vector<uint32_t> up(start[n]);
  for (uint32_t u = 0; u < n; ++u) {
    uint64_t at = start[u];
    for (uint64_t e = a.offset[u]; e < a.offset[u + 1]; ++e)
      if (before(u, a.target[e])) up[at++] = a.target[e];
  }
  std::vector<uint64_t> triangles(n, 0);
  std::vector<uint32_t> mark(n, UINT32_MAX);
  for (uint32_t u = 0; u < n; ++u) {
    for (uint64_t e = start[u]; e < start[u + 1]; ++e) mark[up[e]] = u;
    for (uint64_t e = start[u]; e < start[u + 1]; ++e) {
      const uint32_t v = up[e];
      for (uint64_t f = start[v]; f < start[v + 1]; ++f)
        if (mark[up[f]] == u) ++triangles[u], ++triangles[v], ++triangles[up[f]];
    }
  }
  return triangles;
}

}  // namespace detail

namespace {

// Batagelj and Zaversnik's (2003) O(m) core numbers on the symmetric arcs of an undirected view:
// vertices in buckets by remaining degree, each taken in order lowers its higher neighbours.
std::vector<double> undirected_coreness(const Adjacency& a) {
  const uint32_t n = a.vertex_count();
  std::vector<uint32_t> degree(n), position(n), order(n);
  uint32_t largest = 0;
  for (uint32_t v = 0; v < n; ++v) {
    degree[v] = static_cast<uint32_t>(a.offset[v + 1] - a.offset[v]);
    largest = std::max(largest, degree[v]);
  }
  std::vector<uint32_t> start(largest + 2, 0);
  for (uint32_t v = 0; v < n; ++v) ++start[degree[v] + 1];
  for (uint32_t d = 1; d <= largest + 1; ++d) start[d] += start[d - 1];
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t v = 0; v < n; ++v) {
    position[v] = fill[degree[v]]++;
    order[position[v]] = v;
  }
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t v = order[i];
    for (uint64_t e = a.offset[v]; e < a.offset[v + 1]; ++e) {
      const uint32_t u = a.target[e];
      if (degree[u] <= degree[v]) continue;
      // Move u to the front of its bucket, then shrink the bucket by one.
      const uint32_t du = degree[u], front = start[du], w = order[front];
      if (u != w) {
        std::swap(order[position[u]], order[front]);
        std::swap(position[u], position[w]);
      }
      ++start[du];
      --degree[u];
    }
  }
  return {degree.begin(), degree.end()};
}

std::vector<double> coreness(const AnalysisGraph& g) {
  if (!g.directed()) return undirected_coreness(g.csr().out);
  detail::IGraph ig(g, g.directed());
  igraph_vector_int_t cores;
  detail::check_igraph(igraph_vector_int_init(&cores, 0), "allocating");
  const igraph_error_t e = igraph_coreness(ig.get(), &cores, IGRAPH_ALL);
  std::vector<int64_t> values = detail::to_vector(cores);
  igraph_vector_int_destroy(&cores);
  detail::check_igraph(e, "coreness");
  return {values.begin(), values.end()};
}

std::vector<double> eccentricity(const AnalysisGraph& g) {
  detail::IGraph ig(g, g.directed());
  igraph_vector_t res;
  detail::check_igraph(igraph_vector_init(&res, 0), "allocating");
  const igraph_error_t e = igraph_eccentricity(ig.get(), &res, igraph_vss_all(), IGRAPH_OUT);
  std::vector<double> values = detail::to_vector(res);
  igraph_vector_destroy(&res);
  detail::check_igraph(e, "eccentricity");
  return values;
}

constexpr std::array<std::string_view, 7> kNames = {"constraint",  "effective-size", "efficiency",
                                                    "hierarchy",   "coreness",       "clustering",
                                                    "eccentricity"};

}  // namespace

std::optional<StructureMeasure> parse_structure_measure(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<StructureMeasure>(i);
  return std::nullopt;
}

std::string_view to_string(StructureMeasure m) { return kNames[static_cast<size_t>(m)]; }

std::vector<double> structure_measure(const AnalysisGraph& g, StructureMeasure measure) {
  switch (measure) {
    case StructureMeasure::kConstraint:
    case StructureMeasure::kEffectiveSize:
    case StructureMeasure::kEfficiency:
    case StructureMeasure::kHierarchy:
      return burt(g, measure);
    case StructureMeasure::kCoreness:
      return coreness(g);
    case StructureMeasure::kClustering:
      return clustering(g);
    case StructureMeasure::kEccentricity:
      return eccentricity(g);
  }
  return {};
}

}  // namespace govnet
