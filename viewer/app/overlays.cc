// Labels and the legend, drawn over the network on screen and in exported pictures.
#include <imgui.h>

#include <algorithm>

#include "panels.h"

namespace govnet::viewer {
namespace {

ImU32 to_imu32(Color c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

}  // namespace

void draw_overlays(AppState& s, float width, float height, bool legend, float legend_x) {
  ViewModel& m = s.model;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  if (s.show_labels) {
    // Labels are placed in the camera's viewport; scale them to the target size.
    float scale = std::min(width / m.camera().width, height / m.camera().height);
    auto measure = [](const std::string& t) {
      ImVec2 v = ImGui::CalcTextSize(t.c_str());
      return Vec2{v.x, v.y};
    };
    for (const Label& l : m.labels(s.options.max_labels, measure)) {
      ImVec2 at(l.at.x * scale, l.at.y * scale);
      dl->AddRectFilled(ImVec2(at.x - 2, at.y - 1),
                        ImVec2(at.x + l.size.x + 2, at.y + l.size.y + 1), IM_COL32(20, 20, 24, 170),
                        3);
      dl->AddText(at,
                  m.selected(l.vertex) ? IM_COL32(255, 216, 0, 255) : IM_COL32(235, 235, 235, 255),
                  l.text.c_str());
    }
  }
  if (legend) {
    auto entries = m.legend();
    auto families = ViewModel::family_legend();
    float line = ImGui::GetTextLineHeight() + 2;
    float h = (entries.size() + families.size() + 2) * line + 8;
    ImVec2 o(legend_x, height - h - 12);
    dl->AddRectFilled(o, ImVec2(o.x + 230, o.y + h), IM_COL32(20, 20, 24, 200), 4);
    float y = o.y + 4;
    dl->AddText(ImVec2(o.x + 8, y), IM_COL32(200, 200, 200, 255), "nodes");
    y += line;
    for (const auto& e : entries) {
      dl->AddCircleFilled(ImVec2(o.x + 16, y + line / 2 - 1), 5, to_imu32(e.color));
      dl->AddText(ImVec2(o.x + 28, y), IM_COL32(235, 235, 235, 255), e.label.c_str());
      y += line;
    }
    dl->AddText(ImVec2(o.x + 8, y), IM_COL32(200, 200, 200, 255), "ties");
    y += line;
    for (const auto& e : families) {
      dl->AddLine(ImVec2(o.x + 9, y + line / 2 - 1), ImVec2(o.x + 23, y + line / 2 - 1),
                  to_imu32(e.color), 3);
      dl->AddText(ImVec2(o.x + 28, y), IM_COL32(235, 235, 235, 255), e.label.c_str());
      y += line;
    }
  }
}

}  // namespace govnet::viewer
