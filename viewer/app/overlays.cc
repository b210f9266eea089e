// The labels, legend and caption of the model's draw list, drawn over the network with ImGui.
#include <imgui.h>

#include <cfloat>

#include "panels.h"

namespace govnet::viewer {
namespace {

ImU32 to_imu32(Color c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

// The window's font measured at `px` pixels.
Vec2 imgui_measure(const std::string& text, float px) {
  ImVec2 v = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0, text.c_str());
  return {v.x, v.y};
}

void draw_text(ImDrawList* dl, const std::string& t, float x, float y, float px, Color c) {
  dl->AddText(ImGui::GetFont(), px, ImVec2(x, y), to_imu32(c), t.c_str());
}

void draw_legend(ImDrawList* dl, const DrawList& d) {
  const Box& b = d.legend;
  const float k = d.unit;
  dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h), to_imu32(d.halo), 4);
  for (const auto& it : d.legend_items) {
    const ImVec2 c(it.swatch.x, it.swatch.y);
    if (it.kind == DrawLegendItem::kNode || it.kind == DrawLegendItem::kSize)
      dl->AddCircleFilled(c, it.radius, to_imu32(it.color), 24);
    else if (it.kind == DrawLegendItem::kLink)
      dl->AddLine(ImVec2(c.x - 7 * k, c.y), ImVec2(c.x + 7 * k, c.y), to_imu32(it.color), 3 * k);
    Color t = d.text;
    if (it.kind == DrawLegendItem::kHeading) t.a = 0.75f;
    draw_text(dl, it.text, it.text_at.x, it.text_at.y, d.font_px, t);
  }
}

// The overlay's draw list, rebuilt only when what it shows changed.
const DrawList& overlay(AppState& s, int width, int height, float left, float right) {
  const ViewModel& m = s.model;
  const Camera& c = m.camera();
  std::vector<double> key = {double(m.view_version()),
                             double(m.geometry_version()),
                             double(m.style_version()),
                             c.cx,
                             c.cy,
                             c.zoom,
                             double(width),
                             double(height),
                             left,
                             right,
                             m.hover() ? double(*m.hover()) : -1.0,
                             double(s.show_labels)};
  if (key == s.overlay_key) return s.overlay;
  if (left + right > width * 0.6f) left = right = 0;  // a narrow window: panels float over it
  FigureOptions o;
  o.width = width;
  o.height = height;
  o.max_labels = s.show_labels ? s.max_labels : 0;
  o.links = false;  // the renderer draws links and nodes on the GPU
  o.label_frame = {left, 0, width - left - right, static_cast<float>(height)};
  o.title = s.options.figure_title;
  s.overlay = build_draw_list(m, o, imgui_measure);
  s.overlay_key = std::move(key);
  return s.overlay;
}

}  // namespace

void fit_view(AppState& s, float left, float right) {
  fit_with_labels(s.model, s.show_labels ? s.max_labels : 0, 30, left, right, imgui_measure);
}

void AppState::start_fit(double now) {
  fit_from = model.camera();
  fit_view(*this, left_px(), right_px());
  fit_to = model.camera();
  model.camera() = fit_from;
  fit_start = now;
  auto_fit = false;
}

void draw_overlays(AppState& s, int width, int height, float left, float right) {
  const DrawList& d = overlay(s, width, height, left, right);
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (const DrawLabel& l : d.labels) {
    const float p = d.label_pad;
    dl->AddRectFilled(ImVec2(l.box.x - p, l.box.y - p),
                      ImVec2(l.box.x + l.box.w + p, l.box.y + l.box.h + p), to_imu32(d.halo), 3);
    draw_text(dl, l.text, l.box.x, l.box.y, d.font_px, l.color);
  }
  // A shortened label's full name, when the mouse is over it and not over a panel.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantCaptureMouse)
    for (const DrawLabel& l : d.labels)
      if (Box{io.MousePos.x, io.MousePos.y, 0.5f, 0.5f}.intersects(l.box) &&
          l.text != s.model.display_name(l.vertex)) {
        ImGui::SetTooltip("%s", s.model.display_name(l.vertex).c_str());
        break;
      }
  if (d.legend.w > 0) draw_legend(dl, d);
  if (!d.title.empty()) {
    // Where the exports set it, moved right of the left panel.
    draw_text(dl, d.title, left + 12 * d.unit, 8 * d.unit, d.font_px * 1.4f, d.text);
  }
  if (!d.caption.empty()) {
    Color c = d.text;
    c.a = 0.8f;
    const float px = d.font_px * 0.9f;
    draw_text(dl, d.caption, left + 12, height - imgui_measure("Ag", px).y - 6, px, c);
  }
}

}  // namespace govnet::viewer
