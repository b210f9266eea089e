// Work shared out over threads: the one way core, storage (decoding, table files) and the
// importers (CSV chunks, rows) run jobs in parallel. The threads are a pool that lives for the
// whole program, so a job batch of a millisecond (a layout iteration) pays no thread start-up.
//
// Thread-safety: on_every_core and sort_on_every_core may be called from any number of threads
// at once, and from inside a job (nested batches run to completion: a caller works on its own
// batch while it waits, so none waits for a thread that waits for it).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace govnet {

// The number of threads work is shared out over (the caller's among them): what
// set_thread_count set, else every core of the machine (1 when unknown).
unsigned thread_count();
// Sets the thread count in force; 0 means every core. With 1, every job runs on the calling
// thread. Meant to be called once at start-up (the `govnet` command does it from --threads);
// batches already running keep the threads they have.
void set_thread_count(unsigned n);

// The thread count in force (the name the storage and importer callers use).
inline size_t core_count() { return thread_count(); }

namespace detail {
// Runs call(job, 0), ..., call(job, count - 1) on the pool; on_every_core's body.
void run_jobs(size_t count, void (*call)(void* job, size_t i), void* job);
}  // namespace detail

// Runs job(0), ..., job(count - 1), each once, on up to thread_count() threads (the caller's
// among them), and returns once all have finished. Which thread runs which job, and in what
// order, is not specified: a job that needs per-thread state indexes it by its own number. A job
// must not wait for a job of the same batch that may not have started (a producer for its
// consumers, say): with fewer threads than jobs, or one, they run one after another. Waiting for
// one that has started is safe. An exception (out of memory) is rethrown on the caller once no
// job of the batch runs any more; jobs not yet started then do not run.
template <typename Job>
void on_every_core(size_t count, Job&& job) {
  using Callable = std::remove_reference_t<Job>;
  detail::run_jobs(
      count, [](void* j, size_t i) { (*static_cast<Callable*>(j))(i); },
      const_cast<void*>(static_cast<const void*>(std::addressof(job))));
}

// Sorts [first, last) by `less` on every core: a piece per thread sorted, then neighbouring
// pieces merged in rounds, the merges of a round side by side. `stable`: equal elements keep
// their order (each piece stable-sorted; merging keeps the left piece's first).
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
