// Pictures written to files: the window's Export and the headless screenshot, both from the
// model's draw list through the figure writers (PNG, SVG, PDF by the file's extension).
#pragma once

#include <string>

#include "app_state.h"
#include "govnet/draw_list.h"

namespace govnet::viewer {

// The figure options of an export of the given size from the app's settings.
FigureOptions figure_options(const AppState& s, int width, int height);

// Writes the picture the window frames, fitted into width x height.
bool export_figure(const AppState& s, int width, int height, const std::string& path,
                   std::string* error);

// Headless: runs the layout here, deterministically, frames the network beside the legend and
// writes options.screenshot (and options.positions_out). No window or GL context is needed.
// Returns the exit code.
int render_screenshot(AppState& s);

}  // namespace govnet::viewer
