// Undo and redo of scene changes (scene_history.h).
#include "govnet/scene_history.h"

#include <cstdio>
#include <map>

namespace govnet::viewer {
namespace {

Scene capture(const ViewModel& m, const SceneSettings& s) {
  return capture_scene(m, s.layout, s.max_labels, s.show_labels, s.camera_locked);
}

}  // namespace

std::string SceneHistory::signature(const ViewModel& m, const SceneSettings& settings) {
  Scene light;  // the scene without positions and camera: small whatever the network's size
  light.spec = m.spec();
  light.measure = m.measure();
  light.color = m.color_mode();
  if (light.color == ColorMode::kPartition && m.partition() < m.partition_names().size())
    light.partition = m.partition_names()[m.partition()];
  light.theme = m.theme();
  light.link_width = m.link_width_factor();
  light.link_opacity = m.link_opacity_setting();
  light.max_labels = settings.max_labels;
  light.show_labels = settings.show_labels;
  light.layout = settings.layout;
  light.camera_locked = settings.camera_locked;
  std::string sig = scene_to_json(light);
  for (DatasetId id : m.spec().datasets) sig += " d" + std::to_string(id);
  char buf[64];
  for (uint32_t v = 0; v < m.pinned().size(); ++v)
    if (m.pinned()[v]) {
      std::snprintf(buf, sizeof buf, " p%u:%.9g,%.9g", v, m.positions()[v].x, m.positions()[v].y);
      sig += buf;
    }
  for (uint32_t v : m.selection()) sig += " s" + std::to_string(v);
  return sig;
}

void SceneHistory::observe(const ViewModel& m, const SceneSettings& settings) {
  std::string sig = signature(m, settings);
  if (started_ && sig == signature_) return;
  if (started_) {
    undo_.push_back(std::move(current_));
    if (undo_.size() > kMaxSteps) undo_.pop_front();
    redo_.clear();
  }
  current_ = capture(m, settings);
  signature_ = std::move(sig);
  started_ = true;
}

bool SceneHistory::restore(std::deque<Scene>* from, std::deque<Scene>* to, ViewModel* m,
                           SceneSettings* settings) {
  if (from->empty()) return false;
  Scene now = capture(*m, *settings);
  Scene target = std::move(from->back());
  from->pop_back();
  // Only the vertices pinned then or now go back to where the scene had them: the others stay
  // where the layout has since moved them.
  std::map<std::pair<NodeType, std::string>, bool> pinned_now;
  for (const NodePosition& p : now.positions)
    if (p.pinned) pinned_now[{p.node.type, p.node.key}] = true;
  std::erase_if(target.positions, [&](const NodePosition& p) {
    return !p.pinned && !pinned_now.count({p.node.type, p.node.key});
  });
  const Camera camera = m->camera();
  std::string error;
  const bool ok = apply_scene(target, m, &error);
  m->camera() = camera;
  if (!ok) return false;
  settings->layout = target.layout;
  settings->max_labels = target.max_labels;
  settings->show_labels = target.show_labels;
  settings->camera_locked = target.camera_locked;
  to->push_back(std::move(now));
  current_ = capture(*m, *settings);
  signature_ = signature(*m, *settings);
  return true;
}

bool SceneHistory::undo(ViewModel* m, SceneSettings* settings) {
  return restore(&undo_, &redo_, m, settings);
}

bool SceneHistory::redo(ViewModel* m, SceneSettings* settings) {
  return restore(&redo_, &undo_, m, settings);
}

}  // namespace govnet::viewer
