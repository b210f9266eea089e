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
  Store::CheckReport check() {
    std::unique_ptr<Store> s;
    EXPECT_TRUE(Store::open(db, Store::Access::kReadOnly, &s).ok());
    Store::CheckReport report;
    EXPECT_TRUE(s->check(&report).ok());
    return report;
  }
  bool mentions(const Store::CheckReport& r, const std::string& text) {
    for (const auto& p : r.problems)
      if (p.find(text) != std::string::npos) return true;
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
  with_column_family(db, "adjacency", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Delete({}, h, adjacency).ok());
  });
  with_column_family(db, "members", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Delete({}, h, member).ok());
  });
  with_column_family(db, "names", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, std::string("ghost") + '\0' + "aGHOST", "Ghost").ok());
  });
  // A tie record deleted by hand: its endpoints' adjacency lists still name it, and the dataset
  // count is off.
  std::string tie = first_key(db, "ties");
  with_column_family(db, "ties", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Delete({}, h, tie).ok());
  });

  auto r = check();
  // The view table still holds the deleted tie: its counts and first chunk of ties are wrong (one
  // problem for the dataset's table).
  EXPECT_EQ(r.problem_count, 1u + 1u + 1u + 2u + 1u + 1u);
  EXPECT_TRUE(mentions(
      r,
      "the view table of dataset 'sample' (what views read of its records) differs from its "
      "records: entries 2 not matching the records;"));
  EXPECT_TRUE(mentions(r, "adjacency index lacks the entry 'IOM\\x00\\x00\\x00\\x00\\x01'"));
  EXPECT_TRUE(
      mentions(r, "adjacency index entry 'EU-COM\\x00\\x00\\x00\\x00\\x01' holds the wrong ties"));
  EXPECT_TRUE(
      mentions(r, "adjacency index entry 'MP-CPV\\x00\\x00\\x00\\x00\\x01' holds the wrong ties"));
  EXPECT_TRUE(mentions(r, "members index lacks the entry"));
  EXPECT_TRUE(mentions(r, "names index entry 'ghost\\x00aGHOST' points at no record"));
  EXPECT_TRUE(mentions(r, "dataset 'sample' says 57/52/156/"));

  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &s).ok());
    Store::CheckReport fixed;
    ASSERT_TRUE(s->repair(&fixed).ok());
    EXPECT_EQ(fixed.problem_count, 0u);
    // members 1, names 1, adjacency 3, the dataset's counts 1, view table 2
    EXPECT_EQ(fixed.repaired_entries, 8u);
  }
  r = check();
  EXPECT_EQ(r.problem_count, 0u) << (r.problems.empty() ? "" : r.problems[0]);
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadOnly, &s).ok());
  DatasetInfo info;
  ASSERT_TRUE(s->find_dataset("sample", &info).ok());
  EXPECT_EQ(info.ties, 155u);
}

TEST_F(Check, UndecodableRecordsAreReportedAndSurviveRepair) {
  with_column_family(db, "actors", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, "IOM", "garbage!").ok());
  });
  auto r = check();
  EXPECT_TRUE(mentions(r, "actor IOM: a stored actor cannot be decoded"))
      << (r.problems.empty() ? "" : r.problems[0]);
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &s).ok());
  Store::CheckReport fixed;
  ASSERT_TRUE(s->repair(&fixed).ok());
  EXPECT_TRUE(mentions(fixed, "actor IOM"));  // cannot be repaired: said so
}

// Cap'n Proto lets a list of empty structs claim millions of elements in a few bytes; decoded,
// each would become an Evidence of five strings. A damaged record must not turn 88 bytes into
// gigabytes: the decoder reads no more elements than the record has words.
TEST_F(Check, TinyRecordClaimingMillionsOfEntriesIsCorrupt) {
  std::string bytes;
  auto word = [&](uint64_t w) {
    for (int i = 0; i < 8; ++i) bytes += static_cast<char>(w >> (8 * i));
  };
  word(uint64_t{10} << 32);                         // one segment of 10 words
  word((uint64_t{7} << 48) | (uint64_t{1} << 32));  // root: Actor, 1 data word, 7 pointers
  word(0);                                          // kind, dataset
  for (int i = 0; i < 6; ++i) word(0);              // key .. attributes: null
  word(1 | (uint64_t{7} << 32));                    // evidence: composite list, 0 words
  word(uint64_t{8'000'000} << 2);                   // tag: 8 million zero-sized elements
  ASSERT_EQ(bytes.size(), 88u);
  with_column_family(db, "actors", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Put({}, h, "IOM", bytes).ok());
  });
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadOnly, &s).ok());
  Actor a;
  Result got = s->get_actor("IOM", &a);
  EXPECT_EQ(got.code(), Result::Code::kCorrupt)
      << got.message() << " (" << a.evidence.size() << " evidence entries)";
  EXPECT_TRUE(mentions(check(), "actor IOM: a stored actor cannot be decoded"));
}

}  // namespace
}  // namespace govnet
