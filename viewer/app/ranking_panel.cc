// The ranking panel: every vertex of the view by the chosen measure, sortable by value or name.
#include <imgui.h>

#include "panels.h"

namespace govnet::viewer {

void RankingPanel::draw(AppState& s) {
  ViewModel& m = s.model;
  ImGui::SetNextWindowPos(ImVec2(s.options.width - 428.f, 8), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420, 380), ImGuiCond_FirstUseEver);
  ImGui::Begin("Ranking");
  if (ImGui::CollapsingHeader("Statistics")) statistics_.section(s);
  ImGui::TextDisabled("%s; # is the rank by value; click a row to focus",
                      std::string(to_string(m.measure())).c_str());
  if (ImGui::BeginTable("rank", 4,
                        ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed,
                            30);
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("kind", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("value",
                            ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending |
                                ImGuiTableColumnFlags_WidthFixed,
                            80);
    ImGui::TableHeadersRow();
    bool resort = false;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        specs && specs->SpecsDirty && specs->SpecsCount > 0) {
      by_name_ = specs->Specs[0].ColumnIndex == 1;
      descending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      specs->SpecsDirty = false;
      resort = true;
    }
    if (resort ||
        ranking_measure_ != m.measure_version()) {  // every rebuild recomputes the measure
      ranking_ = m.ranking(descending_, by_name_);
      ranking_measure_ = m.measure_version();
    }
    draw_rows(s);
    ImGui::EndTable();
  }
  ImGui::End();
}

void RankingPanel::draw_rows(AppState& s) {
  ViewModel& m = s.model;
  const auto& rows = ranking_;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RankRow& r = rows[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.rank);
      ImGui::TableNextColumn();
      if (ImGui::Selectable((r.name + "##" + r.key).c_str(), m.selected(r.vertex),
                            ImGuiSelectableFlags_SpanAllColumns)) {
        m.jump_to(r.vertex);
        s.auto_fit = false;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.kind.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", r.value);
    }
}

}  // namespace govnet::viewer
