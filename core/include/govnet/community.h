// Communities by modularity (the Louvain method, Blondel et al. 2008): vertices move to the
// neighbouring community with the largest modularity gain, communities are merged into single
// vertices, and both steps repeat until nothing improves. Deterministic: vertices are visited
// in id order and equal gains keep the smaller community. Links are read as undirected and
// weighted by their weight. Community ids are numbered 0.. by first vertex.
#pragma once

#include <cstdint>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

std::vector<uint32_t> louvain_communities(const AnalysisGraph& g, uint32_t* count);

}  // namespace govnet
