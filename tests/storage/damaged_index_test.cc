// A store whose files are damaged on disk (bytes flipped in a table file, a lost CURRENT file):
// an index family is derived data, so `repair` drops and rebuilds it from the records; imports
// refuse such a store until then; damaged records are told apart from missing ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "govnet/govnet_csv.h"
#include "govnet/store.h"
#include "rocks_patch.h"
#include "temp_dir.h"

namespace govnet {
namespace {

using testing::with_column_family;

class DamagedFiles : public ::testing::Test {
 protected:
  testing::TempDir tmp;
  std::string db = tmp.path("db");
  void SetUp() override {
    ASSERT_TRUE(Store::create(db).ok());
    std::unique_ptr<Store> s = open(Store::Access::kReadWrite);
    ASSERT_TRUE(s);
    ImportSummary sum;
    ASSERT_TRUE(s->import_dataset("sample", sample(), {}, "", &sum).ok());
  }
  static Network sample() {
    std::vector<CsvInput> in;
    for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"})
      in.push_back(
          {std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/" + f, std::nullopt});
    CsvImportResult r = read_govnet_csv(in, {});
    EXPECT_TRUE(r.problems.empty());
    return std::move(r.network);
  }
  std::unique_ptr<Store> open(Store::Access access) {
    std::unique_ptr<Store> s;
    Result r = Store::open(db, access, &s);
    EXPECT_TRUE(r.ok()) << r.message();
    return s;
  }
  // Flushes a column family to its table files and flips bytes inside its first data block.
  void damage(const std::string& family) {
    std::vector<std::string> files;
    with_column_family(db, family, [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
      ASSERT_TRUE(d->Flush({}, h).ok());
      std::vector<rocksdb::LiveFileMetaData> live;
      d->GetLiveFilesMetaData(&live);
      for (const auto& f : live)
        if (f.column_family_name == family) files.push_back(f.db_path + "/" + f.name);
    });
    ASSERT_FALSE(files.empty()) << family;
    for (const auto& path : files) {
      std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
      ASSERT_TRUE(f);
      char bytes[16];
      f.seekg(40);
      f.read(bytes, sizeof bytes);
      for (char& b : bytes) b = static_cast<char>(~b);
      f.seekp(40);
      f.write(bytes, sizeof bytes);
    }
  }
};

TEST_F(DamagedFiles, RepairRebuildsAnUnreadableIndexFromTheRecords) {
  Store::CheckReport before;
  ASSERT_TRUE(open(Store::Access::kReadOnly)->check(&before).ok());
  ASSERT_EQ(before.problem_count, 0u);
  damage("adjacency");

  // check names the damage, and what to do...
  Store::CheckReport seen;
  Result checked = open(Store::Access::kReadOnly)->check(&seen);
  ASSERT_TRUE(checked.ok()) << checked.message();
  ASSERT_EQ(seen.problem_count, 1u);
  EXPECT_EQ(seen.problems[0].rfind("the adjacency index cannot be read (", 0), 0u)
      << seen.problems[0];
  EXPECT_NE(seen.problems[0].find("checksum mismatch"), std::string::npos) << seen.problems[0];
  EXPECT_NE(seen.problems[0].find("); `govnet check --repair` rebuilds it from the records"),
            std::string::npos)
      << seen.problems[0];

  // ...an import is refused, and changes nothing...
  {
    std::unique_ptr<Store> s = open(Store::Access::kReadWrite);
    std::vector<std::string> damaged;
    ASSERT_TRUE(s->damaged_indexes(&damaged).ok());
    EXPECT_EQ(damaged, std::vector<std::string>{"adjacency"});
    Network more;
    more.actors.push_back({});
    more.actors.back().key = "NEW";
    more.actors.back().name = "New";
    ImportSummary sum;
    Result r = s->import_dataset("more", std::move(more), {}, "", &sum);
    EXPECT_EQ(r.code(), Result::Code::kCorrupt);
    EXPECT_NE(r.message().find("the store's adjacency index cannot be read (a damaged file); "
                               "nothing was imported: run `govnet check --repair --db " +
                               db + "`"),
              std::string::npos)
        << r.message();
    std::vector<DatasetInfo> datasets;
    ASSERT_TRUE(s->datasets(&datasets).ok());
    EXPECT_EQ(datasets.size(), 1u);
  }

  // ...and repair drops the family, rebuilds it, and says so.
  Store::CheckReport repaired;
  {
    std::unique_ptr<Store> s = open(Store::Access::kReadWrite);
    Result r = s->repair(&repaired);
    ASSERT_TRUE(r.ok()) << r.message();
  }
  ASSERT_EQ(repaired.rebuilt_indexes.size(), 1u);
  EXPECT_EQ(repaired.rebuilt_indexes[0].rfind("the adjacency index (", 0), 0u)
      << repaired.rebuilt_indexes[0];
  EXPECT_GT(repaired.repaired_entries, 100u);
  Store::CheckReport after;
  ASSERT_TRUE(open(Store::Access::kReadOnly)->check(&after).ok());
  EXPECT_EQ(after.problem_count, 0u) << (after.problems.empty() ? "" : after.problems[0]);
  EXPECT_EQ(after.index_entries, before.index_entries);
  std::vector<Tie> ties;
  ASSERT_TRUE(open(Store::Access::kReadOnly)->ties_of("IOM", &ties).ok());
  EXPECT_FALSE(ties.empty());
}

TEST_F(DamagedFiles, ADamagedTieIsNotCalledMissing) {
  Network nodes;
  ASSERT_TRUE(open(Store::Access::kReadOnly)->load_nodes(&nodes).ok());
  damage("ties");
  std::unique_ptr<Store> s = open(Store::Access::kReadOnly);
  size_t damaged = 0;
  for (const auto& a : nodes.actors) {
    std::vector<Tie> ties;
    Result r = s->ties_of(a.key, &ties);
    if (r.ok()) continue;
    ++damaged;
    EXPECT_EQ(r.code(), Result::Code::kCorrupt);
    EXPECT_EQ(r.message().find("missing"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("cannot be read: the store's file holding it is damaged"),
              std::string::npos)
        << r.message();
  }
  EXPECT_GT(damaged, 0u);
}

TEST_F(DamagedFiles, ALostCurrentFileIsADamagedStoreThatRepairRecovers) {
  std::filesystem::remove(std::filesystem::path(db) / "CURRENT");
  std::unique_ptr<Store> s;
  Result r = Store::open(db, Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.code(), Result::Code::kCorrupt);
  EXPECT_EQ(r.message(), "damaged store: " + db +
                             " holds a store's files but no CURRENT file (the pointer to its "
                             "manifest); restore the directory from a backup, or run `govnet "
                             "check --repair --db " +
                             db + "` to rebuild it from the files that remain");
  bool recovered = false;
  Result m = Store::recover_manifest(db, &recovered);
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_TRUE(recovered);
  Store::CheckReport report;
  {
    std::unique_ptr<Store> rw = open(Store::Access::kReadWrite);
    ASSERT_TRUE(rw);
    ASSERT_TRUE(rw->repair(&report).ok());
  }
  ASSERT_TRUE(open(Store::Access::kReadOnly)->check(&report).ok());
  EXPECT_EQ(report.problem_count, 0u) << (report.problems.empty() ? "" : report.problems[0]);
  EXPECT_EQ(report.records, 57u + 52u + 156u);
  // A store that opens needs no recovery.
  ASSERT_TRUE(Store::recover_manifest(db, &recovered).ok());
  EXPECT_FALSE(recovered);
}

TEST_F(DamagedFiles, WhatIsNotAStoreIsToldApart) {
  std::unique_ptr<Store> s;
  const std::string file = tmp.path("afile.txt");
  std::ofstream(file) << "hello\n";
  Result r = Store::open(file, Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.message(), file +
                             " is a file, not a govnet store (a store is a directory); point "
                             "--db or GOVNET_DB at a store's directory");
  const std::string other = tmp.path("other");
  std::filesystem::create_directories(other);
  std::ofstream(other + "/notes.txt") << "x\n";
  r = Store::open(other, Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.code(), Result::Code::kNotFound);
  EXPECT_EQ(r.message(), "no govnet store at " + other +
                             ": it is a directory of other files; point --db or GOVNET_DB at a "
                             "store, or give `govnet init --db` a new or empty directory");
  r = Store::open(tmp.path("absent"), Store::Access::kReadOnly, &s);
  EXPECT_NE(r.message().find("create one with `govnet init --db"), std::string::npos);
}

}  // namespace
}  // namespace govnet
