#include "renderer.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "govnet/draw_list.h"

namespace govnet::viewer {
namespace {

// Camera uniforms shared by both programs: world centre, pixels per world unit, framebuffer size
// and the scale from the camera's viewport to the framebuffer.
const char* kCommon = R"(#version 330 core
uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_viewport;
uniform float u_scale;
uniform samplerBuffer u_positions;  // world position of each vertex, by vertex id
vec2 position(float id) { return texelFetch(u_positions, int(id)).xy; }
vec2 to_pixels(vec2 world) { return (world - u_center) * u_zoom * u_scale + 0.5 * u_viewport; }
vec4 pixels_to_clip(vec2 px) { return vec4(px / u_viewport * 2.0 - 1.0, 0.0, 1.0); }
)";

// A link's geometry in pixels: its ends, and for a directed link the arrowhead's tip (on the
// target's rim) and base, where the line stops (as the draw list's back-ends draw it).
const char* kLinkGeometry = R"(
layout(location = 1) in vec2 a_ends;    // per link: vertex ids of its two ends
layout(location = 2) in float a_width;
layout(location = 3) in vec4 a_color;
layout(location = 4) in vec2 a_arrow;   // arrowhead length and the target's radius (0: none)
struct LinkPixels { vec2 from, to, unit, tip; float arrow; };
LinkPixels link_pixels() {
  LinkPixels l;
  l.from = to_pixels(position(a_ends.x));
  l.to = to_pixels(position(a_ends.y));
  vec2 d = l.to - l.from;
  float len = length(d);
  l.unit = len > 0.0 ? d / len : vec2(1.0, 0.0);
  l.arrow = a_arrow.x * u_scale;
  float rim = a_arrow.y * u_scale;
  if (l.arrow <= 0.0 || len <= rim + l.arrow) l.arrow = 0.0;
  l.tip = l.to - l.unit * rim;
  if (l.arrow > 0.0) l.to = l.tip - l.unit * l.arrow;
  return l;
}
)";

const char* kLinkVertex = R"(
layout(location = 0) in vec2 a_corner;  // x: 0 at from, 1 at to; y: -1 or +1 across
out vec4 v_color;
void main() {
  LinkPixels l = link_pixels();
  vec2 n = vec2(-l.unit.y, l.unit.x);
  vec2 p = mix(l.from, l.to, a_corner.x) + n * a_corner.y * 0.5 * a_width * u_scale;
  gl_Position = pixels_to_clip(p);
  v_color = a_color;
}
)";

// The arrowhead: a triangle per link, collapsed off screen for links without one.
const char* kArrowVertex = R"(
out vec4 v_color;
void main() {
  LinkPixels l = link_pixels();
  if (l.arrow <= 0.0) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); return; }
  vec2 n = vec2(-l.unit.y, l.unit.x) * l.arrow * 0.45;
  vec2 base = l.tip - l.unit * l.arrow;
  vec2 p = gl_VertexID == 0 ? l.tip : gl_VertexID == 1 ? base + n : base - n;
  gl_Position = pixels_to_clip(p);
  v_color = a_color;
}
)";

const char* kLinkFragment = R"(#version 330 core
in vec4 v_color;
out vec4 frag;
void main() { frag = v_color; }
)";

const char* kNodeVertex = R"(
layout(location = 0) in vec2 a_corner;   // the unit quad, -1..1
layout(location = 1) in float a_id;     // per node: vertex id
layout(location = 2) in float a_radius;  // pixels
layout(location = 3) in vec4 a_color;
layout(location = 4) in vec2 a_flags;    // x: square (instrument), y: selected
out vec2 v_local;
out vec4 v_color;
out vec2 v_flags;
out float v_radius;
out float v_scale;
void main() {
  float r = (a_radius + 2.0) * u_scale;  // room for the outline
  vec2 p = position(a_id);
  if (isnan(p.x)) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); return; }  // not placed yet
  gl_Position = pixels_to_clip(to_pixels(p) + a_corner * r);
  v_local = a_corner * r;
  v_color = a_color;
  v_flags = a_flags;
  v_radius = a_radius * u_scale;
  v_scale = u_scale;
}
)";

const char* kNodeFragment = R"(#version 330 core
in vec2 v_local;
in vec4 v_color;
in vec2 v_flags;
in float v_radius;
in float v_scale;
uniform vec3 u_rim, u_selected_rim;  // node_rim_color
uniform float u_rim_px, u_selected_rim_px;
out vec4 frag;
void main() {
  // Distance from the edge of the shape, in pixels (negative inside).
  float d = v_flags.x > 0.5 ? max(abs(v_local.x), abs(v_local.y)) * 1.0 - v_radius * 0.85
                            : length(v_local) - v_radius;
  if (d > 1.5) discard;
  float alpha = clamp(1.0 - d, 0.0, 1.0);
  vec3 rim = v_flags.y > 0.5 ? u_selected_rim : u_rim;
  float rim_width = (v_flags.y > 0.5 ? u_selected_rim_px : u_rim_px) * v_scale;
  vec3 c = d > -rim_width ? rim : v_color.rgb;
  frag = vec4(c, v_color.a * alpha);
}
)";

GLuint compile(GLenum type, const std::string& source, std::string* error) {
  GLuint s = glCreateShader(type);
  const char* src = source.c_str();
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    *error = std::string("shader compilation failed: ") + log;
    glDeleteShader(s);
    return 0;
  }
  return s;
}

GLuint link(const std::string& vs, const std::string& fs, std::string* error) {
  GLuint v = compile(GL_VERTEX_SHADER, vs, error);
  if (!v) return 0;
  GLuint f = compile(GL_FRAGMENT_SHADER, fs, error);
  if (!f) {
    glDeleteShader(v);
    return 0;
  }
  GLuint p = glCreateProgram();
  glAttachShader(p, v);
  glAttachShader(p, f);
  glLinkProgram(p);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetProgramInfoLog(p, sizeof log, nullptr, log);
    *error = std::string("shader linking failed: ") + log;
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

void set_camera(GLuint program, const Camera& c, int width, int height) {
  glUseProgram(program);
  glUniform1i(glGetUniformLocation(program, "u_positions"), 0);
  glUniform2f(glGetUniformLocation(program, "u_center"), static_cast<float>(c.cx),
              static_cast<float>(c.cy));
  glUniform1f(glGetUniformLocation(program, "u_zoom"), static_cast<float>(c.zoom));
  glUniform2f(glGetUniformLocation(program, "u_viewport"), static_cast<float>(width),
              static_cast<float>(height));
  // Exports at another resolution keep the framing of the on-screen camera.
  float scale =
      std::min(width / static_cast<float>(c.width), height / static_cast<float>(c.height));
  glUniform1f(glGetUniformLocation(program, "u_scale"), scale);
}

}  // namespace

bool GraphRenderer::init(std::string* error) {
  link_program_ = link(std::string(kCommon) + kLinkGeometry + kLinkVertex, kLinkFragment, error);
  if (!link_program_) return false;
  arrow_program_ = link(std::string(kCommon) + kLinkGeometry + kArrowVertex, kLinkFragment, error);
  if (!arrow_program_) return false;
  node_program_ = link(std::string(kCommon) + kNodeVertex, kNodeFragment, error);
  if (!node_program_) return false;

  // The corners of a unit quad, shared: links use (0..1 along, -1..1 across), nodes (-1..1)².
  const float link_corners[] = {0, -1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1};
  const float node_corners[] = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};
  glGenBuffers(1, &quad_vbo_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glBufferData(GL_ARRAY_BUFFER, sizeof link_corners + sizeof node_corners, nullptr, GL_STATIC_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof link_corners, link_corners);
  glBufferSubData(GL_ARRAY_BUFFER, sizeof link_corners, sizeof node_corners, node_corners);

  glGenVertexArrays(1, &link_vao_);
  glGenBuffers(1, &link_vbo_);
  glBindVertexArray(link_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, (void*)0);
  glBindBuffer(GL_ARRAY_BUFFER, link_vbo_);
  const GLsizei ls = 9 * sizeof(float);  // ends(2) width(1) color(4) arrow(2)
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, ls, (void*)0);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, ls, (void*)(2 * sizeof(float)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, ls, (void*)(3 * sizeof(float)));
  glEnableVertexAttribArray(4);
  glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, ls, (void*)(7 * sizeof(float)));
  for (GLuint a = 1; a <= 4; ++a) glVertexAttribDivisor(a, 1);

  glGenVertexArrays(1, &node_vao_);
  glGenBuffers(1, &node_vbo_);
  glBindVertexArray(node_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, (void*)sizeof link_corners);
  glBindBuffer(GL_ARRAY_BUFFER, node_vbo_);
  const GLsizei ns = 8 * sizeof(float);  // id(1) radius(1) color(4) flags(2)
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, ns, (void*)0);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, ns, (void*)(1 * sizeof(float)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, ns, (void*)(2 * sizeof(float)));
  glEnableVertexAttribArray(4);
  glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, ns, (void*)(6 * sizeof(float)));
  for (GLuint a = 1; a <= 4; ++a) glVertexAttribDivisor(a, 1);

  glGenBuffers(1, &position_tbo_);
  glGenTextures(1, &position_texture_);
  glBindVertexArray(0);
  return true;
}

GraphRenderer::~GraphRenderer() {
  if (node_program_) glDeleteProgram(node_program_);
  if (link_program_) glDeleteProgram(link_program_);
  if (arrow_program_) glDeleteProgram(arrow_program_);
  GLuint buffers[] = {quad_vbo_, node_vbo_, link_vbo_, position_tbo_};
  glDeleteBuffers(4, buffers);
  glDeleteTextures(1, &position_texture_);
  GLuint arrays[] = {node_vao_, link_vao_};
  glDeleteVertexArrays(2, arrays);
}

void GraphRenderer::update(const ViewModel& m) {
  const AnalysisGraph* g = &m.graph();
  const bool new_graph = m.view_version() != view_seen_;
  if (new_graph || m.geometry_version() != geometry_seen_) {
    // Positions only: 8 bytes a vertex, the one upload a running layout causes.
    const auto& pos = m.positions();
    glBindBuffer(GL_TEXTURE_BUFFER, position_tbo_);
    glBufferData(GL_TEXTURE_BUFFER, std::max<size_t>(pos.size(), 1) * sizeof(Vec2),
                 pos.empty() ? nullptr : pos.data(), GL_STREAM_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, position_texture_);
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RG32F, position_tbo_);
    geometry_seen_ = m.geometry_version();
  }
  if (!new_graph && m.style_version() == style_seen_) return;
  view_seen_ = m.view_version();
  style_seen_ = m.style_version();

  // Links: one instance each; dimmed ones first so highlighted ones are drawn on top.
  std::vector<uint32_t> order(g->links().size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return m.link_highlighted(a) < m.link_highlighted(b);
  });
  std::vector<float> lv;
  lv.reserve(order.size() * 9);
  has_arrows_ = false;
  for (uint32_t id : order) {
    const Link& l = g->links()[id];
    Color c = m.link_color(id);
    const float arrow = link_arrow_px(m, id);
    has_arrows_ |= arrow > 0;
    float item[9] = {static_cast<float>(l.from),
                     static_cast<float>(l.to),
                     m.link_width_px(id),
                     c.r,
                     c.g,
                     c.b,
                     c.a,
                     arrow,
                     arrow > 0 ? m.node_radius_px(l.to) : 0.f};
    lv.insert(lv.end(), item, item + 9);
  }
  glBindBuffer(GL_ARRAY_BUFFER, link_vbo_);
  glBufferData(GL_ARRAY_BUFFER, lv.size() * sizeof(float), lv.data(), GL_DYNAMIC_DRAW);
  link_count_ = static_cast<GLsizei>(order.size());

  // Nodes: dimmed first, selected last, so the chosen ones stay on top.
  std::vector<uint32_t> vorder(g->vertex_count());
  for (uint32_t i = 0; i < vorder.size(); ++i) vorder[i] = i;
  std::stable_sort(vorder.begin(), vorder.end(), [&](uint32_t a, uint32_t b) {
    int ra = m.dimmed(a) ? 0 : m.selected(a) ? 2 : 1, rb = m.dimmed(b) ? 0 : m.selected(b) ? 2 : 1;
    return ra < rb;
  });
  std::vector<float> nv;
  nv.reserve(vorder.size() * 8);
  for (uint32_t v : vorder) {
    Color c = m.node_color(v);
    float item[8] = {static_cast<float>(v),
                     m.node_radius_px(v),
                     c.r,
                     c.g,
                     c.b,
                     c.a,
                     g->vertex(v).is_instrument() ? 1.f : 0.f,
                     m.selected(v) ? 1.f : 0.f};
    nv.insert(nv.end(), item, item + 8);
  }
  glBindBuffer(GL_ARRAY_BUFFER, node_vbo_);
  glBufferData(GL_ARRAY_BUFFER, nv.size() * sizeof(float), nv.data(), GL_DYNAMIC_DRAW);
  node_count_ = static_cast<GLsizei>(vorder.size());
}

void GraphRenderer::draw(const ViewModel& m, int width, int height) {
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_BUFFER, position_texture_);
  set_camera(link_program_, m.camera(), width, height);
  glBindVertexArray(link_vao_);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, link_count_);
  if (has_arrows_) {
    set_camera(arrow_program_, m.camera(), width, height);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 3, link_count_);
  }
  set_camera(node_program_, m.camera(), width, height);
  for (bool selected : {false, true}) {
    const Color c = node_rim_color(m.theme(), selected);
    const char* color = selected ? "u_selected_rim" : "u_rim";
    const char* px = selected ? "u_selected_rim_px" : "u_rim_px";
    glUniform3f(glGetUniformLocation(node_program_, color), c.r, c.g, c.b);
    glUniform1f(glGetUniformLocation(node_program_, px), node_rim_px(selected));
  }
  glBindVertexArray(node_vao_);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, node_count_);
  glBindVertexArray(0);
}

CachedGraph::~CachedGraph() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (color_) glDeleteRenderbuffers(1, &color_);
}

namespace {

bool same_camera(const Camera& a, const Camera& b) {
  return a.cx == b.cx && a.cy == b.cy && a.zoom == b.zoom && a.width == b.width &&
         a.height == b.height;
}

void clear_to_background(Theme theme) {
  if (theme == Theme::kLight)
    glClearColor(1, 1, 1, 1);
  else
    glClearColor(0.07f, 0.07f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

void CachedGraph::repaint(GraphRenderer& renderer, const ViewModel& m, int width, int height) {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width, height);
  clear_to_background(m.theme());
  renderer.update(m);
  renderer.draw(m, width, height);
  drawn_ = m.camera();
}

void CachedGraph::copy_moved(const ViewModel& m, int width, int height) const {
  const Camera& c = m.camera();
  // A window point s of the image maps to (s - centre) * k + centre + shift in the new camera.
  const double k = c.zoom / drawn_.zoom, px = width / static_cast<double>(c.width);
  auto x_of = [&](double sx) {
    return ((sx - c.width / 2.0) * k + (drawn_.cx - c.cx) * c.zoom + c.width / 2.0) * px;
  };
  auto y_of = [&](double sy) {
    return ((sy - c.height / 2.0) * k + (c.cy - drawn_.cy) * c.zoom + c.height / 2.0) * px;
  };
  // In GL's framebuffer rows count from the bottom: window row 0 is row `height`.
  const auto x0 = static_cast<GLint>(std::lround(x_of(0))),
             x1 = static_cast<GLint>(std::lround(x_of(c.width)));
  const auto y_top = static_cast<GLint>(std::lround(height - y_of(0))),
             y_bottom = static_cast<GLint>(std::lround(height - y_of(c.height)));
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  clear_to_background(m.theme());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
  glBlitFramebuffer(0, 0, width, height, x0, y_bottom, x1, y_top, GL_COLOR_BUFFER_BIT,
                    k == 1 ? GL_NEAREST : GL_LINEAR);
}

CachedGraph::Drawn CachedGraph::draw(GraphRenderer& renderer, const ViewModel& m, int width,
                                     int height, double now) {
  std::vector<double> content = {double(m.view_version()), double(m.geometry_version()),
                                 double(m.style_version()), double(m.theme())};
  const bool resized = width != width_ || height != height_;
  if (resized) {
    if (!fbo_) {
      glGenFramebuffers(1, &fbo_);
      glGenRenderbuffers(1, &color_);
    }
    glBindRenderbuffer(GL_RENDERBUFFER, color_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
    width_ = width;
    height_ = height;
  }
  if (!same_camera(m.camera(), seen_)) camera_changed_at_ = now;
  seen_ = m.camera();
  const bool camera_rests = same_camera(m.camera(), drawn_);
  Drawn how = Drawn::kCopied;
  if (resized || content_.empty()) {
    how = Drawn::kRepainted;
  } else if (content != content_) {
    // Only the style changed (a selection): the panels first, the picture next frame.
    const bool style_only =
        content[0] == content_[0] && content[1] == content_[1] && content[3] == content_[3];
    how = slow_ && style_only && !deferred_ ? Drawn::kDeferred : Drawn::kRepainted;
  } else if (!camera_rests) {
    how = moving(now) ? Drawn::kMoved : Drawn::kRepainted;
  }
  deferred_ = how == Drawn::kDeferred;
  if (how == Drawn::kRepainted) {
    const auto t0 = std::chrono::steady_clock::now();
    repaint(renderer, m, width, height);
    glFinish();
    slow_ =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > kSlowRepaint;
    content_ = std::move(content);
  }
  if (how == Drawn::kMoved || (how == Drawn::kDeferred && !camera_rests)) {
    copy_moved(m, width, height);
  } else {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  return how;
}

bool write_png(const std::string& path, int width, int height,
               const std::vector<unsigned char>& rgba, std::string* error) {
  if (!stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4)) {
    *error = "cannot write " + path + " (check that its folder exists and is writable)";
    return false;
  }
  return true;
}

}  // namespace govnet::viewer
