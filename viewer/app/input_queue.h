// GLFW input events queued between frames and fed to ImGui in order, so that no key or click is
// lost however long a frame takes. ImGui 1.86 samples key and button state once per frame: a key
// pressed and released between two frames would never be seen down. The queue hands over events
// until one would change a key or button a second time in the same frame, and ends a frame's
// batch after a button event so that a click is seen where it happened.
#pragma once

#include <deque>
#include <string>

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
  // What the last feed() handed over: how many events, when the earliest of them arrived
  // (glfwGetTime seconds) and which kinds (bits of 1 << Event::Kind).
  struct Fed {
    size_t count = 0;
    double first_arrival = 0;
    unsigned kinds = 0;
  };
  const Fed& fed() const { return fed_; }
  // The names of the kinds in `kinds`, joined by '+' ("button+cursor").
  static std::string kind_names(unsigned kinds);

 private:
  struct Event {
    enum Kind { kKey, kChar, kButton, kScroll, kCursor } kind;
    int code = 0, action = 0, mods = 0, scancode = 0;
    double x = 0, y = 0;
    double arrival = 0;  // glfwGetTime() when GLFW reported it
  };
  static InputQueue* of(GLFWwindow* window);
  static void push(GLFWwindow* window, Event e);

  GLFWwindow* window_ = nullptr;
  std::deque<Event> events_;
  Fed fed_;
  bool button_down_[5] = {};
  double mouse_x_ = -1, mouse_y_ = -1;
};

}  // namespace govnet::viewer
