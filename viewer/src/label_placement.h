// Greedy label placement: each wanted label, most important first, takes the first free spot
// beside its own node (right, left, above, below, the four diagonals, then the four sides slid
// along the node), where it covers no other node's disc, no label placed before it and nothing
// blocked, and lies inside the frame. A label tries its texts in turn (e.g. the name, a shorter
// form, the key) and is dropped when none fits anywhere. Internal to the viewer library.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "govnet/draw_list.h"

namespace govnet::viewer::detail {

struct Disc {
  Vec2 center;
  float radius;
  uint32_t vertex;
};

struct LabelRequest {
  uint32_t vertex;
  std::vector<std::string> texts;  // in order of preference
};

struct PlacedLabel {
  uint32_t vertex;
  std::string text;
  Box box;
};

struct Placement {
  std::vector<PlacedLabel> labels;  // in request order
  int dropped = 0;                  // requests that found no free spot
};

// `discs`: every node drawn (a request's vertex must have one, else it is dropped); `pad` is
// kept clear around each label's box and `gap` between a node's rim and its label; every other
// node's rim stays at least 2 * gap + 3 * pad from the box, over twice as far as its own (for
// the first `always` requests, when that leaves no room: gap + 2 * pad, and where even that
// leaves none, over other nodes, still clear of other labels and inside the frame).
Placement place_labels(const std::vector<LabelRequest>& requests, const std::vector<Disc>& discs,
                       const Box& frame, const std::vector<Box>& blocked, float font_px, float pad,
                       float gap, size_t always, const TextMeasure& measure);

// `text` cut to at most `max_chars` characters (UTF-8 code points), the last one an ellipsis.
std::string shorten(const std::string& text, size_t max_chars);

}  // namespace govnet::viewer::detail
