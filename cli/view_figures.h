// The figures of one view that `stats` prints and `timeline --network` follows: size,
// components and density, and with `structure` the structural figures of network_figures
// (those undefined on the view, NaN, left out).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet::cli {

using NamedFigures = std::vector<std::pair<std::string, double>>;
NamedFigures view_figures(const AnalysisGraph& g, bool structure);

}  // namespace govnet::cli
