// The layout's worker pool: every thread runs each job, jobs follow one another, and an exception
// thrown on a helper reaches the caller of run() instead of ending the program.
#include "worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <thread>

namespace govnet {
namespace {

TEST(WorkerPool, RunsEachJobOnEveryThreadOneJobAfterAnother) {
  detail::WorkerPool pool(3);
  ASSERT_EQ(pool.size(), 4u);
  std::atomic<int> calls{0};
  for (int round = 1; round <= 100; ++round) {
    pool.run([&] { calls.fetch_add(1); });
    ASSERT_EQ(calls.load(), 4 * round);  // run() returned only after every thread finished
  }
}

TEST(WorkerPool, AnExceptionOnAHelperReachesTheCaller) {
  detail::WorkerPool pool(1);
  const std::thread::id caller = std::this_thread::get_id();
  EXPECT_THROW(pool.run([&] {
    if (std::this_thread::get_id() != caller) throw std::bad_alloc();
  }),
               std::bad_alloc);
  std::atomic<int> calls{0};
  pool.run([&] { calls.fetch_add(1); });  // the pool still works afterwards
  EXPECT_EQ(calls.load(), 2);
}

}  // namespace
}  // namespace govnet
