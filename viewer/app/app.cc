// The viewer's main loop: window and GL context, input (pan, zoom, select, box select, drag to
// pin), the layout worker, panels, exports, and the headless screenshot path.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "app_state.h"
#include "govnet/parallel.h"
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

// Renders the network with labels and legend into a width x height PNG.
bool export_png(AppState& s, GraphRenderer& renderer, int width, int height,
                const std::string& path, std::string* error) {
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 saved_size = io.DisplaySize;
  ImVec2 saved_scale = io.DisplayFramebufferScale;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  draw_overlays(s, static_cast<float>(width), static_cast<float>(height), true);
  ImGui::Render();
  std::vector<unsigned char> rgba;
  renderer.update(s.model);
  bool ok = render_offscreen(
      width, height,
      [&] {
        glClearColor(0.07f, 0.07f, 0.09f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer.draw(s.model, width, height);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      },
      &rgba, error);
  io.DisplaySize = saved_size;
  io.DisplayFramebufferScale = saved_scale;
  return ok && write_png(path, width, height, rgba, error);
}

bool write_positions(const ViewModel& m, int width, int height, const std::string& path) {
  std::ofstream out(path);
  out << "{\"width\": " << width << ", \"height\": " << height << ", \"vertices\": [\n";
  float scale = std::min(width / static_cast<float>(m.camera().width),
                         height / static_cast<float>(m.camera().height));
  bool first = true;
  for (uint32_t v = 0; v < m.graph().vertex_count(); ++v) {
    Vec2 p = m.positions()[v];
    if (!std::isfinite(p.x)) continue;
    // The renderer keeps the camera's centre at the image centre and scales around it.
    Vec2 s = m.camera().to_screen(p);
    float x = (s.x - m.camera().width / 2.0f) * scale + width / 2.0f;
    float y = (s.y - m.camera().height / 2.0f) * scale + height / 2.0f;
    std::string key = m.key(v);
    std::string escaped;
    for (char c : key) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    out << (first ? "" : ",\n") << "  {\"key\": \"" << escaped << "\", \"x\": " << x
        << ", \"y\": " << y << ", \"radius\": " << m.node_radius_px(v) * scale << "}";
    first = false;
  }
  out << "\n]}\n";
  return static_cast<bool>(out);
}

void handle_input(AppState& s, GLFWwindow* window, Drag& drag) {
  ViewModel& m = s.model;
  ImGuiIO& io = ImGui::GetIO();
  double mx, my;
  glfwGetCursorPos(window, &mx, &my);
  const bool shift = io.KeyShift;

  if (!io.WantCaptureMouse) {
    // Hover and tooltip.
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
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      if (auto v = m.pick(static_cast<float>(mx), static_cast<float>(my)))
        m.focus_ego(*v, s.ego_depth);
      else
        m.clear_focus();
    }
  }
  bool down = ImGui::IsMouseDown(ImGuiMouseButton_Left) ||
              ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
              ImGui::IsMouseDown(ImGuiMouseButton_Middle);
  if (drag.kind != Drag::kNone && down) {
    if (std::hypot(mx - drag.x0, my - drag.y0) > 3) drag.moved = true;
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
  } else if (drag.kind != Drag::kNone) {  // released
    if (drag.kind == Drag::kNode && !drag.moved) m.select(drag.vertex, shift);
    if (drag.kind == Drag::kPan && !drag.moved && !ImGui::IsMouseReleased(ImGuiMouseButton_Right))
      m.clear_selection();
    if (drag.kind == Drag::kBox)
      m.select_box(static_cast<float>(drag.x0), static_cast<float>(drag.y0), static_cast<float>(mx),
                   static_cast<float>(my), true);
    drag = Drag{};
  }

  if (!io.WantCaptureKeyboard) {
    // ImGui 1.86 indexes keys by the backend's key codes: GLFW's here.
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key); };
    const float step = 40;
    if (pressed(GLFW_KEY_LEFT) || pressed(GLFW_KEY_A)) {
      m.pan(step, 0);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_RIGHT) || pressed(GLFW_KEY_D)) {
      m.pan(-step, 0);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_UP) || pressed(GLFW_KEY_W)) {
      m.pan(0, step);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_DOWN) || pressed(GLFW_KEY_S)) {
      m.pan(0, -step);
      s.auto_fit = false;
    }
    float cx = m.camera().width / 2.0f, cy = m.camera().height / 2.0f;
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) {
      m.zoom_at(cx, cy, 1.25);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) {
      m.zoom_at(cx, cy, 0.8);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_F)) {
      m.fit_to_screen(30, m.camera().width > 1000 ? 340 : 0, m.camera().width > 1000 ? 430 : 0);
      s.auto_fit = false;
    }
    if (pressed(GLFW_KEY_SPACE)) {
      if (s.runner.paused())
        s.runner.resume();
      else
        s.runner.pause();
    }
    if (pressed(GLFW_KEY_ESCAPE)) {
      m.clear_focus();
      m.clear_selection();
    }
  }
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

}  // namespace

int run_viewer(ViewModel& model, const AppOptions& options) {
  glfwSetErrorCallback(
      [](int, const char* what) { std::cerr << "govnet view: GLFW: " << what << "\n"; });
  if (!glfwInit()) {
    std::cerr << "govnet view: no display to open a window on (is DISPLAY set? on a server, use "
                 "--screenshot, which runs under Xvfb)\n";
    return 1;
  }
  const bool headless = !options.screenshot.empty() && options.frames == 0;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (headless) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (!window) {
    std::cerr << "govnet view: could not create a window with an OpenGL 3.3 core context\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.frames > 0 ? 0 : 1);  // measured runs are not tied to vsync

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // panels open where they are placed, every time
  ImGui::StyleColorsDark();
  load_font();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

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
      if (headless) {
        // The layout runs here, deterministically, then one picture is rendered.
        Layout layout(model.graph(), s.layout, model.positions(), model.pinned());
        int steps = options.layout_steps < 0 ? s.layout.max_iterations : options.layout_steps;
        layout.run(steps);
        model.set_positions(layout.positions());
        model.fit_to_screen();
        if (!export_png(s, renderer, options.width, options.height, options.screenshot, &error)) {
          std::cerr << "govnet view: " << error << "\n";
          code = 1;
        } else {
          std::cout << "wrote " << options.screenshot << " (" << options.width << "x"
                    << options.height << ", " << model.graph().vertex_count() << " vertices, "
                    << layout.iterations() << " layout iterations"
                    << (layout.converged() ? ", converged" : "") << ")\n";
          if (!options.positions_out.empty() &&
              !write_positions(model, options.width, options.height, options.positions_out)) {
            std::cerr << "govnet view: cannot write " << options.positions_out << "\n";
            code = 1;
          }
        }
      } else {
        // The layout leaves one core to drawing.
        const unsigned cores = thread_count();  // --threads, else every core
        if (s.layout.threads == 0) s.layout.threads = std::max(1u, cores - 1);
        s.restart_layout();
        Drag drag;
        CachedGraph cache;
        std::vector<double> frame_ms, redraw_ms;
        double last_fetch = 0, last_redraw_s = 0;
        double last = glfwGetTime();
        while (!glfwWindowShouldClose(window)) {
          glfwPollEvents();
          if (s.export_requested) {
            s.export_requested = false;
            s.status =
                export_png(s, renderer, s.export_width, s.export_height, s.export_png, &error)
                    ? std::string("wrote ") + s.export_png
                    : error;
          }
          int fw, fh, ww, wh;
          glfwGetFramebufferSize(window, &fw, &fh);
          glfwGetWindowSize(window, &ww, &wh);
          model.set_viewport(ww, wh);
          // While a layout runs, take its new positions only after twice the time the last
          // repaint of the network took (when that is noticeable): on large graphs most frames
          // then reuse the cached picture and the panels stay responsive.
          std::vector<Vec2> fresh;
          double interval = last_redraw_s > 0.03 ? std::min(2 * last_redraw_s, 2.0) : 0.0;
          if (glfwGetTime() - last_fetch >= interval && s.runner.fetch(&s.layout_version, &fresh)) {
            model.set_positions(std::move(fresh));
            last_fetch = glfwGetTime();
          }
          // Frame the network in the space the panels leave free.
          if (s.auto_fit) model.fit_to_screen(30, ww > 1000 ? 340 : 0, ww > 1000 ? 430 : 0);
          if (s.playing && glfwGetTime() - s.last_play > 0.8) {
            s.last_play = glfwGetTime();
            if (model.play_step())
              s.restart_layout();
            else
              s.playing = false;
          }

          ImGui_ImplOpenGL3_NewFrame();
          ImGui_ImplGlfw_NewFrame();
          ImGui::NewFrame();
          handle_input(s, window, drag);
          draw_panels(s);
          draw_overlays(s, static_cast<float>(ww), static_cast<float>(wh), true,
                        ww > 1000 ? 340.f : 0.f);
          ImGui::Render();

          double before_draw = glfwGetTime();
          bool redrew = cache.draw(renderer, model, fw, fh);
          if (redrew) {
            glFinish();
            last_redraw_s = glfwGetTime() - before_draw;
          }
          ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
          if (options.frames > 0) {
            glFinish();  // measure the frame's real work, not the queueing of it
            double now = glfwGetTime();
            frame_ms.push_back((now - last) * 1000);
            if (redrew) redraw_ms.push_back((now - last) * 1000);
            last = now;
            if (static_cast<int>(frame_ms.size()) >= options.frames) {
              if (!options.screenshot.empty()) {
                glFinish();
                std::vector<unsigned char> flipped(static_cast<size_t>(fw) * fh * 4),
                    rgba(flipped.size());
                glPixelStorei(GL_PACK_ALIGNMENT, 1);
                glReadBuffer(GL_BACK);
                glReadPixels(0, 0, fw, fh, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
                for (int y = 0; y < fh; ++y)
                  std::copy_n(flipped.data() + static_cast<size_t>(fh - 1 - y) * fw * 4,
                              static_cast<size_t>(fw) * 4,
                              rgba.data() + static_cast<size_t>(y) * fw * 4);
                if (!write_png(options.screenshot, fw, fh, rgba, &error)) {
                  std::cerr << "govnet view: " << error << "\n";
                  code = 1;
                }
              }
              glfwSetWindowShouldClose(window, GLFW_TRUE);
            }
          }
          glfwSwapBuffers(window);
        }
        s.runner.stop();
        if (!frame_ms.empty()) {
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
              redraw_mean, s.runner.iterations(), s.runner.converged() ? ", converged" : "");
        }
        if (options.save_positions) {
          std::string err = options.save_positions(model.keyed_positions());
          if (!err.empty()) std::cerr << "govnet view: positions not saved: " << err << "\n";
        }
      }
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return code;
}

}  // namespace govnet::viewer
