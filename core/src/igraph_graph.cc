#include "igraph_graph.h"

#include <mutex>
#include <stdexcept>

namespace govnet::detail {

void use_igraph() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
  });
}

void check_igraph(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS)
    throw std::runtime_error(std::string(what) + " failed in igraph: " + igraph_strerror(code));
}

IGraph::IGraph(const AnalysisGraph& g, bool directed)
    : directed_(directed && g.directed()), weighted_(g.weighted()) {
  use_igraph();
  igraph_integer_t arcs = 0;
  for (const Link& l : g.links())
    if (l.from != l.to) arcs += directed_ && !l.directed ? 2 : 1;
  igraph_vector_int_t edges;
  check_igraph(igraph_vector_int_init(&edges, 2 * arcs), "allocating edges");
  if (const igraph_error_t e = igraph_vector_init(&weights_, arcs); e != IGRAPH_SUCCESS) {
    igraph_vector_int_destroy(&edges);
    check_igraph(e, "allocating weights");
  }
  igraph_integer_t at = 0;
  auto add = [&](uint32_t from, uint32_t to, double weight) {
    VECTOR(edges)[2 * at] = from;
    VECTOR(edges)[2 * at + 1] = to;
    VECTOR(weights_)[at++] = weight;
  };
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    add(l.from, l.to, l.weight);
    if (directed_ && !l.directed) add(l.to, l.from, l.weight);
  }
  const igraph_error_t made = igraph_create(&graph_, &edges, g.vertex_count(), directed_);
  igraph_vector_int_destroy(&edges);
  if (made != IGRAPH_SUCCESS) {
    igraph_vector_destroy(&weights_);
    check_igraph(made, "building the graph");
  }
}

IGraph::~IGraph() {
  igraph_destroy(&graph_);
  igraph_vector_destroy(&weights_);
}

std::vector<double> to_vector(const igraph_vector_t& v) {
  std::vector<double> out(igraph_vector_size(&v));
  for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

std::vector<int64_t> to_vector(const igraph_vector_int_t& v) {
  std::vector<int64_t> out(igraph_vector_int_size(&v));
  for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

}  // namespace govnet::detail
