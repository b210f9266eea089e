// The network panel: view, filters, time, measure and colours, layout, search and focus, export.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "canvas.h"
#include "panels.h"

namespace govnet::viewer {
namespace {

template <typename E>
bool toggle_list(const char* label, std::vector<E>* list, E value) {
  bool on = list->empty() || std::find(list->begin(), list->end(), value) != list->end();
  bool was = on;
  if (!ImGui::Checkbox(label, &on) || on == was) return false;
  return true;
}

void apply(AppState& s, const ViewSpec& spec) {
  if (s.model.set_spec(spec)) {
    s.restart_layout();
    s.view_changed();
    s.status.clear();
  } else {
    s.status = s.model.last_error();
  }
}

// The checkbox of value k in an "empty means all" filter list (a member of spec) of the values
// first..end-1; a click changes the list and applies the spec.
template <typename E>
void vocabulary_checkbox(AppState& s, ViewSpec& spec, std::vector<E>* list, int k, int first,
                         int end) {
  if (toggle_list(std::string(to_string(static_cast<E>(k))).c_str(), list, static_cast<E>(k))) {
    toggle_filter_value(list, static_cast<E>(k), first, end);
    apply(s, spec);
  }
}

// One checkbox per value first..end-1 of a vocabulary.
template <typename E>
void vocabulary_checkboxes(AppState& s, ViewSpec& spec, std::vector<E>* list, int first, int end) {
  for (int k = first; k < end; ++k) vocabulary_checkbox(s, spec, list, k, first, end);
}

// The ranking as CSV: rank,key,name,kind,value.
bool write_ranking_csv(const std::vector<RankRow>& ranking, const char* path) {
  std::ofstream out(path);
  out << "rank,key,name,kind,value\n";
  int rank = 0;
  for (const auto& r : ranking) {
    std::string name = r.name;
    for (size_t p = name.find('"'); p != std::string::npos; p = name.find('"', p + 2))
      name.insert(p, "\"");
    char value[64];
    std::snprintf(value, sizeof value, "%.10g", r.value);
    out << ++rank << "," << r.key << ",\"" << name << "\"," << r.kind << "," << value << "\n";
  }
  return static_cast<bool>(out);
}

// The colouring: actor kind, communities found now, dataset, or one of the saved partitions.
void color_section(ViewModel& m) {
  std::vector<std::string> modes = {"actor kind", "community", "dataset"};
  for (const auto& name : m.partition_names()) modes.push_back("partition " + name);
  int mode = m.color_mode() == ColorMode::kPartition ? 3 + static_cast<int>(m.partition())
                                                     : static_cast<int>(m.color_mode());
  if (ImGui::BeginCombo("colour by", modes[mode].c_str())) {
    for (int i = 0; i < static_cast<int>(modes.size()); ++i)
      if (ImGui::Selectable(modes[i].c_str(), i == mode)) {
        if (i < 3)
          m.set_color_mode(static_cast<ColorMode>(i));
        else
          m.set_partition(i - 3);
      }
    ImGui::EndCombo();
  }
}

// How many records start in each year, as bars under the time slider (the year and count on
// hover).
void starts_strip(const ViewModel& m, float width) {
  const std::vector<int> counts = m.starts_per_year();
  if (counts.empty()) return;
  const int most = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const float height = 28, bar = width / static_cast<float>(counts.size());
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##starts", ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto shown = m.as_of_year();
  for (size_t i = 0; i < counts.size(); ++i) {
    float h = height * static_cast<float>(counts[i]) / static_cast<float>(most);
    float x0 = at.x + bar * static_cast<float>(i);
    bool current = shown && *shown == m.year_range().first + static_cast<int>(i);
    dl->AddRectFilled(ImVec2(x0, at.y + height - h),
                      ImVec2(x0 + std::max(1.f, bar - 1), at.y + height),
                      current ? IM_COL32(255, 216, 0, 255) : IM_COL32(110, 150, 200, 255));
  }
  if (ImGui::IsItemHovered()) {
    size_t i =
        std::min(counts.size() - 1,
                 static_cast<size_t>(std::max(0.f, (ImGui::GetIO().MousePos.x - at.x) / bar)));
    ImGui::SetTooltip("%d: %d record%s start", m.year_range().first + static_cast<int>(i),
                      counts[i], counts[i] == 1 ? "" : "s");
  }
}

}  // namespace

void NetworkPanel::draw(AppState& s) {
  ImGui::SetNextWindowPos(ImVec2(8, 8), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(330, 860), ImGuiCond_FirstUseEver);
  ImGui::Begin("Network");
  ViewSpec spec = s.model.spec();
  view_section(s, spec);
  filter_sections(s, spec);
  if (ImGui::CollapsingHeader("Time", ImGuiTreeNodeFlags_DefaultOpen)) time_section(s);
  if (ImGui::CollapsingHeader("Centrality and colours", ImGuiTreeNodeFlags_DefaultOpen))
    measure_section(s, spec);
  if (ImGui::CollapsingHeader("Layout", ImGuiTreeNodeFlags_DefaultOpen)) layout_section(s);
  if (ImGui::CollapsingHeader("Search and focus", ImGuiTreeNodeFlags_DefaultOpen))
    search_section(s);
  if (ImGui::CollapsingHeader("Export")) export_section(s);
  if (s.options.scenes && ImGui::CollapsingHeader("Scenes")) scenes_.section(s);
  if (!s.status.empty()) ImGui::TextWrapped("%s", s.status.c_str());
  ImGui::End();
}

void NetworkPanel::view_section(AppState& s, ViewSpec& spec) {
  ViewModel& m = s.model;
  const char* views[] = {"direct", "two-mode", "projection", "full"};
  int view = static_cast<int>(spec.kind);
  if (ImGui::Combo("view", &view, views, IM_ARRAYSIZE(views))) {
    spec.kind = static_cast<ViewKind>(view);
    apply(s, spec);
  }
  ImGui::Text("%u vertices, %zu links", m.graph().vertex_count(), m.graph().links().size());
  bool changed = ImGui::Checkbox("keep isolated actors", &spec.keep_isolated);
  int min_component = static_cast<int>(spec.min_component);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("hide components under", &min_component, 1, 10)) {
    spec.min_component = static_cast<size_t>(std::clamp(min_component, 0, 1 << 20));
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("leave out connected components of fewer vertices than this");
  if (changed) apply(s, spec);
}

void NetworkPanel::filter_sections(AppState& s, ViewSpec& spec) {
  if (ImGui::CollapsingHeader("Relation families", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (int f = 0; f < kFamilyCount; ++f) {
      const Color c = s.model.family_legend_themed()[f].color;
      ImGui::ColorButton(("##fam" + std::to_string(f)).c_str(), ImVec4(c.r, c.g, c.b, 1),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
      ImGui::SameLine();
      vocabulary_checkbox(s, spec, &spec.families, f, 0, kFamilyCount);
    }
  }
  if (ImGui::CollapsingHeader("Actor kinds"))
    vocabulary_checkboxes(s, spec, &spec.actor_kinds, 0, kActorKindCount);
  if (ImGui::CollapsingHeader("Instrument kinds"))
    vocabulary_checkboxes(s, spec, &spec.instrument_kinds, 0, kInstrumentKindCount);
  if (ImGui::CollapsingHeader("Status")) {
    ImGui::TextDisabled("a tie passes by its own status, else its instrument's");
    // From 1: unknown never passes an explicit filter.
    vocabulary_checkboxes(s, spec, &spec.statuses, 1, kStatusCount);
  }
  if (!s.model.datasets().empty() && ImGui::CollapsingHeader("Datasets")) datasets_section(s, spec);
}

void NetworkPanel::datasets_section(AppState& s, ViewSpec& spec) {
  ViewModel& m = s.model;
  for (const auto& d : m.datasets()) {
    bool on = spec.datasets.empty() || std::count(spec.datasets.begin(), spec.datasets.end(), d.id);
    if (!ImGui::Checkbox(d.name.c_str(), &on)) continue;
    if (spec.datasets.empty())
      for (const auto& o : m.datasets()) spec.datasets.push_back(o.id);
    if (on)
      spec.datasets.push_back(d.id);
    else
      spec.datasets.erase(std::remove(spec.datasets.begin(), spec.datasets.end(), d.id),
                          spec.datasets.end());
    if (spec.datasets.size() >= m.datasets().size()) spec.datasets.clear();
    apply(s, spec);
  }
}

void NetworkPanel::time_section(AppState& s) {
  ViewModel& m = s.model;
  auto [first, last] = m.year_range();
  if (first == 0 && last == 0) {
    ImGui::TextDisabled("nothing in this store is dated");
    return;
  }
  if (year_from_ == 0) {
    year_from_ = first;
    year_to_ = last;
  }
  // The controls follow the view's time, whoever set it (the animation, a step, undo, a scene).
  const ViewSpec& now = m.spec();
  if (now.from != shown_from_ || now.to != shown_to_) {
    time_mode_ = !now.from && !now.to ? 0 : m.as_of_year() ? 1 : 2;
    if (now.from) year_from_ = now.from->year;
    if (now.to) year_to_ = now.to->year;
  }
  bool changed = ImGui::RadioButton("all time", &time_mode_, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("as of", &time_mode_, 1);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("window", &time_mode_, 2);
  if (time_mode_ == 1) changed |= ImGui::SliderInt("year", &year_to_, first, last);
  if (time_mode_ == 2) {
    changed |= ImGui::SliderInt("from", &year_from_, first, last);
    changed |= ImGui::SliderInt("to", &year_to_, first, last);
  }
  if (changed) {
    if (time_mode_ == 0)
      m.set_time(std::nullopt, std::nullopt);
    else if (time_mode_ == 1)
      m.set_time(year_to_, year_to_);
    else
      m.set_time(std::min(year_from_, year_to_), std::max(year_from_, year_to_));
    s.restart_layout();
    s.view_changed();
  }
  shown_from_ = m.spec().from;
  shown_to_ = m.spec().to;
  starts_strip(m, ImGui::GetContentRegionAvail().x);
  ViewSpec spec = m.spec();
  if (ImGui::Checkbox("dated only", &spec.dated_only)) apply(s, spec);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "leave out records without a date (as --dated-only): an undated record "
        "otherwise counts as present at every date");
  playback_controls(s);
}

// Play/pause, a step back or forward of one year, and the speed of the animation. Playing
// starts from the whole network fitted to the screen and keeps that camera: the network grows
// inside the frame of all its years.
void NetworkPanel::playback_controls(AppState& s) {
  ViewModel& m = s.model;
  auto [first, last] = m.year_range();
  if (ImGui::Button(s.playing ? "Pause" : "Play growth")) {
    s.playing = !s.playing;
    if (s.playing) {
      time_mode_ = 1;
      if (!m.as_of_year() || *m.as_of_year() >= last) {
        m.set_time(std::nullopt, std::nullopt);
        m.fit_to_screen(30, s.left_px(), s.right_px());
      }
      s.auto_fit = false;
      s.fit_start = -1;
      s.last_play = 0;
    }
  }
  auto step_to = [&](int year) {
    s.playing = false;
    time_mode_ = 1;
    m.set_time(std::clamp(year, first, last), std::clamp(year, first, last));
    s.restart_layout();
  };
  ImGui::SameLine();
  if (ImGui::ArrowButton("##back", ImGuiDir_Left)) step_to(m.as_of_year().value_or(last + 1) - 1);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##forward", ImGuiDir_Right))
    step_to(m.as_of_year().value_or(first - 1) + 1);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderFloat("##speed", &s.play_seconds, 0.2f, 3.0f, "%.1f s per year");
}

void NetworkPanel::measure_section(AppState& s, const ViewSpec& spec) {
  ViewModel& m = s.model;
  const char* measures[] = {"degree",    "in-degree", "out-degree",  "betweenness",
                            "closeness", "harmonic",  "eigenvector", "pagerank"};
  int measure = static_cast<int>(m.measure());
  bool directed = spec.directed;
  int weight = static_cast<int>(spec.weight);
  const char* weights[] = {"none", "weight", "amount", "count"};
  bool changed = ImGui::Combo("size by", &measure, measures, IM_ARRAYSIZE(measures));
  changed |= ImGui::Checkbox("directed", &directed);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  changed |= ImGui::Combo("weight", &weight, weights, IM_ARRAYSIZE(weights));
  if (changed) {
    if (!m.set_measure(static_cast<Measure>(measure), directed, static_cast<WeightKind>(weight)))
      s.status = m.last_error();
    else if (directed != spec.directed || weight != static_cast<int>(spec.weight))
      s.restart_layout();
  }
  color_section(m);
  const char* themes[] = {"dark", "light"};
  int theme = static_cast<int>(m.theme());
  if (ImGui::Combo("theme", &theme, themes, IM_ARRAYSIZE(themes)))
    m.set_theme(static_cast<Theme>(theme));
  ImGui::Checkbox("labels", &s.show_labels);
  float width = m.link_width_factor(), opacity = m.link_opacity();
  bool link_changed =
      ImGui::SliderFloat("link width", &width, 0.1f, 10, "%.1f x", ImGuiSliderFlags_Logarithmic);
  link_changed |= ImGui::SliderFloat("link opacity", &opacity, 0, 1, "%.2f");
  if (link_changed) m.set_link_style(width, opacity);
}

void NetworkPanel::layout_section(AppState& s) {
  ViewModel& m = s.model;
  const char* kinds[] = {"ForceAtlas2", "Fruchterman-Reingold", "circular"};
  int kind = static_cast<int>(s.layout.kind);
  if (ImGui::Combo("algorithm", &kind, kinds, IM_ARRAYSIZE(kinds))) {
    s.layout.kind = static_cast<LayoutKind>(kind);
    s.restart_layout();
  }
  int seed = static_cast<int>(s.layout.seed);
  if (ImGui::InputInt("seed", &seed)) s.layout.seed = static_cast<uint64_t>(std::max(seed, 0));
  if (s.layout.kind == LayoutKind::kForceAtlas2) forceatlas2_options(s);
  if (ImGui::Button(s.runner.paused() ? "Resume" : "Pause")) {
    if (s.runner.paused())
      s.runner.resume();
    else
      s.runner.pause();
  }
  ImGui::SameLine();
  if (ImGui::Button("Re-run from scratch")) {
    m.set_positions(std::vector<Vec2>(m.positions().size(), Vec2{NAN, NAN}));
    s.restart_layout();
    s.auto_fit = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Fit (F)")) s.start_fit(ImGui::GetTime());
  ImGui::Checkbox("lock camera", &s.camera_locked);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("keep the camera where it is when the view, filters or time change");
  size_t pins = std::count(m.pinned().begin(), m.pinned().end(), 1);
  ImGui::SameLine();
  if (ImGui::Button(("Unpin all (" + std::to_string(pins) + ")").c_str())) unpin_all(s);
  ImGui::Text("%d iterations, %s", s.runner.iterations(),
              s.runner.converged() ? "converged"
              : s.runner.paused()  ? "paused"
                                   : "running");
}

// ForceAtlas2's settings; a change re-runs the layout from the current positions.
void NetworkPanel::forceatlas2_options(AppState& s) {
  float scaling = static_cast<float>(s.layout.scaling),
        gravity = static_cast<float>(s.layout.gravity);
  bool changed = ImGui::SliderFloat("scaling", &scaling, 0, 100, scaling == 0 ? "auto" : "%.1f");
  changed |= ImGui::SliderFloat("gravity", &gravity, 0, 10, "%.2f");
  changed |= ImGui::Checkbox("strong gravity", &s.layout.strong_gravity);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("LinLog", &s.layout.lin_log);
  if (!changed) return;
  s.layout.scaling = scaling;
  s.layout.gravity = gravity;
  s.restart_layout();
}

void NetworkPanel::search_section(AppState& s) {
  ViewModel& m = s.model;
  if (ImGui::InputTextWithHint("##search", "name, key or alias", search_, sizeof search_))
    search_hits_ = m.search(search_);
  for (uint32_t v : search_hits_) {
    std::string line = m.key(v) + "  " + m.display_name(v);
    if (ImGui::Selectable(line.c_str(), m.selected(v))) {
      m.jump_to(v);
      s.auto_fit = false;
    }
  }
  ImGui::SliderInt("ego steps", &s.ego_depth, 1, 3);
  if (ImGui::Button("Focus on selection") && !m.selection().empty())
    m.focus_ego(m.selection().front(), s.ego_depth);
  ImGui::SameLine();
  if (ImGui::Button("Path") && !m.select_path())
    s.status = "select two vertices (shift-click) that are connected";
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    m.clear_focus();
    m.clear_selection();
  }
}

void NetworkPanel::export_section(AppState& s) {
  ViewModel& m = s.model;
  ImGui::InputInt("width", &s.export_width);
  ImGui::InputInt("height", &s.export_height);
  ImGui::InputText("file", s.export_path, sizeof s.export_path);
  ImGui::TextDisabled("the file's extension picks the format: .png, .svg or .pdf");
  if (ImGui::Button("Export picture")) s.export_requested = true;
  ImGui::InputText("csv", export_csv_, sizeof export_csv_);
  if (ImGui::Button("Export ranking CSV"))
    s.status = write_ranking_csv(m.ranking(), export_csv_)
                   ? std::string("wrote ") + export_csv_
                   : std::string("cannot write ") + export_csv_;
  if (s.options.save_positions && ImGui::Button("Save positions in the store")) {
    std::string err = s.options.save_positions(m.keyed_positions());
    s.status = err.empty() ? "positions saved" : err;
  }
}

}  // namespace govnet::viewer
