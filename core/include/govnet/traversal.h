// Breadth-first questions on an AnalysisGraph: shortest paths, ego networks, components.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

struct PathStep {
  uint32_t vertex;
  uint32_t link;  // the link taken to reach `vertex`; UINT32_MAX on the first step
};

// A shortest path from s to t following arc directions (fewest links when the view is
// unweighted, least total length 1/weight otherwise). Ties between equally short paths are
// broken towards lower vertex ids, so the answer is deterministic. nullopt when t is unreachable.
std::optional<std::vector<PathStep>> shortest_path(const AnalysisGraph& g, uint32_t s, uint32_t t);

// Vertices within `depth` links of `center` (in either direction), with their distance, in
// order of distance then vertex id. The center comes first at distance 0.
struct Reached {
  uint32_t vertex;
  uint32_t distance;
  uint32_t via_link;
  uint32_t parent;
};
std::vector<Reached> ego_network(const AnalysisGraph& g, uint32_t center, uint32_t depth);

// Weakly connected components: component id per vertex, numbered from 0 by first vertex.
std::vector<uint32_t> connected_components(const AnalysisGraph& g, uint32_t* count);

}  // namespace govnet
