// Internal to core: threads that live as long as their owner and run one job at a time on all
// of them (the layout's repulsion, every iteration).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace govnet::detail {

// Threads that stay for the life of a layout, so an iteration neither starts nor joins threads
// (tens of microseconds each time: a few percent of an iteration at 10k vertices).
class WorkerPool {
 public:
  explicit WorkerPool(unsigned helpers) {
    for (unsigned t = 0; t < helpers; ++t) threads_.emplace_back([this] { serve(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      ++generation_;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  unsigned size() const { return static_cast<unsigned>(threads_.size()) + 1; }
  // Runs job() on every helper and on the calling thread; returns once all have finished, and
  // rethrows an exception a job threw (on any thread) once none of them runs any more.
  void run(const std::function<void()>& job) {
    if (threads_.empty()) {
      job();
      return;
    }
    {
      std::lock_guard<std::mutex> lock(m_);
      job_ = &job;
      busy_ = threads_.size();
      ++generation_;
    }
    wake_.notify_all();
    std::exception_ptr failed;
    try {
      job();
    } catch (...) {
      failed = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(m_);
    finished_.wait(lock, [&] { return busy_ == 0; });  // the helpers still use `job`
    if (!failed) failed = thrown_;
    thrown_ = nullptr;
    if (failed) std::rethrow_exception(failed);
  }

 private:
  void serve() {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void()>* job;
      {
        std::unique_lock<std::mutex> lock(m_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stop_) return;
        job = job_;
      }
      std::exception_ptr failed;
      try {
        (*job)();
      } catch (...) {
        failed = std::current_exception();  // out of memory: for run() to rethrow
      }
      std::lock_guard<std::mutex> lock(m_);
      if (failed && !thrown_) thrown_ = failed;
      if (--busy_ == 0) finished_.notify_one();
    }
  }
  std::vector<std::thread> threads_;
  std::mutex m_;
  std::condition_variable wake_, finished_;
  const std::function<void()>* job_ = nullptr;
  size_t busy_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr thrown_;  // the first exception a helper's job threw
};

}  // namespace govnet::detail
