// What `govnet view` and `govnet scenes save` share: the flags that choose the picture, their
// checks, and the viewer's model built from them (with a saved scene applied when --scene names
// one).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "context.h"
#include "govnet/centrality.h"
#include "govnet/layout.h"
#include "view_options.h"

#ifdef GOVNET_HAVE_VIEWER
#include "govnet/view_model.h"
#include "govnet/viewer_app.h"
#endif

namespace govnet::cli {

struct ViewArgs {
  Common common;
  ViewOptions view;
  std::string measure = "degree";
  std::string color = "kind";
  std::string theme = "dark";
  double scale = 1;
  double edge_width = 1, edge_opacity = -1;  // -1: the theme's opacity
  std::string title;
  std::string layout = "forceatlas2";
  uint64_t seed = 1;
  double scaling = 0, gravity = 1;
  bool strong_gravity = false, lin_log = false;
  std::string screenshot, size = "1600x1000", positions_out;
  int layout_steps = -1;
  bool until_converged = false, fresh_layout = false, save_positions = false;
  size_t labels = 30;
  std::vector<std::string> select;
  std::string focus;
  int depth = 1;
  int frames = 0;
  std::string state_out, input_log;
  std::string scene;  // --scene NAME: open the saved scene
  // The flags of the picture that were given on the command line (their long names), which a
  // scene would otherwise set.
  std::vector<std::string> picture_flags_given;
};

// The picture's flags (view, filters, time, measure, colours, theme, links, layout, labels,
// selection, size), shared by `view` and `scenes save`.
void add_picture_flags(CLI::App* cmd, ViewArgs* a);
// Fills a->picture_flags_given from the parsed command.
void note_picture_flags(const CLI::App* cmd, ViewArgs* a);

// What the flags ask for, checked: bad usage exits 2 before the store is opened.
struct ViewChoice {
  int width = 0, height = 0;
  Measure measure = Measure::kDegree;
  LayoutKind layout = LayoutKind::kForceAtlas2;
};
ViewChoice check_view_args(const ViewArgs& a);

#ifdef GOVNET_HAVE_VIEWER
// The model and the viewer's options the flags (or the scene of --scene) describe, read from
// the store (closed again before this returns).
struct PreparedView {
  std::unique_ptr<viewer::ViewModel> model;
  viewer::AppOptions options;
  std::string layout_name;  // where the window saves its positions ("full/forceatlas2")
};
// With `reopen_last`, and no picture flag or --scene given, the scene the window last showed.
PreparedView prepare_view(const ViewArgs& a, const ViewChoice& choice, bool reopen_last);
#endif

}  // namespace govnet::cli
