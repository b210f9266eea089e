// The Statistics section's figures (view_statistics.h).
#include "govnet/view_statistics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "govnet/structure.h"
#include "govnet/traversal.h"

namespace govnet::viewer {
namespace {

constexpr uint32_t kMaxBins = 24;

std::vector<DegreeBin> bins_of(const std::vector<uint32_t>& degree, uint32_t max_degree) {
  if (degree.empty()) return {};
  const uint32_t width = max_degree < kMaxBins ? 1 : (max_degree + kMaxBins) / kMaxBins;
  std::vector<DegreeBin> bins(max_degree / width + 1);
  for (size_t i = 0; i < bins.size(); ++i) {
    bins[i].from = static_cast<uint32_t>(i) * width;
    bins[i].to = std::min(max_degree, bins[i].from + width - 1);
  }
  for (uint32_t d : degree) ++bins[d / width].count;
  return bins;
}

}  // namespace

ViewStatistics view_statistics(const ViewModel& m) {
  const AnalysisGraph& g = m.graph();
  ViewStatistics s;
  s.vertices = g.vertex_count();
  s.links = static_cast<uint32_t>(g.links().size());
  std::vector<uint32_t> degree(s.vertices, 0);
  for (const Link& l : g.links()) {
    ++degree[l.from];
    if (l.to != l.from) ++degree[l.to];
  }
  uint32_t components = 0;
  const std::vector<uint32_t> component = connected_components(g, &components);
  s.components = components;
  std::vector<uint32_t> size(components, 0);
  for (uint32_t c : component) ++size[c];
  s.largest_component = size.empty() ? 0 : *std::max_element(size.begin(), size.end());
  s.isolated = static_cast<uint32_t>(std::count(degree.begin(), degree.end(), 0u));
  const double n = s.vertices;
  const double pairs = n * (n - 1) / (g.directed() ? 1.0 : 2.0);
  s.density = pairs > 0 ? s.links / pairs : 0.0;
  s.max_degree = degree.empty() ? 0 : *std::max_element(degree.begin(), degree.end());
  double sum = 0;
  for (uint32_t d : degree) sum += d;
  s.mean_degree = s.vertices ? sum / s.vertices : 0.0;
  s.degree_bins = bins_of(degree, s.max_degree);
  // Dense group numbers 0..k-1, in the order groups first appear.
  std::vector<uint32_t> group(s.vertices);
  std::map<uint32_t, uint32_t> dense;
  for (uint32_t v = 0; v < s.vertices; ++v)
    group[v] = dense.emplace(m.color_group(v), static_cast<uint32_t>(dense.size())).first->second;
  s.groups = static_cast<uint32_t>(dense.size());
  s.modularity = s.links ? modularity(g, group) : std::nan("");
  return s;
}

}  // namespace govnet::viewer
