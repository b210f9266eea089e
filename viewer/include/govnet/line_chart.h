// A line chart as a draw list (draw_list.h), so the figure writers set it as PNG, SVG or PDF with
// the network pictures' font and themes: one line per series over dates, with markers at the
// values, gaps where a series has no value, axes with rounded ticks, and a legend of the series.
// Plain C++.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "govnet/draw_list.h"
#include "govnet/model.h"

namespace govnet::viewer {

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per date of the chart; nullopt: no value
};

struct LineChart {
  std::vector<Date> dates;  // the x positions, in order
  std::vector<ChartSeries> series;
  std::string title, y_label, caption;
};

struct ChartOptions {
  int width = 1200, height = 750;  // the page, in pixels (points for PDF)
  float scale = 1;                 // text, line widths and markers together
  Theme theme = Theme::kLight;
};

// The chart on a page. The y axis starts at 0 unless a value is negative; series beyond the
// palette's ten colours reuse them, and the legend says so.
DrawList build_line_chart(const LineChart& chart, const ChartOptions& options,
                          const TextMeasure& measure);

// Ticks for [lo, hi]: multiples of 1, 2 or 5 times a power of ten, about `count` of them,
// covering the range.
std::vector<double> nice_ticks(double lo, double hi, int count);

}  // namespace govnet::viewer
