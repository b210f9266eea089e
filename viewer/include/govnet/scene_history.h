// Undo and redo of the window's scene changes: the view and its filters and time, measure,
// colouring, theme, link style, labels, layout options, pins (and where they are), drags and the
// selection. The camera and the running layout's moves are not steps of their own (an undone
// step keeps the camera where it is), as in drawing programs where zooming is not an edit. Undo
// puts back where pinned vertices were; the others stay where the layout has since moved them.
//
// The window calls observe() once a frame, after input: a frame whose scene differs from the
// last one observed becomes a step. Undo shows the scene as it was before the step, redo again
// after it. Each step keeps a whole scene (positions included), at most kMaxSteps of them.
#pragma once

#include <deque>
#include <string>

#include "govnet/scene.h"

namespace govnet::viewer {

// The window's settings a scene holds beside the model.
struct SceneSettings {
  LayoutOptions layout;
  size_t max_labels = 30;
  bool show_labels = true;
  bool camera_locked = false;
};

class SceneHistory {
 public:
  static constexpr size_t kMaxSteps = 40;

  // Records a step when what `m` and `settings` show changed since the last call (the first
  // call only takes the starting point). Cheap when nothing changed: no positions are copied.
  void observe(const ViewModel& m, const SceneSettings& settings);
  // Shows the scene before the last step (redo: after the step undone last) in `m` and
  // `settings`, the camera left as it is; false when there is nothing to undo (redo).
  bool undo(ViewModel* m, SceneSettings* settings);
  bool redo(ViewModel* m, SceneSettings* settings);
  size_t undo_steps() const { return undo_.size(); }
  size_t redo_steps() const { return redo_.size(); }

 private:
  // What decides a step, without the unpinned vertices' positions and the camera.
  static std::string signature(const ViewModel& m, const SceneSettings& settings);
  bool restore(std::deque<Scene>* from, std::deque<Scene>* to, ViewModel* m,
               SceneSettings* settings);

  std::deque<Scene> undo_, redo_;
  Scene current_;  // the scene as of the last step
  std::string signature_;
  bool started_ = false;
};

}  // namespace govnet::viewer
