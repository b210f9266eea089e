// The pool behind parallel.h: helper threads that live as long as the program and join the
// batches of jobs that callers of on_every_core hand them.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "govnet/parallel.h"

namespace govnet {
namespace {

// One call of on_every_core: jobs [0, count), claimed one at a time by the caller and by at most
// `helpers` pool threads. Lives on the caller's stack until no pool thread works on it any more.
struct Batch {
  size_t count = 0;
  void (*call)(void*, size_t) = nullptr;
  void* job = nullptr;
  unsigned helpers = 0;
  std::atomic<size_t> next{0};  // the next job to claim; count or more: none left
  // Guarded by the pool's mutex.
  unsigned joined = 0;        // pool threads that joined so far
  unsigned working = 0;       // pool threads working on it now
  std::exception_ptr thrown;  // the first exception a job on a pool thread threw
};

// Claims and runs jobs of `b` until none is left. Returns the exception a job threw, after which
// no further job of the batch is claimed, by this thread or any other.
std::exception_ptr work_on(Batch& b) {
  try {
    for (size_t i; (i = b.next.fetch_add(1, std::memory_order_relaxed)) < b.count;)
      b.call(b.job, i);
  } catch (...) {
    b.next.store(b.count, std::memory_order_relaxed);
    return std::current_exception();
  }
  return nullptr;
}

class ThreadPool {
 public:
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : helpers_) t.join();
  }

  // Runs `b` on the calling thread and on up to b.helpers pool threads (started the first time
  // they are needed); returns once none of them works on it, rethrowing a job's exception.
  void run(Batch& b) {
    {
      std::lock_guard<std::mutex> lock(m_);
      while (helpers_.size() < b.helpers) helpers_.emplace_back([this] { serve(); });
      open_.push_back(&b);
    }
    for (unsigned k = 0; k < b.helpers; ++k) wake_.notify_one();
    std::exception_ptr thrown = work_on(b);
    std::unique_lock<std::mutex> lock(m_);
    close(&b);
    finished_.wait(lock, [&] { return b.working == 0; });  // pool threads still use b
    if (!thrown) thrown = b.thrown;
    if (thrown) std::rethrow_exception(thrown);
  }

 private:
  // Removes b from the batches pool threads may join (when it is still there). Under m_.
  void close(Batch* b) {
    auto at = std::find(open_.begin(), open_.end(), b);
    if (at != open_.end()) open_.erase(at);
  }

  // A pool thread: joins the oldest open batch, works on it until no job is left, and waits for
  // the next one.
  void serve() {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || !open_.empty(); });
      if (stop_) return;
      Batch& b = *open_.front();
      const bool exhausted = b.next.load(std::memory_order_relaxed) >= b.count;
      if (exhausted || ++b.joined == b.helpers) close(&b);
      if (exhausted) continue;
      ++b.working;
      lock.unlock();
      std::exception_ptr thrown = work_on(b);
      lock.lock();
      if (thrown && !b.thrown) b.thrown = thrown;
      if (--b.working == 0) finished_.notify_all();
    }
  }

  std::mutex m_;
  std::condition_variable wake_;      // pool threads: a batch opened, or stop_
  std::condition_variable finished_;  // callers: a pool thread left a batch
  std::vector<std::thread> helpers_;
  std::vector<Batch*> open_;  // batches that may take more pool threads, oldest first
  bool stop_ = false;
};

ThreadPool& pool() {
  static ThreadPool threads;
  return threads;
}

std::atomic<unsigned> requested_threads{0};  // set_thread_count's n; 0: every core

unsigned every_core() {
  static const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return cores;
}

}  // namespace

unsigned thread_count() {
  const unsigned n = requested_threads.load(std::memory_order_relaxed);
  return n ? n : every_core();
}

void set_thread_count(unsigned n) { requested_threads.store(n, std::memory_order_relaxed); }

namespace detail {

void run_jobs(size_t count, void (*call)(void*, size_t), void* job) {
  if (count == 0) return;
  const unsigned threads = thread_count();
  if (count == 1 || threads == 1) {
    for (size_t i = 0; i < count; ++i) call(job, i);
    return;
  }
  Batch b;
  b.count = count;
  b.call = call;
  b.job = job;
  b.helpers = static_cast<unsigned>(std::min<size_t>(threads - 1, count - 1));
  pool().run(b);
}

}  // namespace detail
}  // namespace govnet
