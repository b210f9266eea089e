// Structural measures of an analysis graph: per vertex (Burt's structural holes, k-core number,
// local clustering, eccentricity) and for the whole network (transitivity, reciprocity, degree
// assortativity, Freeman centralization, the E–I index, modularity).
//
// Conventions follow networkx 2.8 where it has the measure; docs/analysis.md gives each with its
// citation. A vertex's neighbours are the vertices it has a link to or from (self-loops are
// dropped when the view is built; parallel ties are one link). In a directed view an undirected
// link is an arc each way. On a weighted view the link weights are the ties' strengths; on an
// unweighted view every link weighs 1. A value that is not defined (an isolated vertex's
// constraint, say) is NaN.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

enum class StructureMeasure : uint8_t {
  // Burt's constraint, as networkx.constraint: sum over neighbours j of (p_ij + sum_q p_iq
  // p_qj)^2, with p_ij the share of i's mutual tie weight (w_ij + w_ji) that goes to j.
  kConstraint,
  // Burt's effective size, as networkx.effective_size: sum over neighbours j of
  // 1 - sum_q p_iq m_jq, with m_jq = mutual weight of j and q over j's largest.
  kEffectiveSize,
  // Effective size over the number of neighbours (Burt 1992).
  kEfficiency,
  // Burt's hierarchy: how much of i's constraint one neighbour accounts for, sum over neighbours
  // j of r_j ln r_j / (N ln N), r_j = c_ij / (C_i / N), N neighbours; NaN below two neighbours.
  kHierarchy,
  // The largest k such that the vertex is in a subgraph where every vertex has k neighbours or
  // more (networkx.core_number; in a directed view the degree is in + out).
  kCoreness,
  // Local clustering as networkx.clustering: the share of pairs of neighbours that are tied;
  // weighted, the geometric mean of the three weights over the largest weight; directed,
  // Fagiolo's (2007) count of directed triangles.
  kClustering,
  // The longest shortest path (in links, following directions in a directed view) from the
  // vertex to any vertex it reaches. networkx refuses disconnected graphs; govnet measures each
  // vertex within what it reaches.
  kEccentricity,
};
std::optional<StructureMeasure> parse_structure_measure(std::string_view);  // constraint, ...
std::string_view to_string(StructureMeasure);
// "constraint, effective-size, ..." for messages and --help.
inline constexpr const char* kStructureMeasureNames =
    "constraint, effective-size, efficiency, hierarchy, coreness, clustering, eccentricity";

// The measure for every vertex of the view, indexed by vertex id.
std::vector<double> structure_measure(const AnalysisGraph& g, StructureMeasure measure);

struct NetworkFigures {
  // 3 x triangles / connected triples, on the links read as undirected (networkx.transitivity).
  double transitivity = 0;
  // The mean of the local clustering over every vertex (networkx.average_clustering).
  double average_clustering = 0;
  // Directed views: the share of arcs whose reverse is an arc too (networkx.overall_reciprocity);
  // NaN on an undirected view.
  double reciprocity = 0;
  // Pearson correlation of the degrees at the two ends of each link; directed views use the
  // source's out-degree and the target's in-degree (networkx.degree_assortativity_coefficient).
  double degree_assortativity = 0;
  // Freeman (1979) centralization of networkx's normalized degree, betweenness and closeness:
  // the sum of the differences from the largest value over the largest sum a graph of that
  // many vertices can have (a star's). Defined on undirected, unweighted views of three
  // vertices or more; NaN otherwise.
  double degree_centralization = 0, betweenness_centralization = 0, closeness_centralization = 0;
};
NetworkFigures network_figures(const AnalysisGraph& g);
// The two figures alone, as network_figures computes them.
double transitivity(const AnalysisGraph& g);
double degree_assortativity(const AnalysisGraph& g);

// Krackhardt and Stern's E–I index of a grouping: (E - I) / (E + I), E the links between
// vertices of different groups and I the links within one. `per_group[k]` counts, for group
// k, its links to other groups as E and its internal links as I. NaN without links.
struct EiIndex {
  double global = 0;
  std::vector<double> per_group;
};
EiIndex ei_index(const AnalysisGraph& g, std::span<const uint32_t> group_of);

// Newman's modularity of a partition (group_of[v] for every vertex) at resolution 1, weighted
// by the link weights, directed on a directed view (igraph_modularity).
double modularity(const AnalysisGraph& g, std::span<const uint32_t> group_of);

}  // namespace govnet
