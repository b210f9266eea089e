// State shared by the viewer's main loop and its panels (internal to the app); a panel keeps
// what only it uses (panels.h).
#pragma once

#include <cstdint>
#include <string>

#include "govnet/draw_list.h"
#include "govnet/layout_runner.h"
#include "govnet/scene_history.h"
#include "govnet/view_model.h"
#include "govnet/viewer_app.h"

namespace govnet::viewer {

struct AppState {
  ViewModel& model;
  const AppOptions& options;
  LayoutRunner runner;
  LayoutOptions layout;
  uint64_t layout_version = 0;
  bool auto_fit = true;  // fit to the screen until the user moves the camera
  // Locked: the camera stays where the user put it when the view, filters or time change;
  // unlocked, such a change fits the network to the screen again.
  bool camera_locked = false;
  // An animated fit (Fit, F): the camera moves from fit_from to fit_to over kFitSeconds.
  static constexpr double kFitSeconds = 0.3;
  Camera fit_from, fit_to;
  double fit_start = -1;  // glfwGetTime() when the fit began; < 0: none under way
  std::string status;     // one line shown at the bottom of the panel
  // Set in the panels, used by the main loop or the overlays too.
  int ego_depth = 1;  // steps of a focus (the panel's button and a double-click)
  bool show_labels = true;
  size_t max_labels = 30;  // starts at AppOptions::max_labels
  int export_width = 2400, export_height = 1600;
  char export_path[256] = "govnet-view.png";  // .png, .svg or .pdf
  bool export_requested = false;              // the main loop writes the file between frames
  bool playing = false;                       // the "play growth" animation steps once in a while
  double last_play = 0;
  float play_seconds = 0.8f;  // per year of the animation
  SceneHistory history;       // undo and redo
  // The overlays' draw list (labels, legend, caption) and what it was built from.
  DrawList overlay;
  std::vector<double> overlay_key;

  AppState(ViewModel& m, const AppOptions& o)
      : model(m),
        options(o),
        layout(o.layout),
        auto_fit(!o.framed),
        camera_locked(o.camera_locked),
        show_labels(o.show_labels),
        max_labels(o.max_labels) {}
  // The widths the side panels take from the canvas (none in a narrow window).
  float left_px() const { return model.camera().width > 1000 ? 340.f : 0.f; }
  float right_px() const { return model.camera().width > 1000 ? 430.f : 0.f; }
  // After a change of view, filters or time: refit unless the camera is locked.
  void view_changed() {
    if (!camera_locked) auto_fit = true;
  }
  // Starts an animated fit of the whole network and its labels, from the camera as it is now
  // (defined beside fit_view, which computes the target).
  void start_fit(double now);
  // Starts the layout over the current view from the current positions.
  void restart_layout() {
    runner.start(model.graph(), layout, model.positions(), model.pinned());
    layout_version = 0;
  }
  // What a scene holds beside the model.
  SceneSettings scene_settings() const { return {layout, max_labels, show_labels, camera_locked}; }
  // Takes a scene's settings (after the model was given the scene) and restarts the layout
  // from its positions, paused when `paused`.
  void take_scene(const SceneSettings& s, bool paused) {
    const unsigned threads = layout.threads;
    layout = s.layout;
    layout.threads = threads;
    max_labels = s.max_labels;
    show_labels = s.show_labels;
    camera_locked = s.camera_locked;
    restart_layout();
    if (paused) runner.pause();
  }
  // Ctrl+Z / Ctrl+Shift+Z: the scene before (after) the last step; the status line says which.
  void undo(bool redo) {
    SceneSettings settings = scene_settings();
    const bool paused = runner.paused();
    const bool done = redo ? history.redo(&model, &settings) : history.undo(&model, &settings);
    if (done) {
      take_scene(settings, paused);
      view_changed();
    }
    status = done ? (redo ? "redone" : "undone") : (redo ? "nothing to redo" : "nothing to undo");
  }
};

}  // namespace govnet::viewer
