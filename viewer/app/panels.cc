// The viewer's ImGui panels: network (view, filters, time, measure, colours, layout, search,
// focus, export), ranking, details, and the overlays drawn over the network.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "app_state.h"

namespace govnet::viewer {
namespace {

ImU32 to_imu32(Color c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

template <typename E>
bool toggle_list(const char* label, std::vector<E>* list, E value) {
  bool on = list->empty() || std::find(list->begin(), list->end(), value) != list->end();
  bool was = on;
  if (!ImGui::Checkbox(label, &on) || on == was) return false;
  return true;
}

// Applies a checkbox click to an "empty means all" filter list of `count` values.
template <typename E>
void flip(std::vector<E>* list, E value, int count) {
  if (list->empty()) {
    for (int i = 0; i < count; ++i)
      if (static_cast<E>(i) != value) list->push_back(static_cast<E>(i));
  } else if (auto it = std::find(list->begin(), list->end(), value); it != list->end()) {
    list->erase(it);
  } else {
    list->push_back(value);
  }
  if (static_cast<int>(list->size()) == count) list->clear();
}

void apply(AppState& s, const ViewSpec& spec) {
  if (s.model.set_spec(spec)) {
    s.restart_layout();
    s.status.clear();
  } else {
    s.status = s.model.last_error();
  }
}

void network_panel(AppState& s) {
  ViewModel& m = s.model;
  ImGui::SetNextWindowPos(ImVec2(8, 8), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(330, 860), ImGuiCond_FirstUseEver);
  ImGui::Begin("Network");
  ViewSpec spec = m.spec();

  const char* views[] = {"direct", "two-mode", "projection", "full"};
  int view = static_cast<int>(spec.kind);
  if (ImGui::Combo("view", &view, views, 4)) {
    spec.kind = static_cast<ViewKind>(view);
    apply(s, spec);
  }
  ImGui::Text("%u vertices, %zu links", m.graph().vertex_count(), m.graph().links().size());

  if (ImGui::CollapsingHeader("Relation families", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (int f = 0; f < kFamilyCount; ++f) {
      ImGui::ColorButton(
          ("##fam" + std::to_string(f)).c_str(),
          ImVec4(ViewModel::family_legend()[f].color.r, ViewModel::family_legend()[f].color.g,
                 ViewModel::family_legend()[f].color.b, 1),
          ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
      ImGui::SameLine();
      if (toggle_list(std::string(to_string(static_cast<Family>(f))).c_str(), &spec.families,
                      static_cast<Family>(f))) {
        flip(&spec.families, static_cast<Family>(f), kFamilyCount);
        apply(s, spec);
      }
    }
  }
  if (ImGui::CollapsingHeader("Actor kinds")) {
    for (int k = 0; k < 9; ++k)
      if (toggle_list(std::string(to_string(static_cast<ActorKind>(k))).c_str(), &spec.actor_kinds,
                      static_cast<ActorKind>(k))) {
        flip(&spec.actor_kinds, static_cast<ActorKind>(k), 9);
        apply(s, spec);
      }
  }
  if (ImGui::CollapsingHeader("Instrument kinds")) {
    for (int k = 0; k < 11; ++k)
      if (toggle_list(std::string(to_string(static_cast<InstrumentKind>(k))).c_str(),
                      &spec.instrument_kinds, static_cast<InstrumentKind>(k))) {
        flip(&spec.instrument_kinds, static_cast<InstrumentKind>(k), 11);
        apply(s, spec);
      }
  }
  if (ImGui::CollapsingHeader("Status")) {
    ImGui::TextDisabled("a tie passes by its own status, else its instrument's");
    for (int k = 1; k < 9; ++k)
      if (toggle_list(std::string(to_string(static_cast<Status>(k))).c_str(), &spec.statuses,
                      static_cast<Status>(k))) {
        // Statuses: 1..8 (unknown never passes an explicit filter).
        std::vector<Status>& l = spec.statuses;
        Status st = static_cast<Status>(k);
        if (l.empty()) {
          for (int i = 1; i < 9; ++i)
            if (i != k) l.push_back(static_cast<Status>(i));
        } else if (auto it = std::find(l.begin(), l.end(), st); it != l.end())
          l.erase(it);
        else
          l.push_back(st);
        if (l.size() == 8) l.clear();
        apply(s, spec);
      }
  }
  if (!m.datasets().empty() && ImGui::CollapsingHeader("Datasets")) {
    for (const auto& d : m.datasets()) {
      bool on =
          spec.datasets.empty() || std::count(spec.datasets.begin(), spec.datasets.end(), d.id);
      if (ImGui::Checkbox(d.name.c_str(), &on)) {
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
  }

  if (ImGui::CollapsingHeader("Time", ImGuiTreeNodeFlags_DefaultOpen)) {
    auto [first, last] = m.year_range();
    if (first == 0 && last == 0) {
      ImGui::TextDisabled("nothing in this store is dated");
    } else {
      if (s.year_from == 0) {
        s.year_from = first;
        s.year_to = last;
      }
      bool changed = ImGui::RadioButton("all time", &s.time_mode, 0);
      ImGui::SameLine();
      changed |= ImGui::RadioButton("as of", &s.time_mode, 1);
      ImGui::SameLine();
      changed |= ImGui::RadioButton("window", &s.time_mode, 2);
      if (s.time_mode == 1) changed |= ImGui::SliderInt("year", &s.year_to, first, last);
      if (s.time_mode == 2) {
        changed |= ImGui::SliderInt("from", &s.year_from, first, last);
        changed |= ImGui::SliderInt("to", &s.year_to, first, last);
      }
      if (changed) {
        if (s.time_mode == 0)
          m.set_time(std::nullopt, std::nullopt);
        else if (s.time_mode == 1)
          m.set_time(s.year_to, s.year_to);
        else
          m.set_time(std::min(s.year_from, s.year_to), std::max(s.year_from, s.year_to));
        s.restart_layout();
      }
      if (ImGui::Button(s.playing ? "Stop" : "Play growth")) {
        s.playing = !s.playing;
        if (s.playing) {
          s.time_mode = 1;
          m.set_time(std::nullopt, std::nullopt);
          s.last_play = 0;
        }
      }
      ImGui::SameLine();
      ImGui::TextDisabled("as of each year, %d–%d", first, last);
    }
  }

  if (ImGui::CollapsingHeader("Centrality and colours", ImGuiTreeNodeFlags_DefaultOpen)) {
    const char* measures[] = {"degree",    "in-degree", "out-degree",  "betweenness",
                              "closeness", "harmonic",  "eigenvector", "pagerank"};
    int measure = static_cast<int>(m.measure());
    bool directed = spec.directed;
    int weight = static_cast<int>(spec.weight);
    const char* weights[] = {"none", "weight", "amount", "count"};
    bool changed = ImGui::Combo("size by", &measure, measures, 8);
    changed |= ImGui::Checkbox("directed", &directed);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    changed |= ImGui::Combo("weight", &weight, weights, 4);
    if (changed) {
      if (!m.set_measure(static_cast<Measure>(measure), directed, static_cast<WeightKind>(weight)))
        s.status = m.last_error();
      else if (directed != spec.directed || weight != static_cast<int>(spec.weight))
        s.restart_layout();
    }
    const char* modes[] = {"actor kind", "community", "dataset"};
    int mode = static_cast<int>(m.color_mode());
    if (ImGui::Combo("colour by", &mode, modes, 3)) m.set_color_mode(static_cast<ColorMode>(mode));
    ImGui::Checkbox("labels", &s.show_labels);
  }

  if (ImGui::CollapsingHeader("Layout", ImGuiTreeNodeFlags_DefaultOpen)) {
    const char* kinds[] = {"ForceAtlas2", "Fruchterman-Reingold", "circular"};
    int kind = static_cast<int>(s.layout.kind);
    if (ImGui::Combo("algorithm", &kind, kinds, 3)) {
      s.layout.kind = static_cast<LayoutKind>(kind);
      s.restart_layout();
    }
    int seed = static_cast<int>(s.layout.seed);
    if (ImGui::InputInt("seed", &seed)) s.layout.seed = static_cast<uint64_t>(std::max(seed, 0));
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
    if (ImGui::Button("Fit (F)")) {
      m.fit_to_screen(30, 340, 430);
      s.auto_fit = false;
    }
    ImGui::Text("%d iterations, %s", s.runner.iterations(),
                s.runner.converged() ? "converged"
                : s.runner.paused()  ? "paused"
                                     : "running");
  }

  if (ImGui::CollapsingHeader("Search and focus", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::InputTextWithHint("##search", "name, key or alias", s.search, sizeof s.search))
      s.search_hits = m.search(s.search);
    for (uint32_t v : s.search_hits) {
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

  if (ImGui::CollapsingHeader("Export")) {
    ImGui::InputInt("width", &s.export_width);
    ImGui::InputInt("height", &s.export_height);
    ImGui::InputText("png", s.export_png, sizeof s.export_png);
    if (ImGui::Button("Export PNG")) s.export_requested = true;
    ImGui::InputText("csv", s.export_csv, sizeof s.export_csv);
    if (ImGui::Button("Export ranking CSV")) {
      std::ofstream out(s.export_csv);
      out << "rank,key,name,kind,value\n";
      int rank = 0;
      for (const auto& r : m.ranking()) {
        std::string name = r.name;
        for (size_t p = name.find('"'); p != std::string::npos; p = name.find('"', p + 2))
          name.insert(p, "\"");
        char value[64];
        std::snprintf(value, sizeof value, "%.10g", r.value);
        out << ++rank << "," << r.key << ",\"" << name << "\"," << r.kind << "," << value << "\n";
      }
      s.status =
          out ? std::string("wrote ") + s.export_csv : std::string("cannot write ") + s.export_csv;
    }
    if (s.options.save_positions && ImGui::Button("Save positions in the store")) {
      std::string err = s.options.save_positions(m.keyed_positions());
      s.status = err.empty() ? "positions saved" : err;
    }
  }
  if (!s.status.empty()) ImGui::TextWrapped("%s", s.status.c_str());
  ImGui::End();
}

void ranking_panel(AppState& s) {
  ViewModel& m = s.model;
  ImGui::SetNextWindowPos(ImVec2(s.options.width - 428.f, 8), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420, 380), ImGuiCond_FirstUseEver);
  ImGui::Begin("Ranking");
  ImGui::TextDisabled("%s; click a row to focus", std::string(to_string(m.measure())).c_str());
  if (ImGui::BeginTable("rank", 4,
                        ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed,
                            30);
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("kind", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("value",
                            ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending |
                                ImGuiTableColumnFlags_WidthFixed,
                            80);
    ImGui::TableHeadersRow();
    bool resort = false;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        specs && specs->SpecsDirty && specs->SpecsCount > 0) {
      s.ranking_by_name = specs->Specs[0].ColumnIndex == 1;
      s.ranking_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      specs->SpecsDirty = false;
      resort = true;
    }
    if (resort ||
        s.ranking_measure != m.measure_version()) {  // every rebuild recomputes the measure
      s.ranking = m.ranking(s.ranking_descending, s.ranking_by_name);
      s.ranking_measure = m.measure_version();
    }
    const auto& rows = s.ranking;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const RankRow& r = rows[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", i + 1);
        ImGui::TableNextColumn();
        if (ImGui::Selectable((r.name + "##" + r.key).c_str(), m.selected(r.vertex),
                              ImGuiSelectableFlags_SpanAllColumns)) {
          m.jump_to(r.vertex);
          s.auto_fit = false;
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.kind.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.4g", r.value);
      }
    ImGui::EndTable();
  }
  ImGui::End();
}

void evidence_lines(const std::vector<Evidence>& ev) {
  for (const auto& e : ev) {
    if (!e.quote.empty()) ImGui::TextWrapped("“%s”", e.quote.c_str());
    std::string cite = e.source + (e.locator.empty() ? "" : ", " + e.locator);
    ImGui::TextDisabled("— %s", cite.c_str());
    if (!e.url.empty()) {
      ImGui::TextDisabled("%s", e.url.c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(("copy link##" + e.url).c_str()))
        ImGui::SetClipboardText(e.url.c_str());
    }
  }
}

void details_panel(AppState& s) {
  ViewModel& m = s.model;
  ImGui::SetNextWindowPos(ImVec2(s.options.width - 428.f, 396), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420, 490), ImGuiCond_FirstUseEver);
  ImGui::Begin("Details");
  if (m.selection().empty()) {
    ImGui::TextDisabled("click a node to see its ties and their evidence");
    ImGui::End();
    return;
  }
  uint32_t v = m.selection().back();
  const Network& net = m.network();
  VertexRef r = m.graph().vertex(v);
  std::string key = m.key(v);
  ImGui::TextWrapped("%s — %s", key.c_str(), m.display_name(v).c_str());
  if (m.selection().size() > 1)
    ImGui::TextDisabled("(%zu selected; showing the last)", m.selection().size());
  if (r.is_instrument()) {
    const Instrument& x = net.instruments[r.index];
    ImGui::Text("instrument, %s", std::string(to_string(x.kind)).c_str());
    if (!x.period.empty()) ImGui::Text("period: %s", x.period.to_string().c_str());
    ImGui::Text("status: %s", std::string(to_string(x.status)).c_str());
    for (const auto& [k, val] : x.attributes) ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
    evidence_lines(x.evidence);
  } else {
    const Actor& a = net.actors[r.index];
    ImGui::Text("actor, %s%s%s", std::string(to_string(a.kind)).c_str(), a.iso3.empty() ? "" : ", ",
                a.iso3.c_str());
    if (!a.aliases.empty()) {
      std::string al;
      for (const auto& x : a.aliases) al += (al.empty() ? "" : ", ") + x;
      ImGui::TextWrapped("also: %s", al.c_str());
    }
    if (!a.parent.empty()) ImGui::Text("part of: %s", a.parent.c_str());
    for (const auto& [k, val] : a.attributes) ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
    evidence_lines(a.evidence);
  }
  if (!m.centrality().empty())
    ImGui::Text("%s: %.6g", std::string(to_string(m.measure())).c_str(), m.centrality()[v]);
  ImGui::Separator();
  int count = 0;
  for (const Tie& t : net.ties) {
    if (t.from != key && t.to != key) continue;
    ++count;
    bool out = t.from == key;
    std::string head =
        std::string(t.directed ? (out ? "→ " : "← ") : "— ") + (out ? t.to : t.from) + "  " +
        std::string(to_string(t.family)) + (t.role.empty() ? "" : ", " + t.role) +
        (t.period.empty() ? "" : ", " + t.period.to_string()) +
        (t.status == Status::kUnknown ? "" : ", " + std::string(to_string(t.status)));
    if (ImGui::TreeNode((head + "##" + std::to_string(count)).c_str())) {
      if (t.amount) ImGui::Text("amount: %.10g %s", *t.amount, t.currency.c_str());
      if (t.weight) ImGui::Text("weight: %.10g", *t.weight);
      for (const auto& [k, val] : t.attributes)
        ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
      evidence_lines(t.evidence);
      ImGui::TreePop();
    }
  }
  if (count == 0) ImGui::TextDisabled("no ties");
  ImGui::End();
}

}  // namespace

void draw_overlays(AppState& s, float width, float height, bool legend, float legend_x) {
  ViewModel& m = s.model;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  if (s.show_labels) {
    // Labels are placed in the camera's viewport; scale them to the target size.
    float scale = std::min(width / m.camera().width, height / m.camera().height);
    auto measure = [](const std::string& t) {
      ImVec2 v = ImGui::CalcTextSize(t.c_str());
      return Vec2{v.x, v.y};
    };
    for (const Label& l : m.labels(s.options.max_labels, measure)) {
      ImVec2 at(l.at.x * scale, l.at.y * scale);
      dl->AddRectFilled(ImVec2(at.x - 2, at.y - 1),
                        ImVec2(at.x + l.size.x + 2, at.y + l.size.y + 1), IM_COL32(20, 20, 24, 170),
                        3);
      dl->AddText(at,
                  m.selected(l.vertex) ? IM_COL32(255, 216, 0, 255) : IM_COL32(235, 235, 235, 255),
                  l.text.c_str());
    }
  }
  if (legend) {
    auto entries = m.legend();
    auto families = ViewModel::family_legend();
    float line = ImGui::GetTextLineHeight() + 2;
    float h = (entries.size() + families.size() + 2) * line + 8;
    ImVec2 o(legend_x, height - h - 12);
    dl->AddRectFilled(o, ImVec2(o.x + 230, o.y + h), IM_COL32(20, 20, 24, 200), 4);
    float y = o.y + 4;
    dl->AddText(ImVec2(o.x + 8, y), IM_COL32(200, 200, 200, 255), "nodes");
    y += line;
    for (const auto& e : entries) {
      dl->AddCircleFilled(ImVec2(o.x + 16, y + line / 2 - 1), 5, to_imu32(e.color));
      dl->AddText(ImVec2(o.x + 28, y), IM_COL32(235, 235, 235, 255), e.label.c_str());
      y += line;
    }
    dl->AddText(ImVec2(o.x + 8, y), IM_COL32(200, 200, 200, 255), "ties");
    y += line;
    for (const auto& e : families) {
      dl->AddLine(ImVec2(o.x + 9, y + line / 2 - 1), ImVec2(o.x + 23, y + line / 2 - 1),
                  to_imu32(e.color), 3);
      dl->AddText(ImVec2(o.x + 28, y), IM_COL32(235, 235, 235, 255), e.label.c_str());
      y += line;
    }
  }
}

void draw_panels(AppState& s) {
  network_panel(s);
  ranking_panel(s);
  details_panel(s);
}

}  // namespace govnet::viewer
