// Store::upgrade: a store of schema 1 or 2 is refused by open with a message naming `govnet
// upgrade`, and upgrading it gives the store an import of the same data into a new store would
// give.
//
// Schemas 1 to 3 held the same records as schema 4; they differed in column families and
// derived data. The stores here are made as those schemas made them, through RocksDB behind
// govnet's back: the sample is imported, then for schema 3 the scenes family is dropped, for
// schema 2 the partitions family too; for
// schema 1 its adjacency lists also become one entry per tie end (record key, '\0', 'o' or 'i',
// the family's digit, be64(tie id); no value) and the layouts and view_table families are
// dropped. A schema-1 store could also hold the lists and the families already: that store
// differs only in its version.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "govnet/govnet_csv.h"
#include "govnet/store.h"
#include "rocks_patch.h"
#include "same_view.h"
#include "temp_dir.h"

namespace govnet {
namespace {

using testing::with_column_family;

void import_sample(const std::string& db) {
  ASSERT_TRUE(Store::create(db).ok());
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &s).ok());
  std::vector<CsvInput> in;
  for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"})
    in.push_back(
        {std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/" + f, std::nullopt});
  CsvImportResult r = read_govnet_csv(in, {});
  ASSERT_TRUE(r.problems.empty());
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("sample", std::move(r.network), {}, "", &sum).ok());
}

size_t entries(const std::string& db, const std::string& family) {
  size_t n = 0;
  with_column_family(db, family, [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(d->NewIterator({}, h));
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  });
  return n;
}

void set_version(const std::string& db, const std::string& version) {
  with_column_family(db, "meta", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, "schema_version", version).ok());
  });
}

// Rewrites the adjacency lists as schema 1's entries of one tie end each.
void per_tie_adjacency(const std::string& db) {
  std::vector<std::pair<std::string, std::string>> lists;
  with_column_family(db, "adjacency", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(d->NewIterator({}, h));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      lists.emplace_back(it->key().ToString(), it->value().ToString());
    for (const auto& [key, list] : lists) {
      ASSERT_TRUE(d->Delete({}, h, key).ok());
      const std::string record = key.substr(0, key.size() - 5), ds = key.substr(key.size() - 4);
      for (size_t at = 0; at < list.size(); at += 5) {
        const uint8_t end = static_cast<uint8_t>(list[at]);
        std::string entry =
            record + '\0' + ((end & 0x80) ? 'i' : 'o') + static_cast<char>('0' + (end & 0x7F)) + ds;
        for (int i = 3; i >= 0; --i) entry += list[at + 1 + i];  // the sequence, big-endian
        ASSERT_TRUE(d->Put({}, h, entry, "").ok());
      }
    }
  });
  ASSERT_GT(lists.size(), 100u);
}

void drop_family(const std::string& db, const std::string& family) {
  with_column_family(db, family, [](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->DropColumnFamily(h).ok());
  });
}

std::unique_ptr<Store> open_store(const std::string& db, Store::Access access) {
  std::unique_ptr<Store> s;
  Result r = Store::open(db, access, &s);
  EXPECT_TRUE(r.ok()) << r.message();
  return s;
}

class Upgrade : public ::testing::Test {
 protected:
  testing::TempDir tmp;
  std::string fresh = tmp.path("fresh"), db = tmp.path("db");
  void SetUp() override {
    import_sample(fresh);
    import_sample(db);
  }

  void make_genuine_schema_one() {
    per_tie_adjacency(db);
    drop_family(db, "view_table");
    drop_family(db, "layouts");
    drop_family(db, "partitions");
    drop_family(db, "scenes");
    set_version(db, "1");
  }

  // Every command but upgrade is refused, by name, with what to do.
  void expect_refused(const std::string& version = "1") {
    const std::string says = db + " is a govnet store of schema " + version +
                             "; this govnet reads schema 4: " + "run `govnet upgrade --db " + db +
                             "` (copy the directory first to keep a backup)";
    for (Store::Access access : {Store::Access::kReadOnly, Store::Access::kReadWrite}) {
      std::unique_ptr<Store> s;
      Result r = Store::open(db, access, &s);
      EXPECT_EQ(r.code(), Result::Code::kSchema);
      EXPECT_EQ(r.message(), says);
    }
  }

  // The upgraded store answers as the fresh one does: check finds nothing, and ties_of, search
  // and every kind of view give the same answers.
  void expect_same_as_fresh() {
    auto got = open_store(db, Store::Access::kReadOnly);
    auto want = open_store(fresh, Store::Access::kReadOnly);
    ASSERT_TRUE(got && want);
    Store::CheckReport report;
    ASSERT_TRUE(got->check(&report).ok());
    EXPECT_EQ(report.problem_count, 0u) << report.problems[0];
    Network net;
    ASSERT_TRUE(want->load_nodes(&net).ok());
    for (const Actor& a : net.actors) {
      std::vector<Tie> a_ties, b_ties;
      ASSERT_TRUE(got->ties_of(a.key, &a_ties).ok());
      ASSERT_TRUE(want->ties_of(a.key, &b_ties).ok());
      EXPECT_EQ(a_ties, b_ties) << a.key;
    }
    for (const char* query : {"moldova", "iom", "mobility partnership", "eu"}) {
      std::vector<SearchHit> a_hits, b_hits;
      ASSERT_TRUE(got->search(query, &a_hits).ok());
      ASSERT_TRUE(want->search(query, &b_hits).ok());
      ASSERT_EQ(a_hits.size(), b_hits.size()) << query;
      for (size_t i = 0; i < a_hits.size(); ++i)
        EXPECT_TRUE(a_hits[i].node == b_hits[i].node && a_hits[i].matched == b_hits[i].matched)
            << query << " " << i;
    }
    Network a_nodes, b_nodes;
    ASSERT_TRUE(got->load_view_nodes(&a_nodes).ok());
    ASSERT_TRUE(want->load_view_nodes(&b_nodes).ok());
    for (const ViewSpec& spec : testing::varied_view_specs()) {
      Result a_status = Result::Ok(), b_status = Result::Ok();
      std::string error;
      auto a_view = AnalysisGraph::build(a_nodes, got->tie_source(&a_status), spec, &error);
      ASSERT_TRUE(a_view) << error << ": " << a_status.message();
      auto b_view = AnalysisGraph::build(b_nodes, want->tie_source(&b_status), spec, &error);
      ASSERT_TRUE(b_view) << error;
      testing::expect_same_view(*a_view, *b_view, "a view");
    }
  }
};

TEST_F(Upgrade, AGenuineSchemaOneStoreIsRefusedThenUpgradedToWhatAnImportGives) {
  const size_t lists = entries(fresh, "adjacency");
  make_genuine_schema_one();
  EXPECT_EQ(entries(db, "adjacency"), 2u * 156u);  // one per tie end
  expect_refused();
  UpgradeReport report;
  Result r = Store::upgrade(db, &report);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(report.upgraded);
  EXPECT_EQ(report.from_version, 1);
  EXPECT_EQ(report.created_families,
            (std::vector<std::string>{"layouts", "partitions", "view_table", "scenes"}));
  EXPECT_GT(report.records, 200u);
  EXPECT_EQ(entries(db, "adjacency"), lists);
  expect_same_as_fresh();
  // Removing the dataset leaves nothing of it.
  {
    auto s = open_store(db, Store::Access::kReadWrite);
    DatasetInfo removed;
    ASSERT_TRUE(s->remove_dataset("sample", &removed).ok());
  }
  EXPECT_EQ(entries(db, "adjacency"), 0u);
  EXPECT_EQ(entries(db, "view_table"), 0u);
}

TEST_F(Upgrade, ASchemaOneStoreWithTheCurrentLayoutIsUpgraded) {
  set_version(db, "1");
  expect_refused();
  UpgradeReport report;
  ASSERT_TRUE(Store::upgrade(db, &report).ok());
  EXPECT_TRUE(report.upgraded);
  EXPECT_TRUE(report.created_families.empty());
  EXPECT_EQ(report.entries_rewritten, 0u);
  expect_same_as_fresh();
}

TEST_F(Upgrade, ASchemaTwoStoreGainsThePartitionsFamily) {
  drop_family(db, "partitions");
  drop_family(db, "scenes");
  set_version(db, "2");
  expect_refused("2");
  UpgradeReport report;
  Result r = Store::upgrade(db, &report);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(report.upgraded);
  EXPECT_EQ(report.from_version, 2);
  EXPECT_EQ(report.created_families, (std::vector<std::string>{"partitions", "scenes"}));
  EXPECT_EQ(report.entries_rewritten, 0u);
  expect_same_as_fresh();
  auto s = open_store(db, Store::Access::kReadWrite);
  Store::Partition p;
  p.name = "blocs";
  p.members = {{{NodeType::kActor, "IOM"}, 0}};
  ASSERT_TRUE(s->save_partition(p).ok());
}

TEST_F(Upgrade, ASchemaThreeStoreGainsTheScenesFamily) {
  drop_family(db, "scenes");
  set_version(db, "3");
  expect_refused("3");
  UpgradeReport report;
  Result r = Store::upgrade(db, &report);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(report.upgraded);
  EXPECT_EQ(report.from_version, 3);
  EXPECT_EQ(report.created_families, (std::vector<std::string>{"scenes"}));
  EXPECT_EQ(report.entries_rewritten, 0u);
  expect_same_as_fresh();
  auto s = open_store(db, Store::Access::kReadWrite);
  ASSERT_TRUE(s->save_scene("first", "{\"govnet_scene\": 1}").ok());
  std::string back;
  ASSERT_TRUE(s->load_scene("first", &back).ok());
  EXPECT_EQ(back, "{\"govnet_scene\": 1}");
}

TEST_F(Upgrade, ACurrentStoreIsLeftAsItIs) {
  UpgradeReport report;
  ASSERT_TRUE(Store::upgrade(db, &report).ok());
  EXPECT_FALSE(report.upgraded);
  EXPECT_EQ(report.from_version, Store::kSchemaVersion);
  expect_same_as_fresh();
}

TEST_F(Upgrade, ANewerStoreIsRefused) {
  set_version(db, "99");
  UpgradeReport report;
  Result r = Store::upgrade(db, &report);
  EXPECT_EQ(r.code(), Result::Code::kSchema);
  EXPECT_NE(r.message().find("newer govnet (store schema 99"), std::string::npos) << r.message();
  EXPECT_FALSE(report.upgraded);
}

// Any version above ours is a newer govnet's, however long its digits.
TEST_F(Upgrade, AVersionTooLongForAnIntIsNewerToo) {
  set_version(db, "100000000000000000000");
  std::unique_ptr<Store> s;
  Result r = Store::open(db, Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.code(), Result::Code::kSchema);
  EXPECT_NE(
      r.message().find("newer govnet (store schema 100000000000000000000, this govnet "
                       "reads schema " +
                       std::to_string(Store::kSchemaVersion) + "); upgrade govnet to open it"),
      std::string::npos)
      << r.message();
  UpgradeReport report;
  r = Store::upgrade(db, &report);
  EXPECT_EQ(r.code(), Result::Code::kSchema);
  EXPECT_NE(r.message().find("newer govnet"), std::string::npos) << r.message();
  set_version(db, "2x");
  r = Store::open(db, Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.code(), Result::Code::kCorrupt);
  EXPECT_NE(r.message().find("unknown store schema version '2x'"), std::string::npos);
}

TEST_F(Upgrade, UndecodableRecordsStopTheUpgradeBeforeAnythingIsWritten) {
  make_genuine_schema_one();
  with_column_family(db, "actors", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, "IOM", "garbage!").ok());
  });
  const size_t before = entries(db, "adjacency");
  UpgradeReport report;
  Result r = Store::upgrade(db, &report);
  EXPECT_EQ(r.code(), Result::Code::kCorrupt);
  EXPECT_NE(r.message().find("actor IOM"), std::string::npos) << r.message();
  EXPECT_EQ(entries(db, "adjacency"), before);
  expect_refused();  // still schema 1
}

}  // namespace
}  // namespace govnet
