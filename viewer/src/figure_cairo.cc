// The Cairo back-end of the draw list (PNG and PDF), the label font's metrics, and the choice of
// format by file name.
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "figure_cairo.h"
#include "figure_text.h"
#include "govnet/figure_export.h"

namespace govnet::viewer {
namespace detail {

void set_figure_font(cairo_t* cr, float px, bool bold) {
  cairo_select_font_face(cr, kFigureFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, px);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
}

}  // namespace detail

namespace {

void set_font(cairo_t* cr, float px) { detail::set_figure_font(cr, px); }

// A context on a 1x1 image, kept for measuring text.
cairo_t* measuring_context() {
  static cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  static cairo_t* cr = cairo_create(surface);
  return cr;
}

void source(cairo_t* cr, Color c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void draw_link(cairo_t* cr, const DrawLink& l) {
  source(cr, l.color);
  cairo_set_line_width(cr, l.width);
  Vec2 end = l.to;
  const float dx = l.to.x - l.from.x, dy = l.to.y - l.from.y, len = std::hypot(dx, dy);
  if (l.arrow > 0 && len > l.to_radius + l.arrow) {
    const float ux = dx / len, uy = dy / len;
    Vec2 tip{l.to.x - ux * l.to_radius, l.to.y - uy * l.to_radius};
    Vec2 base{tip.x - ux * l.arrow, tip.y - uy * l.arrow};
    const float half = l.arrow * 0.45f;
    cairo_move_to(cr, tip.x, tip.y);
    cairo_line_to(cr, base.x - uy * half, base.y + ux * half);
    cairo_line_to(cr, base.x + uy * half, base.y - ux * half);
    cairo_close_path(cr);
    cairo_fill(cr);
    end = base;
  }
  cairo_move_to(cr, l.from.x, l.from.y);
  cairo_line_to(cr, end.x, end.y);
  cairo_stroke(cr);
}

void draw_node(cairo_t* cr, const DrawNode& n) {
  // The rim lies inside the shape, as on screen.
  const float inset = n.stroke_width / 2;
  cairo_new_path(cr);
  if (n.square) {
    const float h = std::max(0.5f, n.radius * 0.85f - inset);
    cairo_rectangle(cr, n.center.x - h, n.center.y - h, 2 * h, 2 * h);
  } else {
    cairo_arc(cr, n.center.x, n.center.y, std::max(0.5f, n.radius - inset), 0, 2 * M_PI);
  }
  source(cr, n.fill);
  cairo_fill_preserve(cr);
  source(cr, n.stroke);
  cairo_set_line_width(cr, n.stroke_width);
  cairo_stroke(cr);
}

void draw_text(cairo_t* cr, const std::string& text, float x, float y_top, float px, Color c) {
  set_font(cr, px);
  source(cr, c);
  cairo_move_to(cr, x, y_top + detail::font_ascent(px));
  cairo_show_text(cr, text.c_str());
}

void draw_legend(cairo_t* cr, const DrawList& d) {
  const Box& b = d.legend;
  source(cr, d.halo);
  cairo_rectangle(cr, b.x, b.y, b.w, b.h);
  cairo_fill(cr);
  const float k = d.unit;
  for (const auto& it : d.legend_items) {
    const Vec2 c = it.swatch;
    cairo_new_path(cr);  // show_text leaves a current point that an arc would join
    if (it.kind == DrawLegendItem::kNode || it.kind == DrawLegendItem::kSize) {
      cairo_arc(cr, c.x, c.y, it.radius, 0, 2 * M_PI);
      source(cr, it.color);
      cairo_fill(cr);
    } else if (it.kind == DrawLegendItem::kLink) {
      source(cr, it.color);
      cairo_set_line_width(cr, 3 * k);
      cairo_move_to(cr, c.x - 7 * k, c.y);
      cairo_line_to(cr, c.x + 7 * k, c.y);
      cairo_stroke(cr);
    }
    Color t = d.text;
    if (it.kind == DrawLegendItem::kHeading) t.a = 0.75f;
    draw_text(cr, it.text, it.text_at.x, it.text_at.y, d.font_px, t);
  }
}

bool finish(cairo_surface_t* surface, cairo_t* cr, const std::string& path, std::string* error) {
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    *error = "cannot write " + path + " (" + cairo_status_to_string(st) +
             "; check that its folder exists and is writable)";
    return false;
  }
  return true;
}

}  // namespace

namespace detail {

void draw_all(cairo_t* cr, const DrawList& d) {
  source(cr, d.background);
  cairo_paint(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  for (const DrawLink& l : d.links) draw_link(cr, l);
  for (const DrawNode& n : d.nodes) draw_node(cr, n);
  for (const DrawLabel& l : d.labels) {
    source(cr, d.halo);
    cairo_rectangle(cr, l.box.x - d.label_pad, l.box.y - d.label_pad, l.box.w + 2 * d.label_pad,
                    l.box.h + 2 * d.label_pad);
    cairo_fill(cr);
    draw_text(cr, l.text, l.box.x, l.box.y, d.font_px, l.color);
  }
  if (d.legend.w > 0) draw_legend(cr, d);
  const detail::TextRows rows = detail::text_rows(d);
  if (!d.title.empty())
    draw_text(cr, d.title, rows.title.x, rows.title.y, d.font_px * 1.4f, d.text);
  if (!d.caption.empty()) {
    Color c = d.text;
    c.a = 0.8f;
    draw_text(cr, d.caption, rows.caption.x, rows.caption.y, d.font_px * 0.9f, c);
  }
}

float font_ascent(float px) {
  cairo_t* cr = measuring_context();
  set_font(cr, px);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  return static_cast<float>(fe.ascent);
}

float font_line(float px) {
  cairo_t* cr = measuring_context();
  set_font(cr, px);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  return static_cast<float>(fe.ascent + fe.descent);
}

}  // namespace detail

std::optional<FigureFormat> figure_format_of(const std::string& path) {
  auto dot = path.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "png") return FigureFormat::kPng;
  if (ext == "svg") return FigureFormat::kSvg;
  if (ext == "pdf") return FigureFormat::kPdf;
  return std::nullopt;
}

TextMeasure figure_text_measure() {
  return [](const std::string& text, float px) {
    cairo_t* cr = measuring_context();
    set_font(cr, px);
    cairo_text_extents_t te;
    cairo_text_extents(cr, text.c_str(), &te);
    return Vec2{static_cast<float>(te.x_advance), detail::font_line(px)};
  };
}

bool write_figure(const DrawList& d, const std::string& path, FigureFormat format,
                  std::string* error) {
  if (format == FigureFormat::kSvg) return detail::write_svg(d, path, error);
  cairo_surface_t* surface = nullptr;
  if (format == FigureFormat::kPng) {
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, d.width, d.height);
  } else {
    surface = cairo_pdf_surface_create(path.c_str(), d.width, d.height);
    // A fixed date keeps the file the same for the same picture.
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "govnet");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  }
  cairo_t* cr = cairo_create(surface);
  detail::draw_all(cr, d);
  if (format == FigureFormat::kPng) {
    cairo_surface_flush(surface);
    cairo_status_t st = cairo_surface_write_to_png(surface, path.c_str());
    if (st != CAIRO_STATUS_SUCCESS) {
      cairo_destroy(cr);
      cairo_surface_destroy(surface);
      *error = "cannot write " + path + " (check that its folder exists and is writable)";
      return false;
    }
  }
  return finish(surface, cr, path, error);
}

}  // namespace govnet::viewer
