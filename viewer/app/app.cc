// The viewer's main loop: window and GL context, input (pan, zoom, select, box select, drag to
// pin), the layout worker, panels and exports; a headless screenshot needs no window.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "app_state.h"
#include "figure_output.h"
#include "govnet/parallel.h"
#include "canvas.h"
#include "input_queue.h"
#include "state_report.h"
#include "panels.h"
#include "renderer.h"

namespace govnet::viewer {
namespace {

struct Drag {
  enum Kind { kNone, kPan, kBox, kNode } kind = kNone;
  double x0 = 0, y0 = 0;  // where the mouse went down
  double lx = 0, ly = 0;  // last position
  uint32_t vertex = 0;
  bool moved = false;
};

// Hover tooltip, wheel zoom, and the start of a drag or a double-click focus; only when the
// mouse is over the network, not a panel.
void mouse_over_network(AppState& s, double mx, double my, bool shift, Drag& drag) {
  ViewModel& m = s.model;
  ImGuiIO& io = ImGui::GetIO();
  auto hit = drag.kind == Drag::kNone ? m.pick(static_cast<float>(mx), static_cast<float>(my))
                                      : std::nullopt;
  if (hit != m.hover()) m.set_hover(hit);
  if (hit) {
    ImGui::BeginTooltip();
    ImGui::Text("%s — %s", m.key(*hit).c_str(), m.display_name(*hit).c_str());
    if (!m.centrality().empty())
      ImGui::TextDisabled("%s %.4g", std::string(to_string(m.measure())).c_str(),
                          m.centrality()[*hit]);
    ImGui::EndTooltip();
  } else if (drag.kind == Drag::kNone) {
    if (auto link = m.pick_link(static_cast<float>(mx), static_cast<float>(my)))
      link_tooltip(m, *link);
  }
  // Wheel or trackpad: zoom at the cursor.
  if (io.MouseWheel != 0) {
    m.zoom_at(static_cast<float>(mx), static_cast<float>(my), std::pow(1.15, io.MouseWheel));
    s.auto_fit = false;
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    drag = Drag{};
    drag.x0 = drag.lx = mx;
    drag.y0 = drag.ly = my;
    if (auto v = m.pick(static_cast<float>(mx), static_cast<float>(my))) {
      drag.kind = Drag::kNode;
      drag.vertex = *v;
    } else {
      drag.kind = shift ? Drag::kBox : Drag::kPan;
    }
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) ||
      ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) {
    drag = Drag{Drag::kPan, mx, my, mx, my};
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right))
      drag.vertex = m.pick(static_cast<float>(mx), static_cast<float>(my)).value_or(UINT32_MAX);
  }
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    if (auto pin = pin_at(m, static_cast<float>(mx), static_cast<float>(my))) {
      m.unpin(*pin);
      s.runner.unpin(*pin);
    } else if (auto v = m.pick(static_cast<float>(mx), static_cast<float>(my))) {
      m.focus_ego(*v, s.ego_depth);
    } else {
      m.clear_focus();
    }
  }
}

// The right-click menu of a node (or of the background): unpin it, unpin all, focus.
void context_menu(AppState& s, uint32_t& menu_vertex) {
  ViewModel& m = s.model;
  if (!ImGui::BeginPopup("network menu")) return;
  if (menu_vertex < m.pinned().size()) {
    ImGui::TextDisabled("%s", m.display_name(menu_vertex).c_str());
    if (ImGui::MenuItem("Unpin", nullptr, false, m.pinned()[menu_vertex] != 0)) {
      m.unpin(menu_vertex);
      s.runner.unpin(menu_vertex);
    }
    if (ImGui::MenuItem("Focus on its neighbours")) m.focus_ego(menu_vertex, s.ego_depth);
  }
  size_t pins = std::count(m.pinned().begin(), m.pinned().end(), 1);
  if (ImGui::MenuItem(("Unpin all (" + std::to_string(pins) + ")").c_str(), nullptr, false,
                      pins > 0))
    unpin_all(s);
  ImGui::EndPopup();
}

// A drag under way (pan, move and pin a node, or a selection box), or its release: a click on
// a node selects it, a click on the background clears the selection.
void continue_drag(AppState& s, double mx, double my, bool shift, Drag& drag,
                   uint32_t& menu_vertex) {
  ViewModel& m = s.model;
  bool down = ImGui::IsMouseDown(ImGuiMouseButton_Left) ||
              ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
              ImGui::IsMouseDown(ImGuiMouseButton_Middle);
  if (drag.kind == Drag::kNone) return;
  if (down) {
    // A node is moved (and pinned) only once the pointer has gone a few pixels: a click
    // that wobbles selects.
    if (std::hypot(mx - drag.x0, my - drag.y0) > 4) drag.moved = true;
    if (drag.kind == Drag::kPan && drag.moved) {
      m.pan(static_cast<float>(mx - drag.lx), static_cast<float>(my - drag.ly));
      s.auto_fit = false;
    }
    if (drag.kind == Drag::kNode && drag.moved) {
      Vec2 w = m.camera().to_world(static_cast<float>(mx), static_cast<float>(my));
      m.pin(drag.vertex, w);
      s.runner.pin(drag.vertex, w);
      s.auto_fit = false;
    }
    if (drag.kind == Drag::kBox) {
      ImGui::GetForegroundDrawList()->AddRect(
          ImVec2(static_cast<float>(drag.x0), static_cast<float>(drag.y0)),
          ImVec2(static_cast<float>(mx), static_cast<float>(my)), IM_COL32(255, 216, 0, 255));
    }
    drag.lx = mx;
    drag.ly = my;
    return;
  }
  if (drag.kind == Drag::kNode && !drag.moved) {
    m.select(drag.vertex, shift);
    m.select_link(std::nullopt);
  }
  if (drag.kind == Drag::kPan && !drag.moved && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    menu_vertex = drag.vertex;
    ImGui::OpenPopup("network menu");
  } else if (drag.kind == Drag::kPan && !drag.moved) {
    // A click near an edge chooses it; on the empty background it clears the selection.
    auto link = m.pick_link(static_cast<float>(mx), static_cast<float>(my));
    if (!link) m.clear_selection();
    m.select_link(link);
  }
  if (drag.kind == Drag::kBox)
    m.select_box(static_cast<float>(drag.x0), static_cast<float>(drag.y0), static_cast<float>(mx),
                 static_cast<float>(my), true);
  drag = Drag{};
}

// Arrows or WASD pan, + and - zoom, F fits, space pauses the layout, Esc clears, Ctrl+Z undoes,
// Ctrl+Shift+Z or Ctrl+Y redoes, Ctrl+Q or Ctrl+W closes the window.
void keyboard(AppState& s, GLFWwindow* window) {
  ViewModel& m = s.model;
  // ImGui 1.86 indexes keys by the backend's key codes: GLFW's here.
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key); };
  const float step = 40;
  const float cx = m.camera().width / 2.0f, cy = m.camera().height / 2.0f;
  struct Move {
    int key, alternative;
    float dx, dy;
    double zoom;  // 0: a pan
  };
  const Move moves[] = {{GLFW_KEY_LEFT, GLFW_KEY_A, step, 0, 0},
                        {GLFW_KEY_RIGHT, GLFW_KEY_D, -step, 0, 0},
                        {GLFW_KEY_UP, GLFW_KEY_W, 0, step, 0},
                        {GLFW_KEY_DOWN, GLFW_KEY_S, 0, -step, 0},
                        {GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD, 0, 0, 1.25},
                        {GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT, 0, 0, 0.8}};
  for (const Move& mv : moves) {
    if (!pressed(mv.key) && !pressed(mv.alternative)) continue;
    if (ImGui::GetIO().KeyCtrl) continue;  // Ctrl+W closes, Ctrl+Z undoes
    if (mv.zoom == 0)
      m.pan(mv.dx, mv.dy);
    else
      m.zoom_at(cx, cy, mv.zoom);
    s.auto_fit = false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && (pressed(GLFW_KEY_Q) || pressed(GLFW_KEY_W))) {
    glfwSetWindowShouldClose(window, GLFW_TRUE);
    return;
  }
  if (io.KeyCtrl && (pressed(GLFW_KEY_Z) || pressed(GLFW_KEY_Y))) {
    s.undo(io.KeyShift || pressed(GLFW_KEY_Y));
    return;
  }
  if (pressed(GLFW_KEY_F)) s.start_fit(ImGui::GetTime());
  if (pressed(GLFW_KEY_SPACE)) {
    if (s.runner.paused())
      s.runner.resume();
    else
      s.runner.pause();
  }
  if (pressed(GLFW_KEY_ESCAPE)) {
    m.clear_focus();
    m.clear_selection();
    m.select_link(std::nullopt);
  }
}

void handle_input(AppState& s, GLFWwindow* window, Drag& drag, uint32_t& menu_vertex) {
  ImGuiIO& io = ImGui::GetIO();
  // The pointer where the queued events put it (InputQueue), not where it is now.
  const double mx = io.MousePos.x, my = io.MousePos.y;
  const bool shift = io.KeyShift;
  if (!io.WantCaptureMouse) mouse_over_network(s, mx, my, shift, drag);
  continue_drag(s, mx, my, shift, drag, menu_vertex);
  context_menu(s, menu_vertex);
  if (!io.WantCaptureKeyboard) keyboard(s, window);
  draw_highlights(s.model);
  draw_pin_markers(s.model);
}

// Names in governance data need more than ASCII (Söderköping, EU–Moldova, Sénégal): load DejaVu
// Sans with Latin-1, Latin Extended-A and general punctuation, else keep ImGui's built-in font.
void load_font() {
  ImGuiIO& io = ImGui::GetIO();
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    static const ImWchar extra[] = {0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x205E,
                                    0x20AC, 0x20AC, 0x2190, 0x21FF, 0};
    builder.AddRanges(extra);
    builder.BuildRanges(&ranges);
  }
  for (const char* path :
       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"}) {
    if (FILE* f = std::fopen(path, "rb")) {
      std::fclose(f);
      if (io.Fonts->AddFontFromFileTTF(path, 15.0f, nullptr, ranges.Data)) return;
    }
  }
}

// A window with an OpenGL 3.3 core context and ImGui set up on it; nullptr (with a message on
// stderr) when there is no display or no such context. close_window undoes it.
GLFWwindow* open_window(const AppOptions& options) {
  glfwSetErrorCallback(
      [](int, const char* what) { std::cerr << "govnet view: GLFW: " << what << "\n"; });
  if (!glfwInit()) {
    std::cerr << "govnet view: no display to open a window on (is DISPLAY set? on a server, use "
                 "--screenshot, which runs under Xvfb)\n";
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (!window) {
    std::cerr << "govnet view: could not create a window with an OpenGL 3.3 core context\n";
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.frames > 0 ? 0 : 1);  // measured runs are not tied to vsync

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // panels open where they are placed, every time
  ImGui::StyleColorsDark();
  // Opaque panels: the network and its labels never show through them.
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;
  load_font();
  ImGui_ImplGlfw_InitForOpenGL(window, false);  // the InputQueue takes the callbacks
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return window;
}

void close_window(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

// The whole window's last frame (the back buffer), top row first, as a PNG.
bool write_window_png(int fw, int fh, const std::string& path, std::string* error) {
  glFinish();
  std::vector<unsigned char> flipped(static_cast<size_t>(fw) * fh * 4), rgba(flipped.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, fw, fh, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
  for (int y = 0; y < fh; ++y)
    std::copy_n(flipped.data() + static_cast<size_t>(fh - 1 - y) * fw * 4,
                static_cast<size_t>(fw) * 4, rgba.data() + static_cast<size_t>(y) * fw * 4);
  return write_png(path, fw, fh, rgba, error);
}

// Frame times of a measured run (AppOptions::frames), and the report printed at its end.
struct FrameTimes {
  std::vector<double> frame_ms, redraw_ms;
  void print(const LayoutRunner& runner) const {
    if (frame_ms.empty()) return;
    std::vector<double> sorted(frame_ms.begin() + std::min<size_t>(frame_ms.size() - 1, 5),
                               frame_ms.end());
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double x : sorted) sum += x;
    double redraw_mean = 0;
    for (double x : redraw_ms) redraw_mean += x;
    redraw_mean = redraw_ms.empty() ? 0 : redraw_mean / redraw_ms.size();
    std::printf(
        "%zu frames: mean %.2f ms, median %.2f ms, p95 %.2f ms; %zu redrew the network "
        "(mean %.2f ms); layout %d iterations%s\n",
        frame_ms.size(), sum / sorted.size(), sorted[sorted.size() / 2],
        sorted[std::min(sorted.size() - 1, sorted.size() * 95 / 100)], redraw_ms.size(),
        redraw_mean, runner.iterations(), runner.converged() ? ", converged" : "");
  }
};

// The interactive window: the layout on its worker, input, panels and the network every frame,
// until the window closes (or, in a measured run, after AppOptions::frames frames). Returns the
// exit code.
class Window {
 public:
  Window(AppState& s, GraphRenderer& renderer, GLFWwindow* window)
      : s_(s), renderer_(renderer), window_(window) {}

  int run() {
    // The layout leaves one core to drawing.
    const unsigned cores = thread_count();  // --threads, else every core
    if (s_.layout.threads == 0) s_.layout.threads = std::max(1u, cores - 1);
    s_.restart_layout();
    if (s_.options.framed) {  // a scene: its positions as they were saved
      s_.runner.pause();
      s_.status = "scene opened; the layout is paused (space resumes it)";
    }
    input_.install(window_);
    last_ = glfwGetTime();
    if (!s_.options.input_log.empty()) {
      input_log_ = std::make_unique<std::ofstream>(s_.options.input_log);
      wall_offset_ =
          std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
              .count() -
          glfwGetTime();
    }
    while (!glfwWindowShouldClose(window_)) frame();
    s_.runner.stop();
    times_.print(s_.runner);
    std::string error;
    if (!s_.options.state_out.empty() && !write_state(s_, s_.options.state_out, &error)) {
      std::cerr << "govnet view: " << error << "\n";
      code_ = 1;
    }
    if (s_.options.save_positions) {
      std::string err = s_.options.save_positions(s_.model.keyed_positions());
      if (!err.empty()) std::cerr << "govnet view: positions not saved: " << err << "\n";
    }
    if (s_.options.save_last_scene && s_.options.scenes) {
      const SceneSettings st = s_.scene_settings();
      std::string err = s_.options.scenes.save(
          kLastScene, scene_to_json(capture_scene(s_.model, st.layout, st.max_labels,
                                                  st.show_labels, st.camera_locked)));
      if (!err.empty()) std::cerr << "govnet view: the scene was not saved: " << err << "\n";
    }
    return code_;
  }

 private:
  void frame() {
    ViewModel& model = s_.model;
    glfwPollEvents();
    if (s_.export_requested) {
      s_.export_requested = false;
      std::string error;
      s_.status = export_figure(s_, s_.export_width, s_.export_height, s_.export_path, &error)
                      ? std::string("wrote ") + s_.export_path
                      : error;
    }
    int fw, fh, ww, wh;
    glfwGetFramebufferSize(window_, &fw, &fh);
    glfwGetWindowSize(window_, &ww, &wh);
    model.set_viewport(ww, wh);
    take_layout_positions();
    // Frame the network in the space the panels leave free.
    if (s_.auto_fit) model.fit_to_screen(30, s_.left_px(), s_.right_px());
    animate_fit(s_, ImGui::GetTime());
    play(s_, glfwGetTime());

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    input_.feed();
    ImGui::NewFrame();
    handle_input(s_, window_, drag_, menu_vertex_);
    draw_time_caption(s_, ww);
    panels_.draw(s_);
    // A change becomes an undo step once it is finished (no drag or widget under way).
    if (drag_.kind == Drag::kNone && !ImGui::IsAnyItemActive())
      s_.history.observe(model, s_.scene_settings());
    draw_overlays(s_, ww, wh, ww > 1000 ? 340.f : 0.f, ww > 1000 ? 430.f : 0.f);
    ImGui::Render();

    double before_draw = glfwGetTime();
    const CachedGraph::Drawn drawn = cache_.draw(renderer_, model, fw, fh, before_draw);
    const bool redrew = drawn == CachedGraph::Drawn::kRepainted;
    if (redrew) last_redraw_s_ = glfwGetTime() - before_draw;
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (s_.options.frames > 0) count_frame(redrew, fw, fh);
    glfwSwapBuffers(window_);
    if (input_log_) log_input(drawn);
  }

  // With AppOptions::input_log: when the frame that answered each batch of input was done.
  void log_input(CachedGraph::Drawn drawn) {
    glFinish();
    const double done = glfwGetTime();
    static const char* const how[] = {"copied", "moved", "repainted", "deferred"};
    char line[160];
    if (!logged_first_) {
      std::snprintf(line, sizeof line, "first-frame %.6f\n", wall(done));
      *input_log_ << line << std::flush;
      logged_first_ = true;
    }
    const InputQueue::Fed& fed = input_.fed();
    if (fed.count == 0) return;
    std::snprintf(line, sizeof line, "input %.6f %.6f %.2f %s %zu %s\n", wall(fed.first_arrival),
                  wall(done), (done - fed.first_arrival) * 1000,
                  InputQueue::kind_names(fed.kinds).c_str(), fed.count,
                  how[static_cast<int>(drawn)]);
    *input_log_ << line << std::flush;
  }
  // glfwGetTime() seconds as seconds since the Unix epoch, for scripts that keep their own time.
  double wall(double glfw_time) const { return glfw_time + wall_offset_; }

  // While a layout runs, take its new positions only after twice the time the last repaint of
  // the network took (when that is noticeable): on large graphs most frames then reuse the
  // cached picture and the panels stay responsive.
  void take_layout_positions() {
    std::vector<Vec2> fresh;
    if (cache_.moving(glfwGetTime())) return;  // the cached picture is being moved; wait
    double interval = last_redraw_s_ > 0.03 ? std::min(2 * last_redraw_s_, 2.0) : 0.0;
    if (glfwGetTime() - last_fetch_ >= interval && s_.runner.fetch(&s_.layout_version, &fresh)) {
      s_.model.set_positions(std::move(fresh));
      last_fetch_ = glfwGetTime();
    }
  }

  // A measured run: records the frame's time; after the last frame, saves the window's picture
  // when a screenshot was asked for and closes the window.
  void count_frame(bool redrew, int fw, int fh) {
    glFinish();  // measure the frame's real work, not the queueing of it
    double now = glfwGetTime();
    times_.frame_ms.push_back((now - last_) * 1000);
    if (redrew) times_.redraw_ms.push_back((now - last_) * 1000);
    last_ = now;
    if (static_cast<int>(times_.frame_ms.size()) < s_.options.frames) return;
    std::string error;
    if (!s_.options.screenshot.empty() &&
        !write_window_png(fw, fh, s_.options.screenshot, &error)) {
      std::cerr << "govnet view: " << error << "\n";
      code_ = 1;
    }
    glfwSetWindowShouldClose(window_, GLFW_TRUE);
  }

  AppState& s_;
  GraphRenderer& renderer_;
  GLFWwindow* window_;
  Panels panels_;
  Drag drag_;
  uint32_t menu_vertex_ = UINT32_MAX;  // the node the context menu is about, if any
  InputQueue input_;
  CachedGraph cache_;
  FrameTimes times_;
  double last_fetch_ = 0, last_redraw_s_ = 0, last_ = 0;
  std::unique_ptr<std::ofstream> input_log_;
  double wall_offset_ = 0;
  bool logged_first_ = false;
  int code_ = 0;
};

}  // namespace

int run_viewer(ViewModel& model, const AppOptions& options) {
  if (!options.screenshot.empty() && options.frames == 0) {
    AppState s(model, options);
    return render_screenshot(s);
  }
  GLFWwindow* window = open_window(options);
  if (!window) return 1;
  int code = 0;
  {
    GraphRenderer renderer;
    std::string error;
    if (!renderer.init(&error)) {
      std::cerr << "govnet view: " << error << "\n";
      code = 1;
    } else {
      AppState s(model, options);
      model.set_viewport(options.width, options.height);
      code = Window(s, renderer, window).run();
    }
  }
  close_window(window);
  return code;
}

}  // namespace govnet::viewer
