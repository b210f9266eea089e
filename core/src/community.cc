#include "govnet/community.h"

#include <mutex>

#include "igraph_graph.h"

namespace govnet {
namespace {

// igraph's random number generator is global: one community detection at a time.
std::mutex& igraph_rng_lock() {
  static std::mutex m;
  return m;
}

igraph_error_t louvain(const detail::IGraph& ig, double resolution,
                       igraph_vector_int_t* membership) {
  return igraph_community_multilevel(ig.get(), ig.weights_if_any(), resolution, membership, nullptr,
                                     nullptr);
}

// Leiden's quality is modularity when each vertex weighs its strength and the resolution is
// divided by twice the total link weight.
igraph_error_t leiden(const detail::IGraph& ig, double resolution,
                      igraph_vector_int_t* membership) {
  igraph_vector_t strength;
  IGRAPH_CHECK(igraph_vector_init(&strength, 0));
  igraph_error_t e =
      igraph_strength(ig.get(), &strength, igraph_vss_all(), IGRAPH_ALL, true, ig.weights_if_any());
  double total = 0;
  for (igraph_integer_t i = 0; i < igraph_vector_size(ig.weights()); ++i)
    total += VECTOR(*ig.weights())[i];
  if (e == IGRAPH_SUCCESS && total > 0)
    e = igraph_community_leiden(ig.get(), ig.weights_if_any(), &strength, resolution / (2 * total),
                                0.01, false, -1, membership, nullptr, nullptr);
  igraph_vector_destroy(&strength);
  return e;
}

// Community ids in the order of their first vertex, with their sizes.
void renumber(const igraph_vector_int_t& raw, Communities* out) {
  const size_t n = igraph_vector_int_size(&raw);
  std::vector<int64_t> seen;
  std::vector<uint32_t> id_of;
  out->membership.resize(n);
  for (size_t v = 0; v < n; ++v) {
    const int64_t c = VECTOR(raw)[v];
    if (static_cast<size_t>(c) >= id_of.size()) id_of.resize(c + 1, UINT32_MAX);
    if (id_of[c] == UINT32_MAX) {
      id_of[c] = static_cast<uint32_t>(out->sizes.size());
      out->sizes.push_back(0);
    }
    out->membership[v] = id_of[c];
    ++out->sizes[id_of[c]];
  }
}

}  // namespace

std::optional<CommunityMethod> parse_community_method(std::string_view s) {
  if (s == "louvain") return CommunityMethod::kLouvain;
  if (s == "leiden") return CommunityMethod::kLeiden;
  return std::nullopt;
}

std::string_view to_string(CommunityMethod m) {
  return m == CommunityMethod::kLeiden ? "leiden" : "louvain";
}

Communities detect_communities(const AnalysisGraph& g, const CommunityOptions& options) {
  const detail::IGraph ig(g, false);
  igraph_vector_int_t membership;
  detail::check_igraph(igraph_vector_int_init(&membership, g.vertex_count()), "allocating");
  for (uint32_t v = 0; v < g.vertex_count(); ++v) VECTOR(membership)[v] = v;
  igraph_error_t e = IGRAPH_SUCCESS;
  if (igraph_ecount(ig.get()) > 0) {
    std::lock_guard<std::mutex> lock(igraph_rng_lock());
    igraph_rng_seed(igraph_rng_default(), options.seed);
    e = options.method == CommunityMethod::kLeiden ? leiden(ig, options.resolution, &membership)
                                                   : louvain(ig, options.resolution, &membership);
  }
  Communities out;
  if (e == IGRAPH_SUCCESS) renumber(membership, &out);
  igraph_real_t q = 0;
  if (e == IGRAPH_SUCCESS && igraph_ecount(ig.get()) > 0)
    e = igraph_modularity(ig.get(), &membership, ig.weights_if_any(), options.resolution, false,
                          &q);
  igraph_vector_int_destroy(&membership);
  detail::check_igraph(e, options.method == CommunityMethod::kLeiden ? "Leiden" : "Louvain");
  out.modularity = q;
  return out;
}

}  // namespace govnet
