// Internal to core: the Boost.Graph types behind AnalysisGraph. Not installed, not included by
// other folders, so Boost stays inside core.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

// An arc knows only its link: the link's weight serves strength, eigenvector and PageRank, and
// 1/weight is its length for path-based measures (4 bytes an arc instead of 24, twice over).
struct ArcProps {
  uint32_t link = 0;
};

// Length of a link for path-based measures: 1/weight when the view is weighted, else 1.
inline double link_length(const AnalysisGraph& g, uint32_t link) {
  return g.weighted() ? 1.0 / g.links()[link].weight : 1.0;
}

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcProps,
                                                    boost::no_property, uint32_t, uint32_t>;

// The arcs of a CsrGraph as plain arrays, in the same order, for the hot loops of the
// centrality measures (no edge descriptors, no property lookups).
struct Adjacency {
  std::vector<uint64_t> offset;  // arcs of v: [offset[v], offset[v + 1])
  std::vector<uint32_t> target;
  std::vector<double> length, weight;  // per arc; empty when the view is unweighted

  uint32_t vertex_count() const { return static_cast<uint32_t>(offset.size() - 1); }
  bool weighted() const { return !length.empty(); }

  static Adjacency of(const CsrGraph& g, const std::vector<Link>& links, bool weighted) {
    Adjacency a;
    const uint32_t n = static_cast<uint32_t>(boost::num_vertices(g));
    a.offset.reserve(n + 1);
    a.target.reserve(boost::num_edges(g));
    if (weighted) {
      a.length.reserve(boost::num_edges(g));
      a.weight.reserve(boost::num_edges(g));
    }
    a.offset.push_back(0);
    for (uint32_t v = 0; v < n; ++v) {
      for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
        a.target.push_back(static_cast<uint32_t>(boost::target(e, g)));
        if (weighted) {
          const double w = links[g[e].link].weight;
          a.length.push_back(1.0 / w);
          a.weight.push_back(w);
        }
      }
      a.offset.push_back(a.target.size());
    }
    return a;
  }
};

namespace detail {
// Triangles through each vertex of an undirected view's symmetric arcs (no parallel arcs, no
// loops), each triangle counted once at each of its three vertices.
std::vector<uint64_t> undirected_triangles(const Adjacency& a);
}  // namespace detail

struct AnalysisGraph::Csr {
  CsrGraph forward;   // arcs u -> v
  CsrGraph reverse;   // the same arcs turned round, for in-neighbors
  Adjacency out, in;  // forward and reverse as plain arrays
};

}  // namespace govnet
