// The record-decoding fuzz corpus (tests/data/fuzz/record), replayed: every file decodes or is
// refused as corrupt, in bounded time and memory, as each kind of record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "codec.h"

namespace govnet {
namespace {

TEST(FuzzFixtures, RecordsDecodeOrAreCorrupt) {
  const std::filesystem::path dir = std::filesystem::path(GOVNET_SOURCE_DIR) / "tests/data/fuzz/record";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    Actor a;
    Instrument i;
    Tie t, topology;
    DatasetInfo d;
    std::vector<SavedPosition> layout;
    for (Result r : {codec::decode(bytes, &a), codec::decode(bytes, &i), codec::decode(bytes, &t),
                     codec::decode_topology(bytes, &topology), codec::decode(bytes, &d),
                     codec::decode_layout(bytes, &layout)})
      EXPECT_TRUE(r.ok() || r.code() == Result::Code::kCorrupt) << entry.path() << ": " << r.message();
    EXPECT_LE(a.evidence.size() + i.evidence.size() + t.evidence.size(), 3 * bytes.size() / 8) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 4u);
}

}  // namespace
}  // namespace govnet
