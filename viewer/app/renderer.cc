#include "renderer.h"

#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace govnet::viewer {
namespace {

// Camera uniforms shared by both programs: world centre, pixels per world unit, framebuffer size
// and the scale from the camera's viewport to the framebuffer.
const char* kCommon = R"(#version 330 core
uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_viewport;
uniform float u_scale;
vec2 to_pixels(vec2 world) { return (world - u_center) * u_zoom * u_scale + 0.5 * u_viewport; }
vec4 pixels_to_clip(vec2 px) { return vec4(px / u_viewport * 2.0 - 1.0, 0.0, 1.0); }
)";

const char* kLinkVertex = R"(
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in vec2 a_corner;  // x: 0 at from, 1 at to; y: -1 or +1 across
layout(location = 3) in float a_width;
layout(location = 4) in vec4 a_color;
out vec4 v_color;
void main() {
  vec2 p0 = to_pixels(a_from), p1 = to_pixels(a_to);
  vec2 d = p1 - p0;
  float len = length(d);
  vec2 n = len > 0.0 ? vec2(-d.y, d.x) / len : vec2(0.0, 1.0);
  vec2 p = mix(p0, p1, a_corner.x) + n * a_corner.y * 0.5 * a_width * u_scale;
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
layout(location = 1) in vec2 a_pos;      // per node: world position
layout(location = 2) in float a_radius;  // pixels
layout(location = 3) in vec4 a_color;
layout(location = 4) in vec2 a_flags;    // x: square (instrument), y: selected
out vec2 v_local;
out vec4 v_color;
out vec2 v_flags;
out float v_radius;
void main() {
  float r = (a_radius + 2.0) * u_scale;  // room for the outline
  gl_Position = pixels_to_clip(to_pixels(a_pos) + a_corner * r);
  v_local = a_corner * r;
  v_color = a_color;
  v_flags = a_flags;
  v_radius = a_radius * u_scale;
}
)";

const char* kNodeFragment = R"(#version 330 core
in vec2 v_local;
in vec4 v_color;
in vec2 v_flags;
in float v_radius;
out vec4 frag;
void main() {
  // Distance from the edge of the shape, in pixels (negative inside).
  float d = v_flags.x > 0.5 ? max(abs(v_local.x), abs(v_local.y)) * 1.0 - v_radius * 0.85
                            : length(v_local) - v_radius;
  if (d > 1.5) discard;
  float alpha = clamp(1.0 - d, 0.0, 1.0);
  vec3 rim = v_flags.y > 0.5 ? vec3(1.0, 0.85, 0.0) : vec3(0.12, 0.12, 0.14);
  float rim_width = v_flags.y > 0.5 ? 2.5 : 1.0;
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
  if (!f) { glDeleteShader(v); return 0; }
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
  glUniform2f(glGetUniformLocation(program, "u_center"), static_cast<float>(c.cx), static_cast<float>(c.cy));
  glUniform1f(glGetUniformLocation(program, "u_zoom"), static_cast<float>(c.zoom));
  glUniform2f(glGetUniformLocation(program, "u_viewport"), static_cast<float>(width), static_cast<float>(height));
  // Exports at another resolution keep the framing of the on-screen camera.
  float scale = std::min(width / static_cast<float>(c.width), height / static_cast<float>(c.height));
  glUniform1f(glGetUniformLocation(program, "u_scale"), scale);
}

}  // namespace

bool GraphRenderer::init(std::string* error) {
  link_program_ = link(std::string(kCommon) + kLinkVertex, kLinkFragment, error);
  if (!link_program_) return false;
  node_program_ = link(std::string(kCommon) + kNodeVertex, kNodeFragment, error);
  if (!node_program_) return false;

  glGenVertexArrays(1, &link_vao_);
  glGenBuffers(1, &link_vbo_);
  glBindVertexArray(link_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, link_vbo_);
  const GLsizei ls = 11 * sizeof(float);  // from(2) to(2) corner(2) width(1) color(4)
  glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, ls, (void*)0);
  glEnableVertexAttribArray(1); glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, ls, (void*)(2 * sizeof(float)));
  glEnableVertexAttribArray(2); glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, ls, (void*)(4 * sizeof(float)));
  glEnableVertexAttribArray(3); glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, ls, (void*)(6 * sizeof(float)));
  glEnableVertexAttribArray(4); glVertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, ls, (void*)(7 * sizeof(float)));

  glGenVertexArrays(1, &node_vao_);
  glGenBuffers(1, &quad_vbo_);
  glGenBuffers(1, &node_vbo_);
  glBindVertexArray(node_vao_);
  const float quad[] = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), (void*)0);
  glBindBuffer(GL_ARRAY_BUFFER, node_vbo_);
  const GLsizei ns = 9 * sizeof(float);  // pos(2) radius(1) color(4) flags(2)
  glEnableVertexAttribArray(1); glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, ns, (void*)0);
  glEnableVertexAttribArray(2); glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, ns, (void*)(2 * sizeof(float)));
  glEnableVertexAttribArray(3); glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, ns, (void*)(3 * sizeof(float)));
  glEnableVertexAttribArray(4); glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, ns, (void*)(7 * sizeof(float)));
  for (GLuint a = 1; a <= 4; ++a) glVertexAttribDivisor(a, 1);
  glBindVertexArray(0);
  return true;
}

GraphRenderer::~GraphRenderer() {
  if (node_program_) glDeleteProgram(node_program_);
  if (link_program_) glDeleteProgram(link_program_);
  GLuint buffers[] = {quad_vbo_, node_vbo_, link_vbo_};
  glDeleteBuffers(3, buffers);
  GLuint arrays[] = {node_vao_, link_vao_};
  glDeleteVertexArrays(2, arrays);
}

void GraphRenderer::update(const ViewModel& m) {
  const AnalysisGraph* g = &m.graph();
  if (g == graph_seen_ && m.geometry_version() == geometry_seen_ && m.style_version() == style_seen_) return;
  graph_seen_ = g;
  geometry_seen_ = m.geometry_version();
  style_seen_ = m.style_version();
  const auto& pos = m.positions();

  // Links: two triangles each; dimmed ones first so highlighted ones are drawn on top.
  std::vector<float> lv;
  lv.reserve(g->links().size() * 6 * 11);
  std::vector<uint32_t> order(g->links().size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return m.link_highlighted(a) < m.link_highlighted(b);
  });
  for (uint32_t id : order) {
    const Link& l = g->links()[id];
    Vec2 a = pos[l.from], b = pos[l.to];
    if (!std::isfinite(a.x) || !std::isfinite(b.x)) continue;
    Color c = m.link_color(id);
    float w = m.link_width_px(id);
    const float corners[6][2] = {{0, -1}, {1, -1}, {1, 1}, {0, -1}, {1, 1}, {0, 1}};
    for (const auto& k : corners) {
      float v[11] = {a.x, a.y, b.x, b.y, k[0], k[1], w, c.r, c.g, c.b, c.a};
      lv.insert(lv.end(), v, v + 11);
    }
  }
  glBindBuffer(GL_ARRAY_BUFFER, link_vbo_);
  glBufferData(GL_ARRAY_BUFFER, lv.size() * sizeof(float), lv.data(), GL_DYNAMIC_DRAW);
  link_vertex_count_ = static_cast<GLsizei>(lv.size() / 11);

  // Nodes: dimmed first, selected last, so the chosen ones stay on top.
  std::vector<float> nv;
  nv.reserve(g->vertex_count() * 9);
  std::vector<uint32_t> vorder(g->vertex_count());
  for (uint32_t i = 0; i < vorder.size(); ++i) vorder[i] = i;
  std::stable_sort(vorder.begin(), vorder.end(), [&](uint32_t a, uint32_t b) {
    int ra = m.dimmed(a) ? 0 : m.selected(a) ? 2 : 1, rb = m.dimmed(b) ? 0 : m.selected(b) ? 2 : 1;
    return ra < rb;
  });
  for (uint32_t v : vorder) {
    Vec2 p = pos[v];
    if (!std::isfinite(p.x)) continue;
    Color c = m.node_color(v);
    float item[9] = {p.x, p.y, m.node_radius_px(v), c.r, c.g, c.b, c.a,
                     g->vertex(v).is_instrument ? 1.f : 0.f, m.selected(v) ? 1.f : 0.f};
    nv.insert(nv.end(), item, item + 9);
  }
  glBindBuffer(GL_ARRAY_BUFFER, node_vbo_);
  glBufferData(GL_ARRAY_BUFFER, nv.size() * sizeof(float), nv.data(), GL_DYNAMIC_DRAW);
  node_count_ = static_cast<GLsizei>(nv.size() / 9);
}

void GraphRenderer::draw(const ViewModel& m, int width, int height) {
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  set_camera(link_program_, m.camera(), width, height);
  glBindVertexArray(link_vao_);
  glDrawArrays(GL_TRIANGLES, 0, link_vertex_count_);
  set_camera(node_program_, m.camera(), width, height);
  glBindVertexArray(node_vao_);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, node_count_);
  glBindVertexArray(0);
}

bool render_offscreen(int width, int height, const std::function<void()>& draw,
                      std::vector<unsigned char>* rgba, std::string* error) {
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
  if (width <= 0 || height <= 0 || width > max_size || height > max_size) {
    *error = "image size " + std::to_string(width) + "x" + std::to_string(height) +
             " is out of range (1.." + std::to_string(max_size) + " pixels a side)";
    return false;
  }
  GLuint fbo = 0, color = 0;
  glGenFramebuffers(1, &fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glGenRenderbuffers(1, &color);
  glBindRenderbuffer(GL_RENDERBUFFER, color);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
  bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (ok) {
    glViewport(0, 0, width, height);
    draw();
    glFinish();
    std::vector<unsigned char> flipped(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
    rgba->resize(flipped.size());
    const size_t row = static_cast<size_t>(width) * 4;
    for (int y = 0; y < height; ++y)
      std::memcpy(rgba->data() + y * row, flipped.data() + (height - 1 - y) * row, row);
  } else {
    *error = "the offscreen framebuffer is incomplete";
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glDeleteRenderbuffers(1, &color);
  glDeleteFramebuffers(1, &fbo);
  return ok;
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
