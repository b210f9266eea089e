// State shared by the viewer's main loop and its panels (internal to the app).
#pragma once

#include <string>
#include <vector>

#include "govnet/layout_runner.h"
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
  std::string status;    // one line shown at the bottom of the panel
  // panels
  char search[128] = "";
  std::vector<uint32_t> search_hits;
  int ego_depth = 1;
  bool show_labels = true;
  int export_width = 2400, export_height = 1600;
  char export_png[256] = "govnet-view.png";
  char export_csv[256] = "ranking.csv";
  bool export_requested = false;
  bool playing = false;
  double last_play = 0;
  int time_mode = 0;  // 0 all time, 1 as of, 2 window
  int year_from = 0, year_to = 0;
  // The ranking table, rebuilt only when the view, measure or sort order changes.
  std::vector<RankRow> ranking;
  uint64_t ranking_measure = 0;
  bool ranking_descending = true, ranking_by_name = false;

  AppState(ViewModel& m, const AppOptions& o) : model(m), options(o), layout(o.layout) {}
  // Starts the layout over the current view from the current positions.
  void restart_layout() {
    runner.start(model.graph(), layout, model.positions(), model.pinned());
    layout_version = 0;
  }
};

// Draws the panels; changes the model and the layout through the state.
void draw_panels(AppState& s);
// Draws labels and the legend over the network (background draw list), for a viewport of the
// given size. Used on screen and in exports.
void draw_overlays(AppState& s, float width, float height, bool legend, float legend_x = 12);

}  // namespace govnet::viewer
