// The viewer's ImGui panels, one class (or function) each with the state only it uses, and the
// overlays drawn over the network. Each panel draws the model and changes it, and the layout,
// through the shared AppState.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app_state.h"
#include "govnet/view_statistics.h"

namespace govnet::viewer {

// The store's saved scenes: open one, save what the window shows under a name, remove one.
class ScenesPanel {
 public:
  void section(AppState& s);

 private:
  void refresh(AppState& s);
  std::vector<std::string> names_;
  bool listed_ = false;
  int chosen_ = -1;
  char name_[128] = "";
};

// The left panel: view, filters, time, measure and colours, layout, search and focus, export.
class NetworkPanel {
 public:
  void draw(AppState& s);

 private:
  void view_section(AppState& s, ViewSpec& spec);
  void filter_sections(AppState& s, ViewSpec& spec);
  void datasets_section(AppState& s, ViewSpec& spec);
  void time_section(AppState& s);
  void playback_controls(AppState& s);
  void measure_section(AppState& s, const ViewSpec& spec);
  void layout_section(AppState& s);
  void forceatlas2_options(AppState& s);
  void search_section(AppState& s);
  void export_section(AppState& s);

  ScenesPanel scenes_;
  char search_[128] = "";
  std::vector<uint32_t> search_hits_;
  int time_mode_ = 0;  // 0 all time, 1 as of, 2 window
  int year_from_ = 0, year_to_ = 0;
  std::optional<Date> shown_from_, shown_to_;  // the view's time the controls show
  char export_csv_[256] = "ranking.csv";
};

// The view's statistics (govnet/view_statistics.h), computed again only when the view or the
// colouring changes.
class StatisticsPanel {
 public:
  void section(AppState& s);

 private:
  ViewStatistics stats_;
  std::tuple<uint64_t, ColorMode, size_t> key_;  // view version, colouring, partition
  bool computed_ = false;
};

// The ranking table of the chosen measure; a click jumps to the vertex.
class RankingPanel {
 public:
  void draw(AppState& s);

 private:
  void draw_rows(AppState& s);

  // Rebuilt only when the view, measure or sort order changes.
  std::vector<RankRow> ranking_;
  StatisticsPanel statistics_;
  uint64_t ranking_measure_ = 0;
  bool descending_ = true, by_name_ = false;
};

// The last selected record: its fields, attributes and evidence, then its ties with theirs.
void details_panel(AppState& s);

// Every panel of the window, in drawing order.
class Panels {
 public:
  void draw(AppState& s) {
    network_.draw(s);
    ranking_.draw(s);
    details_panel(s);
  }

 private:
  NetworkPanel network_;
  RankingPanel ranking_;
};

// Draws the labels, legend and caption of the model's draw list over the network (ImGui's
// background draw list) in a window of the given size, keeping them in the canvas between the
// panels (`left` and `right` pixels wide).
void draw_overlays(AppState& s, int width, int height, float left, float right);

// Fit: frames the network, its discs and labels included, between panels `left` and `right`
// pixels wide.
void fit_view(AppState& s, float left, float right);

}  // namespace govnet::viewer
