#include "label_placement.h"

#include <algorithm>
#include <cmath>

namespace govnet::viewer::detail {
namespace {

bool box_hits_disc(const Box& b, const Disc& d, float clearance) {
  float nx = std::clamp(d.center.x, b.x, b.x + b.w), ny = std::clamp(d.center.y, b.y, b.y + b.h);
  float dx = nx - d.center.x, dy = ny - d.center.y, r = d.radius + clearance;
  return dx * dx + dy * dy < r * r;
}

Box grown(const Box& b, float pad) { return {b.x - pad, b.y - pad, b.w + 2 * pad, b.h + 2 * pad}; }

// The discs, bucketed by the cells of a uniform grid over the frame that their bounding boxes
// touch, so a label's box is tested against the discs near it only.
class DiscGrid {
 public:
  DiscGrid(const std::vector<Disc>& discs, const Box& frame, float clearance)
      : discs_(discs), frame_(frame), clearance_(clearance) {
    cell_ = std::max(16.f, std::sqrt(frame.w * frame.h / std::max<size_t>(discs.size(), 1)));
    cols_ = std::max(1, static_cast<int>(std::ceil(frame.w / cell_)));
    rows_ = std::max(1, static_cast<int>(std::ceil(frame.h / cell_)));
    cells_.resize(static_cast<size_t>(cols_) * rows_);
    for (uint32_t i = 0; i < discs.size(); ++i) {
      const Disc& d = discs[i];
      const float r = d.radius + clearance;
      Box b{d.center.x - r, d.center.y - r, 2 * r, 2 * r};
      if (!b.intersects(frame)) continue;
      each_cell(b, [&](size_t c) { cells_[c].push_back(i); });
    }
  }

  // True when `b` comes within the clearance of a disc of a vertex other than `own`.
  bool hits(const Box& b, uint32_t own) const {
    bool hit = false;
    each_cell(b, [&](size_t c) {
      for (uint32_t i : cells_[c])
        if (!hit && discs_[i].vertex != own && box_hits_disc(b, discs_[i], clearance_)) hit = true;
    });
    return hit;
  }

 private:
  // Calls f with the index of every cell `b` touches.
  template <typename F>
  void each_cell(const Box& b, F&& f) const {
    int x0 = std::clamp(static_cast<int>((b.x - frame_.x) / cell_), 0, cols_ - 1);
    int x1 = std::clamp(static_cast<int>((b.x + b.w - frame_.x) / cell_), 0, cols_ - 1);
    int y0 = std::clamp(static_cast<int>((b.y - frame_.y) / cell_), 0, rows_ - 1);
    int y1 = std::clamp(static_cast<int>((b.y + b.h - frame_.y) / cell_), 0, rows_ - 1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) f(static_cast<size_t>(y) * cols_ + x);
  }

  const std::vector<Disc>& discs_;
  Box frame_;
  float clearance_;
  float cell_ = 16;
  int cols_ = 1, rows_ = 1;
  std::vector<std::vector<uint32_t>> cells_;
};

// The spots tried for a label of size w x h beside a disc, in order of preference; each keeps
// the label's box within `gap` of the disc's rim.
std::vector<Box> spots(const Disc& d, float w, float h, float gap) {
  const float r = d.radius + gap, cx = d.center.x, cy = d.center.y;
  const float diag = d.radius * 0.7071f + gap;
  std::vector<Box> out = {{cx + r, cy - h / 2, w, h},       {cx - r - w, cy - h / 2, w, h},
                          {cx - w / 2, cy - r - h, w, h},   {cx - w / 2, cy + r, w, h},
                          {cx + diag, cy - diag - h, w, h}, {cx - diag - w, cy - diag - h, w, h},
                          {cx + diag, cy + diag, w, h},     {cx - diag - w, cy + diag, w, h}};
  // Slid along the node: a side label moved up or down, a label above or below moved sideways,
  // as long as it still faces the node.
  for (float t : {0.5f, -0.5f, 0.9f, -0.9f}) {
    const float dy = t * (h / 2 + d.radius * 0.5f), dx = t * (w / 2);
    out.push_back({cx + r, cy - h / 2 + dy, w, h});
    out.push_back({cx - r - w, cy - h / 2 + dy, w, h});
    out.push_back({cx - w / 2 + dx, cy - r - h, w, h});
    out.push_back({cx - w / 2 + dx, cy + r, w, h});
  }
  return out;
}

}  // namespace

std::string shorten(const std::string& text, size_t max_chars) {
  size_t chars = 0, cut = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars == max_chars - 1) cut = i;
    ++chars;
  }
  if (chars <= max_chars || cut == std::string::npos) return text;
  std::string out = text.substr(0, cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\u2026";
}

Placement place_labels(const std::vector<LabelRequest>& requests, const std::vector<Disc>& discs,
                       const Box& frame, const std::vector<Box>& blocked, float font_px, float pad,
                       float gap, size_t always, const TextMeasure& measure) {
  std::vector<const Disc*> disc_of;
  for (const Disc& d : discs) {
    if (d.vertex >= disc_of.size()) disc_of.resize(d.vertex + 1, nullptr);
    disc_of[d.vertex] = &d;
  }
  // Other nodes stay clearly farther from a label than its own node is, so that no label
  // reads as another node's; the first `always` labels may come closer to them when they find
  // no room otherwise, though never as close as to their own.
  const DiscGrid strict(discs, frame, 2 * (gap + pad)), relaxed(discs, frame, gap + pad);
  // Where nodes crowd every spot (a dense network), the first `always` labels lie over other
  // nodes rather than go missing: still beside their own node, clear of other labels.
  const std::vector<Disc> no_discs;
  const DiscGrid crowded(no_discs, frame, 0);
  const Box inner = grown(frame, -pad);
  std::vector<Box> taken = blocked;
  Placement out;
  // The first spot for one of the request's texts that is free of `grid`'s discs.
  auto try_place = [&](const LabelRequest& req, const Disc& d, const DiscGrid& grid) {
    for (const std::string& text : req.texts) {
      Vec2 size = measure(text, font_px);
      for (const Box& b : spots(d, size.x, size.y, gap + pad)) {
        Box halo = grown(b, pad);
        if (!b.inside(inner) || grid.hits(halo, req.vertex)) continue;
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const Box& t) { return t.intersects(halo); }))
          continue;
        taken.push_back(halo);
        out.labels.push_back({req.vertex, text, b});
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& req = requests[i];
    const Disc* d = req.vertex < disc_of.size() ? disc_of[req.vertex] : nullptr;
    bool placed =
        d && (try_place(req, *d, strict) ||
              (i < always && (try_place(req, *d, relaxed) || try_place(req, *d, crowded))));
    if (!placed) ++out.dropped;
  }
  return out;
}

}  // namespace govnet::viewer::detail
