// The pool that shares work out over threads: every job once whatever the thread count, failures
// passed on, one thread meaning the caller's alone, nested and concurrent batches that finish,
// and a sort on every core that sorts.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <new>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "govnet/parallel.h"

namespace govnet {
namespace {

// Each test leaves the thread count as it found it: every core.
class ThreadPool : public ::testing::Test {
 protected:
  void TearDown() override { set_thread_count(0); }
};

// The threads a batch of `count` jobs ran on, and how often each job ran.
struct Ran {
  std::vector<int> runs;
  std::set<std::thread::id> threads;
};
Ran run_batch(size_t count) {
  Ran r;
  std::vector<std::atomic<int>> runs(count);
  std::mutex lock;
  on_every_core(count, [&](size_t i) {
    ++runs[i];
    std::lock_guard<std::mutex> hold(lock);
    r.threads.insert(std::this_thread::get_id());
  });
  for (auto& n : runs) r.runs.push_back(n.load());
  return r;
}

TEST_F(ThreadPool, EveryJobRunsOnceWithOneTwoOrFiveThreads) {
  for (unsigned threads : {1u, 2u, 5u}) {
    set_thread_count(threads);
    ASSERT_EQ(thread_count(), threads);
    ASSERT_EQ(core_count(), threads);
    for (size_t count : {0u, 1u, 2u, 5u, 7u, 1000u}) {
      const Ran r = run_batch(count);
      EXPECT_EQ(r.runs, std::vector<int>(count, 1)) << threads << " threads, " << count << " jobs";
      EXPECT_LE(r.threads.size(), threads) << count << " jobs";
    }
  }
  set_thread_count(0);
  EXPECT_GE(thread_count(), 1u);  // every core
}

TEST_F(ThreadPool, OneThreadRunsEverythingOnTheCaller) {
  set_thread_count(1);
  const Ran r = run_batch(1000);
  ASSERT_EQ(r.threads.size(), 1u);
  EXPECT_EQ(*r.threads.begin(), std::this_thread::get_id());
  std::vector<size_t> order;  // and in order, since there is no other thread
  on_every_core(100, [&](size_t i) { order.push_back(i); });
  for (size_t i = 0; i < order.size(); ++i) ASSERT_EQ(order[i], i);
}

// The job on the caller waits until the other one has started, so that the other runs on a pool
// thread; there it throws, and the caller gets the exception.
TEST_F(ThreadPool, AnExceptionOnAPoolThreadReachesTheCaller) {
  set_thread_count(2);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> started{0};
  EXPECT_THROW(
      on_every_core(2,
                    [&](size_t) {
                      ++started;
                      if (std::this_thread::get_id() != caller) throw std::bad_alloc();
                      const auto give_up =
                          std::chrono::steady_clock::now() + std::chrono::seconds(30);
                      while (started.load() < 2 && std::chrono::steady_clock::now() < give_up)
                        std::this_thread::yield();
                    }),
      std::bad_alloc);
  EXPECT_EQ(started.load(), 2);
  const Ran after = run_batch(100);  // the pool still works afterwards
  EXPECT_EQ(after.runs, std::vector<int>(100, 1));
}

// A job that shares out work of its own: the inner batches finish (their callers work on them),
// and every inner job runs once.
TEST_F(ThreadPool, NestedBatchesDoNotDeadlock) {
  for (unsigned threads : {2u, 5u}) {
    set_thread_count(threads);
    std::vector<std::atomic<int>> runs(8 * 100);
    on_every_core(8, [&](size_t outer) {
      on_every_core(100, [&](size_t inner) { ++runs[outer * 100 + inner]; });
    });
    for (size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << threads << " " << i;
  }
}

// Callers on several threads at once (a viewer's layout while a query decodes) share the pool.
TEST_F(ThreadPool, ConcurrentCallersEachGetTheirOwnJobsDone) {
  set_thread_count(3);
  std::atomic<int> wrong{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        const Ran r = run_batch(17);
        if (r.runs != std::vector<int>(17, 1)) ++wrong;
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Parallel, EveryJobRunsOnceAndAFailureIsRethrown) {
  std::vector<std::atomic<int>> runs(1000);
  on_every_core(runs.size(), [&](size_t i) { ++runs[i]; });
  for (size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << i;
  on_every_core(0, [&](size_t) { FAIL() << "no job to run"; });
  std::atomic<int> started{0};
  // Each other job takes a millisecond, so that the other threads cannot run through all of them
  // while the failing one is still on its way out (a thread descheduled for a second lets ~1,000
  // run; all of them would take 100 s).
  EXPECT_THROW(on_every_core(100000,
                             [&](size_t i) {
                               ++started;
                               if (i == 10) throw std::runtime_error("job 10");
                               std::this_thread::sleep_for(std::chrono::milliseconds(1));
                             }),
               std::runtime_error);
  EXPECT_LT(started.load(), 100000);  // jobs not yet started when it failed did not run
}

// Sizes below, at and above the one where the sort is shared out, with repeated values, against
// std::sort of the same values.
TEST(Parallel, SortOnEveryCoreGivesTheSortedSequence) {
  std::mt19937_64 rng(11);
  for (size_t n : {0u, 1u, 2u, 65535u, 65536u, 65537u, 300001u}) {
    std::vector<std::pair<uint32_t, uint32_t>> values(n);
    for (auto& v : values) v = {static_cast<uint32_t>(rng() % 5000), static_cast<uint32_t>(rng())};
    auto want = values;
    std::sort(want.begin(), want.end());
    sort_on_every_core(values.begin(), values.end(), std::less<>());
    ASSERT_EQ(values, want) << n;
  }
  // By a key alone: keys in order, and the same elements.
  std::vector<std::pair<uint32_t, uint32_t>> values(200000);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = {static_cast<uint32_t>(rng() % 100), static_cast<uint32_t>(i)};
  auto all = values;
  sort_on_every_core(values.begin(), values.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  EXPECT_TRUE(std::is_sorted(values.begin(), values.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
  std::sort(all.begin(), all.end());
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, all);
  // Stable: by the key alone, equal keys keep their order (the second member numbers them).
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = {static_cast<uint32_t>(rng() % 100), static_cast<uint32_t>(i)};
  sort_on_every_core(
      values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first < b.first; },
      true);
  EXPECT_TRUE(std::is_sorted(values.begin(), values.end()));
}

}  // namespace
}  // namespace govnet
