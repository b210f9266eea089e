// Packs the connected components of a finished layout so that a picture of it uses the page:
// the largest component stays whole in the middle and the others are moved, each as a block
// (translated, never reshaped), into compact shelves on both sides of it (left and right when
// they fit in its height, else above and below), a small gap apart. Deterministic: the result
// depends only on the graph and the positions given.
#pragma once

#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/layout.h"

namespace govnet {

// The connected component of each vertex of g (links taken as undirected), numbered from 0 in
// order of each component's smallest vertex.
std::vector<uint32_t> component_ids(const AnalysisGraph& g);

// Packs `pos` (one position per vertex; `component` from component_ids) in place. Does nothing
// when a vertex is pinned (the caller placed it), a position is not finite, or there is only one
// component.
void pack_components(const std::vector<uint32_t>& component, const std::vector<char>& pinned,
                     std::vector<Vec2>* pos);

// The circular layout by component: each component's vertices, in id order, on a circle of its
// own (circumference 10 units a vertex), then packed as above.
void circles_by_component(const std::vector<uint32_t>& component, const std::vector<char>& pinned,
                          std::vector<Vec2>* pos);

}  // namespace govnet
