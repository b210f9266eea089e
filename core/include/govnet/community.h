// Communities by modularity, through igraph's C library: the Louvain method (Blondel et al.
// 2008, igraph_community_multilevel) or the Leiden method (Traag et al. 2019,
// igraph_community_leiden with the modularity objective). Links are read as undirected and
// weighted by their weight; an isolated vertex is a community of its own. Both methods visit
// vertices in a random order: the result is the same for the same graph and seed. Communities
// are numbered 0.. in the order of their first vertex.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

enum class CommunityMethod : uint8_t { kLouvain, kLeiden };
std::optional<CommunityMethod> parse_community_method(std::string_view);  // louvain | leiden
std::string_view to_string(CommunityMethod);

struct CommunityOptions {
  CommunityMethod method = CommunityMethod::kLouvain;
  // Modularity's resolution: above 1 gives more, smaller communities; below 1 fewer, larger.
  double resolution = 1.0;
  uint64_t seed = 1;
};

struct Communities {
  std::vector<uint32_t> membership;  // by vertex id
  std::vector<uint32_t> sizes;       // by community id
  double modularity = 0;             // of the membership at the chosen resolution
  uint32_t count() const { return static_cast<uint32_t>(sizes.size()); }
};

Communities detect_communities(const AnalysisGraph& g, const CommunityOptions& options = {});

}  // namespace govnet
