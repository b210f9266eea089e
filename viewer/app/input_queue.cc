// The input queue: GLFW callbacks append, feed() hands a frame's share to ImGui.
#include "input_queue.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <set>

namespace govnet::viewer {

InputQueue* InputQueue::of(GLFWwindow* window) {
  return static_cast<InputQueue*>(glfwGetWindowUserPointer(window));
}

void InputQueue::push(GLFWwindow* window, Event e) {
  e.arrival = glfwGetTime();
  of(window)->events_.push_back(e);
}

std::string InputQueue::kind_names(unsigned kinds) {
  static const char* const names[] = {"key", "char", "button", "scroll", "cursor"};
  std::string out;
  for (unsigned k = 0; k < 5; ++k)
    if (kinds & (1u << k)) out += (out.empty() ? "" : "+") + std::string(names[k]);
  return out;
}

void InputQueue::install(GLFWwindow* window) {
  window_ = window;
  glfwSetWindowUserPointer(window, this);
  glfwGetCursorPos(window, &mouse_x_, &mouse_y_);
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    Event e{Event::kKey};
    e.code = key;
    e.scancode = scancode;
    e.action = action;
    e.mods = mods;
    push(w, e);
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) {
    Event e{Event::kChar};
    e.code = static_cast<int>(c);
    push(w, e);
  });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int mods) {
    Event e{Event::kButton};
    e.code = button;
    e.action = action;
    e.mods = mods;
    push(w, e);
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double dx, double dy) {
    Event e{Event::kScroll};
    e.x = dx;
    e.y = dy;
    push(w, e);
  });
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
    Event e{Event::kCursor};
    e.x = x;
    e.y = y;
    push(w, e);
  });
  glfwSetCursorEnterCallback(window, ImGui_ImplGlfw_CursorEnterCallback);
  glfwSetWindowFocusCallback(window, ImGui_ImplGlfw_WindowFocusCallback);
}

void InputQueue::feed() {
  std::set<int> keys_changed;
  bool button_fed = false;
  fed_ = Fed{};
  while (!events_.empty()) {
    const Event e = events_.front();
    if (e.kind == Event::kKey) {
      // A repeat changes nothing; a second change of the same key waits for the next frame.
      if (e.action != GLFW_REPEAT && !keys_changed.insert(e.code).second) break;
      ImGui_ImplGlfw_KeyCallback(window_, e.code, e.scancode, e.action, e.mods);
    } else if (e.kind == Event::kButton) {
      if (button_fed) break;
      if (e.code >= 0 && e.code < 5) button_down_[e.code] = e.action == GLFW_PRESS;
      button_fed = true;
    } else if (e.kind == Event::kChar) {
      ImGui_ImplGlfw_CharCallback(window_, static_cast<unsigned int>(e.code));
    } else if (e.kind == Event::kScroll) {
      ImGui_ImplGlfw_ScrollCallback(window_, e.x, e.y);
    } else {
      if (button_fed) break;  // the click is seen where it happened; the move comes next frame
      mouse_x_ = e.x;
      mouse_y_ = e.y;
    }
    if (fed_.count++ == 0) fed_.first_arrival = e.arrival;
    fed_.kinds |= 1u << e.kind;
    events_.pop_front();
  }
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < 5; ++i) io.MouseDown[i] = button_down_[i];
  io.MousePos = ImVec2(static_cast<float>(mouse_x_), static_cast<float>(mouse_y_));
}

}  // namespace govnet::viewer
