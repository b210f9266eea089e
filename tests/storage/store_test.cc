#include "govnet/store.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <mutex>
#include <thread>

#include "codec.h"
#include "rocks_patch.h"
#include "format.h"
#include "same_view.h"
#include "temp_dir.h"

namespace govnet {
namespace {

using testing::TempDir;

Date day(int y, int m, int d) {
  Date x;
  x.year = static_cast<int16_t>(y);
  x.month = static_cast<uint8_t>(m);
  x.day = static_cast<uint8_t>(d);
  x.precision = Date::Precision::kDay;
  return x;
}

// A batch with every field of every record kind set.
Network full_batch(const std::string& prefix = "") {
  Network n;
  Actor a;
  a.key = prefix + "IOM";
  a.name = "International Organization for Migration";
  a.kind = ActorKind::kInternationalOrg;
  a.aliases = {"OIM", "Organisation internationale pour les migrations"};
  a.parent = "";
  a.attributes = {{"headquarters", "Geneva"}, {"founded", "1951"}};
  a.evidence = {
      {"Kunz 2013", "p. 12", "IOM is prominently involved", "https://example.org", "2026-01-02"},
      {"APSA abstract", "Abstract", "IOM has taken on an increasingly active role", "", ""}};
  n.actors.push_back(a);
  Actor m;
  m.key = prefix + "MDA";
  m.name = "République de Moldova";
  m.kind = ActorKind::kState;
  m.iso3 = "MDA";
  m.parent = "";
  n.actors.push_back(m);
  Instrument mp;
  mp.key = prefix + "MP-MDA";
  mp.name = "EU–Moldova Mobility Partnership";
  mp.kind = InstrumentKind::kMobilityPartnership;
  mp.spells = Period{Date{2008, 0, 0, Date::Precision::kYear}, day(2012, 2, 29)};
  mp.status = Status::kSigned;
  mp.attributes = {{"annex", "projects"}};
  mp.evidence = {{"Kunz 2013", "s. 5", "EUMPs were concluded with ... Moldova (2008)", "", ""}};
  n.instruments.push_back(mp);
  Tie t;
  t.label = prefix + "T1";
  t.from = prefix + "IOM";
  t.to = prefix + "MP-MDA";
  t.family = Family::kAssistance;
  t.role = "implementer";
  t.directed = true;
  t.weight = 2.5;
  t.amount = 1.25e6;
  t.currency = "EUR";
  t.spells = Period{Date{2009, 5, 0, Date::Precision::kMonth}, std::nullopt};
  t.status = Status::kInForce;
  t.attributes = {{"project", "Migration Technical Facility"}};
  t.evidence = {{"Kunz 2013", "s. 5", "The IOM supports a project", "", ""}};
  n.ties.push_back(t);
  Tie u;
  u.from = prefix + "MDA";
  u.to = prefix + "MP-MDA";
  u.family = Family::kAgreement;
  u.role = "partner country";
  n.ties.push_back(u);
  return n;
}

std::unique_ptr<Store> open_rw(const std::string& dir) {
  std::unique_ptr<Store> s;
  Result r = Store::open(dir, Store::Access::kReadWrite, &s);
  EXPECT_TRUE(r.ok()) << r.message();
  return s;
}

// A new, empty store in tmp/db, open for writing (null, with the test failed, if it cannot be).
std::unique_ptr<Store> new_store(const TempDir& tmp) {
  Result r = Store::create(tmp.path("db"));
  EXPECT_TRUE(r.ok()) << r.message();
  return r.ok() ? open_rw(tmp.path("db")) : nullptr;
}

TEST(Store, CreateOpenAndReopen) {
  TempDir tmp;
  bool created = false;
  ASSERT_TRUE(Store::create(tmp.path("db"), &created).ok());
  EXPECT_TRUE(created);
  ASSERT_TRUE(Store::create(tmp.path("db"), &created).ok());
  EXPECT_FALSE(created);  // already a store: nothing changed
  std::unique_ptr<Store> s;
  EXPECT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &s).ok());
  Result missing = Store::open(tmp.path("nothing"), Store::Access::kReadOnly, &s);
  EXPECT_EQ(missing.code(), Result::Code::kNotFound);
  EXPECT_NE(missing.message().find("govnet init"), std::string::npos);
}

TEST(Store, CreateRefusesNonEmptyForeignDirectory) {
  TempDir tmp;
  std::ofstream(tmp.path("notes.txt")) << "mine";
  Result r = Store::create(tmp.path());
  EXPECT_EQ(r.code(), Result::Code::kInvalid);
  EXPECT_TRUE(std::filesystem::exists(tmp.path("notes.txt")));
}

TEST(Store, RoundTripsEveryField) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  Network batch = full_batch();
  ASSERT_TRUE(s->import_dataset("seed", batch, {"a.csv", "t.csv"}, "abc123", &sum).ok());
  EXPECT_EQ(sum.dataset.actors, 2u);
  EXPECT_EQ(sum.dataset.evidence, 4u);
  s.reset();

  std::unique_ptr<Store> r;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &r).ok());
  Network got;
  ASSERT_TRUE(r->load_network(&got).ok());
  ASSERT_EQ(got.actors.size(), 2u);
  // Stored order is by key: IOM, MDA.
  Actor want_iom = batch.actors[0];
  want_iom.dataset = sum.dataset.id;
  EXPECT_EQ(got.actors[0], want_iom);
  Instrument want_mp = batch.instruments[0];
  want_mp.dataset = sum.dataset.id;
  ASSERT_EQ(got.instruments.size(), 1u);
  EXPECT_EQ(got.instruments[0], want_mp);
  ASSERT_EQ(got.ties.size(), 2u);
  Tie want_t = batch.ties[0];
  want_t.dataset = sum.dataset.id;
  want_t.to_instrument = true;
  want_t.id = (uint64_t{sum.dataset.id} << 32) | 0;
  EXPECT_EQ(got.ties[0], want_t);
  EXPECT_FALSE(got.ties[1].weight.has_value());
  EXPECT_FALSE(got.ties[1].amount.has_value());
  // Records with empty texts, lists and dates (left out of the stored bytes) read back as they
  // were, and so does a period with only a start.
  Actor want_mda = batch.actors[1];
  want_mda.dataset = sum.dataset.id;
  EXPECT_EQ(got.actors[1], want_mda);
  Tie want_u = batch.ties[1];
  want_u.dataset = sum.dataset.id;
  want_u.id = (uint64_t{sum.dataset.id} << 32) | 1;
  want_u.to_instrument = true;
  EXPECT_EQ(got.ties[1], want_u);

  std::vector<DatasetInfo> ds;
  ASSERT_TRUE(r->datasets(&ds).ok());
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].name, "seed");
  EXPECT_EQ(ds[0].files, (std::vector<std::string>{"a.csv", "t.csv"}));
  EXPECT_EQ(ds[0].content_hash, "abc123");
  EXPECT_GT(ds[0].loaded_at_unix, 1700000000);
}

TEST(Store, IndexesSearchAndAdjacency) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("seed", full_batch(), {}, "", &sum).ok());
  std::vector<SearchHit> hits;
  ASSERT_TRUE(s->search("republique", &hits).ok());  // accent-insensitive
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].node.key, "MDA");
  ASSERT_TRUE(s->search("oim", &hits).ok());  // alias, case-insensitive
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].node.key, "IOM");
  ASSERT_TRUE(s->search("moldova", &hits).ok());
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].node.key, "MDA");  // a prefix-of-word match of an actor ranks first
  std::vector<Tie> ties;
  ASSERT_TRUE(s->ties_of("MP-MDA", &ties).ok());
  EXPECT_EQ(ties.size(), 2u);
  ASSERT_TRUE(s->ties_of("IOM", &ties).ok());
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].role, "implementer");
  DatasetId owner = 0;
  EXPECT_EQ(s->kind_of("MP-MDA", &owner), NodeType::kInstrument);
  EXPECT_EQ(owner, sum.dataset.id);
  EXPECT_EQ(s->kind_of("nope"), std::nullopt);
}

// The store holds exactly `before`, as one dataset named "first".
void expect_only(const Store& s, const Network& before) {
  Network after;
  ASSERT_TRUE(s.load_network(&after).ok());
  EXPECT_EQ(after.actors, before.actors);
  EXPECT_EQ(after.instruments, before.instruments);
  EXPECT_EQ(after.ties, before.ties);
  std::vector<DatasetInfo> ds;
  ASSERT_TRUE(s.datasets(&ds).ok());
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].name, "first");
}

// Imports full_batch() as dataset "first"; returns what the store then holds.
Network import_first(Store& s) {
  ImportSummary sum;
  Result r = s.import_dataset("first", full_batch(), {}, "", &sum);
  EXPECT_TRUE(r.ok()) << r.message();
  Network held;
  EXPECT_TRUE(s.load_network(&held).ok());
  return held;
}

TEST(Store, FailureMidwayWritesNothing) {
  TempDir tmp;
  auto s = new_store(tmp);
  const Network before = import_first(*s);
  ImportSummary sum;

  ImportHooks hooks;
  hooks.after_record = [](uint64_t n) {
    return n == 3 ? Result::Io("injected failure after 3 records") : Result::Ok();
  };
  Result r = s->import_dataset("second", full_batch("X-"), {}, "", &sum, hooks);
  EXPECT_EQ(r.code(), Result::Code::kIo);
  // Also a failing replacement of the first dataset leaves it as it was.
  r = s->import_dataset("first", full_batch(), {}, "", &sum, hooks);
  EXPECT_FALSE(r.ok());

  expect_only(*s, before);
  std::vector<SearchHit> hits;
  ASSERT_TRUE(s->search("X-IOM", &hits).ok());
  EXPECT_TRUE(hits.empty());
}

// The disk fills up during an import: a 4 MiB tmpfs holds the store (mounting needs root, which
// CI has; elsewhere the test is skipped with the reason). The import fails with a message that
// says so; after room is made, the store opens, checks clean and holds exactly what it held.
TEST(Store, FullDiskDuringImportLosesNothing) {
  TempDir tmp;
  const std::string small = tmp.path("small");
  std::filesystem::create_directories(small);
  if (mount("tmpfs", small.c_str(), "tmpfs", 0, "size=4m") != 0)
    GTEST_SKIP() << "cannot mount a 4 MiB tmpfs (" << std::strerror(errno)
                 << "); run as root to test a full disk";
  struct Unmount {
    std::string path;
    ~Unmount() { umount2(path.c_str(), MNT_DETACH); }
  } unmount{small};
  const std::string db = small + "/db";
  ASSERT_TRUE(Store::create(db).ok());
  auto s = open_rw(db);
  const Network before = import_first(*s);
  ImportSummary sum;

  Network big;  // about 16 MB of records that do not compress: they cannot fit
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    Actor a;
    a.key = "BIG" + std::to_string(i);
    for (int c = 0; c < 800; ++c) a.name += static_cast<char>('a' + rng() % 26);
    a.kind = ActorKind::kNgo;
    big.actors.push_back(a);
  }
  Result r = s->import_dataset("big", big, {}, "", &sum);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Result::Code::kIo);
  EXPECT_NE(r.message().find("the disk is full"), std::string::npos) << r.message();
  s.reset();

  ASSERT_EQ(mount("tmpfs", small.c_str(), "tmpfs", MS_REMOUNT, "size=64m"), 0)
      << std::strerror(errno);
  s = open_rw(db);
  ASSERT_TRUE(s);
  Store::CheckReport report;
  ASSERT_TRUE(s->check(&report).ok());
  EXPECT_EQ(report.problem_count, 0u) << (report.problems.empty() ? "" : report.problems.front());
  expect_only(*s, before);
  // With room, the same import now succeeds.
  EXPECT_TRUE(s->import_dataset("big", big, {}, "", &sum).ok());
}

TEST(Store, ReplaceAndRemoveExactlyOneDataset) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("a", full_batch("A-"), {}, "", &sum).ok());
  ASSERT_TRUE(s->import_dataset("b", full_batch("B-"), {}, "", &sum).ok());
  // Replace "a" with a smaller version: one actor fewer.
  Network smaller = full_batch("A-");
  smaller.actors.pop_back();
  smaller.ties.pop_back();
  ASSERT_TRUE(s->import_dataset("a", smaller, {}, "", &sum).ok());
  EXPECT_TRUE(sum.replaced);
  EXPECT_EQ(sum.previous.actors, 2u);
  EXPECT_EQ(sum.dataset.actors, 1u);
  EXPECT_EQ(s->kind_of("A-MDA"), std::nullopt);
  std::vector<SearchHit> hits;
  ASSERT_TRUE(s->search("A-MDA", &hits).ok());
  EXPECT_TRUE(hits.empty());

  DatasetInfo removed;
  ASSERT_TRUE(s->remove_dataset("a", &removed).ok());
  EXPECT_EQ(removed.actors, 1u);
  Network left;
  ASSERT_TRUE(s->load_network(&left).ok());
  ASSERT_EQ(left.actors.size(), 2u);
  for (const auto& a : left.actors) EXPECT_EQ(a.key.substr(0, 2), "B-");
  ASSERT_EQ(left.ties.size(), 2u);
  std::vector<Tie> ties;
  ASSERT_TRUE(s->ties_of("A-IOM", &ties).ok());
  EXPECT_TRUE(ties.empty());
  ASSERT_TRUE(s->search("A-", &hits).ok());
  for (const auto& h : hits) EXPECT_EQ(h.node.key.substr(0, 2), "B-");
  EXPECT_EQ(s->remove_dataset("a", &removed).code(), Result::Code::kNotFound);
}

TEST(Store, KeysBelongToOneDatasetAndRemovalRespectsReferences) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("base", full_batch(), {}, "", &sum).ok());
  // Redefining IOM in another dataset is a conflict...
  Result r = s->import_dataset("other", full_batch(), {}, "", &sum);
  EXPECT_EQ(r.code(), Result::Code::kConflict);
  EXPECT_NE(r.message().find("already defined by dataset 'base'"), std::string::npos);
  // ...but referring to it is fine.
  Network refs;
  Tie t;
  t.from = "MDA";
  t.to = "IOM";
  t.family = Family::kCooperation;
  refs.ties.push_back(t);
  ASSERT_TRUE(s->import_dataset("refs", refs, {}, "", &sum).ok());
  DatasetInfo removed;
  r = s->remove_dataset("base", &removed);
  EXPECT_EQ(r.code(), Result::Code::kConflict);
  EXPECT_NE(r.message().find("dataset 'refs' has ties to"), std::string::npos);
  ASSERT_TRUE(s->remove_dataset("refs", &removed).ok());
  ASSERT_TRUE(s->remove_dataset("base", &removed).ok());
  Network empty;
  ASSERT_TRUE(s->load_network(&empty).ok());
  EXPECT_TRUE(empty.actors.empty() && empty.ties.empty());
}

// Puts one value into the store's RocksDB directly, as another program could.
void patch(const std::string& dir, const std::string& cf_name, const std::string& key,
           const std::string& value) {
  testing::with_column_family(dir, cf_name, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(db->Put({}, h, key, value).ok());
  });
}

TEST(Store, NewerSchemaIsRefusedWithAClearMessage) {
  TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  patch(tmp.path("db"), "meta", "schema_version", "99");
  std::unique_ptr<Store> s;
  for (bool read_only : {true, false}) {
    Result r = Store::open(tmp.path("db"),
                           read_only ? Store::Access::kReadOnly : Store::Access::kReadWrite, &s);
    EXPECT_EQ(r.code(), Result::Code::kSchema);
    EXPECT_NE(r.message().find("newer govnet (store schema 99"), std::string::npos) << r.message();
  }
}

TEST(Store, ForeignRocksDbIsNotAGovnetStore) {
  TempDir tmp;
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, tmp.path("other"), &db).ok());
  ASSERT_TRUE(db->Put({}, "k", "v").ok());
  delete db;
  std::unique_ptr<Store> s;
  Result r = Store::open(tmp.path("other"), Store::Access::kReadOnly, &s);
  EXPECT_EQ(r.code(), Result::Code::kSchema);
  EXPECT_NE(r.message().find("not a govnet store"), std::string::npos);
}

TEST(Store, CorruptRecordGivesAnErrorNotACrash) {
  TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  {
    auto s = open_rw(tmp.path("db"));
    ImportSummary sum;
    ASSERT_TRUE(s->import_dataset("seed", full_batch(), {}, "", &sum).ok());
  }
  for (const std::string& garbage :
       {std::string("not capnp"), std::string(16, '\xff'), std::string("\0\0\0\0\x40\0\0\0", 8)}) {
    patch(tmp.path("db"), "actors", "IOM", garbage);
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &s).ok());
    Network n;
    Result r = s->load_network(&n);
    EXPECT_EQ(r.code(), Result::Code::kCorrupt);
    EXPECT_NE(r.message().find("actor"), std::string::npos) << r.message();
    Actor a;
    EXPECT_EQ(s->get_actor("IOM", &a).code(), Result::Code::kCorrupt);
  }
}

TEST(Store, SecondWriterIsBusyWhileReadersWork) {
  TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  auto writer = open_rw(tmp.path("db"));
  std::unique_ptr<Store> second;
  Result r = Store::open(tmp.path("db"), Store::Access::kReadWrite, &second);
  EXPECT_EQ(r.code(), Result::Code::kBusy) << r.message();
  EXPECT_NE(r.message().find("busy"), std::string::npos);
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &reader).ok());
  ImportSummary sum;
  ASSERT_TRUE(writer->import_dataset("x", full_batch(), {}, "", &sum).ok());
  // The reader keeps the snapshot it opened with.
  Network seen;
  ASSERT_TRUE(reader->load_network(&seen).ok());
  EXPECT_TRUE(seen.actors.empty());
  std::unique_ptr<Store> fresh;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &fresh).ok());
  ASSERT_TRUE(fresh->load_network(&seen).ok());
  EXPECT_EQ(seen.actors.size(), 2u);
}

// A large import killed with SIGKILL at a random moment leaves the dataset wholly present or
// wholly absent, and the store opens.
// The dataset the kill test imports: 8,000 actors and 24,000 ties with evidence.
Network big_network() {
  Network big;
  for (int i = 0; i < 8000; ++i) {
    Actor a;
    a.key = "A" + std::to_string(i);
    a.name = "Actor number " + std::to_string(i);
    a.kind = ActorKind::kState;
    big.actors.push_back(a);
  }
  for (int i = 0; i < 24000; ++i) {
    Tie t;
    t.from = "A" + std::to_string(i % 8000);
    t.to = "A" + std::to_string((i * 7 + 1) % 8000);
    t.family = Family::kFunding;
    t.evidence = {{"generated", "", std::string(200, 'q'), "", ""}};
    big.ties.push_back(t);
  }
  return big;
}

// Records are assembled on every core in chunks; a tie that points nowhere fails the import, and
// the one reported is the first in the dataset's order, however the chunks were shared out.
TEST(Store, FirstUnresolvedTieInOrderIsReported) {
  TempDir tmp;
  auto s = new_store(tmp);
  const Network before = import_first(*s);
  ImportSummary sum;
  for (int round = 0; round < 5; ++round) {
    Network big = big_network();
    big.ties[20000].to = "NOWHERE-LATE";
    big.ties[9000].to = "NOWHERE-" + std::to_string(round);
    big.ties[23999].from = "NOBODY";
    Result r = s->import_dataset("big", big, {}, "", &sum);
    ASSERT_EQ(r.code(), Result::Code::kInvalid);
    EXPECT_NE(r.message().find("'NOWHERE-" + std::to_string(round) +
                               "' is neither an actor nor an instrument"),
              std::string::npos)
        << r.message();
  }
  expect_only(*s, before);
}

// Big writes are ingested as table files (bulk_write.h): replacing a big dataset with a smaller
// one (deletions and puts of the same keys in one write) leaves exactly the new records and
// index entries, and removing it leaves nothing of it.
TEST(Store, ReplacingABigDatasetLeavesExactlyTheNewOne) {
  TempDir tmp;
  auto s = new_store(tmp);
  const Network before = import_first(*s);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("big", big_network(), {}, "", &sum).ok());
  Network smaller = big_network();
  smaller.actors.resize(6000);
  std::erase_if(smaller.ties, [](const Tie& t) {
    return std::stoi(t.from.substr(1)) >= 6000 || std::stoi(t.to.substr(1)) >= 6000;
  });
  for (Actor& a : smaller.actors) a.name += " (revised)";
  ASSERT_TRUE(s->import_dataset("big", smaller, {}, "", &sum).ok());
  EXPECT_TRUE(sum.replaced);
  Store::CheckReport report;
  ASSERT_TRUE(s->check(&report).ok());
  EXPECT_EQ(report.problem_count, 0u) << (report.problems.empty() ? "" : report.problems.front());
  Network got;
  ASSERT_TRUE(s->load_network(&got).ok());
  EXPECT_EQ(got.actors.size(), before.actors.size() + 6000);
  EXPECT_EQ(got.ties.size(), before.ties.size() + smaller.ties.size());
  Actor a;
  ASSERT_TRUE(s->get_actor("A17", &a).ok());
  EXPECT_EQ(a.name, "Actor number 17 (revised)");
  EXPECT_EQ(s->kind_of("A7000"), std::nullopt);
  std::vector<SearchHit> hits;
  ASSERT_TRUE(s->search("Actor number 7000", &hits).ok());
  for (const SearchHit& h : hits) EXPECT_NE(h.node.key, "A7000");
  DatasetInfo removed;
  ASSERT_TRUE(s->remove_dataset("big", &removed).ok());
  ASSERT_TRUE(s->check(&report).ok());
  EXPECT_EQ(report.problem_count, 0u);
  expect_only(*s, before);
}

// A damaged dataset record claiming a trillion ties: load_network makes no more slots than the
// store can hold keys for, and gives exactly the ties there are; views do not read a view table
// sized from the claim: they fail saying to repair the store.
TEST(Store, AbsurdDatasetCountsDoNotSizeTheLoad) {
  TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  ImportSummary sum;
  {
    auto s = open_rw(tmp.path("db"));
    ASSERT_TRUE(s->import_dataset("big", big_network(), {}, "", &sum).ok());
  }
  DatasetInfo absurd = sum.dataset;
  absurd.ties = 1'000'000'000'000ull;
  absurd.actors = 1'000'000'000'000ull;
  std::string key(4, '\0');
  for (int i = 0; i < 4; ++i) key[i] = static_cast<char>(absurd.id >> (24 - 8 * i));
  testing::with_column_family(tmp.path("db"), "datasets",
                              [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
                                ASSERT_TRUE(db->Put({}, h, key, codec::encode(absurd)).ok());
                              });
  // The view table's stamp damaged to agree with it.
  testing::with_column_family(
      tmp.path("db"), "view_table", [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
        ASSERT_TRUE(db->Put({}, h, view_table::stamp_key(absurd.id),
                            view_table::encode_stamp(view_table::Stamp::of(absurd)))
                        .ok());
      });
  std::unique_ptr<Store> r;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &r).ok());
  std::vector<DatasetInfo> ds;
  ASSERT_TRUE(r->datasets(&ds).ok());
  ASSERT_EQ(ds.size(), 1u);
  ASSERT_EQ(ds[0].ties, absurd.ties);  // the damage is in place
  Network net;
  ASSERT_TRUE(r->load_network(&net).ok());
  EXPECT_EQ(net.ties.size(), 24000u);
  EXPECT_EQ(net.actors.size(), 8000u);
  Network nodes;
  Result view_nodes = r->load_view_nodes(&nodes);
  EXPECT_EQ(view_nodes.code(), Result::Code::kCorrupt);
  EXPECT_NE(view_nodes.message().find("`govnet check --repair"), std::string::npos)
      << view_nodes.message();
  EXPECT_TRUE(nodes.actors.empty());
  std::atomic<uint64_t> streamed{0};
  Result status = Result::Ok();
  EXPECT_FALSE(r->tie_source(&status)(
      [&](std::span<const TieView> ties, uint64_t) { streamed += ties.size(); }));
  EXPECT_EQ(status.code(), Result::Code::kCorrupt);
  EXPECT_EQ(streamed.load(), 0u);
}

// The ties a view streams from the store (tie_source: view table chunks read at once, in runs)
// are load_network's ties, in its order once the runs are ordered, with every field a view reads.
TEST(Store, StreamedTiesAreLoadNetworksTies) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("big", big_network(), {}, "", &sum).ok());
  Network all, nodes;
  ASSERT_TRUE(s->load_network(&all).ok());
  ASSERT_TRUE(s->load_nodes(&nodes).ok());
  EXPECT_EQ(nodes.actors, all.actors);
  EXPECT_TRUE(nodes.ties.empty());
  std::mutex m;
  std::vector<std::pair<uint64_t, std::vector<Tie>>> runs;
  Result status = Result::Ok();
  ASSERT_TRUE(s->tie_source(&status)([&](std::span<const TieView> views, uint64_t order) {
    std::vector<Tie> ties;  // the views' keys live only as long as the visit
    for (const TieView& v : views) {
      Tie t;
      t.id = v.id;
      t.from = v.from;
      t.to = v.to;
      t.to_instrument = v.to_instrument;
      t.family = v.family;
      t.directed = v.directed;
      t.weight = v.weight;
      t.amount = v.amount;
      t.spells = v.spells;
      t.dated_weights = v.dated_weights;
      t.status = v.status;
      t.dataset = v.dataset;
      ties.push_back(std::move(t));
    }
    std::lock_guard<std::mutex> hold(m);
    runs.emplace_back(order, std::move(ties));
  })) << status.message();
  std::sort(runs.begin(), runs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Tie> streamed;
  for (auto& [order, ties] : runs) streamed.insert(streamed.end(), ties.begin(), ties.end());
  ASSERT_EQ(all.ties.size(), 24000u);
  ASSERT_EQ(streamed.size(), all.ties.size());
  for (size_t i = 0; i < streamed.size(); ++i) {
    const Tie &a = streamed[i], &b = all.ties[i];
    ASSERT_TRUE(a.id == b.id && a.from == b.from && a.to == b.to &&
                a.to_instrument == b.to_instrument && a.family == b.family &&
                a.directed == b.directed && a.weight == b.weight && a.amount == b.amount &&
                a.spells == b.spells && a.status == b.status && a.dataset == b.dataset)
        << "tie " << i;
  }
  for (size_t i = 1; i < streamed.size(); ++i) ASSERT_LT(streamed[i - 1].id, streamed[i].id);
}

// Actors, instruments and ties of every kind a view filters on: parties to instruments with and
// without periods, directed funding with and without amounts, weighted cooperation, self-loops.
Network varied_network() {
  Network net;
  for (int i = 0; i < 3000; ++i) {
    Actor a;
    a.key = "A" + std::to_string(i);
    a.name = a.key;
    a.kind = i % 5 == 0 ? ActorKind::kState : ActorKind::kOther;
    net.actors.push_back(a);
  }
  for (int i = 0; i < 300; ++i) {
    Instrument x;
    x.key = "I" + std::to_string(i);
    x.name = x.key;
    x.kind = i % 3 == 0 ? InstrumentKind::kAgreement : InstrumentKind::kDialogue;
    if (i % 4) x.spells = Period{Date{int16_t(1995 + i % 25), 0, 0, Date::Precision::kYear}, {}};
    x.status = i % 7 == 0 ? Status::kStalled : Status::kInForce;
    net.instruments.push_back(x);
  }
  std::mt19937 rng(5);
  for (int i = 0; i < 15000; ++i) {
    Tie t;
    t.from = "A" + std::to_string(rng() % 3000);
    if (i % 3 == 0) {
      t.to = "I" + std::to_string(rng() % 300);
      t.to_instrument = true;
      t.family = Family::kAgreement;
      t.role = "party";
    } else if (i % 3 == 1) {
      t.to = i % 97 == 1 ? t.from : "A" + std::to_string(rng() % 3000);
      t.family = Family::kFunding;
      t.directed = true;
      if (i % 5) t.amount = double(rng() % 1000000);
      t.spells = Period{Date{int16_t(2000 + i % 20), 0, 0, Date::Precision::kYear}, {}};
    } else {
      t.to = "A" + std::to_string(rng() % 3000);
      t.family = Family::kCooperation;
      if (i % 4) t.weight = 0.5 + rng() % 4;
    }
    net.ties.push_back(t);
  }
  return net;
}

// A view built from the store's streamed ties (key ranges read at once, decoded as far as a view
// reads them) is the view of the whole loaded network, link for link, for views of every kind.
TEST(Store, ViewOfStreamedTiesIsTheViewOfTheLoadedNetwork) {
  TempDir tmp;
  auto s = new_store(tmp);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("varied", varied_network(), {}, "", &sum).ok());
  Network more;  // a second dataset, of ties between the first one's actors
  for (int i = 0; i < 7000; ++i) {
    Tie t;
    t.from = "A" + std::to_string(i * 13 % 3000);
    t.to = i % 2 ? "A" + std::to_string(i * 7 % 3000) : "I" + std::to_string(i % 300);
    t.family = i % 2 ? Family::kDialogue : Family::kMembership;
    more.ties.push_back(t);
  }
  ASSERT_TRUE(s->import_dataset("more", more, {}, "", &sum).ok());
  Network all, nodes;
  ASSERT_TRUE(s->load_network(&all).ok());
  ASSERT_TRUE(s->load_nodes(&nodes).ok());
  const std::vector<ViewSpec> specs = testing::varied_view_specs();
  for (size_t k = 0; k < specs.size(); ++k) {
    std::string error;
    auto whole = AnalysisGraph::build(all, specs[k], &error);
    ASSERT_TRUE(whole) << error;
    Result streamed = Result::Ok();
    auto view = AnalysisGraph::build(nodes, s->tie_source(&streamed), specs[k], &error);
    ASSERT_TRUE(streamed.ok()) << streamed.message();
    ASSERT_TRUE(view) << error;
    ASSERT_GT(whole->links().size(), 100u) << "spec " << k;
    testing::expect_same_view(*view, *whole, "spec " + std::to_string(k));
  }
}

// The kill test's child: a fresh process (a fork() alone would inherit RocksDB's state without
// its background threads, and hang in the flush) that opens GOVNET_TEST_IMPORT_CHILD, writes one
// byte to fd 3 when the import starts, imports and exits. Disabled, so only the kill test runs it.
TEST(Store, DISABLED_ImportChildProcess) {
  const char* dir = std::getenv("GOVNET_TEST_IMPORT_CHILD");
  if (!dir) GTEST_SKIP() << "run by KilledImportIsAllOrNothing";
  Network big = big_network();
  std::unique_ptr<Store> s;
  if (!Store::open(dir, Store::Access::kReadWrite, &s).ok()) _exit(3);
  if (write(3, "r", 1) != 1) _exit(5);
  ImportSummary sum;
  _exit(s->import_dataset("big", big, {}, "", &sum).ok() ? 0 : 4);
}

TEST(Store, KilledImportIsAllOrNothing) {
  TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  // Kill times adapt to the machine: the first trial kills at once (nothing can have landed), the
  // last lets the import finish (all of it landed), and the others bisect between the latest
  // kill that left nothing and the earliest that found it landed, so most kills fall around
  // the moment the import commits: the table files' ingestion (bulk_write.h).
  std::mt19937 rng(12345);
  int present = 0, absent = 0;
  const int trials = 20;
  double lo_ms = 0, hi_ms = 4000;
  for (int trial = 0; trial < trials; ++trial) {
    const bool last = trial == trials - 1;
    double delay = trial == 0 ? 0 : std::uniform_real_distribution<double>(lo_ms, hi_ms)(rng);
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      dup2(ready[1], 3);
      setenv("GOVNET_TEST_IMPORT_CHILD", tmp.path("db").c_str(), 1);
      execl("/proc/self/exe", "storage_test", "--gtest_filter=Store.DISABLED_ImportChildProcess",
            "--gtest_also_run_disabled_tests", static_cast<char*>(nullptr));
      _exit(6);
    }
    char c;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    close(ready[0]);
    close(ready[1]);
    if (!last) {
      std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int64_t>(delay * 1000)));
      kill(pid, SIGKILL);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (last) {
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << "the uninterrupted import failed";
    }
    std::unique_ptr<Store> s;
    Result r = Store::open(tmp.path("db"), Store::Access::kReadWrite, &s);
    ASSERT_TRUE(r.ok()) << "trial " << trial << ": " << r.message();
    // Table files a killed import left unfinished are gone once the store is open for writing.
    EXPECT_FALSE(std::filesystem::exists(tmp.path("db") + "/ingest.tmp")) << "trial " << trial;
    Store::CheckReport report;
    ASSERT_TRUE(s->check(&report).ok());
    EXPECT_EQ(report.problem_count, 0u)
        << "trial " << trial << ": " << (report.problems.empty() ? "" : report.problems[0]);
    Network got;
    ASSERT_TRUE(s->load_network(&got).ok());
    DatasetInfo info;
    if (s->find_dataset("big", &info).ok()) {
      ++present;
      hi_ms = std::min(hi_ms, delay);
      EXPECT_EQ(got.actors.size(), 8000u) << "trial " << trial;
      EXPECT_EQ(got.ties.size(), 24000u) << "trial " << trial;
      DatasetInfo removed;
      ASSERT_TRUE(s->remove_dataset("big", &removed).ok());
    } else {
      ++absent;
      lo_ms = std::max(lo_ms, delay);
      if (lo_ms >= hi_ms) hi_ms = lo_ms * 2 + 50;  // slower than thought: look later
      EXPECT_TRUE(got.actors.empty()) << "trial " << trial;
      EXPECT_TRUE(got.ties.empty()) << "trial " << trial;
    }
  }
  EXPECT_GT(present, 0);
  EXPECT_GT(absent, 0);
  std::cout << "killed imports: " << present << " landed whole, " << absent
            << " left nothing; the commit lies between " << lo_ms << " and " << hi_ms << " ms\n";
}

}  // namespace
}  // namespace govnet

namespace govnet {
namespace {

// A record or layout bigger than the first segment its message is built in (which each thread
// reuses) is written in several segments and reads back whole; the next small record built on
// the same thread is not disturbed by what the big one left behind.
TEST(StoreLayouts, MessagesBiggerThanTheirFirstSegmentRoundTrip) {
  testing::TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadWrite, &s).ok());
  std::vector<NodePosition> big;
  for (int i = 0; i < 20000; ++i)
    big.push_back({{i % 7 == 0 ? NodeType::kInstrument : NodeType::kActor, "A" + std::to_string(i)},
                   float(i) * 0.5f,
                   -float(i),
                   i % 3 == 0});
  ASSERT_TRUE(s->save_layout("big", big).ok());
  const std::vector<NodePosition> small = {{{NodeType::kActor, "IOM"}, 1.f, 2.f, false}};
  ASSERT_TRUE(s->save_layout("small", small).ok());
  std::vector<NodePosition> got;
  ASSERT_TRUE(s->load_layout("big", &got).ok());
  EXPECT_EQ(got, big);
  ASSERT_TRUE(s->load_layout("small", &got).ok());
  EXPECT_EQ(got, small);

  Network net;
  Actor a;
  a.key = "IOM";
  a.name = "International Organization for Migration";
  a.kind = ActorKind::kInternationalOrg;
  for (int i = 0; i < 400; ++i) a.aliases.push_back("alias number " + std::to_string(i));
  a.evidence.push_back({"a long source", "p. 1", std::string(100000, 'q'), "", ""});
  net.actors.push_back(a);
  Actor b;
  b.key = "MDA";
  b.name = "Moldova";
  b.kind = ActorKind::kState;
  net.actors.push_back(b);
  ImportSummary sum;
  ASSERT_TRUE(s->import_dataset("d", net, {}, "", &sum).ok());
  Actor back;
  ASSERT_TRUE(s->get_actor("IOM", &back).ok());
  EXPECT_EQ(back.aliases, a.aliases);
  ASSERT_EQ(back.evidence.size(), 1u);
  EXPECT_EQ(back.evidence[0].quote, a.evidence[0].quote);
  ASSERT_TRUE(s->get_actor("MDA", &back).ok());
  EXPECT_EQ(back.name, "Moldova");
  EXPECT_TRUE(back.aliases.empty());
  EXPECT_TRUE(back.evidence.empty());
}

TEST(StoreLayouts, RoundTripAndAStoreWithoutTheColumnFamilyIsDamaged) {
  testing::TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  std::vector<NodePosition> want = {{{NodeType::kActor, "IOM"}, 1.5f, -2.25f, false},
                                    {{NodeType::kInstrument, "MP-MDA"}, 100.f, 3.f, true}};
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadWrite, &s).ok());
    ASSERT_TRUE(s->save_layout("full/forceatlas2", want).ok());
    std::vector<NodePosition> got;
    EXPECT_EQ(s->load_layout("other", &got).code(), Result::Code::kNotFound);
  }
  std::unique_ptr<Store> r;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &r).ok());
  std::vector<NodePosition> got;
  ASSERT_TRUE(r->load_layout("full/forceatlas2", &got).ok());
  EXPECT_EQ(got, want);
  EXPECT_FALSE(r->save_layout("x", want).ok());  // read-only
  r.reset();

  // A store of the current schema has every column family: one dropped behind govnet's back is
  // damage that neither a reader nor a writer opens past.
  testing::with_column_family(tmp.path("db"), "layouts",
                              [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
                                ASSERT_TRUE(db->DropColumnFamily(h).ok());
                              });
  for (Store::Access access : {Store::Access::kReadOnly, Store::Access::kReadWrite}) {
    Result open = Store::open(tmp.path("db"), access, &r);
    EXPECT_EQ(open.code(), Result::Code::kCorrupt);
    EXPECT_NE(open.message().find("lacks the 'layouts' column family"), std::string::npos)
        << open.message();
  }
}

TEST(StorePartitions, RoundTripReplaceListAndCheck) {
  testing::TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  Store::Partition want;
  want.name = "blocs";
  want.method = "leiden";
  want.resolution = 0.5;
  want.seed = 7;
  want.view = "direct view";
  want.modularity = 0.4125;
  want.members = {{{NodeType::kActor, "IOM"}, 0},
                  {{NodeType::kActor, "MDA"}, 1},
                  {{NodeType::kInstrument, "MP-MDA"}, 1}};
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadWrite, &s).ok());
    Store::Partition none;
    Result missing = s->load_partition("blocs", &none);
    EXPECT_EQ(missing.code(), Result::Code::kNotFound);
    EXPECT_EQ(missing.message(),
              "no saved partition 'blocs' (none is saved; save one with `govnet communities "
              "--save NAME`)");
    ASSERT_TRUE(s->save_partition(want).ok());
    Store::Partition other = want;
    other.name = "all";
    other.members.resize(1);
    ASSERT_TRUE(s->save_partition(other).ok());
    other.members.clear();
    ASSERT_TRUE(s->save_partition(other).ok());  // replaces
    EXPECT_EQ(s->load_partition("x", &none).message(),
              "no saved partition 'x' (saved: all, blocs)");
  }
  std::unique_ptr<Store> r;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &r).ok());
  Store::Partition got;
  ASSERT_TRUE(r->load_partition("blocs", &got).ok());
  EXPECT_EQ(got.method, "leiden");
  EXPECT_EQ(got.resolution, 0.5);
  EXPECT_EQ(got.seed, 7u);
  EXPECT_EQ(got.view, "direct view");
  EXPECT_EQ(got.modularity, 0.4125);
  EXPECT_EQ(got.members, want.members);
  EXPECT_GT(got.saved_at_unix, 1700000000);
  ASSERT_TRUE(r->load_partition("all", &got).ok());
  EXPECT_TRUE(got.members.empty());
  std::vector<std::string> names;
  ASSERT_TRUE(r->partition_names(&names).ok());
  EXPECT_EQ(names, (std::vector<std::string>{"all", "blocs"}));
  EXPECT_FALSE(r->save_partition(want).ok());  // read-only
  r.reset();

  // check decodes every saved partition.
  testing::with_column_family(tmp.path("db"), "partitions",
                              [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
                                ASSERT_TRUE(db->Put({}, h, "broken", "not capnp").ok());
                              });
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadOnly, &r).ok());
  Store::CheckReport report;
  ASSERT_TRUE(r->check(&report).ok());
  ASSERT_EQ(report.problem_count, 1u);
  EXPECT_EQ(report.problems[0].rfind("saved partition 'broken': ", 0), 0u) << report.problems[0];
}

}  // namespace
}  // namespace govnet
