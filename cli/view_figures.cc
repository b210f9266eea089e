#include "view_figures.h"

#include <cmath>

#include "govnet/structure.h"
#include "govnet/traversal.h"

namespace govnet::cli {

NamedFigures view_figures(const AnalysisGraph& g, bool structure) {
  NamedFigures out;
  uint32_t components = 0;
  connected_components(g, &components);
  const double n = g.vertex_count(), m = static_cast<double>(g.links().size());
  out.emplace_back("vertices", n);
  out.emplace_back("links", m);
  out.emplace_back("components", static_cast<double>(components));
  const double pairs = n * (n - 1) / (g.directed() ? 1.0 : 2.0);
  out.emplace_back("density", pairs > 0 ? m / pairs : 0.0);
  if (!structure) return out;
  auto add = [&](const char* item, double v) {
    if (!std::isnan(v)) out.emplace_back(item, v);
  };
  const NetworkFigures f = network_figures(g);
  add("transitivity", f.transitivity);
  add("average clustering", f.average_clustering);
  add("reciprocity", f.reciprocity);
  add("degree assortativity", f.degree_assortativity);
  add("degree centralization", f.degree_centralization);
  add("betweenness centralization", f.betweenness_centralization);
  add("closeness centralization", f.closeness_centralization);
  return out;
}

}  // namespace govnet::cli
