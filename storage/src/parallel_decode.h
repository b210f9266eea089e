// Internal to storage: decoding a column family's records on every core, in key order.
//
// One thread walks the RocksDB iterator and copies values into batches (cheap); worker threads
// decode the batches (the expensive part: Cap'n Proto reads and C++ strings). A bounded number
// of batches is in flight, so the raw bytes never pile up; each batch's bytes are freed once it
// is decoded. The records come out in the order the scan saw them.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "govnet/result.h"

namespace govnet::detail {

// Calls scan(visit) where visit(key, value) -> Result is called for each record in order, and
// decode(value, T*) -> Result for each value; appends the decoded records to *out in scan order.
// `expected` is how many records there should be (the datasets' counts): that many slots are
// made up front and records decode straight into them, so no record is moved or copied
// afterwards (a wrong count costs only speed). Returns the first failure in scan order (a scan
// failure, or the first record that does not decode), with *out holding the records before it.
template <typename T, typename Scan, typename Decode>
Result decode_in_parallel(Scan&& scan, Decode&& decode, size_t expected, std::vector<T>* out) {
  constexpr size_t kBatch = 2048;
  const unsigned workers = std::min(8u, std::max(1u, std::thread::hardware_concurrency()));

  struct Batch {
    size_t first = 0;  // index of its first record in the scan
    std::string bytes;
    std::vector<uint32_t> ends;  // value i is bytes[ends[i-1], ends[i])
    std::vector<T> records;
    Result result = Result::Ok();
    size_t failed_at = SIZE_MAX;
  };
  std::deque<Batch> batches;  // push_back keeps references to earlier batches valid
  std::mutex m;
  std::condition_variable work_ready, room;
  size_t handed_out = 0, decoded = 0, queued = 0;
  bool finished = false;

  const size_t base = out->size();
  out->resize(base + expected);
  // Record i of the scan goes to its slot, or to its batch when there are more than expected.
  auto decode_batch = [&](Batch& b) {
    if (b.first + b.ends.size() > expected) b.records.resize(b.first + b.ends.size() - std::max(b.first, expected));
    size_t begin = 0;
    for (size_t i = 0; i < b.ends.size(); ++i) {
      std::string_view v(b.bytes.data() + begin, b.ends[i] - begin);
      begin = b.ends[i];
      const size_t at = b.first + i;
      T* slot = at < expected ? &(*out)[base + at] : &b.records[at - std::max(b.first, expected)];
      if (Result r = decode(v, slot); !r.ok()) {
        b.result = r;
        b.failed_at = at;
        break;
      }
    }
    std::string().swap(b.bytes);
    std::vector<uint32_t>().swap(b.ends);
  };

  std::vector<std::thread> pool;
  if (workers > 1) {
    for (unsigned w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        std::unique_lock<std::mutex> lock(m);
        for (;;) {
          work_ready.wait(lock, [&] { return handed_out < queued || finished; });
          if (handed_out == queued) return;  // finished and nothing left
          Batch& b = batches[handed_out++];
          lock.unlock();
          decode_batch(b);
          lock.lock();
          ++decoded;
          room.notify_one();
        }
      });
  }

  Batch current;
  size_t seen = 0;
  auto hand_over = [&] {
    if (current.ends.empty()) return;
    if (pool.empty()) {
      batches.push_back(std::move(current));
      decode_batch(batches.back());
    } else {
      std::unique_lock<std::mutex> lock(m);
      room.wait(lock, [&] { return queued - decoded < 2 * workers; });
      batches.push_back(std::move(current));
      ++queued;
      work_ready.notify_one();
    }
    current = Batch{};
    current.first = seen;
  };
  Result scanned = scan([&](std::string_view, std::string_view value) {
    current.bytes.append(value);
    current.ends.push_back(static_cast<uint32_t>(current.bytes.size()));
    ++seen;
    if (current.ends.size() == kBatch || current.bytes.size() > (64u << 20)) hand_over();
    return Result::Ok();
  });
  hand_over();
  {
    std::lock_guard<std::mutex> lock(m);
    finished = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();

  // The records past `expected`, then the first failure: *out keeps what came before it.
  size_t good = seen;
  Result failure = scanned;
  for (Batch& b : batches) {
    if (!b.result.ok()) { good = b.failed_at; failure = b.result; break; }
  }
  out->resize(base + std::min(good, expected));
  for (Batch& b : batches)
    for (size_t i = 0; i < b.records.size() && out->size() < base + good; ++i)
      out->push_back(std::move(b.records[i]));
  return failure;
}

}  // namespace govnet::detail
