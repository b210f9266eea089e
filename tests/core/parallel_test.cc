// The helpers that share work out over the cores: every job once, failures passed on, and a
// sort on every core that sorts.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "govnet/parallel.h"

namespace govnet {
namespace {

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
