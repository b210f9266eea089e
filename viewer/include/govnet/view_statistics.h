// The figures of the viewer's Statistics section: the view's size, components, density and
// degree distribution, and the modularity of the colouring's groups.
#pragma once

#include <cstdint>
#include <vector>

#include "govnet/view_model.h"

namespace govnet::viewer {

struct DegreeBin {
  uint32_t from = 0, to = 0;  // degrees from..to, both included
  uint32_t count = 0;         // vertices with such a degree
};

struct ViewStatistics {
  uint32_t vertices = 0, links = 0, components = 0, largest_component = 0, isolated = 0;
  double density = 0;  // links / vertex pairs (ordered pairs on a directed view)
  double mean_degree = 0;
  uint32_t max_degree = 0;
  // Degree = distinct neighbours (the links at a vertex); one bin per degree up to 24, else 24
  // bins of equal width.
  std::vector<DegreeBin> degree_bins;
  // Newman's modularity of the colouring's groups (ViewModel::color_group), weighted when the
  // view is; NaN without links.
  double modularity = 0;
  uint32_t groups = 0;
};

ViewStatistics view_statistics(const ViewModel& m);

}  // namespace govnet::viewer
