#include "govnet/layout_runner.h"

#include <chrono>

namespace govnet::viewer {

LayoutRunner::~LayoutRunner() { stop(); }

void LayoutRunner::start(const AnalysisGraph& g, const LayoutOptions& options,
                         std::vector<Vec2> initial, std::vector<char> pinned) {
  stop();
  layout_ = new Layout(g, options, std::move(initial), std::move(pinned));
  {
    std::lock_guard<std::mutex> lock(mu_);
    published_ = layout_->positions();
    ++version_;
    pending_.clear();
  }
  quit_ = false;
  paused_ = false;
  converged_ = layout_->converged();
  iterations_ = 0;
  worker_ = std::thread([this] { loop(); });
}

void LayoutRunner::stop() {
  if (worker_.joinable()) {
    quit_ = true;
    cv_.notify_all();
    worker_.join();
  }
  delete layout_;
  layout_ = nullptr;
}

void LayoutRunner::pause() { paused_ = true; }

void LayoutRunner::resume() {
  paused_ = false;
  cv_.notify_all();
}

void LayoutRunner::loop() {
  for (;;) {
    std::vector<PinRequest> pins;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return quit_ || !pending_.empty() || (!paused_ && !converged_); });
      if (quit_) return;
      pins.swap(pending_);
    }
    for (const auto& p : pins) {
      if (p.pin)
        layout_->pin(p.v, p.at);
      else
        layout_->unpin(p.v);
    }
    if (!pins.empty()) {
      layout_->wake();
      converged_ = false;
    }
    if (paused_ && pins.empty()) continue;
    bool more = paused_ ? true : layout_->step();
    iterations_ = layout_->iterations();
    {
      std::lock_guard<std::mutex> lock(mu_);
      published_ = layout_->positions();
      ++version_;
    }
    if (!more) converged_ = true;
  }
}

bool LayoutRunner::fetch(uint64_t* version, std::vector<Vec2>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  if (*version == version_) return false;
  *out = published_;
  *version = version_;
  return true;
}

void LayoutRunner::pin(uint32_t v, Vec2 at) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back({v, at, true});
  }
  cv_.notify_all();
}

void LayoutRunner::unpin(uint32_t v) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back({v, {}, false});
  }
  cv_.notify_all();
}

bool LayoutRunner::wait_converged(int timeout_ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!converged_ && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return converged_;
}

}  // namespace govnet::viewer
