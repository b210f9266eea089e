#include "govnet/draw_list.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "label_placement.h"

namespace govnet::viewer {
namespace {

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// Labels longer than this many characters are shortened, ending in an ellipsis.
constexpr size_t kMaxLabelChars = 32;
// The most important labels, placed even a little nearer other nodes when they must.
constexpr size_t kAlwaysLabelled = 5;
// The shorter form tried where the long one does not fit.
constexpr size_t kShortLabelChars = 16;

// Where the camera's viewport lands on the page: centred, scaled to fit, letterboxed.
struct PageMap {
  float fit = 1, ox = 0, oy = 0;
  PageMap(const Camera& c, int width, int height) {
    fit = std::min(width / static_cast<float>(c.width), height / static_cast<float>(c.height));
    ox = (width - c.width * fit) / 2;
    oy = (height - c.height * fit) / 2;
  }
  Vec2 operator()(const Camera& c, Vec2 world) const {
    Vec2 s = c.to_screen(world);
    return {ox + s.x * fit, oy + s.y * fit};
  }
};

struct Palette {
  Color background, text, halo, rim, selected_rim;
};

Palette theme_colors(Theme t) {
  if (t == Theme::kLight)
    return {{1, 1, 1, 1},
            {0.1f, 0.1f, 0.12f, 1},
            {1, 1, 1, 0.8f},
            {0.3f, 0.3f, 0.32f, 1},
            {0.85f, 0.1f, 0.1f, 1}};
  return {{0.07f, 0.07f, 0.09f, 1},
          {0.92f, 0.92f, 0.92f, 1},
          {0.08f, 0.08f, 0.09f, 0.67f},
          {0.12f, 0.12f, 0.14f, 1},
          {1, 0.85f, 0, 1}};
}

std::string short_number(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", x);
  return b;
}

// The colours' entries, then what node size means: the largest value, a quarter of it and 0.
std::vector<DrawLegendItem> legend_items(const ViewModel& m, float k) {
  std::vector<DrawLegendItem> out;
  out.push_back({"nodes", {}, DrawLegendItem::kHeading});
  for (const auto& e : m.legend()) out.push_back({e.label, e.color, DrawLegendItem::kNode, 5 * k});
  out.push_back({"ties", {}, DrawLegendItem::kHeading});
  for (const auto& e : m.family_legend_themed())
    out.push_back({e.label, e.color, DrawLegendItem::kLink});
  if (m.max_centrality() > 0) {
    out.push_back({"size: " + std::string(to_string(m.measure())), {}, DrawLegendItem::kHeading});
    Color grey{0.6f, 0.6f, 0.62f, 1};
    for (double x : {m.max_centrality(), m.max_centrality() / 4, 0.0})
      out.push_back({short_number(x), grey, DrawLegendItem::kSize, m.radius_px_for(x) * k});
  }
  return out;
}

float legend_line(float font_px) { return std::round(font_px * 1.4f); }

// Lays the items out one a line, their swatches and texts relative to the legend's top-left
// corner, and returns the legend's size. Size discs share a centre line and get taller lines.
Vec2 layout_legend(std::vector<DrawLegendItem>* items, float font_px, float k,
                   const TextMeasure& measure) {
  const float line = legend_line(font_px), text_h = measure("Ag", font_px).y;
  float max_r = 0;
  for (const auto& it : *items)
    if (it.kind == DrawLegendItem::kSize) max_r = std::max(max_r, it.radius);
  float y = 4 * k, w = 0;
  for (auto& it : *items) {
    const bool size = it.kind == DrawLegendItem::kSize;
    const float h = size ? std::max(line, 2 * it.radius + 4 * k) : line;
    const float tx = it.kind == DrawLegendItem::kHeading ? 8 * k
                     : size                              ? std::max(28 * k, 16 * k + 2 * max_r)
                                                         : 28 * k;
    it.swatch = {size ? std::max(16 * k, 8 * k + max_r) : 16 * k, y + h / 2};
    it.text_at = {tx, y + h / 2 - text_h / 2};
    w = std::max(w, tx + measure(it.text, font_px).x + 8 * k);
    y += h;
  }
  return {w, y + 4 * k};
}

void add_nodes(const ViewModel& m, const PageMap& map, float k, const Palette& p, DrawList* d) {
  const AnalysisGraph& g = m.graph();
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < g.vertex_count(); ++v)
    if (finite(m.positions()[v])) order.push_back(v);
  auto rank = [&](uint32_t v) { return m.dimmed(v) ? 0 : m.selected(v) ? 2 : 1; };
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return rank(a) < rank(b); });
  d->nodes.reserve(order.size());
  for (uint32_t v : order) {
    Color fill = m.node_color(v);
    Color stroke = m.selected(v) ? p.selected_rim : p.rim;
    stroke.a = fill.a;
    d->nodes.push_back({v, map(m.camera(), m.positions()[v]), m.node_radius_px(v) * k, fill, stroke,
                        node_rim_px(m.selected(v)) * k, m.vertex_type(v) == NodeType::kInstrument});
  }
}

void add_links(const ViewModel& m, const PageMap& map, float k, DrawList* d) {
  const AnalysisGraph& g = m.graph();
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < g.links().size(); ++i) {
    const Link& l = g.links()[i];
    if (l.from != l.to && finite(m.positions()[l.from]) && finite(m.positions()[l.to]))
      order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return m.link_highlighted(a) < m.link_highlighted(b);
  });
  d->links.reserve(order.size());
  for (uint32_t i : order) {
    const Link& l = g.links()[i];
    DrawLink dl{map(m.camera(), m.positions()[l.from]), map(m.camera(), m.positions()[l.to]),
                m.link_width_px(i) * k, m.link_color(i)};
    if (const float arrow = link_arrow_px(m, i); arrow > 0) {
      dl.arrow = arrow * k;
      dl.to_radius = m.node_radius_px(l.to) * k;
    }
    d->links.push_back(dl);
  }
}

// The corner of `region` for a box of `size` that covers the fewest nodes, preferring bottom
// left, then top left, bottom right and top right.
Box place_legend(const DrawList& d, const Box& region, Vec2 size, float margin) {
  const float l = region.x + margin, r = region.x + region.w - margin - size.x;
  const float t = region.y + margin, b = region.y + region.h - margin - size.y;
  const Box corners[] = {{l, b, size.x, size.y},
                         {l, t, size.x, size.y},
                         {r, b, size.x, size.y},
                         {r, t, size.x, size.y}};
  Box best = corners[0];
  size_t best_covered = SIZE_MAX;
  for (const Box& c : corners) {
    size_t covered = 0;
    for (const DrawNode& n : d.nodes)
      covered +=
          Box{n.center.x - n.radius, n.center.y - n.radius, 2 * n.radius, 2 * n.radius}.intersects(
              c);
    if (covered < best_covered) {
      best = c;
      best_covered = covered;
    }
    if (covered == 0) break;
  }
  return best;
}

std::string caption_text(const ViewModel& m, int dropped, size_t wanted) {
  std::string s = std::to_string(m.graph().vertex_count()) + " vertices, " +
                  std::to_string(m.graph().links().size()) +
                  " links; node size: " + std::string(to_string(m.measure()));
  if (dropped > 0)
    s += "; " + std::to_string(dropped) + " of " + std::to_string(wanted) +
         " labels left out for want of room";
  return s;
}

struct TextRowHeights {
  float title = 0, caption = 0;
};
TextRowHeights row_heights(const FigureOptions& o, float font_px, float k,
                           const TextMeasure& measure) {
  TextRowHeights h;
  if (!o.title.empty()) h.title = measure(o.title, font_px * 1.4f).y + 10 * k;
  if (o.caption) h.caption = measure("Ag", font_px * 0.9f).y + 8 * k;
  return h;
}

// Title and caption rows, then the labels around whatever is already on the page.
void add_text(const ViewModel& m, const FigureOptions& o, const TextMeasure& measure, float k,
              const Palette& p, DrawList* d) {
  const Box page{0, 0, static_cast<float>(o.width), static_cast<float>(o.height)};
  Box frame = o.label_frame.w > 0 ? o.label_frame : page;
  std::vector<Box> blocked;
  if (d->legend.w > 0) blocked.push_back(d->legend);
  d->title = o.title;
  const TextRowHeights rows = row_heights(o, d->font_px, k, measure);
  if (rows.title > 0) blocked.push_back({frame.x, frame.y, frame.w, rows.title});
  if (rows.caption > 0)
    blocked.push_back({frame.x, frame.y + frame.h - rows.caption, frame.w, rows.caption});
  std::vector<detail::Disc> discs;
  discs.reserve(d->nodes.size());
  for (const DrawNode& n : d->nodes) discs.push_back({n.center, n.radius + 1 * k, n.vertex});
  std::vector<detail::LabelRequest> wanted;
  for (uint32_t v : m.label_priority(o.max_labels)) {
    // The name, else a shorter form of it, else the key, whichever fits first.
    std::vector<std::string> texts = {detail::shorten(m.display_name(v), kMaxLabelChars)};
    std::string short_form = detail::shorten(m.display_name(v), kShortLabelChars);
    if (short_form != texts.back()) texts.push_back(short_form);
    if (m.key(v) != texts.back() && m.key(v).size() < short_form.size()) texts.push_back(m.key(v));
    wanted.push_back({v, std::move(texts)});
  }
  auto placed = detail::place_labels(wanted, discs, frame, blocked, d->font_px, d->label_pad, 3 * k,
                                     kAlwaysLabelled, measure);
  for (auto& l : placed.labels)
    d->labels.push_back(
        {l.vertex, std::move(l.text), l.box, m.selected(l.vertex) ? p.selected_rim : p.text});
  d->labels_dropped = placed.dropped;
  if (o.caption) d->caption = caption_text(m, placed.dropped, wanted.size());
}

}  // namespace

void fit_with_labels(ViewModel& m, size_t max_labels, float margin, float left, float right,
                     const TextMeasure& measure, float scale) {
  m.fit_to_screen(margin, left, right);
  const Camera& c = m.camera();
  if (left + right > c.width * 0.6) left = right = 0;  // a narrow window: as fit_to_screen
  // The label's first spot: its box 6 px (the disc's 1 px clearance, the gap and the halo) from
  // the rim.
  const float font_px = std::round(14 * scale * 4) / 4, gap = 6 * scale;
  // What reaches beyond each centre, in pixels: the disc, and a label at the right.
  struct Reach {
    Vec2 at;
    float left, right, up, down;
  };
  std::vector<Reach> reach;
  for (uint32_t v = 0; v < m.positions().size(); ++v)
    if (finite(m.positions()[v])) {
      const float r = m.node_radius_px(v) * scale;
      reach.push_back({m.positions()[v], r, r, r, r});
    }
  if (reach.empty()) return;
  std::vector<size_t> slot(m.positions().size(), SIZE_MAX);
  for (size_t i = 0, v = 0; v < m.positions().size(); ++v)
    if (finite(m.positions()[v])) slot[v] = i++;
  for (uint32_t v : m.label_priority(max_labels)) {
    Reach& r = reach[slot[v]];
    const Vec2 size = measure(detail::shorten(m.display_name(v), kMaxLabelChars), font_px);
    r.right += gap + size.x;
    r.up = std::max(r.up, size.y / 2);
    r.down = std::max(r.down, size.y / 2);
  }
  const double w = std::max(1.0, c.width - 2.0 * margin - left - right);
  const double h = std::max(1.0, c.height - 2.0 * margin);
  // The span of the pixels covered at zoom z, across (x) and up (y).
  auto span = [&](double z, double* x0, double* x1, double* y0, double* y1) {
    *x0 = *y0 = 1e300;
    *x1 = *y1 = -1e300;
    for (const Reach& r : reach) {
      *x0 = std::min(*x0, r.at.x * z - r.left);
      *x1 = std::max(*x1, r.at.x * z + r.right);
      *y0 = std::min(*y0, r.at.y * z - r.down);
      *y1 = std::max(*y1, r.at.y * z + r.up);
    }
  };
  // The largest zoom (up to the plain fit's) at which everything fits, by bisection.
  double lo = 0, hi = c.zoom, x0, x1, y0, y1;
  for (int i = 0; i < 40; ++i) {
    const double z = (lo + hi) / 2;
    span(z, &x0, &x1, &y0, &y1);
    (x1 - x0 <= w && y1 - y0 <= h ? lo : hi) = z;
  }
  const double z = std::max(lo, c.zoom * 1e-3);
  span(z, &x0, &x1, &y0, &y1);
  Camera& cam = m.camera();
  cam.zoom = z;
  // The covered box's centre at the free area's centre.
  const double free_cx = left + (c.width - left - right) / 2.0;
  cam.cx = ((x0 + x1) / 2 + c.width / 2.0 - free_cx) / z;
  cam.cy = (y0 + y1) / 2 / z;
}

float link_arrow_px(const ViewModel& m, uint32_t link) {
  if (!m.graph().directed() || !m.graph().links()[link].directed) return 0;
  return std::max(7.0f, 3 * m.link_width_px(link));
}

Color node_rim_color(Theme t, bool selected) {
  const Palette p = theme_colors(t);
  return selected ? p.selected_rim : p.rim;
}

float node_rim_px(bool selected) { return selected ? 2.5f : 1.0f; }

float label_font_px(const ViewModel& m, const FigureOptions& o) {
  return std::round(14 * PageMap(m.camera(), o.width, o.height).fit * o.scale * 4) / 4;
}

Vec2 legend_size(const ViewModel& m, const FigureOptions& o, const TextMeasure& measure) {
  const float k = PageMap(m.camera(), o.width, o.height).fit * o.scale;
  std::vector<DrawLegendItem> items = legend_items(m, k);
  return layout_legend(&items, label_font_px(m, o), k, measure);
}

DrawList build_draw_list(const ViewModel& m, const FigureOptions& o, const TextMeasure& measure) {
  const PageMap map(m.camera(), o.width, o.height);
  const float k = map.fit * o.scale;
  const Palette p = theme_colors(m.theme());
  DrawList d;
  d.width = o.width;
  d.height = o.height;
  d.background = p.background;
  d.text = p.text;
  d.halo = p.halo;
  d.font_px = label_font_px(m, o);
  d.label_pad = 2 * k;
  d.unit = k;
  if (o.links) add_links(m, map, k, &d);
  add_nodes(m, map, k, p, &d);
  if (o.legend) {
    d.legend_items = legend_items(m, k);
    const Vec2 size = layout_legend(&d.legend_items, d.font_px, k, measure);
    const Box page{0, 0, static_cast<float>(o.width), static_cast<float>(o.height)};
    Box region = o.label_frame.w > 0 ? o.label_frame : page;
    const TextRowHeights rows = row_heights(o, d.font_px, k, measure);
    region.y += rows.title;
    region.h -= rows.title + rows.caption;
    d.legend = place_legend(d, region, size, o.legend_left * k);
    for (auto& it : d.legend_items) {
      it.swatch = {it.swatch.x + d.legend.x, it.swatch.y + d.legend.y};
      it.text_at = {it.text_at.x + d.legend.x, it.text_at.y + d.legend.y};
    }
  }
  add_text(m, o, measure, k, p, &d);
  return d;
}

}  // namespace govnet::viewer
