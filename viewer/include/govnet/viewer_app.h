// The interactive viewer: a GLFW window with the network drawn by OpenGL and Dear ImGui panels.
// Also renders the same picture headless to a PNG (`screenshot`). Built with GOVNET_BUILD_VIEWER.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "govnet/layout.h"
#include "govnet/view_model.h"

namespace govnet::viewer {

struct AppOptions {
  std::string title = "govnet";
  int width = 1400, height = 900;
  LayoutOptions layout;
  size_t max_labels = 30;
  float scale = 1;           // exports: text, node sizes, line widths and legend together
  std::string figure_title;  // exports: drawn at the top when not empty
  // Screenshot mode: render once to this file (PNG, SVG or PDF by its extension) and return,
  // without a window. The layout runs in the calling thread for `layout_steps` iterations, or
  // until it converges when layout_steps < 0.
  std::string screenshot;
  int layout_steps = -1;
  std::string positions_out;  // screenshot mode: JSON of every drawn vertex's pixel position
  // Saves the positions (e.g. into the store); returns an error message or "".
  std::function<std::string(const std::vector<NodePosition>&)> save_positions;
  // Interactive loop for a fixed number of frames, then exit printing frame times (for tests
  // and benchmarks). With `screenshot` set too, the last frame of the whole window, panels
  // included, is written there.
  int frames = 0;
  // When the window closes, what it shows (selection, pins, path, time, camera) as JSON here.
  std::string state_out;
};

// Runs the viewer until the window closes (or writes the screenshot). Returns 0, or 1 with a
// message on stderr when no window or GL 3.3 context could be had or the file not written.
int run_viewer(ViewModel& model, const AppOptions& options);

}  // namespace govnet::viewer
