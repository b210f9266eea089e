// The record-decoding fuzz corpus (tests/data/fuzz/record), replayed: every file decodes or is
// refused as corrupt, in bounded time and memory, as each kind of record and of view table entry.
// The view-table-* seeds are well-formed chunks of each section and a dataset's stamp.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "codec.h"
#include "format.h"

namespace govnet {
namespace {

TEST(FuzzFixtures, RecordsDecodeOrAreCorrupt) {
  const std::filesystem::path dir =
      std::filesystem::path(GOVNET_SOURCE_DIR) / "tests/data/fuzz/record";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    Actor a;
    Instrument i;
    Tie t, topology;
    DatasetInfo d;
    std::vector<NodePosition> layout;
    for (Result r : {codec::decode(bytes, &a), codec::decode(bytes, &i), codec::decode(bytes, &t),
                     codec::decode_topology(bytes, &topology), codec::decode(bytes, &d),
                     codec::decode_layout(bytes, &layout)})
      EXPECT_TRUE(r.ok() || r.code() == Result::Code::kCorrupt)
          << entry.path() << ": " << r.message();
    EXPECT_LE(a.evidence.size() + i.evidence.size() + t.evidence.size(), 3 * bytes.size() / 8)
        << entry.path();
    std::vector<TieView> ties;
    std::vector<Actor> actors(2);
    std::vector<Instrument> instruments(2);
    view_table::Stamp stamp;
    const Result table[] = {view_table::decode_chunk(bytes, 1, 0, &ties),
                            view_table::decode_chunk(bytes, 1, std::span<Actor>(actors)),
                            view_table::decode_chunk(bytes, 1, std::span<Instrument>(instruments)),
                            view_table::decode_stamp(bytes, &stamp)};
    for (const Result& r : table)
      EXPECT_TRUE(r.ok() || r.code() == Result::Code::kCorrupt)
          << entry.path() << ": " << r.message();
    const std::string name = entry.path().filename().string();
    if (name == "view-table-ties.bin") {
      EXPECT_TRUE(table[0].ok()) << table[0].message();
      ASSERT_EQ(ties.size(), 3u);
      EXPECT_EQ(ties[1].from, "EU-COM");
      EXPECT_EQ(ties[1].amount, 2.5e6);
      EXPECT_EQ(ties[1].spells.hull().end->to_string(), "2012-12-31");
    }
    if (name == "view-table-actors.bin") {
      EXPECT_TRUE(table[1].ok() && actors[1].name == "Moldova") << table[1].message();
    }
    if (name == "view-table-instruments.bin") {
      EXPECT_TRUE(table[2].ok() && instruments[0].spells.hull().start->to_string() == "2008-06-05")
          << table[2].message();
    }
    if (name == "view-table-stamp.bin") {
      EXPECT_TRUE(table[3].ok() && stamp.ties == 3 && stamp.content_hash == "sha256:abc")
          << table[3].message();
    }
    ++files;
  }
  EXPECT_GE(files, 8u);
}

}  // namespace
}  // namespace govnet
