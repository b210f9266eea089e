// The view model's link queries: picking a link near a screen point, and a vertex's neighbours.
#include <algorithm>
#include <cmath>

#include "govnet/view_model.h"

namespace govnet::viewer {
namespace {

// Distance from p to the segment a–b, in the plane.
float segment_distance(Vec2 p, Vec2 a, Vec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.f, 1.f);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

}  // namespace

std::optional<uint32_t> ViewModel::pick_link(float sx, float sy, float tolerance_px) const {
  std::optional<uint32_t> best;
  float best_d = tolerance_px;
  const Vec2 p{sx, sy};
  const auto& links = graph_->links();
  for (uint32_t i = 0; i < links.size(); ++i) {
    const Vec2 a = pos_[links[i].from], b = pos_[links[i].to];
    if (!std::isfinite(a.x) || !std::isfinite(b.x)) continue;
    const Vec2 sa = camera_.to_screen(a), sb = camera_.to_screen(b);
    // A cheap box test first: most links are far from the pointer.
    if (p.x < std::min(sa.x, sb.x) - best_d || p.x > std::max(sa.x, sb.x) + best_d ||
        p.y < std::min(sa.y, sb.y) - best_d || p.y > std::max(sa.y, sb.y) + best_d)
      continue;
    if (float d = segment_distance(p, sa, sb); d <= best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

std::vector<uint32_t> ViewModel::neighbours(uint32_t v) const {
  std::vector<uint32_t> out;
  for (const Link& l : graph_->links()) {
    if (l.from == v && l.to != v) out.push_back(l.to);
    if (l.to == v && l.from != v) out.push_back(l.from);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace govnet::viewer
