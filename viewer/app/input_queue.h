// GLFW input events queued between frames and fed to ImGui in order, so that no key or click is
// lost however long a frame takes. ImGui 1.86 samples key and button state once per frame: a key
// pressed and released between two frames would never be seen down. The queue hands over events
// until one would change a key or button a second time in the same frame, and ends a frame's
// batch after a button event so that a click is seen where it happened.
#pragma once

#include <deque>

struct GLFWwindow;

namespace govnet::viewer {

class InputQueue {
 public:
  // Takes over the window's key, character, button, scroll and cursor callbacks (ImGui's GLFW
  // backend must be set up without its own). One queue per window; it must outlive the window's
  // event polling.
  void install(GLFWwindow* window);
  // Between ImGui_ImplGlfw_NewFrame and ImGui::NewFrame: feeds this frame's share of the queue.
  void feed();
  bool empty() const { return events_.empty(); }

 private:
  struct Event {
    enum Kind { kKey, kChar, kButton, kScroll, kCursor } kind;
    int code = 0, action = 0, mods = 0, scancode = 0;
    double x = 0, y = 0;
  };
  static InputQueue* of(GLFWwindow* window);

  GLFWwindow* window_ = nullptr;
  std::deque<Event> events_;
  bool button_down_[5] = {};
  double mouse_x_ = -1, mouse_y_ = -1;
};

}  // namespace govnet::viewer
