// Large writes: sorted in pieces on every core and merged, written as several table files per
// column family and ingested as one. Checked against a plain model of the same operations.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bulk_write.h"
#include "temp_dir.h"

namespace govnet {
namespace {

// 360,000 operations on ~100,000 keys of one family, in three batches: each key put, then put
// again or deleted, then (for some) put a last time, the batches' operations shuffled within
// each batch. Keys share long prefixes, as the store's index keys do.
struct Workload {
  std::vector<std::unique_ptr<rocksdb::WriteBatch>> batches;
  std::map<std::string, std::optional<std::string>> last;  // key -> final value (nullopt: deleted)
  size_t ops = 0;
};

Workload make_workload(rocksdb::ColumnFamilyHandle* family) {
  Workload w;
  std::mt19937 rng(7);
  const int keys = 100000;
  for (int round = 0; round < 3; ++round) {
    std::vector<int> order(keys);
    for (int k = 0; k < keys; ++k) order[k] = k;
    std::shuffle(order.begin(), order.end(), rng);
    auto batch = std::make_unique<rocksdb::WriteBatch>();
    for (int k : order) {
      // Every tenth key is longer than the bytes kept inline, and shares them with the others.
      const std::string key = k % 10 ? "actor-key-" + std::to_string(k % 997) + std::string("\0o", 2) + std::to_string(k)
                                     : "a name longer than the inline bytes " + std::to_string(k % 7) + std::to_string(k);
      if (round == 2 && k % 5 != 0) continue;
      const std::string value = "round " + std::to_string(round) + " of " + std::to_string(k);
      if (round == 1 && k % 3 == 0) {
        EXPECT_TRUE(batch->Delete(family, key).ok());
        w.last[key] = std::nullopt;
      } else {
        EXPECT_TRUE(batch->Put(family, key, value).ok());
        w.last[key] = value;
      }
      ++w.ops;
    }
    w.batches.push_back(std::move(batch));
  }
  return w;
}

std::vector<const rocksdb::WriteBatch*> views(const Workload& w) {
  std::vector<const rocksdb::WriteBatch*> out;
  for (const auto& b : w.batches) out.push_back(b.get());
  return out;
}

TEST(BulkWrite, SortedInPiecesTheOperationsAreInKeyOrderAndTheFilesDisjoint) {
  govnet::testing::TempDir tmp;
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, tmp.path("db"), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  const Workload w = make_workload(db->DefaultColumnFamily());
  detail::SortedOps sorted;
  ASSERT_TRUE(detail::sort_ops(views(w), &sorted).ok());
  ASSERT_EQ(sorted.by_family.size(), 1u);
  const auto& ops = sorted.by_family[0];
  ASSERT_EQ(ops.size(), w.ops);
  // Key order; for one key, round 0's operation, then round 1's, then round 2's (their values
  // and kinds say which round they are from).
  for (size_t i = 1; i < ops.size(); ++i) {
    const int c = ops[i - 1].key().compare(ops[i].key());
    ASSERT_LE(c, 0) << i;
    if (c == 0) {
      auto round = [](const detail::SortedOps::Op& op) { return op.put ? op.value.ToString()[6] - '0' : 1; };
      ASSERT_LT(round(ops[i - 1]), round(ops[i])) << ops[i].key().ToString();
    }
  }
  // Ingested into the empty store, the files (a slice never ends between two operations on one
  // key) have disjoint key ranges: none has to stay in level 0 above another.
  ASSERT_TRUE(detail::ingest(db.get(), {db->DefaultColumnFamily()}, tmp.path("db"), views(w)).ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  EXPECT_GE(files.size(), 3u);
  for (const auto& f : files) EXPECT_GT(f.level, 0) << f.name;
}

TEST(BulkWrite, IngestedInSeveralFilesTheStoreHoldsTheLastOperationOfEachKey) {
  govnet::testing::TempDir tmp;
  rocksdb::Options o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs{{rocksdb::kDefaultColumnFamilyName, o},
                                                   {"index", o}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, tmp.path("db"), cfs, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  // Something already stored under some of the keys, which the ingested files must override.
  const Workload w = make_workload(handles[1]);
  for (int k = 0; k < 1000; ++k)
    ASSERT_TRUE(db->Put({}, handles[1], w.last.begin()->first + std::to_string(k), "older").ok());
  ASSERT_TRUE(db->Put({}, handles[1], std::next(w.last.begin(), 50)->first, "older").ok());
  ASSERT_TRUE(detail::ingest(db.get(), handles, tmp.path("db"), views(w)).ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  size_t index_files = 0;
  for (const auto& f : files) index_files += f.column_family_name == "index";
  EXPECT_GE(index_files, 3u);  // the ingested family came in several files (and the older write)
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, handles[1]));
  std::map<std::string, std::string> got;
  for (it->SeekToFirst(); it->Valid(); it->Next()) got[it->key().ToString()] = it->value().ToString();
  ASSERT_TRUE(it->status().ok());
  size_t live = 0;
  for (const auto& [key, value] : w.last) {
    auto g = got.find(key);
    if (!value) {
      EXPECT_TRUE(g == got.end()) << key;
      continue;
    }
    ++live;
    ASSERT_TRUE(g != got.end()) << key;
    EXPECT_EQ(g->second, *value) << key;
  }
  EXPECT_EQ(got.size(), live + 1000);  // and the older keys the workload does not name
  EXPECT_FALSE(std::filesystem::exists(tmp.path("db") + "/" + detail::kIngestDir));
  it.reset();
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
}

}  // namespace
}  // namespace govnet
