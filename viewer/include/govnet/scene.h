// A scene: everything that decides the viewer's picture — the view and its filters and time,
// the measure that sizes the nodes, the colouring, theme, labels and link style, the layout's
// options, every vertex's position and pin, the camera and the selection. Saved in the store by
// name, exported as a JSON file, and applied to a ViewModel to show the same picture again: the
// same scene on the same store gives the same bytes (docs/viewer.md, "Scenes").
//
// Records are named by type and key and datasets by name, never by the store's internal ids, so
// a scene file stays valid in another store that holds the same datasets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "govnet/layout.h"
#include "govnet/view_model.h"

namespace govnet::viewer {

// The scene the window saves when it closes, and reopens on.
inline constexpr const char* kLastScene = "last";

struct Scene {
  static constexpr int kVersion = 1;  // the "govnet_scene" number of the JSON document

  ViewSpec spec;                       // spec.datasets is unused: `datasets` names them
  std::vector<std::string> datasets;   // the datasets the view is limited to (empty: all)
  Measure measure = Measure::kDegree;  // sizes the nodes (spec.directed / weight apply)
  ColorMode color = ColorMode::kKind;
  std::string partition;  // the saved partition coloured by, when color is kPartition
  Theme theme = Theme::kDark;
  float link_width = 1;
  std::optional<float> link_opacity;  // nullopt: the theme's
  size_t max_labels = 30;
  bool show_labels = true;
  LayoutOptions layout;
  std::vector<NodePosition> positions;  // with their pins
  std::vector<NodeRef> selection;
  Camera camera;  // its width and height are the window's (or page's) size it framed
  bool camera_locked = false;
};

// The scene `m` shows, with the window's own settings beside it.
Scene capture_scene(const ViewModel& m, const LayoutOptions& layout, size_t max_labels,
                    bool show_labels, bool camera_locked);

// Shows `scene` in `m`: view, measure, colouring, theme, link style, positions and pins,
// selection, camera. False with *error when the scene names a dataset or partition `m` does not
// have, or its view is contradictory; `m` may then be partly changed. Records of the scene that are
// not in the store's view are skipped; *missing counts them (positions and selection together).
bool apply_scene(const Scene& scene, ViewModel* m, std::string* error, size_t* missing = nullptr);

// The JSON document of a scene (keys in a fixed order, numbers round-tripping exactly), and
// back. Parsing checks every field and names the first bad one: "scene.json: view.families[1]:
// unknown family 'fundng'".
std::string scene_to_json(const Scene& scene);
bool scene_from_json(const std::string& text, const std::string& source, Scene* out,
                     std::string* error);

}  // namespace govnet::viewer
