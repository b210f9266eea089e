// The Statistics section of the Ranking panel: the view's size, components, density, a degree
// histogram and the modularity of the colouring's groups.
#include <imgui.h>

#include <cmath>
#include <string>
#include <tuple>

#include "panels.h"

namespace govnet::viewer {
namespace {

const char* colouring_name(ColorMode mode) {
  switch (mode) {
    case ColorMode::kKind:
      return "kinds";
    case ColorMode::kCommunity:
      return "communities";
    case ColorMode::kDataset:
      return "datasets";
    case ColorMode::kPartition:
      return "saved partition's communities";
  }
  return "";
}

void degree_histogram(const ViewStatistics& st) {
  std::vector<float> counts;
  for (const DegreeBin& b : st.degree_bins) counts.push_back(static_cast<float>(b.count));
  if (counts.empty()) return;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PlotHistogram("##degrees", counts.data(), static_cast<int>(counts.size()), 0, nullptr, 0.f,
                       FLT_MAX, ImVec2(width, 60));
  if (ImGui::IsItemHovered()) {
    const float bar = width / static_cast<float>(counts.size());
    const size_t i =
        std::min(counts.size() - 1,
                 static_cast<size_t>(std::max(0.f, (ImGui::GetIO().MousePos.x - at.x) / bar)));
    const DegreeBin& b = st.degree_bins[i];
    if (b.from == b.to)
      ImGui::SetTooltip("degree %u: %u vertices", b.from, b.count);
    else
      ImGui::SetTooltip("degree %u–%u: %u vertices", b.from, b.to, b.count);
  }
  ImGui::TextDisabled("degree 0 … %u (mean %.2f)", st.max_degree, st.mean_degree);
}

}  // namespace

void StatisticsPanel::section(AppState& s) {
  const ViewModel& m = s.model;
  const std::tuple<uint64_t, ColorMode, size_t> key{m.view_version(), m.color_mode(),
                                                    m.partition()};
  if (!computed_ || key != key_) {
    stats_ = view_statistics(m);
    key_ = key;
    computed_ = true;
  }
  const ViewStatistics& st = stats_;
  ImGui::Text("%u vertices, %u links, density %.4g", st.vertices, st.links, st.density);
  ImGui::Text("%u component%s (largest %u), %u isolated", st.components,
              st.components == 1 ? "" : "s", st.largest_component, st.isolated);
  degree_histogram(st);
  if (std::isnan(st.modularity))
    ImGui::TextDisabled("modularity: no links");
  else
    ImGui::Text("modularity of the %u %s: %.4f", st.groups, colouring_name(m.color_mode()),
                st.modularity);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Newman's modularity of the groups the nodes are coloured by");
}

}  // namespace govnet::viewer
