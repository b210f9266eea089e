// Internal to core: the Boost.Graph types behind AnalysisGraph. Not installed, not included by
// other folders, so Boost stays inside core.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "govnet/analysis_graph.h"

namespace govnet {

struct ArcProps {
  uint32_t link = 0;
  double length = 1.0;  // for path-based measures: 1/weight when weighted, else 1
  double weight = 1.0;  // for strength, eigenvector and PageRank
};

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcProps,
                                                    boost::no_property, uint32_t, uint32_t>;

struct AnalysisGraph::Csr {
  CsrGraph forward;  // arcs u -> v
  CsrGraph reverse;  // the same arcs turned round, for in-neighbors
};

}  // namespace govnet
