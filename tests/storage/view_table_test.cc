// The view table (storage/src/format.h): what views read of each actor, instrument and tie,
// kept per dataset in chunks beside the records. Views built from it must be the views of the
// records; a missing, damaged or stale table fails views with a message saying what to do, is
// found by `check` and rebuilt by `repair`.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "govnet/store.h"
#include "rocks_patch.h"
#include "same_view.h"
#include "temp_dir.h"
#include "format.h"

namespace govnet {
namespace {

using testing::TempDir;
using testing::with_column_family;

// 20,000 ties (three chunks of the view table, the last one partial) of every kind a view reads: to
// actors and instruments, directed or not, with and without weights, amounts, dates of every
// precision and statuses; keys long enough for a two-byte length and keys in other scripts.
Network mixed_network(uint32_t seed, int ties) {
  std::mt19937 rng(seed);
  Network net;
  auto actor_key = [](int i) {
    if (i % 97 == 0)
      return std::string(150, 'L') + std::to_string(i);  // length needs two varint bytes
    if (i % 31 == 0) return "Εταίρος-" + std::to_string(i);
    return "A" + std::to_string(i);
  };
  for (int i = 0; i < 2000; ++i) {
    Actor a;
    a.key = actor_key(i);
    a.name = a.key;
    a.kind = i % 3 ? ActorKind::kState : ActorKind::kInternationalOrg;
    net.actors.push_back(a);
  }
  for (int i = 0; i < 200; ++i) {
    Instrument x;
    x.key = "I" + std::to_string(i);
    x.name = x.key;
    x.status = static_cast<Status>(i % 9);
    if (i % 2) x.spells = Period{Date{int16_t(1990 + i % 30), 0, 0, Date::Precision::kYear}, {}};
    net.instruments.push_back(x);
  }
  for (int i = 0; i < ties; ++i) {
    Tie t;
    t.from = actor_key(static_cast<int>(rng() % 2000));
    if (rng() % 3 == 0) {
      t.to = "I" + std::to_string(rng() % 200);
      t.family = Family::kAgreement;
    } else {
      t.to = actor_key(static_cast<int>(rng() % 2000));
      t.family = static_cast<Family>(rng() % kFamilyCount);
      t.directed = rng() % 2;
    }
    if (rng() % 2) t.weight = 0.25 * (1 + rng() % 16);
    if (rng() % 3 == 0) t.amount = double(rng() % 5000000);
    switch (rng() % 4) {
      case 0:
        t.spells = Period{Date{int16_t(2000 + rng() % 20), 0, 0, Date::Precision::kYear}, {}};
        break;
      case 1:
        t.spells = Period{
            {},
            Date{int16_t(2000 + rng() % 20), uint8_t(1 + rng() % 12), 0, Date::Precision::kMonth}};
        break;
      case 2:
        t.spells = Period{Date{2001, 3, uint8_t(1 + rng() % 28), Date::Precision::kDay},
                          Date{2015, 12, 31, Date::Precision::kDay}};
        break;
      default:
        break;
    }
    t.status = static_cast<Status>(rng() % 9);
    t.label = "t" + std::to_string(i);
    t.role = "party";
    net.ties.push_back(t);
  }
  return net;
}

std::unique_ptr<Store> open_store(const std::string& db, bool read_only) {
  std::unique_ptr<Store> s;
  Result r = Store::open(db, read_only ? Store::Access::kReadOnly : Store::Access::kReadWrite, &s);
  EXPECT_TRUE(r.ok()) << r.message();
  return s;
}

// Expects the view nodes and the tie source to fail with Corrupt, saying that the table of
// `dataset` is missing or out of date and to run `govnet check --repair`.
void expect_views_fail(const std::string& db, const std::string& dataset) {
  auto s = open_store(db, true);
  ASSERT_TRUE(s);
  const std::string says = "the view table of dataset '" + dataset +
                           "' is missing or out of date; run `govnet check --repair --db " + db +
                           "`";
  Network nodes;
  Result r = s->load_view_nodes(&nodes);
  EXPECT_EQ(r.code(), Result::Code::kCorrupt);
  EXPECT_NE(r.message().find(says), std::string::npos) << r.message();
  ASSERT_TRUE(s->load_nodes(&nodes).ok());
  Result streamed = Result::Ok();
  std::string error;
  EXPECT_FALSE(AnalysisGraph::build(nodes, s->tie_source(&streamed),
                                    testing::varied_view_specs()[0], &error));
  EXPECT_EQ(streamed.code(), Result::Code::kCorrupt);
  EXPECT_NE(streamed.message().find(says), std::string::npos) << streamed.message();
}

// Builds every spec from the store's tie source and from the store's whole network and expects
// the same graphs, link for link. Returns false (with the failure recorded) when a streamed build
// fails; *error then says why.
bool views_agree(const std::string& db, std::string* error) {
  auto s = open_store(db, true);
  if (!s) return false;
  Network all, nodes;
  EXPECT_TRUE(s->load_network(&all).ok());
  EXPECT_TRUE(s->load_view_nodes(&nodes).ok());
  // The records in load_network's order, as far as views and labels read them.
  EXPECT_EQ(nodes.actors.size(), all.actors.size());
  EXPECT_EQ(nodes.instruments.size(), all.instruments.size());
  for (size_t i = 0; i < std::min(nodes.actors.size(), all.actors.size()); ++i) {
    const Actor &a = nodes.actors[i], &b = all.actors[i];
    EXPECT_TRUE(a.key == b.key && a.name == b.name && a.kind == b.kind && a.dataset == b.dataset)
        << "actor " << i;
    if (::testing::Test::HasFailure()) return true;
  }
  for (size_t i = 0; i < std::min(nodes.instruments.size(), all.instruments.size()); ++i) {
    const Instrument &a = nodes.instruments[i], &b = all.instruments[i];
    EXPECT_TRUE(a.key == b.key && a.name == b.name && a.kind == b.kind && a.dataset == b.dataset &&
                a.status == b.status && a.spells == b.spells)
        << "instrument " << i;
    if (::testing::Test::HasFailure()) return true;
  }
  for (const ViewSpec& spec : testing::varied_view_specs()) {
    auto whole = AnalysisGraph::build(all, spec, error);
    EXPECT_TRUE(whole) << *error;
    if (!whole) return false;
    Result streamed = Result::Ok();
    auto view = AnalysisGraph::build(nodes, s->tie_source(&streamed), spec, error);
    if (!view) {
      *error += ": " + streamed.message();
      return false;
    }
    EXPECT_GT(whole->links().size(), 500u);
    testing::expect_same_view(*view, *whole, std::string(to_string(spec.kind)) + " view");
    if (::testing::Test::HasFailure()) return true;
  }
  return true;
}

std::vector<std::string> table_keys(const std::string& db) {
  std::vector<std::string> keys;
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(d->NewIterator({}, h));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
  });
  return keys;
}

Store::CheckReport check(const std::string& db) {
  Store::CheckReport report;
  auto s = open_store(db, true);
  EXPECT_TRUE(s && s->check(&report).ok());
  return report;
}

class ViewTable : public ::testing::Test {
 protected:
  TempDir tmp;
  std::string db = tmp.path("db");
  void SetUp() override {
    ASSERT_TRUE(Store::create(db).ok());
    auto s = open_store(db, false);
    ImportSummary sum;
    ASSERT_TRUE(s->import_dataset("first", mixed_network(1, 20000), {}, "", &sum).ok());
    Network second = mixed_network(2, 9000);  // ties between the first dataset's records
    second.actors.clear();
    second.instruments.clear();
    for (int i = 0; i < 600; ++i) {  // and actors whose keys fall between the first one's
      Actor a;
      a.key = "A" + std::to_string(i) + "b";
      a.name = "Second " + std::to_string(i);
      a.kind = ActorKind::kNgo;
      second.actors.push_back(a);
    }
    ASSERT_TRUE(s->import_dataset("second", second, {}, "", &sum).ok());
  }
};

TEST_F(ViewTable, ViewsReadFromTheTableAreViewsOfTheRecords) {
  // The table as imported: for the first dataset (id 1) its counts, a chunk of actors, one of
  // instruments and three of ties; for the second its counts, a chunk of actors and two of ties.
  using view_table::Section;
  const std::vector<std::string> keys = table_keys(db);
  const std::vector<std::string> expected = {view_table::stamp_key(1),
                                             view_table::chunk_key(1, Section::kActors, 0),
                                             view_table::chunk_key(1, Section::kInstruments, 0),
                                             view_table::chunk_key(1, Section::kTies, 0),
                                             view_table::chunk_key(1, Section::kTies, 1),
                                             view_table::chunk_key(1, Section::kTies, 2),
                                             view_table::stamp_key(2),
                                             view_table::chunk_key(2, Section::kActors, 0),
                                             view_table::chunk_key(2, Section::kTies, 0),
                                             view_table::chunk_key(2, Section::kTies, 1)};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(check(db).problem_count, 0u);
  std::string error;
  EXPECT_TRUE(views_agree(db, &error)) << error;
}

// The adjacency lists (one entry per key and dataset) name exactly the ties that touch a key,
// also when the ties are another dataset's: every key of the first dataset against a scan of
// load_network's ties.
TEST_F(ViewTable, TiesOfAKeyAreTheTiesThatTouchIt) {
  auto s = open_store(db, true);
  Network all;
  ASSERT_TRUE(s->load_network(&all).ok());
  std::map<std::string, std::set<uint64_t>> want;
  for (const Tie& t : all.ties) {
    want[t.from].insert(t.id);
    want[t.to].insert(t.id);
  }
  size_t both = 0;  // keys touched by ties of both datasets
  for (const Actor& a : all.actors) {
    std::vector<Tie> ties;
    ASSERT_TRUE(s->ties_of(a.key, &ties).ok());
    std::set<uint64_t> got;
    std::set<DatasetId> datasets;
    for (const Tie& t : ties) {
      got.insert(t.id);
      datasets.insert(t.dataset);
    }
    ASSERT_EQ(got.size(), ties.size()) << a.key;
    ASSERT_EQ(got, want[a.key]) << a.key;
    both += datasets.size() == 2;
  }
  EXPECT_GT(both, 1000u);
}

// A dataset without its table is damage: views fail saying to run `govnet check --repair` (they
// never read the records instead), check says the table is missing (one problem per dataset),
// repair writes it, and views read it again.
TEST_F(ViewTable, AMissingTableFailsViewsUntilRepaired) {
  const std::vector<std::string> keys = table_keys(db);
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    for (const auto& k : keys) ASSERT_TRUE(d->Delete({}, h, k).ok());
  });
  expect_views_fail(db, "first");
  Store::CheckReport r = check(db);
  ASSERT_EQ(r.problem_count, 2u);
  EXPECT_EQ(r.problems[0],
            "dataset 'first' has no view table (what views read of its records): views of the "
            "store fail; `govnet check --repair` writes it");
  {
    auto s = open_store(db, false);
    Store::CheckReport fixed;
    ASSERT_TRUE(s->repair(&fixed).ok());
    EXPECT_EQ(fixed.repaired_entries, keys.size());
  }
  EXPECT_EQ(table_keys(db), keys);
  EXPECT_EQ(check(db).problem_count, 0u);
  std::string error;
  EXPECT_TRUE(views_agree(db, &error)) << error;
}

// A damaged chunk fails the view with a message saying what to do (the view does not quietly
// read wrong ties), check names the dataset, and repair rebuilds the chunk from the records.
TEST_F(ViewTable, ADamagedChunkFailsViewsUntilRepaired) {
  const std::string chunk = view_table::chunk_key(1, view_table::Section::kTies, 1);
  std::string before;
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    ASSERT_TRUE(d->Get({}, h, chunk, &before).ok());
    std::string damaged = before.substr(0, before.size() / 2);
    ASSERT_TRUE(d->Put({}, h, chunk, damaged).ok());
  });
  std::string error;
  EXPECT_FALSE(views_agree(db, &error));
  EXPECT_NE(
      error.find(
          "a chunk of the view table is damaged (a row is cut short or holds an unknown value); "
          "`govnet check --repair` rebuilds the table from the records"),
      std::string::npos)
      << error;
  Store::CheckReport r = check(db);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_NE(r.problems[0].find(
                "the view table of dataset 'first' (what views read of its records) differs from "
                "its records: entries 1 not matching the records;"),
            std::string::npos)
      << r.problems[0];
  {
    auto s = open_store(db, false);
    Store::CheckReport fixed;
    ASSERT_TRUE(s->repair(&fixed).ok());
  }
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    std::string after;
    ASSERT_TRUE(d->Get({}, h, chunk, &after).ok());
    EXPECT_EQ(after, before);
  });
  EXPECT_EQ(check(db).problem_count, 0u);
  EXPECT_TRUE(views_agree(db, &error)) << error;
}

// Replacing a dataset replaces its table; removing it removes it.
TEST_F(ViewTable, ReplacedAndRemovedDatasetsTakeTheirTableWithThem) {
  {
    auto s = open_store(db, false);
    ImportSummary sum;
    Network smaller = mixed_network(3, 5000);
    smaller.actors.clear();
    smaller.instruments.clear();
    ASSERT_TRUE(s->import_dataset("second", smaller, {}, "", &sum).ok());
  }
  std::vector<std::string> keys = table_keys(db);
  ASSERT_EQ(keys.size(), 6u + 2u);
  EXPECT_EQ(keys[6], view_table::stamp_key(2));
  EXPECT_EQ(keys[7], view_table::chunk_key(2, view_table::Section::kTies, 0));
  EXPECT_EQ(check(db).problem_count, 0u);
  std::string error;
  EXPECT_TRUE(views_agree(db, &error)) << error;
  {
    auto s = open_store(db, false);
    DatasetInfo removed;
    ASSERT_TRUE(s->remove_dataset("second", &removed).ok());
  }
  keys = table_keys(db);
  ASSERT_EQ(keys.size(), 6u);
  EXPECT_EQ(keys.back(), view_table::chunk_key(1, view_table::Section::kTies, 2));
  EXPECT_EQ(check(db).problem_count, 0u);
}

// A dataset's records replaced behind the table's back, the old table left in place: its stamp
// no longer matches the dataset record (load time, content hash), so views fail saying to repair
// it (they never read the stale rows); check says the table differs; repair rebuilds it.
TEST_F(ViewTable, AStaleTableFailsViewsUntilRepaired) {
  std::vector<std::pair<std::string, std::string>> old_table;
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(d->NewIterator({}, h));
    for (it->Seek(view_table::stamp_key(2)); it->Valid(); it->Next())
      old_table.emplace_back(it->key().ToString(), it->value().ToString());
  });
  ASSERT_EQ(old_table.size(), 4u);
  {
    // The same counts of actors, instruments and ties, other ties, other files.
    auto s = open_store(db, false);
    Network other = mixed_network(5, 9000);
    other.actors.clear();
    other.instruments.clear();
    for (int i = 0; i < 600; ++i) {
      Actor a;
      a.key = "A" + std::to_string(i) + "b";
      a.name = "Other " + std::to_string(i);
      other.actors.push_back(a);
    }
    ImportSummary sum;
    ASSERT_TRUE(s->import_dataset("second", other, {}, "hash of other files", &sum).ok());
  }
  with_column_family(db, "view_table", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
    for (const auto& [k, v] : old_table) ASSERT_TRUE(d->Put({}, h, k, v).ok());
  });
  expect_views_fail(db, "second");
  std::string error;
  Store::CheckReport r = check(db);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_NE(r.problems[0].find("the view table of dataset 'second'"), std::string::npos)
      << r.problems[0];
  {
    auto s = open_store(db, false);
    Store::CheckReport fixed;
    ASSERT_TRUE(s->repair(&fixed).ok());
  }
  EXPECT_EQ(check(db).problem_count, 0u);
  EXPECT_TRUE(views_agree(db, &error)) << error;
}

// Rows decode to what was encoded; every shorter prefix of a chunk, and a chunk with an unknown
// family, is Corrupt (never a crash or a row read past the end).
TEST(ViewTableChunk, RoundTripsAndRejectsEveryTruncation) {
  Network net = mixed_network(4, 300);
  for (size_t i = 0; i < net.ties.size(); ++i) net.ties[i].to_instrument = net.ties[i].to[0] == 'I';
  const std::string bytes = view_table::encode_chunk(std::span<const Tie>(net.ties));
  std::vector<TieView> rows;
  ASSERT_TRUE(view_table::decode_chunk(bytes, 7, (uint64_t{7} << 32) | 100, &rows).ok());
  ASSERT_EQ(rows.size(), net.ties.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const Tie& t = net.ties[i];
    const TieView& v = rows[i];
    ASSERT_TRUE(v.id == ((uint64_t{7} << 32) | (100 + i)) && v.dataset == 7 && v.from == t.from &&
                v.to == t.to && v.to_instrument == t.to_instrument && v.directed == t.directed &&
                v.family == t.family && v.status == t.status && v.weight == t.weight &&
                v.amount == t.amount && v.spells == t.spells)
        << "row " << i;
  }
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<TieView> cut;
    Result r = view_table::decode_chunk(std::string_view(bytes).substr(0, n), 7, 0, &cut);
    ASSERT_EQ(r.code(), Result::Code::kCorrupt) << "prefix of " << n << " bytes";
    ASSERT_TRUE(cut.empty());
  }
  // The first row's family byte: after the header (5 bytes), two keys and the flags.
  std::string bad = bytes;
  const size_t family_at = 5 + 1 + net.ties[0].from.size() + 1 + net.ties[0].to.size() + 1;
  ASSERT_LT(net.ties[0].from.size(), 128u);
  ASSERT_EQ(static_cast<uint8_t>(bad[family_at]), static_cast<uint8_t>(net.ties[0].family));
  bad[family_at] = static_cast<char>(kFamilyCount);
  std::vector<TieView> none;
  EXPECT_EQ(view_table::decode_chunk(bad, 7, 0, &none).code(), Result::Code::kCorrupt);
}

}  // namespace
}  // namespace govnet
