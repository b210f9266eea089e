// A picture of the view model described once, in page coordinates (pixels of the target page, y
// downwards): links, nodes, labels, legend and caption. Back-ends only draw it: the OpenGL
// window (overlays) and the figure writers (figure_export.h) for PNG, SVG and PDF. Plain C++.
//
// Framing: the camera's viewport (Camera::width x height) is fitted into the page, centred and
// letterboxed, so a page of any size or aspect shows what the window frames. Node radii, line
// widths, text and legend grow with that fit and with FigureOptions::scale.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "govnet/layout.h"
#include "govnet/view_model.h"

namespace govnet::viewer {

// Measures a string set in the label font at `font_px` pixels: its advance width and line height.
using TextMeasure = std::function<Vec2(const std::string& text, float font_px)>;

struct Box {
  float x = 0, y = 0, w = 0, h = 0;  // top-left corner and size
  bool intersects(const Box& o) const {
    return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
  }
  bool inside(const Box& frame) const {
    return x >= frame.x && y >= frame.y && x + w <= frame.x + frame.w && y + h <= frame.y + frame.h;
  }
};

struct DrawNode {
  uint32_t vertex;
  Vec2 center;
  float radius;  // actors: the disc; instruments: the square's half side is 0.85 * radius
  Color fill, stroke;
  float stroke_width;
  bool square;  // an instrument
};

struct DrawLink {
  Vec2 from, to;  // centres of the two ends
  float width;
  Color color;
  float arrow = 0;  // directed: the arrowhead's length at `to`, stopping at the target's rim
  float to_radius = 0;
};

struct DrawLabel {
  uint32_t vertex;
  std::string text;  // possibly shortened, ending in an ellipsis
  Box box;           // where the text is set; the halo extends it by DrawList::label_pad
  Color color;
};

struct DrawLegendItem {
  std::string text;
  Color color;
  // kSize: a node's disc for the value in `text` (what the size measure means).
  enum Kind : uint8_t { kHeading, kNode, kLink, kSize } kind;
  float radius = 0;  // kSize: the disc's radius; kNode: the swatch's
  Vec2 swatch{};     // the swatch's centre (none for a heading)
  Vec2 text_at{};    // the text's top-left corner
};

struct DrawList {
  int width = 0, height = 0;
  Color background, text, halo;
  float font_px = 13, label_pad = 2;
  float unit = 1;  // page pixels per pixel of the window at scale 1 (the fit times the scale)
  std::vector<DrawLink> links;  // in drawing order
  std::vector<DrawNode> nodes;  // in drawing order: dimmed first, selected last
  std::vector<DrawLabel> labels;
  Box legend;                                // empty (w == 0) when there is none
  std::vector<DrawLegendItem> legend_items;  // laid out inside `legend`
  std::string title;                         // drawn at the top when not empty
  std::string caption;  // drawn at the bottom: counts, the size measure, dropped labels
  int labels_dropped = 0;
};

struct FigureOptions {
  int width = 1600, height = 1000;  // the page, in pixels (points for PDF)
  float scale = 1;                  // text, node sizes, line widths and legend together
  size_t max_labels = 30;
  bool links = true;  // false: nodes, labels and legend only (the window draws links on the GPU)
  bool legend = true;
  bool caption = true;
  std::string title;
  // Labels stay inside this part of the page (e.g. the canvas between panels); the whole page
  // when w == 0.
  Box label_frame;
  float legend_left = 12;  // the legend's preferred corner is bottom left, this far in
};

// Builds the picture of `m` as its camera frames it.
DrawList build_draw_list(const ViewModel& m, const FigureOptions& o, const TextMeasure& measure);

// The legend's size on a page for these options: a caller that wants the network clear of it
// reserves this much beside it before fitting the camera.
Vec2 legend_size(const ViewModel& m, const FigureOptions& o, const TextMeasure& measure);

// Lays the model out headless and pictures it: runs `layout` for up to `steps` iterations from
// the model's positions (pinned vertices stay), packs the components if it stopped before it
// converged (a converged layout has), sets the camera's viewport to the page and fits the
// network beside the legend's column, clear of it. *iterations and *converged say how the layout
// ended.
DrawList lay_out_and_draw(ViewModel& m, const LayoutOptions& layout, int steps,
                          const FigureOptions& o, const TextMeasure& measure, int* iterations,
                          bool* converged);

// The label font's size on a page for these options (14 px at scale 1 on a page the size of the
// camera's viewport).
float label_font_px(const ViewModel& m, const FigureOptions& o);

}  // namespace govnet::viewer
