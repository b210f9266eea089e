// Internal to storage: decoding a column family's records on every core, in key order.
//
// One thread walks the RocksDB iterator and copies values into batches (cheap); worker threads
// decode the batches (the expensive part: Cap'n Proto reads and C++ strings). A bounded number
// of batches is in flight, so the raw bytes never pile up; each batch's bytes are freed once it
// is decoded. Whatever must see the records in scan order runs batch after batch, in order.
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
#include <thread>
#include <vector>

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

// Cuts scan(visit)'s values into batches; work(batch) runs on the worker threads, in parallel;
// then in_order(batch) runs for one batch after another, in scan order (never two at once).
// Returns scan's Result.
template <typename T, typename Scan>
Result run_batches(Scan&& scan, const std::function<void(DecodeBatch<T>&)>& work,
                   const std::function<void(DecodeBatch<T>&)>& in_order) {
  constexpr size_t kBatch = 2048;
  const unsigned workers = std::min(8u, std::max(1u, std::thread::hardware_concurrency()));
  std::deque<DecodeBatch<T>> batches;  // push_back keeps references to earlier batches valid
  std::mutex m;
  std::condition_variable work_ready, room, turn;
  size_t handed_out = 0, done = 0, queued = 0;
  bool finished = false;
  std::exception_ptr thrown;

  std::vector<std::thread> pool;
  if (workers > 1) {
    for (unsigned w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        std::unique_lock<std::mutex> lock(m);
        for (;;) {
          work_ready.wait(lock, [&] { return handed_out < queued || finished; });
          if (handed_out == queued) return;  // finished and nothing left
          const size_t mine = handed_out++;
          DecodeBatch<T>& b = batches[mine];
          lock.unlock();
          // An exception (out of memory) must not end the program from a worker: the first one
          // is kept, the other batches are skipped, and the calling thread rethrows it.
          auto guarded = [&](const std::function<void(DecodeBatch<T>&)>& step) {
            try {
              step(b);
            } catch (...) {
              std::lock_guard<std::mutex> hold(m);
              if (!thrown) thrown = std::current_exception();
            }
          };
          guarded(work);
          lock.lock();
          turn.wait(lock, [&] { return done == mine; });
          const bool skip = thrown != nullptr;
          lock.unlock();
          if (!skip)
            guarded(in_order);  // alone: the batches before it are done, none after it starts
          lock.lock();
          ++done;
          turn.notify_all();
          room.notify_one();
        }
      });
  }

  DecodeBatch<T> current;
  size_t seen = 0;
  bool stop = false;
  auto hand_over = [&] {
    if (current.ends.empty()) return;
    if (pool.empty()) {
      batches.push_back(std::move(current));
      work(batches.back());
      in_order(batches.back());
    } else {
      std::unique_lock<std::mutex> lock(m);
      room.wait(lock, [&] { return queued - done < 2 * workers; });
      if (thrown) {  // no use reading on
        current = DecodeBatch<T>{};
        stop = true;
        return;
      }
      batches.push_back(std::move(current));
      ++queued;
      work_ready.notify_one();
    }
    current = DecodeBatch<T>{};
    current.first = seen;
  };
  Result scanned = scan([&](std::string_view, std::string_view value) {
    current.bytes.append(value);
    current.ends.push_back(static_cast<uint32_t>(current.bytes.size()));
    ++current.count;
    ++seen;
    if (current.ends.size() == kBatch || current.bytes.size() > (64u << 20)) hand_over();
    return stop ? Result::Io("stopped: a worker failed") : Result::Ok();
  });
  hand_over();
  {
    std::lock_guard<std::mutex> lock(m);
    finished = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();
  if (thrown) std::rethrow_exception(thrown);
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

// Reads `parts` key ranges at once, each on its own thread: scan_range(r, visit) calls
// visit(key, value) -> Result for the records of range r in key order. Each thread decodes its
// records in runs of up to 2,048 and calls visit_run(std::span<const T> run, order) on them, with
// order = r * 2^40 + the run's first place in its range: ordering the runs by it gives the scan
// order. Runs are visited in any order, several at once. Returns the first failure in scan
// order; runs after it may have been visited, and a run holding a record that does not decode
// is not. An exception on a thread (out of memory) is rethrown on the caller.
template <typename T, typename ScanRange, typename Decode, typename VisitRun>
Result visit_ranges_in_parallel(unsigned parts, ScanRange&& scan_range, Decode&& decode,
                                VisitRun&& visit_run) {
  constexpr size_t kRun = 2048;
  std::vector<Result> results(parts, Result::Ok());
  std::vector<std::exception_ptr> thrown(parts);
  auto read_range = [&](unsigned r) {
    try {
      std::vector<T> run(kRun);
      size_t filled = 0;
      uint64_t first = 0;
      auto flush = [&] {
        if (filled) visit_run(std::span<const T>(run.data(), filled), (uint64_t{r} << 40) + first);
        first += filled;
        filled = 0;
      };
      results[r] = scan_range(r, [&](std::string_view, std::string_view value) -> Result {
        if (Result d = decode(value, &run[filled]); !d.ok()) return d;
        if (++filled == kRun) flush();
        return Result::Ok();
      });
      if (results[r].ok()) flush();
    } catch (...) {
      thrown[r] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned r = 1; r < parts; ++r) pool.emplace_back(read_range, r);
  read_range(0);
  for (auto& t : pool) t.join();
  for (auto& e : thrown)
    if (e) std::rethrow_exception(e);
  for (const Result& r : results)
    if (!r.ok()) return r;
  return Result::Ok();
}

}  // namespace govnet::detail
