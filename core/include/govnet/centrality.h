// Centrality measures on an AnalysisGraph. Conventions follow networkx's documented defaults:
//  - degree: degree / (n-1); in directed mode in-, out- or total degree. Weighted (strength): the
//    sum of link weights, never normalized.
//  - betweenness: Brandes; normalized by 2/((n-1)(n-2)) undirected, 1/((n-1)(n-2)) directed;
//    raw values count each unordered pair once (undirected) or each ordered pair (directed).
//  - closeness: incoming distances; (r-1)/sum(d) scaled by (r-1)/(n-1) (Wasserman–Faust),
//    where r counts the vertices that reach v, v included. Raw: 1/sum(d) without scaling.
//  - harmonic: sum of 1/d(u,v) over u != v, raw as networkx; --raw changes nothing here.
//  - eigenvector: of the in-link matrix, unit L2 norm; power iteration on A + I.
//  - pagerank: alpha 0.85, uniform teleport and dangling redistribution, summing to 1.
// Differences from networkx, stated in `govnet centrality --help` too: path-based measures on a
// weighted view treat a weight as a strength, so a link's length is 1/weight; parallel ties are
// merged (weights add up) and self-loops are dropped when the view is built; raw closeness is
// 1/sum(d) (networkx has no unnormalized closeness).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

enum class Measure : uint8_t {
  kDegree,
  kInDegree,
  kOutDegree,
  kBetweenness,
  kCloseness,
  kHarmonic,
  kEigenvector,
  kPageRank
};
std::optional<Measure> parse_measure(std::string_view);  // degree, in-degree, ..., pagerank
std::string_view to_string(Measure);
std::string measure_names();

struct CentralityOptions {
  Measure measure = Measure::kDegree;
  bool normalized = true;
  unsigned threads = 0;  // workers; 0: the thread count in force (parallel.h)
  double alpha = 0.85;   // PageRank damping
  int max_iterations = 1000;
  double tolerance = 1e-12;  // iterative measures: stop when the L1 change is below n * tolerance
  // Betweenness only: with epsilon > 0, estimate from sampled shortest paths (Riondato and
  // Kornaropoulos 2016) so that, with probability at least 1 - delta, every normalized value is
  // within epsilon (times n/(n-2)) of the exact one. When the bound needs as many samples as
  // there are vertices, the exact computation is run instead (it is then no slower).
  double epsilon = 0.0;
  double delta = 0.1;
  uint64_t seed = 1;  // sampling is deterministic for a seed and a thread count
  // Called now and then with the fraction done, from one thread at a time but not necessarily
  // the caller's; returning false cancels the computation.
  std::function<bool(double)> progress;
};

struct CentralityResult {
  std::vector<double> values;  // indexed by vertex id; empty on error
  std::string error;           // set when the computation did not converge or was cancelled
  int iterations = 0;          // iterative measures only
  uint64_t samples = 0;        // approximate betweenness: shortest paths sampled (0: exact)
  bool ok() const { return error.empty(); }
};

CentralityResult compute_centrality(const AnalysisGraph& g, const CentralityOptions& options);

}  // namespace govnet
