// decode_in_parallel: records come out in scan order whatever the count hint says, and a failure
// keeps exactly the records before it.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "parallel_decode.h"

namespace govnet {
namespace {

struct Decoded {
  std::string text;
  int value = -1;
};

// A scan of n values "0", "1", ...; value `bad` does not decode; the scan itself fails after
// `scan_fails_after` values.
Result run(size_t n, size_t expected, std::vector<Decoded>* out, size_t bad = SIZE_MAX,
           size_t scan_fails_after = SIZE_MAX) {
  auto scan = [&](auto&& visit) {
    for (size_t i = 0; i < n; ++i) {
      if (i == scan_fails_after) return Result::Io("scan broke at " + std::to_string(i));
      std::string v = std::to_string(i) + std::string(i % 37, 'x');  // values of varied length
      if (Result r = visit(std::string_view(), std::string_view(v)); !r.ok()) return r;
    }
    return Result::Ok();
  };
  auto decode = [&](std::string_view v, Decoded* d) {
    d->text.assign(v);
    d->value = std::stoi(std::string(v));
    if (static_cast<size_t>(d->value) == bad)
      return Result::Corrupt("record " + std::to_string(bad));
    return Result::Ok();
  };
  return detail::decode_in_parallel(scan, decode, expected, out);
}

void expect_in_order(const std::vector<Decoded>& out, size_t n) {
  ASSERT_EQ(out.size(), n);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(out[i].value, static_cast<int>(i)) << "at " << i;
    ASSERT_EQ(out[i].text.size(), std::to_string(i).size() + i % 37) << "at " << i;
  }
}

TEST(ParallelDecode, InScanOrderWhateverTheCountSays) {
  const size_t n = 20'011;  // several batches and a partial one
  for (size_t expected : {n, size_t{0}, n / 3, n + 5'000}) {
    std::vector<Decoded> out;
    ASSERT_TRUE(run(n, expected, &out).ok()) << expected;
    expect_in_order(out, n);
  }
}

TEST(ParallelDecode, AppendsAfterWhatIsThere) {
  std::vector<Decoded> out(3);
  ASSERT_TRUE(run(5'000, 5'000, &out).ok());
  ASSERT_EQ(out.size(), 5'003u);
  EXPECT_EQ(out[2].value, -1);
  EXPECT_EQ(out[3].value, 0);
  EXPECT_EQ(out.back().value, 4'999);
}

TEST(ParallelDecode, KeepsExactlyTheRecordsBeforeAFailure) {
  for (size_t expected : {size_t{20'000}, size_t{100}}) {
    std::vector<Decoded> out;
    Result r = run(20'000, expected, &out, /*bad=*/7'777);
    EXPECT_EQ(r.code(), Result::Code::kCorrupt);
    EXPECT_EQ(r.message(), "record 7777");
    expect_in_order(out, 7'777);
  }
  std::vector<Decoded> out;
  Result r = run(20'000, 20'000, &out, SIZE_MAX, /*scan_fails_after=*/12'345);
  EXPECT_EQ(r.code(), Result::Code::kIo);
  expect_in_order(out, 12'345);
  // A bad record before the scan broke is the first failure.
  out.clear();
  r = run(20'000, 20'000, &out, 3, 12'345);
  EXPECT_EQ(r.message(), "record 3");
  expect_in_order(out, 3);
}

// Running out of memory on a worker thread reaches the caller as the exception (as it would
// without threads), not as the end of the program.
TEST(ParallelDecode, AnExceptionOnAWorkerReachesTheCaller) {
  auto scan = [](auto&& visit) {
    for (size_t i = 0; i < 50'000; ++i) {
      std::string v = std::to_string(i);
      if (Result r = visit(std::string_view(), std::string_view(v)); !r.ok()) return r;
    }
    return Result::Ok();
  };
  auto decode_throwing_at = [](int at) {
    return [at](std::string_view v, Decoded* d) {
      d->value = std::stoi(std::string(v));
      if (d->value == at) throw std::bad_alloc();
      return Result::Ok();
    };
  };
  std::vector<Decoded> out;
  EXPECT_THROW(detail::decode_in_parallel(scan, decode_throwing_at(20'000), 50'000, &out),
               std::bad_alloc);
}

}  // namespace
}  // namespace govnet
