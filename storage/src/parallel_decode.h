// Internal to storage: decoding a column family's records on every core, in key order.
//
// One job walks the RocksDB iterator and copies values into batches (cheap); the other jobs, on
// every core (govnet/parallel.h), decode the batches (the expensive part: Cap'n Proto reads and
// C++ strings). A bounded number of batches waits, so the raw bytes never pile up; each batch's
// bytes are freed once it is decoded. Whatever must see the records in scan order runs batch
// after batch, in order.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/parallel.h"
#include "govnet/result.h"

namespace govnet::detail {

template <typename T>
struct DecodeBatch {
  size_t first = 0;  // index of its first record in the scan
  std::string bytes;
  std::vector<uint32_t> ends;  // value i is bytes[ends[i-1], ends[i]); freed once decoded
  size_t count = 0;            // values in the batch (still known when the bytes are freed)
  std::vector<T> records;      // decoded here unless they went straight to their slots
  Result result = Result::Ok();
  size_t failed_at = SIZE_MAX;  // scan index of the record that did not decode

  size_t size() const { return count; }
  std::string_view value(size_t i) const {
    size_t begin = i ? ends[i - 1] : 0;
    return std::string_view(bytes.data() + begin, ends[i] - begin);
  }
  void free_bytes() {
    std::string().swap(bytes);
    std::vector<uint32_t>().swap(ends);
  }
};

// The batches of one run_batches: the scanning job appends them, every job processes them
// (work in parallel, then in_order one batch after another, in scan order). No job ever waits for
// a job that has not started: the scanning job processes batches itself when too many wait, so
// the pipeline finishes however few of its jobs run at once. Thread-safe.
template <typename T>
class BatchPipeline {
 public:
  using Step = std::function<void(DecodeBatch<T>&)>;
  BatchPipeline(const Step& work, const Step& in_order, size_t waiting)
      : work_(work), in_order_(in_order), waiting_(waiting) {}

  // Appends a batch (the scanning job only); while more than `waiting` batches wait, processes
  // the oldest. False once a step has thrown: there is no use reading on.
  bool push(DecodeBatch<T>&& b) {
    std::unique_lock<std::mutex> lock(m_);
    batches_.push_back(std::move(b));  // push_back keeps references to earlier batches valid
    ++queued_;
    work_ready_.notify_one();
    while (queued_ - handed_out_ > waiting_ && !thrown_) process_one(lock);
    return !thrown_;
  }
  // No batch follows (the scanning job, also when it fails).
  void finish() {
    std::lock_guard<std::mutex> lock(m_);
    finished_ = true;
    work_ready_.notify_all();
  }
  // Processes batches until the scan has finished and none is left.
  void consume() {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      work_ready_.wait(lock, [&] { return handed_out_ < queued_ || finished_; });
      if (handed_out_ == queued_) return;  // finished and nothing left
      process_one(lock);
    }
  }
  // The first exception a step threw (out of memory), for the caller to rethrow.
  std::exception_ptr thrown() {
    std::lock_guard<std::mutex> lock(m_);
    return thrown_;
  }

 private:
  // With the lock held and a batch not yet handed out: takes the oldest, runs work on it
  // unlocked, waits for its turn, then runs in_order unlocked (the batches before it are done,
  // none after it starts). After an exception the other batches skip in_order.
  void process_one(std::unique_lock<std::mutex>& lock) {
    const size_t mine = handed_out_++;
    DecodeBatch<T>& b = batches_[mine];
    lock.unlock();
    guarded(work_, b);
    lock.lock();
    turn_.wait(lock, [&] { return done_ == mine; });
    const bool skip = thrown_ != nullptr;
    lock.unlock();
    if (!skip) guarded(in_order_, b);
    lock.lock();
    ++done_;
    turn_.notify_all();
  }
  // An exception must not end the program from a worker: the first one is kept.
  void guarded(const Step& step, DecodeBatch<T>& b) {
    try {
      step(b);
    } catch (...) {
      std::lock_guard<std::mutex> hold(m_);
      if (!thrown_) thrown_ = std::current_exception();
    }
  }

  const Step& work_;
  const Step& in_order_;
  const size_t waiting_;
  std::mutex m_;
  std::condition_variable work_ready_, turn_;
  std::deque<DecodeBatch<T>> batches_;
  size_t queued_ = 0, handed_out_ = 0, done_ = 0;
  bool finished_ = false;
  std::exception_ptr thrown_;
};

// Cuts scan(visit)'s values into batches; work(batch) runs on every core (on_every_core), in
// parallel; then in_order(batch) runs for one batch after another, in scan order (never two at
// once). The scan runs as one of the jobs. Returns scan's Result; an exception thrown by a step
// is rethrown on the caller once every job has stopped.
template <typename T, typename Scan>
Result run_batches(Scan&& scan, const std::function<void(DecodeBatch<T>&)>& work,
                   const std::function<void(DecodeBatch<T>&)>& in_order) {
  constexpr size_t kBatch = 2048;
  const size_t workers = core_count();
  BatchPipeline<T> pipeline(work, in_order, 2 * workers);
  Result scanned = Result::Ok();
  auto read = [&] {
    DecodeBatch<T> current;
    size_t seen = 0;
    bool stop = false;
    auto hand_over = [&] {
      if (current.ends.empty()) return;
      stop = !pipeline.push(std::move(current));
      current = DecodeBatch<T>{};
      current.first = seen;
    };
    scanned = scan([&](std::string_view, std::string_view value) {
      current.bytes.append(value);
      current.ends.push_back(static_cast<uint32_t>(current.bytes.size()));
      ++current.count;
      ++seen;
      if (current.ends.size() == kBatch || current.bytes.size() > (64u << 20)) hand_over();
      return stop ? Result::Io("stopped: a worker failed") : Result::Ok();
    });
    if (!stop) hand_over();
  };
  on_every_core(1 + workers, [&](size_t job) {
    if (job > 0) return pipeline.consume();
    try {
      read();
    } catch (...) {
      pipeline.finish();
      throw;
    }
    pipeline.finish();
  });
  if (std::exception_ptr e = pipeline.thrown()) std::rethrow_exception(e);
  return scanned;
}

// Calls scan(visit) where visit(key, value) -> Result is called for each record in order, and
// decode(value, T*) -> Result for each value; appends the decoded records to *out in scan order.
// `expected` is how many records there should be (the datasets' counts): that many slots are
// made up front and records decode straight into them, so no record is moved or copied
// afterwards (a wrong count costs only speed). Returns the first failure in scan order (a scan
// failure, or the first record that does not decode), with *out holding the records before it.
template <typename T, typename Scan, typename Decode>
Result decode_in_parallel(Scan&& scan, Decode&& decode, size_t expected, std::vector<T>* out) {
  const size_t base = out->size();
  out->resize(base + expected);
  size_t seen = 0;
  std::vector<T> overflow;  // records past `expected`, in order
  Result failure = Result::Ok();
  size_t good = SIZE_MAX;
  // Record i of the scan goes to its slot, or to its batch when there are more than expected.
  auto work = [&](DecodeBatch<T>& b) {
    const size_t past = std::max(b.first, expected);
    if (b.first + b.size() > expected) b.records.resize(b.first + b.size() - past);
    for (size_t i = 0; i < b.size(); ++i) {
      const size_t at = b.first + i;
      T* slot = at < expected ? &(*out)[base + at] : &b.records[at - past];
      if (Result r = decode(b.value(i), slot); !r.ok()) {
        b.result = r;
        b.failed_at = at;
        break;
      }
    }
    b.free_bytes();
  };
  auto in_order = [&](DecodeBatch<T>& b) {
    seen = b.first + b.size();
    if (good != SIZE_MAX) return;  // after the first failure nothing counts
    for (T& r : b.records) overflow.push_back(std::move(r));
    std::vector<T>().swap(b.records);
    if (!b.result.ok()) {
      good = b.failed_at;
      failure = b.result;
    }
  };
  Result scanned = run_batches<T>(scan, work, in_order);
  if (good == SIZE_MAX) {
    good = seen;
    failure = scanned;
  }
  out->resize(base + std::min(good, expected));
  for (size_t i = 0; out->size() < base + good && i < overflow.size(); ++i)
    out->push_back(std::move(overflow[i]));
  return failure;
}

}  // namespace govnet::detail
