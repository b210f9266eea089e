// The interactive viewer: a GLFW window with the network drawn by OpenGL and Dear ImGui panels.
// Also renders the same picture headless to a PNG (`screenshot`). Built with GOVNET_BUILD_VIEWER.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "govnet/layout.h"
#include "govnet/view_model.h"

namespace govnet::viewer {

// The store's saved scenes (JSON documents by name, govnet/scene.h), for the Scenes panel. Each
// returns an error message or "".
struct SceneStore {
  std::function<std::string(std::vector<std::string>*)> names;
  std::function<std::string(const std::string&, std::string*)> load;
  std::function<std::string(const std::string&, const std::string&)> save;
  std::function<std::string(const std::string&)> remove;
  explicit operator bool() const { return names && load && save && remove; }
};

struct AppOptions {
  std::string title = "govnet";
  int width = 1400, height = 900;
  LayoutOptions layout;
  size_t max_labels = 30;
  bool show_labels = true;
  bool camera_locked = false;
  // The model's positions and camera are the picture (a scene was applied): a screenshot draws
  // them as they are, without running the layout or fitting; the window opens with the layout
  // paused and the camera where the scene put it.
  bool framed = false;
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
  // For latency measurements (bench/latency.py): a line for the first frame and for each frame
  // that took input, with when the input arrived and when the frame was done, in seconds since
  // the Unix epoch.
  std::string input_log;
  // When the window closes, what it shows (selection, pins, path, time, camera) as JSON here.
  std::string state_out;
  // Saved scenes: the Scenes panel lists, opens, saves and removes them; with save_last_scene,
  // the window saves what it shows as kLastScene when it closes.
  SceneStore scenes;
  bool save_last_scene = false;
};

// Runs the viewer until the window closes (or writes the screenshot). Returns 0, or 1 with a
// message on stderr when no window or GL 3.3 context could be had or the file not written.
int run_viewer(ViewModel& model, const AppOptions& options);

}  // namespace govnet::viewer
