// Runs a Layout on a worker thread: start, pause, resume, pin while it runs, and hand the newest
// positions to the UI thread. The layout stops by itself when it converges and wakes up when a
// vertex is pinned or dragged. All methods are safe to call from the UI thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "govnet/layout.h"

namespace govnet::viewer {

class LayoutRunner {
 public:
  LayoutRunner() = default;
  ~LayoutRunner();
  LayoutRunner(const LayoutRunner&) = delete;
  LayoutRunner& operator=(const LayoutRunner&) = delete;

  // Replaces any running layout with a new one over `g` (which may change afterwards: the
  // layout keeps its own copy of what it needs).
  void start(const AnalysisGraph& g, const LayoutOptions& options, std::vector<Vec2> initial,
             std::vector<char> pinned);
  void stop();
  void pause();
  void resume();
  bool paused() const { return paused_; }
  bool converged() const { return converged_; }
  bool active() const { return worker_.joinable() && !converged_ && !paused_; }
  int iterations() const { return iterations_; }

  // When positions newer than *version exist, copies them to *out, updates *version, returns true.
  bool fetch(uint64_t* version, std::vector<Vec2>* out);
  // Pins v at `at` (e.g. while dragging); applied before the next iteration; wakes the layout.
  void pin(uint32_t v, Vec2 at);
  void unpin(uint32_t v);
  // Blocks until the layout converged or `timeout_ms` passed; for tests and screenshots.
  bool wait_converged(int timeout_ms);

 private:
  void loop();

  std::thread worker_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  Layout* layout_ = nullptr;  // owned; touched only by the worker once started
  std::vector<Vec2> published_;
  uint64_t version_ = 0;
  struct PinRequest {
    uint32_t v;
    Vec2 at;
    bool pin;
  };
  std::vector<PinRequest> pending_;
  std::atomic<bool> quit_{false}, paused_{false}, converged_{false};
  std::atomic<int> iterations_{0};
};

}  // namespace govnet::viewer
