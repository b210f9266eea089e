// The SVG back-end of the draw list: plain SVG 1.1 text, with labels, legend and caption as
// <text> elements in the label font, so they stay selectable and searchable.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "figure_text.h"
#include "govnet/figure_export.h"
#include "govnet/text.h"

namespace govnet::viewer {
namespace {

std::string num(float x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", x);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string rgb(Color c) {
  char b[16];
  auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255)); };
  std::snprintf(b, sizeof b, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return b;
}

// fill="..." with its opacity when not opaque; `what` is fill or stroke.
std::string paint(const char* what, Color c) {
  std::string s = std::string(what) + "=\"" + rgb(c) + "\"";
  if (c.a < 1) s += " " + std::string(what) + "-opacity=\"" + num(c.a) + "\"";
  return s;
}

void text(std::ostream& out, const std::string& t, float x, float y_top, float px, Color c) {
  out << "<text x=\"" << num(x) << "\" y=\"" << num(y_top + detail::font_ascent(px))
      << "\" font-size=\"" << num(px) << "\" " << paint("fill", c) << ">" << xml_escape(t)
      << "</text>\n";
}

void link(std::ostream& out, const DrawLink& l) {
  Vec2 end = l.to;
  const float dx = l.to.x - l.from.x, dy = l.to.y - l.from.y, len = std::hypot(dx, dy);
  if (l.arrow > 0 && len > l.to_radius + l.arrow) {
    const float ux = dx / len, uy = dy / len, half = l.arrow * 0.45f;
    Vec2 tip{l.to.x - ux * l.to_radius, l.to.y - uy * l.to_radius};
    end = {tip.x - ux * l.arrow, tip.y - uy * l.arrow};
    out << "<polygon points=\"" << num(tip.x) << "," << num(tip.y) << " " << num(end.x - uy * half)
        << "," << num(end.y + ux * half) << " " << num(end.x + uy * half) << ","
        << num(end.y - ux * half) << "\" " << paint("fill", l.color) << "/>\n";
  }
  out << "<line x1=\"" << num(l.from.x) << "\" y1=\"" << num(l.from.y) << "\" x2=\"" << num(end.x)
      << "\" y2=\"" << num(end.y) << "\" stroke-width=\"" << num(l.width) << "\" "
      << paint("stroke", l.color) << "/>\n";
}

void node(std::ostream& out, const DrawNode& n) {
  const float inset = n.stroke_width / 2;
  const std::string style = paint("fill", n.fill) + " " + paint("stroke", n.stroke) +
                            " stroke-width=\"" + num(n.stroke_width) + "\"";
  if (n.square) {
    const float h = std::max(0.5f, n.radius * 0.85f - inset);
    out << "<rect x=\"" << num(n.center.x - h) << "\" y=\"" << num(n.center.y - h) << "\" width=\""
        << num(2 * h) << "\" height=\"" << num(2 * h) << "\" " << style << "/>\n";
  } else {
    out << "<circle cx=\"" << num(n.center.x) << "\" cy=\"" << num(n.center.y) << "\" r=\""
        << num(std::max(0.5f, n.radius - inset)) << "\" " << style << "/>\n";
  }
}

void rect(std::ostream& out, float x, float y, float w, float h, Color c) {
  out << "<rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"" << num(w) << "\" height=\""
      << num(h) << "\" " << paint("fill", c) << "/>\n";
}

void legend(std::ostream& out, const DrawList& d) {
  const Box& b = d.legend;
  const float k = d.unit;
  out << "<g id=\"legend\">\n";
  rect(out, b.x, b.y, b.w, b.h, d.halo);
  for (const auto& it : d.legend_items) {
    const Vec2 c = it.swatch;
    if (it.kind == DrawLegendItem::kNode || it.kind == DrawLegendItem::kSize)
      out << "<circle cx=\"" << num(c.x) << "\" cy=\"" << num(c.y) << "\" r=\"" << num(it.radius)
          << "\" " << paint("fill", it.color) << "/>\n";
    else if (it.kind == DrawLegendItem::kLink)
      out << "<line x1=\"" << num(c.x - 7 * k) << "\" y1=\"" << num(c.y) << "\" x2=\""
          << num(c.x + 7 * k) << "\" y2=\"" << num(c.y) << "\" stroke-width=\"" << num(3 * k)
          << "\" " << paint("stroke", it.color) << "/>\n";
    Color t = d.text;
    if (it.kind == DrawLegendItem::kHeading) t.a = 0.75f;
    text(out, it.text, it.text_at.x, it.text_at.y, d.font_px, t);
  }
  out << "</g>\n";
}

}  // namespace

std::string figure_svg(const DrawList& d) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << d.width
      << "\" height=\"" << d.height << "\" viewBox=\"0 0 " << d.width << " " << d.height
      << "\" font-family=\"" << kFigureFont << ", sans-serif\">\n";
  rect(out, 0, 0, static_cast<float>(d.width), static_cast<float>(d.height), d.background);
  out << "<g id=\"links\" stroke-linecap=\"butt\">\n";
  for (const DrawLink& l : d.links) link(out, l);
  out << "</g>\n<g id=\"nodes\">\n";
  for (const DrawNode& n : d.nodes) node(out, n);
  out << "</g>\n<g id=\"labels\">\n";
  for (const DrawLabel& l : d.labels) {
    rect(out, l.box.x - d.label_pad, l.box.y - d.label_pad, l.box.w + 2 * d.label_pad,
         l.box.h + 2 * d.label_pad, d.halo);
    text(out, l.text, l.box.x, l.box.y, d.font_px, l.color);
  }
  out << "</g>\n";
  if (d.legend.w > 0) legend(out, d);
  const detail::TextRows rows = detail::text_rows(d);
  if (!d.title.empty()) text(out, d.title, rows.title.x, rows.title.y, d.font_px * 1.4f, d.text);
  if (!d.caption.empty()) {
    Color c = d.text;
    c.a = 0.8f;
    text(out, d.caption, rows.caption.x, rows.caption.y, d.font_px * 0.9f, c);
  }
  out << "</svg>\n";
  return out.str();
}

namespace detail {

bool write_svg(const DrawList& d, const std::string& path, std::string* error) {
  std::ofstream f(path, std::ios::binary);
  f << figure_svg(d);
  f.close();
  if (!f) {
    *error = "cannot write " + path + " (check that its folder exists and is writable)";
    return false;
  }
  return true;
}

}  // namespace detail
}  // namespace govnet::viewer
