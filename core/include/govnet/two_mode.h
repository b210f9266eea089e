// Centralities of a two-mode (affiliation) view normalized within each mode, as Borgatti and
// Everett (1997) define them and networkx.algorithms.bipartite computes them. With n vertices
// in a vertex's own mode and m in the other:
//  - degree: links / m;
//  - closeness: (m + 2 (n - 1)) / (sum of distances to the vertices it reaches), times the share
//    of the other vertices it reaches (r - 1) / (n + m - 1); 0 when it reaches none;
//  - betweenness: the raw betweenness over the largest a vertex of its mode can have in a graph of
//    those mode sizes.
// Raw values: degree counts links, closeness leaves out the share reached, betweenness is raw.
// Actors are one mode and instruments the other. The view must be undirected and unweighted
// (networkx's bipartite measures have neither); otherwise the result carries an error.
#pragma once

#include "govnet/analysis_graph.h"
#include "govnet/centrality.h"

namespace govnet {

// `measure` is kDegree, kCloseness or kBetweenness; any other gives a result with an error.
CentralityResult two_mode_centrality(const AnalysisGraph& g, Measure measure, bool normalized);

}  // namespace govnet
