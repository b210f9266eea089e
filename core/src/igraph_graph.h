// Internal to core: an analysis graph handed to igraph's C library. No igraph type leaves core.
#pragma once

#include <igraph.h>

#include <cstdint>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet::detail {

// The view as an igraph graph: one edge per link (an undirected link in a directed view becomes
// two arcs, one each way) with the link's weight. Self-loops are left out. Not copyable; the
// graph is destroyed with the object. igraph's errors are reported through `ok()`, never by
// aborting (its error handler is replaced by one that returns).
class IGraph {
 public:
  // `directed`: build a directed igraph graph (the view's own direction when true); otherwise
  // every link is one undirected edge.
  IGraph(const AnalysisGraph& g, bool directed);
  ~IGraph();
  IGraph(const IGraph&) = delete;
  IGraph& operator=(const IGraph&) = delete;

  const igraph_t* get() const { return &graph_; }
  const igraph_vector_t* weights() const { return &weights_; }
  // The weights for igraph calls that take none for an unweighted graph (its faster path):
  // null when every link of the view weighs 1.
  const igraph_vector_t* weights_if_any() const { return weighted_ ? &weights_ : nullptr; }
  bool directed() const { return directed_; }

 private:
  igraph_t graph_;
  igraph_vector_t weights_;
  bool directed_;
  bool weighted_;
};

// Makes igraph return its errors instead of aborting; idempotent and thread-safe.
void use_igraph();

// igraph vectors as std::vectors.
std::vector<double> to_vector(const igraph_vector_t& v);
std::vector<int64_t> to_vector(const igraph_vector_int_t& v);

// Throws std::runtime_error naming `what` when an igraph call failed.
void check_igraph(igraph_error_t code, const char* what);

}  // namespace govnet::detail
