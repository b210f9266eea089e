// Large writes: runs of operations taken in order or sorted on every core, written as several
// table files per column family and ingested as one. Checked against a plain model of the same
// operations.
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

// 360,000 operations on ~100,000 keys of one family, in three runs: each key put, then put
// again or deleted, then (for some) put a last time, the operations shuffled within each run.
// Keys share long prefixes, as the store's index keys do.
struct Workload {
  std::vector<detail::Run> runs;
  std::map<std::string, std::optional<std::string>> last;  // key -> final value (nullopt: deleted)
  size_t ops = 0;
};

Workload make_workload(uint32_t family) {
  Workload w;
  std::mt19937 rng(7);
  const int keys = 100000;
  for (int round = 0; round < 3; ++round) {
    std::vector<int> order(keys);
    for (int k = 0; k < keys; ++k) order[k] = k;
    std::shuffle(order.begin(), order.end(), rng);
    detail::Run run(family);
    for (int k : order) {
      // Every tenth key is longer than the bytes kept inline, and shares them with the others.
      const std::string key =
          k % 10
              ? "actor-key-" + std::to_string(k % 997) + std::string("\0o", 2) + std::to_string(k)
              : "a name longer than the inline bytes " + std::to_string(k % 7) + std::to_string(k);
      if (round == 2 && k % 5 != 0) continue;
      const std::string value = "round " + std::to_string(round) + " of " + std::to_string(k);
      if (round == 1 && k % 3 == 0) {
        run.del(key);
        w.last[key] = std::nullopt;
      } else {
        run.put(key, value);
        w.last[key] = value;
      }
      ++w.ops;
    }
    w.runs.push_back(std::move(run));
  }
  return w;
}

std::vector<const detail::Run*> views(const Workload& w) {
  std::vector<const detail::Run*> out;
  for (const auto& r : w.runs) out.push_back(&r);
  return out;
}

// A plain RocksDB store of one column family in `tmp`.
std::unique_ptr<rocksdb::DB> open_db(const govnet::testing::TempDir& tmp) {
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  EXPECT_TRUE(rocksdb::DB::Open(o, tmp.path("db"), &raw).ok());
  return std::unique_ptr<rocksdb::DB>(raw);
}

TEST(BulkWrite, SortedInPiecesTheOperationsAreInKeyOrderAndTheFilesDisjoint) {
  govnet::testing::TempDir tmp;
  std::unique_ptr<rocksdb::DB> db = open_db(tmp);
  ASSERT_TRUE(db);
  const Workload w = make_workload(db->DefaultColumnFamily()->GetID());
  const detail::Plan plan(views(w));
  ASSERT_EQ(plan.families(), 1u);
  ASSERT_EQ(plan.size(0), w.ops);
  std::vector<detail::Run::Entry> ops;
  plan.each(0, 0, plan.size(0), [&](const detail::Run::Entry& e) { ops.push_back(e); });
  ASSERT_EQ(ops.size(), w.ops);
  // Key order; for one key, round 0's operation, then round 1's, then round 2's (their values
  // and kinds say which round they are from).
  for (size_t i = 1; i < ops.size(); ++i) {
    const int c = ops[i - 1].key.compare(ops[i].key);
    ASSERT_LE(c, 0) << i;
    if (c == 0) {
      auto round = [](const detail::Run::Entry& op) { return op.put ? op.value[6] - '0' : 1; };
      ASSERT_LT(round(ops[i - 1]), round(ops[i])) << ops[i].key;
    }
  }
  // Ingested into the empty store, the files (a slice never ends between two operations on one
  // key) have disjoint key ranges: none has to stay in level 0 above another.
  ASSERT_TRUE(detail::ingest(db.get(), {db->DefaultColumnFamily()}, tmp.path("db"), plan).ok());
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
  const Workload w = make_workload(handles[1]->GetID());
  for (int k = 0; k < 1000; ++k)
    ASSERT_TRUE(db->Put({}, handles[1], w.last.begin()->first + std::to_string(k), "older").ok());
  ASSERT_TRUE(db->Put({}, handles[1], std::next(w.last.begin(), 50)->first, "older").ok());
  ASSERT_TRUE(detail::ingest(db.get(), handles, tmp.path("db"), detail::Plan(views(w))).ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  size_t index_files = 0;
  for (const auto& f : files) index_files += f.column_family_name == "index";
  EXPECT_GE(index_files, 3u);  // the ingested family came in several files (and the older write)
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, handles[1]));
  std::map<std::string, std::string> got;
  for (it->SeekToFirst(); it->Valid(); it->Next())
    got[it->key().ToString()] = it->value().ToString();
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

TEST(BulkWriteRun, EntriesComeBackAsMadeAndItKnowsWhetherTheirKeysWereInOrder) {
  detail::Run run(3);
  run.put(std::string("a\0b", 3), "one");
  run.del("b");
  run.put_with("b", [](std::string* out) { out->append(std::string(1000, 'x')); });
  run.put("c", "");
  EXPECT_EQ(run.family(), 3u);
  EXPECT_EQ(run.size(), 4u);
  EXPECT_TRUE(run.in_order());
  EXPECT_EQ(run.first_key(), std::string("a\0b", 3));
  EXPECT_EQ(run.last_key(), "c");
  std::vector<detail::Run::Entry> got;
  for (size_t at = 0; at < run.bytes();) got.push_back(run.next(&at));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].key, std::string("a\0b", 3));
  EXPECT_EQ(got[0].value, "one");
  EXPECT_TRUE(got[0].put);
  EXPECT_EQ(got[1].key, "b");
  EXPECT_FALSE(got[1].put);
  EXPECT_EQ(got[2].value, std::string(1000, 'x'));
  EXPECT_TRUE(got[2].put);
  EXPECT_EQ(got[3].value, "");
  EXPECT_TRUE(got[3].put);
  run.put("a", "back");  // before "c"
  EXPECT_FALSE(run.in_order());
}

// Runs each in key order, one after the other (the import's records, members and adjacency
// lists), are written as they are; where a run begins with the key the one before ended with,
// the later operation wins and no file ends between the two.
TEST(BulkWrite, RunsInOrderOneAfterAnotherAreWrittenAsTheyAre) {
  govnet::testing::TempDir tmp;
  std::unique_ptr<rocksdb::DB> db = open_db(tmp);
  ASSERT_TRUE(db);
  const uint32_t family = db->DefaultColumnFamily()->GetID();
  std::vector<detail::Run> runs;
  std::map<std::string, std::string> last;
  char key[16];
  for (int r = 0, k = 0; r < 60; ++r) {
    runs.emplace_back(family);
    if (r % 2 == 1) --k;  // every other run starts again at the key the one before ended with
    for (int i = 0; i < 5000; ++i, ++k) {
      std::snprintf(key, sizeof key, "k%08d", k);
      const std::string value = "run " + std::to_string(r);
      runs.back().put(key, value);
      last[key] = value;
    }
  }
  std::vector<const detail::Run*> views;
  for (const auto& r : runs) views.push_back(&r);
  const detail::Plan plan(views);
  ASSERT_EQ(plan.size(family), 300000u);
  std::string previous;
  size_t seen = 0;
  plan.each(family, 0, plan.size(family), [&](const detail::Run::Entry& e) {
    ASSERT_LE(previous, std::string(e.key));
    previous = std::string(e.key);
    ++seen;
  });
  EXPECT_EQ(seen, 300000u);
  // Cut about every 65,536 operations, only between runs and where the key changes.
  const std::vector<size_t> cuts = plan.cuts(family, 65536);
  ASSERT_GE(cuts.size(), 4u);
  EXPECT_EQ(cuts.front(), 0u);
  EXPECT_EQ(cuts.back(), 300000u);
  for (size_t c = 1; c + 1 < cuts.size(); ++c) {
    EXPECT_EQ(cuts[c] % 5000, 0u) << cuts[c];
    EXPECT_EQ(cuts[c] / 5000 % 2, 0u) << cuts[c];  // a run that does not repeat the key before
  }
  ASSERT_TRUE(detail::ingest(db.get(), {db->DefaultColumnFamily()}, tmp.path("db"), plan).ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  db->GetLiveFilesMetaData(&files);
  EXPECT_GE(files.size(), 3u);
  for (const auto& f : files) EXPECT_GT(f.level, 0) << f.name;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}));
  std::map<std::string, std::string> got;
  for (it->SeekToFirst(); it->Valid(); it->Next())
    got[it->key().ToString()] = it->value().ToString();
  ASSERT_TRUE(it->status().ok());
  EXPECT_EQ(got, last);
}

}  // namespace
}  // namespace govnet
