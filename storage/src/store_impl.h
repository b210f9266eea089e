// Internal to storage: the state behind Store and the operations its parts share. Declarations
// only (and the templates that must be seen where they are used); the definitions are in
// store.cc (opening, reading), view_reading.cc (the view table), rocks_options.cc (RocksDB options,
// log, Status), write.cc (atomic writes), datasets.cc (removing datasets), names.cc (the names
// index), import.cc, check.cc and upgrade.cc.
//
// Thread-safety: after open, the const members may be called from several threads at once
// (RocksDB's DB is thread-safe and a read-only store reads one snapshot); the writing members
// are called by one thread at a time (Store is one writer).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bulk_write.h"
#include "format.h"
#include "govnet/store.h"
#include "govnet/text.h"

namespace govnet {

// A RocksDB status as a Result whose message starts with `what`; a full disk, corruption, a
// missing key and a held lock map to Io (saying what to do), Corrupt, NotFound and Busy.
Result from_rocks(const rocksdb::Status& s, const std::string& what);

// The options every store is opened with. `dir` is the store's directory; a read-only open
// keeps no log (it must not write).
rocksdb::Options base_options(const std::string& dir, Store::Access access);

// Opens the RocksDB database at `dir` into *impl with every column family it has: those govnet
// knows get their handles in impl->cf (a family the store lacks stays null), the others are
// closed. Checks nothing of the schema (Impl::check_schema does). A writable open deletes what
// a killed import left in DIR/ingest.tmp.
Result open_db(const std::string& dir, Store::Access access, Store::Impl* impl);

// As many records as a column family can plausibly hold: twice RocksDB's own estimate of its
// keys, and some; 0 when RocksDB cannot say. What a dataset record claims is trusted up to this.
uint64_t most_records(const Store::Impl& d, Cf family);

struct Store::Impl {
  std::string dir;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;  // by Cf; every one is set once open
  const rocksdb::Snapshot* snapshot = nullptr;   // read-only stores: what every read sees

  ~Impl();

  // --- reading (store.cc) ---
  rocksdb::ReadOptions read_options() const;
  Result get(Cf family, const std::string& key, std::string* value) const;
  bool exists(Cf family, const std::string& key) const;
  // Calls fn(key, value) for every entry whose key starts with `prefix`; stops early when fn
  // returns a non-ok status and passes it on.
  template <typename Fn>
  Result scan(Cf family, const std::string& prefix, Fn&& fn) const;
  // Calls fn(key, value) for every entry with lower <= key < upper (an empty bound: no bound),
  // in key order; stops early when fn returns a non-ok status and passes it on.
  template <typename Fn>
  Result scan_range(Cf family, const std::string& lower, const std::string& upper, Fn&& fn) const;
  // Ok when the meta family says this is a govnet store of kSchemaVersion; a store of another
  // version gives Schema with what to do.
  Result check_schema() const;
  Result all_datasets(std::vector<DatasetInfo>* out) const;
  // The dataset's name, or "#id" when it cannot be read.
  std::string dataset_name(DatasetId id) const;

  // --- the names index (names.cc) ---
  // The names index's entries of a record: emit(index key, the text as written) for its key,
  // name and aliases, each normalized text once.
  template <typename Emit>
  static void name_entries(NodeType type, const std::string& key, const std::string& name,
                           const std::vector<std::string>& aliases, Emit&& emit);
  // Adds the deletion of a record's names index entries to the batch.
  void delete_names(rocksdb::WriteBatch* b, NodeType type, const std::string& key,
                    const std::string& name, const std::vector<std::string>& aliases);

  // --- datasets (datasets.cc) ---
  // Adds to the batch the deletion of every record and index entry of dataset `ds`.
  // Fills `keys` (when given) with the actor and instrument keys the dataset defined.
  Result delete_dataset(rocksdb::WriteBatch* b, const DatasetInfo& ds,
                        std::unordered_set<std::string>* keys);
  // Ties of datasets other than `ds` that touch one of `keys`, for conflict messages.
  Result foreign_ties(DatasetId ds, const std::unordered_set<std::string>& keys,
                      std::map<DatasetId, std::vector<std::string>>* found) const;
  std::string describe_foreign(const std::map<DatasetId, std::vector<std::string>>& found) const;

  // --- integrity (check.cc) ---
  // Adds to *b what makes the derived data (members, adjacency, names, view table, dataset
  // counts) agree with the records, counting it in report->repaired_entries; records that do
  // not decode are report->problems (they cannot be repaired).
  Result repair_batch(rocksdb::WriteBatch* b, CheckReport* report) const;

  // --- writing (write.cc) ---
  // Writes a batch atomically and durably. A large batch goes the way of an import's runs
  // (write_runs).
  Result write(rocksdb::WriteBatch* b);
  // Writes the runs as one (bulk_write.h): all of them land, or none. More than
  // kIngestBatchesAbove operations are ingested as table files; fewer go through the log and the
  // memtable in (column family, key) order, which the memtable's skip list takes several times
  // faster than random inserts.
  Result write_runs(const std::vector<const detail::Run*>& runs);
  // Commits a batch atomically and durably, then flushes it into table files. The flush matters
  // for readers in other processes: they open read-only from the MANIFEST and table files, and
  // would otherwise have to replay a log that the next writer may be moving into table files
  // (and deleting) at that very moment.
  Result commit(rocksdb::WriteBatch* b);

  // Writes of more operations are ingested as table files; a batch of more than
  // kSortBatchesAbove is put in (column family, key) order first.
  static constexpr uint32_t kIngestBatchesAbove = 20000;
  static constexpr uint32_t kSortBatchesAbove = 4096;

  // RocksDB's id of a column family, which runs (bulk_write.h) name.
  uint32_t id(Cf family) const { return cf[family]->GetID(); }
  // The column family handles by RocksDB's id of each.
  std::vector<rocksdb::ColumnFamilyHandle*> by_id() const;
};

template <typename Fn>
Result Store::Impl::scan(Cf family, const std::string& prefix, Fn&& fn) const {
  // The keys that start with the prefix end before the prefix with its last byte that can be
  // raised, raised; a prefix of 0xFF bytes only (or none) leaves the end open.
  std::string end = prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return scan_range(family, prefix, end, std::forward<Fn>(fn));
}

template <typename Fn>
Result Store::Impl::scan_range(Cf family, const std::string& lower, const std::string& upper,
                               Fn&& fn) const {
  rocksdb::ReadOptions options = read_options();
  rocksdb::Slice end(upper);
  if (!upper.empty()) options.iterate_upper_bound = &end;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf[family]));
  for (it->Seek(lower); it->Valid(); it->Next()) {
    Result s = fn(std::string_view(it->key().data(), it->key().size()),
                  std::string_view(it->value().data(), it->value().size()));
    if (!s.ok()) return s;
  }
  return from_rocks(it->status(), std::string("scanning ") + kCfNames[family]);
}

template <typename Emit>
void Store::Impl::name_entries(NodeType type, const std::string& key, const std::string& name,
                               const std::vector<std::string>& aliases, Emit&& emit) {
  std::vector<std::string> seen;
  seen.reserve(2 + aliases.size());
  auto one = [&](const std::string& text) {
    std::string norm = normalize_for_search(text);
    if (norm.empty() || std::find(seen.begin(), seen.end(), norm) != seen.end()) return;
    emit(name_key(norm, type, key), text);
    seen.push_back(std::move(norm));
  };
  one(key);
  one(name);
  for (const auto& a : aliases) one(a);
}

}  // namespace govnet
