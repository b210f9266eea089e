#include <gtest/gtest.h>

#include "govnet/govnet_csv.h"
#include "govnet/store.h"
#include "rocks_patch.h"
#include "temp_dir.h"

namespace govnet {
namespace {

using testing::first_key;
using testing::with_column_family;

class Check : public ::testing::Test {
 protected:
  testing::TempDir tmp;
  std::string db = tmp.path("db");
  void SetUp() override {
    ASSERT_TRUE(Store::create(db).ok());
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(db, false, &s).ok());
    std::vector<CsvInput> in;
    for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"})
      in.push_back({std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/" + f, std::nullopt});
    CsvImportResult r = read_govnet_csv(in, {});
    ASSERT_TRUE(r.problems.empty());
    ImportSummary sum;
    ASSERT_TRUE(s->import_dataset("sample", std::move(r.network), {}, "", &sum).ok());
  }
  Store::CheckReport check() {
    std::unique_ptr<Store> s;
    EXPECT_TRUE(Store::open(db, true, &s).ok());
    Store::CheckReport report;
    EXPECT_TRUE(s->check(&report).ok());
    return report;
  }
  bool mentions(const Store::CheckReport& r, const std::string& text) {
    for (const auto& p : r.problems) if (p.find(text) != std::string::npos) return true;
    return false;
  }
};

TEST_F(Check, AFreshImportIsConsistent) {
  auto r = check();
  EXPECT_EQ(r.problem_count, 0u) << (r.problems.empty() ? "" : r.problems[0]);
  EXPECT_EQ(r.records, 57u + 52u + 156u);
  EXPECT_GT(r.index_entries, 2u * 156u);
}

TEST_F(Check, FindsDamagedIndexesAndRepairFixesThem) {
  std::string adjacency = first_key(db, "adjacency", std::string("IOM") + '\0');
  std::string member = first_key(db, "members");
  ASSERT_FALSE(adjacency.empty());
  with_column_family(db, "adjacency", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) { ASSERT_TRUE(d->Delete({}, h, adjacency).ok()); });
  with_column_family(db, "members", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) { ASSERT_TRUE(d->Delete({}, h, member).ok()); });
  with_column_family(db, "names", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, std::string("ghost") + '\0' + "aGHOST", "Ghost").ok());
  });
  // A tie record deleted by hand: its adjacency entries dangle and the dataset count is off.
  std::string tie = first_key(db, "ties");
  with_column_family(db, "ties", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) { ASSERT_TRUE(d->Delete({}, h, tie).ok()); });

  auto r = check();
  EXPECT_EQ(r.problem_count, 1u + 1u + 1u + 2u + 1u);
  EXPECT_TRUE(mentions(r, "adjacency index lacks the entry 'IOM"));
  EXPECT_TRUE(mentions(r, "members index lacks the entry"));
  EXPECT_TRUE(mentions(r, "names index entry 'ghost\\x00aGHOST' points at no record"));
  EXPECT_TRUE(mentions(r, "dataset 'sample' says 57/52/156/"));

  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(db, false, &s).ok());
    Store::CheckReport fixed;
    ASSERT_TRUE(s->repair(&fixed).ok());
    EXPECT_EQ(fixed.problem_count, 0u);
    EXPECT_EQ(fixed.repaired_entries, 6u);
  }
  r = check();
  EXPECT_EQ(r.problem_count, 0u) << (r.problems.empty() ? "" : r.problems[0]);
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, true, &s).ok());
  DatasetInfo info;
  ASSERT_TRUE(s->find_dataset("sample", &info).ok());
  EXPECT_EQ(info.ties, 155u);
}

TEST_F(Check, UndecodableRecordsAreReportedAndSurviveRepair) {
  with_column_family(db, "actors", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) { ASSERT_TRUE(d->Put({}, h, "IOM", "garbage!").ok()); });
  auto r = check();
  EXPECT_TRUE(mentions(r, "actor IOM: a stored actor cannot be decoded")) << (r.problems.empty() ? "" : r.problems[0]);
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, false, &s).ok());
  Store::CheckReport fixed;
  ASSERT_TRUE(s->repair(&fixed).ok());
  EXPECT_TRUE(mentions(fixed, "actor IOM"));  // cannot be repaired: said so
}

}  // namespace
}  // namespace govnet
