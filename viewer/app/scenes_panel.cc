// The Scenes section of the Network panel: the store's saved scenes, opened, saved and removed
// through AppOptions::scenes.
#include <imgui.h>

#include <algorithm>

#include "govnet/scene.h"
#include "panels.h"

namespace govnet::viewer {

void ScenesPanel::refresh(AppState& s) {
  std::string err = s.options.scenes.names(&names_);
  if (!err.empty()) s.status = err;
  listed_ = true;
  if (chosen_ >= static_cast<int>(names_.size())) chosen_ = -1;
}

void ScenesPanel::section(AppState& s) {
  if (!listed_) refresh(s);
  if (names_.empty()) ImGui::TextDisabled("no saved scene yet");
  const float rows = static_cast<float>(std::min<size_t>(6, std::max<size_t>(names_.size(), 1)));
  if (ImGui::BeginListBox("##scenes", ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * rows))) {
    for (int i = 0; i < static_cast<int>(names_.size()); ++i)
      if (ImGui::Selectable(names_[i].c_str(), chosen_ == i)) chosen_ = i;
    ImGui::EndListBox();
  }
  const bool have = chosen_ >= 0;
  ImGui::BeginDisabled(!have);
  if (ImGui::Button("Open") && have) {
    std::string doc, error;
    Scene scene;
    const std::string& name = names_[chosen_];
    error = s.options.scenes.load(name, &doc);
    if (error.empty() && scene_from_json(doc, "scene '" + name + "'", &scene, &error) &&
        apply_scene(scene, &s.model, &error)) {
      s.take_scene({scene.layout, scene.max_labels, scene.show_labels, scene.camera_locked}, true);
      s.auto_fit = false;
      s.status = "opened scene '" + name + "'; the layout is paused (space resumes it)";
    } else {
      s.status = error;
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Remove") && have) {
    std::string err = s.options.scenes.remove(names_[chosen_]);
    s.status = err.empty() ? "removed scene '" + names_[chosen_] + "'" : err;
    refresh(s);
  }
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(-70);
  ImGui::InputTextWithHint("##name", "scene name", name_, sizeof name_);
  ImGui::SameLine();
  ImGui::BeginDisabled(name_[0] == '\0');
  if (ImGui::Button("Save")) {
    const SceneSettings st = s.scene_settings();
    std::string err = s.options.scenes.save(
        name_, scene_to_json(capture_scene(s.model, st.layout, st.max_labels, st.show_labels,
                                           st.camera_locked)));
    s.status = err.empty() ? std::string("saved scene '") + name_ + "'" : err;
    refresh(s);
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "everything that decides the picture: view, filters, time, colours, labels, positions "
        "and pins, camera, selection (govnet view --scene NAME reopens it)");
}

}  // namespace govnet::viewer
