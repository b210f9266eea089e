// The details panel: the last selected record, its ties, and the evidence for each.
#include <imgui.h>

#include <string_view>
#include <unordered_map>

#include "panels.h"

namespace govnet::viewer {
namespace {

// Each quote with its citation, and a button to copy its link.
void evidence_lines(const std::vector<Evidence>& ev) {
  for (const auto& e : ev) {
    if (!e.quote.empty()) ImGui::TextWrapped("“%s”", e.quote.c_str());
    std::string cite = e.source + (e.locator.empty() ? "" : ", " + e.locator);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("— %s", cite.c_str());
    if (!e.url.empty()) ImGui::TextWrapped("%s", e.url.c_str());
    ImGui::PopStyleColor();
    if (!e.url.empty()) {
      if (ImGui::SmallButton(("copy link##" + e.url).c_str()))
        ImGui::SetClipboardText(e.url.c_str());
    }
  }
}

// Values that hold during a period, each with it.
void dated_lines(const std::vector<DatedAttribute>& attrs) {
  for (const auto& a : attrs)
    ImGui::TextWrapped("%s: %s (%s)", a.name.c_str(), a.value.c_str(),
                       a.period.to_string().c_str());
}

// Names of actors and instruments by key, for listing ties by partner name; rebuilt when the
// network changes size.
const std::string& name_of(const Network& net, const std::string& key) {
  static const Network* indexed = nullptr;
  static size_t indexed_size = 0;
  static std::unordered_map<std::string_view, const std::string*> names;
  const size_t size = net.actors.size() + net.instruments.size();
  if (indexed != &net || indexed_size != size) {
    names.clear();
    for (const auto& a : net.actors) names[a.key] = a.name.empty() ? &a.key : &a.name;
    for (const auto& x : net.instruments) names[x.key] = x.name.empty() ? &x.key : &x.name;
    indexed = &net;
    indexed_size = size;
  }
  auto it = names.find(key);
  return it == names.end() ? key : *it->second;
}

// A tie's family, role, spells and status, as one line.
std::string tie_summary(const Tie& t) {
  return std::string(to_string(t.family)) + (t.role.empty() ? "" : ", " + t.role) +
         (t.spells.empty() ? "" : ", " + t.spells.to_string()) +
         (t.status == Status::kUnknown ? "" : ", " + std::string(to_string(t.status)));
}

// The path's steps, as `govnet path` prints them: each vertex, and the tie(s) that lead to it
// with their evidence (or the instruments two actors share, in a projection).
void path_section(const ViewModel& m) {
  const Network& net = m.network();
  ImGui::Text("Path, %zu step(s)", m.path().size() - 1);
  for (size_t i = 0; i < m.path().size(); ++i) {
    uint32_t v = m.path()[i];
    if (i > 0) {
      const Link& l = m.graph().links()[m.path_links()[i]];
      ImGui::Indent();
      for (uint32_t x : l.instruments)
        ImGui::TextWrapped("share %s", net.instruments[x].name.c_str());
      for (uint32_t ti : l.ties) {
        const Tie& t = net.ties[ti];
        ImGui::TextWrapped("%s", tie_summary(t).c_str());
        if (!t.evidence.empty()) evidence_lines({t.evidence.front()});
      }
      ImGui::Unindent();
    }
    ImGui::TextWrapped("%zu. %s (%s)", i, m.display_name(v).c_str(), m.key(v).c_str());
  }
  ImGui::Separator();
}

// The chosen link: its two ends and every tie it stands for, with all their evidence.
void link_section(const ViewModel& m, uint32_t link) {
  const Link& l = m.graph().links()[link];
  const Network& net = m.network();
  ImGui::TextWrapped("%s %s %s", m.display_name(l.from).c_str(), l.directed ? "→" : "—",
                     m.display_name(l.to).c_str());
  for (uint32_t x : l.instruments) {
    ImGui::TextWrapped("share %s", net.instruments[x].name.c_str());
    evidence_lines(net.instruments[x].evidence);
  }
  for (uint32_t ti : l.ties) {
    const Tie& t = net.ties[ti];
    ImGui::Separator();
    ImGui::TextWrapped("%s", tie_summary(t).c_str());
    if (t.weight) ImGui::Text("weight: %.10g", *t.weight);
    for (const auto& w : t.dated_weights)
      ImGui::Text("weight: %.10g (%s)", w.value, w.period.to_string().c_str());
    if (t.amount) ImGui::Text("amount: %.10g %s", *t.amount, t.currency.c_str());
    for (const auto& [k, val] : t.attributes) ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
    dated_lines(t.dated_attributes);
    evidence_lines(t.evidence);
  }
  ImGui::Separator();
}

}  // namespace

void details_panel(AppState& s) {
  ViewModel& m = s.model;
  ImGui::SetNextWindowPos(ImVec2(s.options.width - 428.f, 396), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420, 490), ImGuiCond_FirstUseEver);
  ImGui::Begin("Details");
  if (!m.path().empty()) path_section(m);
  if (auto link = m.selected_link(); link && *link < m.graph().links().size())
    link_section(m, *link);
  if (m.selection().empty()) {
    if (!m.selected_link())
      ImGui::TextDisabled("click a node or an edge to see its ties and their evidence");
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
    if (!x.spells.empty()) ImGui::TextWrapped("spells: %s", x.spells.to_string().c_str());
    ImGui::Text("status: %s", std::string(to_string(x.status)).c_str());
    for (const auto& [k, val] : x.attributes) ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
    dated_lines(x.dated_attributes);
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
    if (!a.spells.empty()) ImGui::TextWrapped("spells: %s", a.spells.to_string().c_str());
    for (const auto& [k, val] : a.attributes) ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
    dated_lines(a.dated_attributes);
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
    const std::string& partner = out ? t.to : t.from;
    std::string head = std::string(t.directed ? (out ? "→ " : "← ") : "— ") +
                       name_of(net, partner) + "  " + tie_summary(t);
    bool open = ImGui::TreeNode((head + "##" + std::to_string(count)).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", partner.c_str());
    if (open) {
      if (t.amount) ImGui::Text("amount: %.10g %s", *t.amount, t.currency.c_str());
      if (t.weight) ImGui::Text("weight: %.10g", *t.weight);
      for (const auto& w : t.dated_weights)
        ImGui::Text("weight: %.10g (%s)", w.value, w.period.to_string().c_str());
      for (const auto& [k, val] : t.attributes)
        ImGui::TextWrapped("%s: %s", k.c_str(), val.c_str());
      dated_lines(t.dated_attributes);
      evidence_lines(t.evidence);
      ImGui::TreePop();
    }
  }
  if (count == 0) ImGui::TextDisabled("no ties");
  ImGui::End();
}

}  // namespace govnet::viewer
