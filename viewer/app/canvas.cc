// Canvas marks and animations of the main loop (canvas.h).
#include "canvas.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace govnet::viewer {
namespace {

constexpr float kPinHeadRadius = 4;

// Where the head of v's pin marker is drawn.
Vec2 pin_head(const ViewModel& m, uint32_t v) {
  Vec2 at = m.camera().to_screen(m.positions()[v]);
  float r = m.node_radius_px(v);
  return {at.x + r * 0.7f + 5, at.y - r * 0.7f - 5};
}

bool on_screen(const Camera& c, Vec2 p) {
  return p.x > -20 && p.y > -20 && p.x < c.width + 20 && p.y < c.height + 20;
}

}  // namespace

void draw_pin_markers(const ViewModel& m) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const bool dark = m.theme() == Theme::kDark;
  const ImU32 head = IM_COL32(230, 60, 60, 255);
  const ImU32 stem = dark ? IM_COL32(235, 235, 235, 230) : IM_COL32(40, 40, 40, 230);
  const auto& pinned = m.pinned();
  for (uint32_t v = 0; v < pinned.size(); ++v) {
    if (!pinned[v] || !std::isfinite(m.positions()[v].x)) continue;
    Vec2 h = pin_head(m, v);
    if (!on_screen(m.camera(), h)) continue;
    Vec2 at = m.camera().to_screen(m.positions()[v]);
    dl->AddLine(ImVec2(at.x, at.y), ImVec2(h.x, h.y), stem, 1.5f);
    dl->AddCircleFilled(ImVec2(h.x, h.y), kPinHeadRadius, head);
    dl->AddCircle(ImVec2(h.x, h.y), kPinHeadRadius, stem, 0, 1.0f);
  }
}

std::optional<uint32_t> pin_at(const ViewModel& m, float sx, float sy) {
  const auto& pinned = m.pinned();
  for (uint32_t v = 0; v < pinned.size(); ++v) {
    if (!pinned[v] || !std::isfinite(m.positions()[v].x)) continue;
    Vec2 h = pin_head(m, v);
    if (std::hypot(h.x - sx, h.y - sy) <= kPinHeadRadius + 3) return v;
  }
  return std::nullopt;
}

void unpin_all(AppState& s) {
  const auto pinned = s.model.pinned();
  for (uint32_t v = 0; v < pinned.size(); ++v)
    if (pinned[v]) s.runner.unpin(v);
  s.model.unpin_all();
}

void draw_time_caption(const AppState& s, int window_width) {
  const ViewModel& m = s.model;
  std::string text;
  if (auto year = m.as_of_year())
    text = "as of " + std::to_string(*year);
  else if (m.spec().from || m.spec().to)
    text = (m.spec().from ? std::to_string(m.spec().from->year) : std::string()) + "–" +
           (m.spec().to ? std::to_string(m.spec().to->year) : std::string());
  if (text.empty()) return;
  const float size = 40;
  ImFont* font = ImGui::GetFont();
  ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
  float left = s.left_px(), right = s.right_px();
  float x = left + (window_width - left - right - extent.x) / 2;
  const ImU32 col =
      m.theme() == Theme::kDark ? IM_COL32(255, 255, 255, 200) : IM_COL32(30, 30, 30, 200);
  ImGui::GetBackgroundDrawList()->AddText(font, size, ImVec2(x, 12), col, text.c_str());
}

void draw_highlights(const ViewModel& m) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const Camera& c = m.camera();
  auto screen = [&](uint32_t v) {
    Vec2 p = c.to_screen(m.positions()[v]);
    return ImVec2(p.x, p.y);
  };
  if (auto l = m.selected_link(); l && *l < m.graph().links().size()) {
    const Link& link = m.graph().links()[*l];
    if (std::isfinite(m.positions()[link.from].x) && std::isfinite(m.positions()[link.to].x))
      dl->AddLine(screen(link.from), screen(link.to), IM_COL32(255, 216, 0, 255), 3.5f);
  }
  std::optional<uint32_t> centre = m.hover();
  if (!centre && !m.selection().empty()) centre = m.selection().back();
  if (!centre || *centre >= m.positions().size()) return;
  // The neighbours change only with the centre and the view: keep them between frames.
  static uint32_t cached_centre = UINT32_MAX;
  static uint64_t cached_view = 0;
  static std::vector<uint32_t> near;
  if (cached_centre != *centre || cached_view != m.view_version()) {
    near = m.neighbours(*centre);
    cached_centre = *centre;
    cached_view = m.view_version();
  }
  if (!std::isfinite(m.positions()[*centre].x)) return;
  const ImU32 ring = IM_COL32(255, 216, 0, 230), line = IM_COL32(255, 216, 0, 110);
  const ImVec2 from = screen(*centre);
  for (size_t i = 0; i < near.size() && i < 5000; ++i) {
    uint32_t v = near[i];
    if (!std::isfinite(m.positions()[v].x)) continue;
    dl->AddLine(from, screen(v), line, 1.5f);
    dl->AddCircle(screen(v), m.node_radius_px(v) + 3, ring, 0, 2.0f);
  }
  dl->AddCircle(from, m.node_radius_px(*centre) + 4, ring, 0, 2.5f);
}

void link_tooltip(const ViewModel& m, uint32_t link) {
  const Link& l = m.graph().links()[link];
  const Network& net = m.network();
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::Text("%s — %s", m.display_name(l.from).c_str(), m.display_name(l.to).c_str());
  for (uint32_t x : l.instruments) ImGui::Text("share %s", net.instruments[x].name.c_str());
  const Evidence* first = nullptr;
  for (size_t i = 0; i < l.ties.size() && i < 6; ++i) {
    const Tie& t = net.ties[l.ties[i]];
    ImGui::Text("%s%s%s%s", std::string(to_string(t.family)).c_str(), t.role.empty() ? "" : ", ",
                t.role.c_str(), t.spells.empty() ? "" : (", " + t.spells.to_string()).c_str());
    for (const auto& e : t.evidence)
      if (!first && !e.quote.empty()) first = &e;
  }
  if (l.ties.size() > 6) ImGui::TextDisabled("and %zu more ties", l.ties.size() - 6);
  if (first) ImGui::TextWrapped("“%s”", first->quote.c_str());
  ImGui::TextDisabled("click to see its evidence in Details");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void animate_fit(AppState& s, double now) {
  if (s.fit_start < 0) return;
  double t = std::clamp((now - s.fit_start) / AppState::kFitSeconds, 0.0, 1.0);
  double e = t * t * (3 - 2 * t);  // smoothstep: starts and ends gently
  // Zoom moves geometrically so that the motion looks even at every scale.
  Camera& c = s.model.camera();
  c.zoom = s.fit_from.zoom * std::pow(s.fit_to.zoom / s.fit_from.zoom, e);
  c.cx = s.fit_from.cx + (s.fit_to.cx - s.fit_from.cx) * e;
  c.cy = s.fit_from.cy + (s.fit_to.cy - s.fit_from.cy) * e;
  if (t >= 1) s.fit_start = -1;
}

void play(AppState& s, double now) {
  if (!s.playing || now - s.last_play < s.play_seconds) return;
  s.last_play = now;
  if (s.model.play_step())
    s.restart_layout();
  else
    s.playing = false;
}

}  // namespace govnet::viewer
