// Work shared out over the machine's cores: one small helper that storage (decoding, table
// files) and the importers (CSV chunks, rows) use alike.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace govnet {

// The number of threads work is shared out over: the machine's cores (1 when unknown).
inline size_t core_count() { return std::max<size_t>(1, std::thread::hardware_concurrency()); }

// Runs job(0), ..., job(count - 1), each once, on as many threads as there are cores (the
// caller's among them). An exception (out of memory) is rethrown on the caller once every
// thread has stopped; jobs not yet started then do not run.
template <typename Job>
void on_every_core(size_t count, Job&& job) {
  std::atomic<size_t> next{0};
  std::exception_ptr thrown;
  std::mutex thrown_lock;
  auto work = [&] {
    try {
      for (size_t i; (i = next.fetch_add(1)) < count;) job(i);
    } catch (...) {
      std::lock_guard<std::mutex> hold(thrown_lock);
      if (!thrown) thrown = std::current_exception();
      next = count;
    }
  };
  const size_t threads = std::min(core_count(), count);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (thrown) std::rethrow_exception(thrown);
}

// Sorts [first, last) by `less` on every core: a piece per core sorted, then neighbouring pieces
// merged in rounds, the merges of a round side by side. `stable`: equal elements keep their order
// (each piece stable-sorted; merging keeps the left piece's first).
template <typename It, typename Less>
void sort_on_every_core(It first, It last, Less less, bool stable = false) {
  const size_t n = static_cast<size_t>(last - first);
  const size_t pieces = n < (1 << 16) ? 1 : core_count();
  std::vector<size_t> bounds;  // piece p is [bounds[p], bounds[p + 1])
  for (size_t p = 0; p <= pieces; ++p) bounds.push_back(n * p / pieces);
  on_every_core(pieces, [&](size_t p) {
    if (stable)
      std::stable_sort(first + bounds[p], first + bounds[p + 1], less);
    else
      std::sort(first + bounds[p], first + bounds[p + 1], less);
  });
  while (bounds.size() > 2) {
    std::vector<size_t> merged;
    const size_t pairs = (bounds.size() - 1) / 2;
    on_every_core(pairs, [&](size_t i) {
      std::inplace_merge(first + bounds[2 * i], first + bounds[2 * i + 1],
                         first + bounds[2 * i + 2], less);
    });
    for (size_t b = 0; b < bounds.size(); b += 2) merged.push_back(bounds[b]);
    if (merged.back() != n) merged.push_back(n);
    bounds = std::move(merged);
  }
}

}  // namespace govnet
