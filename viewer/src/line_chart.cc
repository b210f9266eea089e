// The line chart's layout: margins from the measured tick labels and legend, the plot area, then
// grid, axes, series and legend as draw-list items.
#include "govnet/line_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "govnet/text.h"

namespace govnet::viewer {
namespace {

// Tableau 10: ten hues told apart by most readers with a colour vision deficiency.
constexpr std::array<uint32_t, 10> kSeriesColors = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2,
                                                    0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7,
                                                    0x9C755F, 0xBAB0AC};

Color rgb(uint32_t v, float a = 1) {
  return {((v >> 16) & 0xFF) / 255.0f, ((v >> 8) & 0xFF) / 255.0f, (v & 0xFF) / 255.0f, a};
}

std::string tick_text(double v, double step) {
  char b[32];
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::snprintf(b, sizeof b, "%.*f", std::min(decimals, 9), v);
  return std::string(b) == "-0" ? "0" : b;
}

// `text` cut with an ellipsis to fit `width` pixels.
std::string fitted(const std::string& text, float width, float px, const TextMeasure& measure) {
  if (measure(text, px).x <= width) return text;
  std::string t = text;
  while (!t.empty() && measure(t + "…", px).x > width) pop_utf8_char(&t);
  return t + "…";
}

struct Frame {
  float x0, y0, x1, y1;  // the plot area
  double day0, day1, lo, hi;
  float x(double day) const {
    return day1 > day0 ? x0 + static_cast<float>((day - day0) / (day1 - day0)) * (x1 - x0)
                       : (x0 + x1) / 2;
  }
  float y(double v) const { return y1 - static_cast<float>((v - lo) / (hi - lo)) * (y1 - y0); }
};

void add_label(DrawList* d, std::string text, float x, float y, const TextMeasure& measure,
               Color color) {
  const Vec2 size = measure(text, d->font_px);
  d->labels.push_back({0, std::move(text), {x, y, size.x, size.y}, color});
}

// Horizontal grid lines and their labels at the y ticks; the date labels under the x axis, every
// k-th so they do not touch.
void add_axes(DrawList* d, const LineChart& c, const Frame& f, const std::vector<double>& ticks,
              const TextMeasure& measure) {
  const float u = d->unit;
  Color grid = d->text, axis = d->text;
  grid.a = 0.12f;
  axis.a = 0.6f;
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  for (double t : ticks) {
    const float y = f.y(t);
    d->links.push_back({{f.x0, y}, {f.x1, y}, 1 * u, grid});
    const std::string text = tick_text(t, step);
    const Vec2 size = measure(text, d->font_px);
    add_label(d, text, f.x0 - 8 * u - size.x, y - size.y / 2, measure, d->text);
  }
  d->links.push_back({{f.x0, f.y1}, {f.x1, f.y1}, 1.2f * u, axis});
  d->links.push_back({{f.x0, f.y0}, {f.x0, f.y1}, 1.2f * u, axis});
  float widest = 0;
  for (const Date& date : c.dates)
    widest = std::max(widest, measure(date.to_string(), d->font_px).x);
  const size_t n = c.dates.size();
  const float room = n > 1 ? (f.x1 - f.x0) / (n - 1) : f.x1 - f.x0;
  const size_t every =
      std::max<size_t>(1, static_cast<size_t>(std::ceil((widest + 10 * u) / room)));
  for (size_t i = 0; i < n; i += every) {
    const float x = f.x(static_cast<double>(c.dates[i].earliest()));
    d->links.push_back({{x, f.y1}, {x, f.y1 + 5 * u}, 1.2f * u, axis});
    const std::string text = c.dates[i].to_string();
    add_label(d, text, x - measure(text, d->font_px).x / 2, f.y1 + 8 * u, measure, d->text);
  }
}

// Each series: segments between consecutive values (none across a gap) and a marker per value.
void add_series(DrawList* d, const LineChart& c, const Frame& f) {
  const float u = d->unit;
  for (size_t s = 0; s < c.series.size(); ++s) {
    const Color color = rgb(kSeriesColors[s % kSeriesColors.size()]);
    const auto& values = c.series[s].values;
    for (size_t i = 0; i < values.size() && i < c.dates.size(); ++i) {
      if (!values[i] || !std::isfinite(*values[i])) continue;
      const Vec2 p{f.x(static_cast<double>(c.dates[i].earliest())), f.y(*values[i])};
      if (i + 1 < values.size() && i + 1 < c.dates.size() && values[i + 1] &&
          std::isfinite(*values[i + 1]))
        d->links.push_back(
            {p,
             {f.x(static_cast<double>(c.dates[i + 1].earliest())), f.y(*values[i + 1])},
             2 * u,
             color});
      d->nodes.push_back({static_cast<uint32_t>(s), p, 3 * u, color, color, 1 * u, false});
    }
  }
}

// The legend's items in the right margin, from the top of the plot; its width is `width`.
void add_legend(DrawList* d, const LineChart& c, float left, float top, float width,
                const TextMeasure& measure) {
  const float u = d->unit, line = measure("Ag", d->font_px).y + 6 * u;
  const float text_width = width - 36 * u;
  float y = top + 8 * u;
  for (size_t s = 0; s < c.series.size(); ++s) {
    if (y + line > d->height - 40 * u) {
      d->legend_items.push_back({"… and " + std::to_string(c.series.size() - s) + " more",
                                 d->text,
                                 DrawLegendItem::kHeading,
                                 0,
                                 {},
                                 {left + 10 * u, y}});
      y += line;
      break;
    }
    DrawLegendItem it{fitted(c.series[s].name, text_width, d->font_px, measure),
                      rgb(kSeriesColors[s % kSeriesColors.size()]),
                      DrawLegendItem::kLink,
                      0,
                      {left + 17 * u, y + line / 2 - 3 * u},
                      {left + 30 * u, y}};
    d->legend_items.push_back(std::move(it));
    y += line;
  }
  if (c.series.size() > kSeriesColors.size()) {
    d->legend_items.push_back(
        {"(colours repeat)", d->text, DrawLegendItem::kHeading, 0, {}, {left + 10 * u, y}});
    y += line;
  }
  d->legend = {left, top, width, y - top + 4 * u};
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  std::vector<double> out;
  const double first = std::floor(lo / step + 1e-9);
  for (double k = first; k * step < hi + step * 0.999 && out.size() < 100; ++k)
    out.push_back(k * step);
  return out;
}

DrawList build_line_chart(const LineChart& c, const ChartOptions& o, const TextMeasure& measure) {
  DrawList d;
  d.width = o.width;
  d.height = o.height;
  d.unit = o.scale;
  d.font_px = 14 * o.scale;
  d.label_pad = 0;
  const bool light = o.theme == Theme::kLight;
  d.background = light ? Color{1, 1, 1, 1} : Color{0.07f, 0.07f, 0.09f, 1};
  d.text = light ? Color{0.1f, 0.1f, 0.12f, 1} : Color{0.92f, 0.92f, 0.92f, 1};
  d.halo = d.background;
  d.title = c.title;
  d.caption = c.caption;
  const float u = d.unit, line = measure("Ag", d.font_px).y;

  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v && std::isfinite(*v)) {
        lo = any ? std::min(lo, *v) : std::min(0.0, *v);
        hi = any ? std::max(hi, *v) : *v;
        any = true;
      }
  std::vector<double> ticks = nice_ticks(lo, hi, 6);
  lo = ticks.front();
  hi = std::max(ticks.back(), lo + 1e-12);

  float widest_tick = 0;
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  for (double t : ticks)
    widest_tick = std::max(widest_tick, measure(tick_text(t, step), d.font_px).x);
  float widest_name = 0;
  for (const auto& s : c.series) widest_name = std::max(widest_name, measure(s.name, d.font_px).x);
  const float legend_w = std::min(widest_name + 40 * u, o.width * 0.3f);

  Frame f;
  f.x0 = 20 * u + widest_tick;
  f.x1 = o.width - legend_w - 28 * u;
  f.y0 = (c.title.empty() ? 12 * u : 8 * u + 1.4f * line + 14 * u) + line + 8 * u;
  f.y1 = o.height - line - 16 * u - (c.caption.empty() ? 0 : 0.9f * line + 12 * u);
  f.day0 = c.dates.empty() ? 0 : static_cast<double>(c.dates.front().earliest());
  f.day1 = c.dates.empty() ? 1 : static_cast<double>(c.dates.back().earliest());
  f.lo = lo;
  f.hi = hi;
  if (!c.y_label.empty()) add_label(&d, c.y_label, 12 * u, f.y0 - line - 10 * u, measure, d.text);
  add_axes(&d, c, f, ticks, measure);
  add_series(&d, c, f);
  add_legend(&d, c, f.x1 + 16 * u, f.y0, legend_w, measure);
  return d;
}

}  // namespace govnet::viewer
