// The viewer's state and commands, in plain C++: what is shown (view, filters, time window),
// where (positions, camera), what is chosen (selection, ego focus, path), how it looks (colours,
// sizes, labels) and the ranking. The panels and the renderer only read it and call its commands,
// and tests drive it without a window. Not thread-safe: the UI thread owns it; the layout runs
// in a LayoutRunner and hands positions over.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/centrality.h"
#include "govnet/layout.h"
#include "govnet/model.h"

namespace govnet::viewer {

struct Color {
  float r = 0, g = 0, b = 0, a = 1;
  bool operator==(const Color&) const = default;
};

// kPartition: the communities of a saved partition (set_partition).
enum class ColorMode : uint8_t { kKind, kCommunity, kDataset, kPartition };
// Dark: the window's default. Light: a white page for print, with the colour-blind-safe
// Okabe–Ito palette.
enum class Theme : uint8_t { kDark, kLight };

// World <-> screen. Screen y grows downwards; `zoom` is pixels per world unit.
struct Camera {
  double cx = 0, cy = 0;
  double zoom = 1;
  int width = 1280, height = 800;
  Vec2 to_screen(Vec2 w) const {
    return {static_cast<float>((w.x - cx) * zoom + width / 2.0),
            static_cast<float>((cy - w.y) * zoom + height / 2.0)};
  }
  Vec2 to_world(float sx, float sy) const {
    return {static_cast<float>((sx - width / 2.0) / zoom + cx),
            static_cast<float>(cy - (sy - height / 2.0) / zoom)};
  }
};

struct LegendEntry {
  std::string label;
  Color color;
};

struct Label {
  uint32_t vertex;
  std::string text;
  Vec2 at;  // screen position of the text's top-left corner
  Vec2 size;
};

struct RankRow {
  uint32_t vertex;
  std::string key, name, kind;
  double value;
  int rank = 0;  // 1-based place by value (largest first, ties by key), whatever the sort order
};

// Flips one value of an "empty means all" filter list (ViewSpec::families, actor_kinds...) over
// the values first..end-1, as a checkbox click does: an empty list becomes every value but this
// one; otherwise the value is removed or added; a list that holds every value becomes empty.
template <typename E>
void toggle_filter_value(std::vector<E>* list, E value, int first, int end) {
  if (list->empty()) {
    for (int i = first; i < end; ++i)
      if (static_cast<E>(i) != value) list->push_back(static_cast<E>(i));
  } else if (auto it = std::find(list->begin(), list->end(), value); it != list->end()) {
    list->erase(it);
  } else {
    list->push_back(value);
  }
  if (static_cast<int>(list->size()) == end - first) list->clear();
}

class ViewModel {
 public:
  ViewModel(Network net, std::vector<DatasetInfo> datasets = {});

  // ---- what is shown ----
  const Network& network() const { return net_; }
  const std::vector<DatasetInfo>& datasets() const { return datasets_; }
  const AnalysisGraph& graph() const { return *graph_; }
  const ViewSpec& spec() const { return spec_; }
  // Changes the view or its filters and rebuilds; vertices that stay keep their positions.
  // Returns false (and keeps the old view) when the spec is contradictory; see last_error().
  bool set_spec(const ViewSpec& spec);
  const std::string& last_error() const { return error_; }
  // The years any record is dated with, for the time slider; {0, 0} when nothing is dated.
  std::pair<int, int> year_range() const { return years_; }
  // Time: as of a year (from = to), or a window; nullopt clears.
  bool set_time(std::optional<int> from_year, std::optional<int> to_year);
  // The "play" animation: steps the as-of year from the first dated year to the last; returns
  // false when it has reached the end.
  bool play_step();
  // The year the view is as of (from = to, both years), else nullopt: what the canvas and the
  // slider show during the animation.
  std::optional<int> as_of_year() const;
  // How many records (instruments and ties) start in each year of year_range(), first year
  // first; empty when nothing is dated.
  std::vector<int> starts_per_year() const;

  // ---- where ----
  const std::vector<Vec2>& positions() const { return pos_; }
  void set_positions(std::vector<Vec2> p);
  // Positions by record (type and key), for saving; and applying saved ones, matched by type
  // and key. Vertices without a finite position are left out.
  std::vector<NodePosition> keyed_positions() const;
  size_t apply_keyed_positions(const std::vector<NodePosition>& saved);  // how many matched
  const std::vector<char>& pinned() const { return pinned_; }
  void pin(uint32_t v, Vec2 at);  // drag: moves v and keeps it there
  void unpin(uint32_t v);
  void unpin_all();
  uint64_t geometry_version() const { return geometry_version_; }  // bumps when positions change
  uint64_t style_version() const { return style_version_; }        // colours, sizes, highlights
  uint64_t view_version() const { return view_version_; }          // bumps when the view is rebuilt
  uint64_t measure_version() const { return measure_version_; }    // bumps when centrality changes

  Camera& camera() { return camera_; }
  const Camera& camera() const { return camera_; }
  void set_viewport(int width, int height);
  // Frames every node in the viewport less `margin_px`, and less `left_px` / `right_px` taken by
  // panels on either side.
  void fit_to_screen(float margin_px = 40, float left_px = 0, float right_px = 0);
  void pan(float dx_px, float dy_px);
  void zoom_at(float sx, float sy, double factor);

  // ---- picking and selection (a grid index over positions; no scan of all vertices) ----
  std::optional<uint32_t> pick(float sx, float sy) const;
  std::vector<uint32_t> pick_box(float x0, float y0, float x1, float y1) const;
  void select(uint32_t v, bool add);
  void select_box(float x0, float y0, float x1, float y1, bool add);
  void clear_selection();
  const std::vector<uint32_t>& selection() const { return selection_; }
  bool selected(uint32_t v) const { return v < is_selected_.size() && is_selected_[v]; }
  void set_hover(std::optional<uint32_t> v) { hover_ = v; }
  std::optional<uint32_t> hover() const { return hover_; }
  // The link whose segment passes within `tolerance_px` of the screen point (the nearest), if
  // any; links with an unplaced end are skipped. A scan of the links.
  std::optional<uint32_t> pick_link(float sx, float sy, float tolerance_px = 5) const;
  // A chosen link (an edge clicked on), shown in Details with its ties and their evidence.
  void select_link(std::optional<uint32_t> link) { selected_link_ = link; }
  std::optional<uint32_t> selected_link() const { return selected_link_; }
  // The vertices one link away from v (either direction), each once, in vertex order.
  std::vector<uint32_t> neighbours(uint32_t v) const;

  // ---- asking ----
  bool set_measure(Measure m, bool directed, WeightKind weight);
  Measure measure() const { return measure_; }
  const std::vector<double>& centrality() const { return centrality_; }
  std::vector<RankRow> ranking(bool descending = true, bool by_name = false) const;
  // Ego network of v within `depth` steps (1–3): everything else is dimmed.
  void focus_ego(uint32_t v, int depth);
  // Shortest path between two vertices (the two selected ones by default), highlighted.
  bool select_path(uint32_t a, uint32_t b);
  bool select_path();
  void clear_focus();
  bool dimmed(uint32_t v) const { return focus_active_ && !(v < in_focus_.size() && in_focus_[v]); }
  bool link_highlighted(uint32_t link) const {
    return link < link_on_path_.size() && link_on_path_[link];
  }
  const std::vector<uint32_t>& path() const { return path_; }
  // The link from path()[i - 1] to path()[i] at index i (UINT32_MAX at index 0).
  const std::vector<uint32_t>& path_links() const { return path_links_; }

  // ---- search ----
  // Vertices whose key, name or alias contains the text (case-, accent-insensitive), best first.
  std::vector<uint32_t> search(const std::string& text, size_t limit = 20) const;
  void jump_to(uint32_t v);  // selects v and centres the camera on it

  // ---- how it looks ----
  void set_color_mode(ColorMode m);
  ColorMode color_mode() const { return color_mode_; }
  // Saved partitions (communities by record key) the colouring can show; records a partition
  // does not name are grey. set_partition(i) colours by the i-th added.
  void add_partition(std::string name, const std::vector<std::pair<NodeRef, uint32_t>>& members);
  const std::vector<std::string>& partition_names() const { return partition_names_; }
  void set_partition(size_t i);
  size_t partition() const { return partition_; }
  void set_theme(Theme t);
  Theme theme() const { return theme_; }
  Color node_color(uint32_t v) const;
  // The group the colouring puts v in (an actor kind, instruments as one more group, a
  // community, a dataset, a saved partition's community with the records it lacks as one
  // group): what the statistics' modularity is of.
  uint32_t color_group(uint32_t v) const;
  Color link_color(uint32_t link) const;
  float node_radius_px(uint32_t v) const;   // by the chosen measure, 4–18 px
  float radius_px_for(double value) const;  // the radius of a node of this measure value
  double max_centrality() const { return max_centrality_; }
  // By weight; an unweighted projection's by the instruments shared.
  float link_width_px(uint32_t link) const;
  // Link width (a factor on link_width_px, 0.1–10) and opacity (0–1; nullopt: the theme's,
  // 0.55 dark and 0.7 light), for the window and the exports alike. Values outside are clamped.
  void set_link_style(float width_factor, std::optional<float> opacity);
  float link_width_factor() const { return link_width_factor_; }
  float link_opacity() const;
  std::optional<float> link_opacity_setting() const { return link_opacity_; }  // as set
  // The family a link is drawn in: a tie link's first tie's; a projection link's strongest
  // shared family (the one most of its shared instruments' ties have), nullopt when two are
  // equally strong or the link shares no instrument with a family.
  std::optional<Family> link_family(uint32_t link) const;
  std::vector<LegendEntry> legend() const;
  static std::vector<LegendEntry> family_legend();        // the dark theme's
  std::vector<LegendEntry> family_legend_themed() const;  // the current theme's
  Color family_color(Family f) const;
  // The first `limit` vertices to label, most important first: the selection, the hovered
  // vertex, the path, then by the size measure (ties by vertex id). Unplaced and dimmed
  // vertices are left out.
  std::vector<uint32_t> label_priority(size_t limit) const;
  // Labels in the camera's viewport for label_priority(max_labels), placed as the draw list
  // places them (beside their node, over no other node or label, inside the viewport); those
  // that do not fit are dropped. `text_size` measures a string in pixels.
  std::vector<Label> labels(size_t max_labels,
                            const std::function<Vec2(const std::string&)>& text_size) const;

  // ---- details ----
  std::string display_name(uint32_t v) const;
  std::string key(uint32_t v) const;
  NodeType vertex_type(uint32_t v) const;  // an actor or an instrument

 private:
  void rebuild_graph(const ViewSpec& spec);
  void rebuild_index() const;
  void recompute_style();
  void compute_years();
  Color palette(size_t i) const;
  Color community_color(uint32_t c) const;
  Color instrument_color() const;
  void map_partition();
  void compute_link_families();

  Network net_;
  std::vector<DatasetInfo> datasets_;
  ViewSpec spec_;
  std::optional<AnalysisGraph> graph_;
  std::string error_;
  std::pair<int, int> years_{0, 0};

  std::vector<Vec2> pos_;
  std::vector<char> pinned_;
  std::map<std::pair<bool, uint32_t>, Vec2> remembered_;  // positions of records not in view
  Camera camera_;
  uint64_t geometry_version_ = 1, style_version_ = 1, view_version_ = 1, measure_version_ = 1;

  // grid index, rebuilt lazily when positions change
  mutable uint64_t indexed_version_ = 0;
  mutable float cell_ = 1, minx_ = 0, miny_ = 0;
  mutable int gw_ = 0, gh_ = 0;
  mutable std::vector<uint32_t> cell_start_, cell_items_;

  std::vector<uint32_t> selection_;
  std::vector<char> is_selected_;
  std::optional<uint32_t> hover_;
  std::optional<uint32_t> selected_link_;

  Measure measure_ = Measure::kDegree;
  std::vector<double> centrality_;
  double max_centrality_ = 0;
  double max_link_weight_ = 1;
  float link_width_factor_ = 1;
  std::optional<float> link_opacity_;
  // By link: its family for projection links (kNoFamily: neutral); empty outside projections.
  std::vector<uint8_t> link_family_;
  size_t max_shared_ = 1;  // the most instruments a link shares
  static constexpr uint8_t kNoFamily = UINT8_MAX;

  bool focus_active_ = false;
  std::vector<char> in_focus_;
  std::vector<char> link_on_path_;
  std::vector<uint32_t> path_;
  std::vector<uint32_t> path_links_;

  ColorMode color_mode_ = ColorMode::kKind;
  Theme theme_ = Theme::kDark;
  std::vector<uint32_t> community_;
  uint32_t community_count_ = 0;

  std::vector<std::string> partition_names_;
  std::vector<std::map<std::pair<NodeType, std::string>, uint32_t>> partitions_;
  size_t partition_ = 0;
  std::vector<uint32_t> partition_of_;  // by vertex; kNoCommunity when the partition lacks it
  uint32_t partition_count_ = 0;
  static constexpr uint32_t kNoCommunity = UINT32_MAX;
};

}  // namespace govnet::viewer
