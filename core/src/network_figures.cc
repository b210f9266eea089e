// Network-level figures of structure.h: igraph's transitivity, reciprocity, assortativity and
// modularity; Freeman centralization from govnet's own centralities; the E–I index.
#include <algorithm>
#include <cmath>
#include <limits>

#include "govnet/centrality.h"
#include "govnet/structure.h"
#include "csr.h"
#include "igraph_graph.h"

namespace govnet {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <typename Call>
double igraph_figure(const detail::IGraph& ig, const char* what, Call&& call) {
  igraph_real_t value = 0;
  detail::check_igraph(call(ig.get(), &value), what);
  return value;
}

// Sum of (largest - value) over the star's, the graph with the largest such sum.
double freeman(const std::vector<double>& values, double star_sum) {
  if (values.empty() || star_sum <= 0) return kNaN;
  const double top = *std::max_element(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += top - v;
  return sum / star_sum;
}

void centralizations(const AnalysisGraph& g, NetworkFigures* f) {
  f->degree_centralization = f->betweenness_centralization = f->closeness_centralization = kNaN;
  const double n = g.vertex_count();
  if (g.directed() || g.weighted() || n < 3) return;
  auto values = [&](Measure m) {
    CentralityOptions o;
    o.measure = m;
    return compute_centrality(g, o).values;
  };
  // A star of n vertices: normalized degree 1 at the centre and 1/(n-1) at the leaves;
  // betweenness 1 and 0; closeness 1 and (n-1)/(2n-3).
  f->degree_centralization = freeman(values(Measure::kDegree), n - 2);
  f->betweenness_centralization = freeman(values(Measure::kBetweenness), n - 1);
  f->closeness_centralization =
      freeman(values(Measure::kCloseness), (n - 1) * (n - 2) / (2 * n - 3));
}

}  // namespace

double transitivity(const AnalysisGraph& g) {
  if (!g.directed()) {
    const Adjacency& a = g.csr().out;
    const std::vector<uint64_t> t = detail::undirected_triangles(a);
    double closed = 0, triples = 0;
    for (uint32_t v = 0; v < g.vertex_count(); ++v) {
      const double d = static_cast<double>(a.offset[v + 1] - a.offset[v]);
      closed += static_cast<double>(t[v]);
      triples += d * (d - 1) / 2;
    }
    return triples > 0 ? closed / triples : 0;
  }
  const detail::IGraph undirected(g, false);
  return igraph_figure(undirected, "transitivity", [](const igraph_t* x, double* r) {
    return igraph_transitivity_undirected(x, r, IGRAPH_TRANSITIVITY_ZERO);
  });
}

double degree_assortativity(const AnalysisGraph& g) {
  if (!g.directed()) {
    // Pearson's r of the degrees at the two ends of each link, both ways round (Newman 2002).
    const Adjacency& a = g.csr().out;
    double product = 0, sum = 0, squares = 0, m = 0;
    for (const Link& l : g.links()) {
      if (l.from == l.to) continue;
      const double du = static_cast<double>(a.offset[l.from + 1] - a.offset[l.from]);
      const double dv = static_cast<double>(a.offset[l.to + 1] - a.offset[l.to]);
      product += du * dv;
      sum += du + dv;
      squares += du * du + dv * dv;
      m += 1;
    }
    if (m == 0) return kNaN;
    const double mean = sum / (2 * m);
    const double variance = squares / (2 * m) - mean * mean;
    return variance > 0 ? (product / m - mean * mean) / variance : kNaN;
  }
  const detail::IGraph own(g, g.directed());
  return igraph_figure(own, "assortativity", [&](const igraph_t* x, double* r) {
    return igraph_assortativity_degree(x, r, g.directed());
  });
}

NetworkFigures network_figures(const AnalysisGraph& g) {
  NetworkFigures f;
  f.transitivity = transitivity(g);
  const std::vector<double> local = structure_measure(g, StructureMeasure::kClustering);
  f.average_clustering = 0;
  for (double c : local) f.average_clustering += c;
  f.average_clustering = local.empty() ? kNaN : f.average_clustering / local.size();

  const detail::IGraph own(g, g.directed());
  f.reciprocity =
      !g.directed() ? kNaN : igraph_figure(own, "reciprocity", [](const igraph_t* x, double* r) {
        return igraph_reciprocity(x, r, true, IGRAPH_RECIPROCITY_DEFAULT);
      });
  f.degree_assortativity = degree_assortativity(g);
  centralizations(g, &f);
  return f;
}

EiIndex ei_index(const AnalysisGraph& g, std::span<const uint32_t> group_of) {
  uint32_t groups = 0;
  for (uint32_t k : group_of) groups = std::max(groups, k + 1);
  std::vector<double> external(groups, 0), internal(groups, 0);
  double e = 0, i = 0;
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    const uint32_t a = group_of[l.from], b = group_of[l.to];
    if (a == b) {
      ++i;
      ++internal[a];
    } else {
      ++e;
      ++external[a];
      ++external[b];
    }
  }
  EiIndex out;
  out.global = e + i > 0 ? (e - i) / (e + i) : kNaN;
  out.per_group.resize(groups);
  for (uint32_t k = 0; k < groups; ++k) {
    const double all = external[k] + internal[k];
    out.per_group[k] = all > 0 ? (external[k] - internal[k]) / all : kNaN;
  }
  return out;
}

double modularity(const AnalysisGraph& g, std::span<const uint32_t> group_of) {
  const detail::IGraph ig(g, g.directed());
  igraph_vector_int_t membership;
  detail::check_igraph(igraph_vector_int_init(&membership, group_of.size()), "allocating");
  for (size_t v = 0; v < group_of.size(); ++v) VECTOR(membership)[v] = group_of[v];
  igraph_real_t q = 0;
  const igraph_error_t e =
      igraph_modularity(ig.get(), &membership, ig.weights_if_any(), 1.0, ig.directed(), &q);
  igraph_vector_int_destroy(&membership);
  detail::check_igraph(e, "modularity");
  return q;
}

}  // namespace govnet
