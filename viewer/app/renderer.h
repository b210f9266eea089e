// Draws a ViewModel's links and nodes with OpenGL 3.3, in two instanced draw calls: links as
// screen-space quads expanded in the vertex shader, nodes as quads cut to circles (actors) or
// squares (instruments). Positions live in a texture buffer indexed by vertex id, so a moving
// layout re-uploads only them (8 bytes a vertex); the link and node instances (ids, widths,
// colours) are rebuilt only when the model's style or view changes. Needs a current GL context
// for every call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gl.h"
#include "govnet/view_model.h"

namespace govnet::viewer {

class GraphRenderer {
 public:
  // Compiles the shaders; returns false and sets *error when the driver refuses them.
  bool init(std::string* error);
  ~GraphRenderer();
  // Uploads what changed since the last call.
  void update(const ViewModel& m);
  // Draws into the current framebuffer, of size width x height, with the model's camera
  // (scaled when the framebuffer is larger than the camera's viewport, for exports).
  void draw(const ViewModel& m, int width, int height);

 private:
  GLuint node_program_ = 0, link_program_ = 0, arrow_program_ = 0;
  GLuint node_vao_ = 0, link_vao_ = 0;
  GLuint quad_vbo_ = 0, node_vbo_ = 0, link_vbo_ = 0;
  GLuint position_tbo_ = 0, position_texture_ = 0;
  GLsizei node_count_ = 0, link_count_ = 0;
  bool has_arrows_ = false;
  uint64_t geometry_seen_ = 0, style_seen_ = 0;
  uint64_t view_seen_ = 0;
};

// Keeps the rasterized network in an offscreen image and rasterizes it again only when the view,
// positions, style, camera or size changed; other frames just copy it. On a software rasterizer
// a repaint of a large network takes up to a second, so when the last one took longer than a
// frame should (kSlowRepaint):
// - while the camera moves (it changed less than kSettle ago), the cached image is copied
//   scaled and shifted to the new camera instead, and repainted once the camera rests;
// - a repaint for a new style (a click that selects) waits one frame, so that the frame showing
//   the panels' answer (Details) comes first.
class CachedGraph {
 public:
  static constexpr double kSlowRepaint = 0.03, kSettle = 0.25;  // seconds
  enum class Drawn { kCopied, kMoved, kRepainted, kDeferred };
  ~CachedGraph();
  // Draws the network into the current (default) framebuffer of size width x height at time
  // `now` (seconds, any clock), and says how.
  Drawn draw(GraphRenderer& renderer, const ViewModel& m, int width, int height, double now);
  // Whether the camera changed less than kSettle before `now` and repaints are slow: new layout
  // positions can wait until it rests.
  bool moving(double now) const { return slow_ && now - camera_changed_at_ < kSettle; }

 private:
  void repaint(GraphRenderer& renderer, const ViewModel& m, int width, int height);
  // Copies the cached image, drawn with camera `drawn_`, as the camera `now` would show it.
  void copy_moved(const ViewModel& m, int width, int height) const;

  GLuint fbo_ = 0, color_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<double> content_;  // what the image shows, but for the camera
  Camera drawn_;                 // the camera it was drawn with
  Camera seen_;                  // the camera of the last frame
  double camera_changed_at_ = -1e9;
  bool slow_ = false, deferred_ = false;
};

bool write_png(const std::string& path, int width, int height,
               const std::vector<unsigned char>& rgba, std::string* error);

}  // namespace govnet::viewer
