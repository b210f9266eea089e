// What the figure writers share: the label font's metrics (through Cairo) and where the title
// and caption rows go. Internal to the figure library.
#pragma once

#include <string>

#include "govnet/draw_list.h"

namespace govnet::viewer::detail {

float font_ascent(float px);  // baseline below the top of a line of text
float font_line(float px);    // ascent plus descent

struct TextRows {
  Vec2 title, caption;  // top-left corners of the title's and the caption's text
};
inline TextRows text_rows(const DrawList& d) {
  const float caption_px = d.font_px * 0.9f;
  return {{12 * d.unit, 8 * d.unit}, {12 * d.unit, d.height - font_line(caption_px) - 6 * d.unit}};
}

bool write_svg(const DrawList& d, const std::string& path, std::string* error);

}  // namespace govnet::viewer::detail
