// Internal to storage: the store's column families, key layouts and the state behind Store.
// Shared by store.cc (reading and writing records) and check.cc (integrity check and repair).
#pragma once

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <cstdarg>
#include <cstdio>
#include <map>
#include <mutex>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bulk_write.h"
#include "codec.h"
#include "govnet/store.h"
#include "govnet/text.h"
#include "view_table.h"

namespace govnet {

// Column families; the order is the index into Impl::cf.
enum Cf : int {
  kDefault,
  kMeta,
  kActors,
  kInstruments,
  kTies,
  kDatasets,
  kMembers,
  kAdjacency,
  kNames,
  kLayouts,
  kViewTable,
  kCfCount
};
inline const char* const kCfNames[kCfCount] = {rocksdb::kDefaultColumnFamilyName.c_str(),
                                               "meta",
                                               "actors",
                                               "instruments",
                                               "ties",
                                               "datasets",
                                               "members",
                                               "adjacency",
                                               "names",
                                               "layouts",
                                               "view_table"};
// Column families added after schema 1 was first written: created when a store is opened for
// writing, absent (and empty to readers) in older stores opened read-only.
inline bool optional_cf(int i) { return i == kLayouts || i == kViewTable; }

inline constexpr const char* kSchemaKey = "schema_version";
inline constexpr const char* kNextDatasetKey = "next_dataset_id";
inline constexpr const char* kFormatKey = "format";
inline constexpr const char* kFormatValue = "govnet";

// Index key layouts (docs/storage.md):
//   members:   be32(dataset) 'a'|'i' key
//   adjacency: key '\0' be32(dataset) -> the dataset's ties from and to key, in tie order: five
//              bytes each, (0x80 for a tie to the key) | family, then the tie's sequence (u32 LE)
//   names:     normalized '\0' 'a'|'i' key  -> the original text that was normalized
// Stores written before adjacency lists hold one adjacency entry per tie end instead:
//   key '\0' 'o'|'i' family-digit be64(tie id) -> empty; read alike, rewritten by `check --repair`.
inline std::string member_key(DatasetId ds, bool instrument, const std::string& key) {
  return codec::be32(ds) + (instrument ? 'i' : 'a') + key;
}
inline std::string adjacency_key(std::string_view key, DatasetId ds) {
  std::string k(key);
  k += '\0';
  k += codec::be32(ds);
  return k;
}
inline std::string old_adjacency_key(const std::string& key, char dir, Family f, uint64_t tie) {
  std::string k = key;
  k += '\0';
  k += dir;
  k += static_cast<char>('0' + static_cast<int>(f));
  k += codec::be64(tie);
  return k;
}
// An entry of the older layout: after the record key, '\0', 'o'|'i', the digit, be64(tie id).
constexpr size_t kPerTieSuffix = 10;
inline bool per_tie_adjacency_key(std::string_view k) {
  return k.size() > kPerTieSuffix && k[k.size() - kPerTieSuffix - 1] == '\0';
}
// Adds a tie end to an adjacency list.
inline void add_adjacency(std::string* list, bool to_key, Family f, uint32_t seq) {
  list->push_back(static_cast<char>((to_key ? 0x80 : 0) | static_cast<uint8_t>(f)));
  for (int i = 0; i < 4; ++i) list->push_back(static_cast<char>(seq >> (8 * i)));
}
// Calls fn(tie id) for each tie an adjacency entry names (`suffix`: its key after the record key
// and '\0'; either layout). False when the entry is malformed.
template <typename Fn>
bool adjacency_ties(std::string_view suffix, std::string_view value, Fn&& fn) {
  if (suffix.size() == kPerTieSuffix && value.empty()) {  // the older layout, one tie end
    fn(codec::read_be64(suffix.substr(2)));
    return true;
  }
  if (suffix.size() != 4 || value.size() % 5 != 0) return false;
  const uint64_t ds = codec::read_be32(suffix);
  for (size_t at = 0; at < value.size(); at += 5) {
    uint32_t seq = 0;
    for (int i = 0; i < 4; ++i) seq |= uint32_t{static_cast<uint8_t>(value[at + 1 + i])} << (8 * i);
    fn((ds << 32) | seq);
  }
  return true;
}
inline std::string name_key(const std::string& normalized, bool instrument,
                            const std::string& key) {
  return normalized + '\0' + (instrument ? 'i' : 'a') + key;
}

inline Result from_rocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Result::Ok();
  std::string msg = what + ": " + s.ToString();
  if (s.IsNoSpace() || msg.find("No space left") != std::string::npos)
    return Result::Io(msg +
                      "\nthe disk is full: free some space and try again (the store still holds "
                      "exactly what it held before this write)");
  if (s.IsCorruption()) return Result::Corrupt(msg);
  if (s.IsNotFound()) return Result::NotFound(msg);
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) return Result::Busy(msg);
  return Result::Io(msg);
}

// RocksDB's informational log, written to DIR/LOG (warnings and errors only). RocksDB's own file
// logger aborts (assertion in WritableFileWriter) when it is written to again after a failed
// write, which a full disk causes; this one drops lines it cannot write.
class StoreLogger : public rocksdb::Logger {
 public:
  explicit StoreLogger(const std::string& path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL), f_(std::fopen(path.c_str(), "a")) {}
  ~StoreLogger() override {
    if (f_) std::fclose(f_);
  }
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (!f_) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (std::vfprintf(f_, format, ap) < 0 || std::fputc('\n', f_) == EOF || std::fflush(f_) != 0)
      std::clearerr(f_);
  }

 private:
  std::mutex mu_;
  std::FILE* f_;
};

// `dir` is the store's directory; read-only opens keep no log (they must not write).
inline rocksdb::Options base_options(const std::string& dir, bool read_only) {
  rocksdb::Options o;
  if (read_only)
    o.info_log = std::make_shared<StoreLogger>("/dev/null");
  else
    o.info_log = std::make_shared<StoreLogger>(dir + "/LOG");
  o.create_if_missing = false;
  o.create_missing_column_families = false;
  o.paranoid_checks = true;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  o.max_open_files = 256;
  o.IncreaseParallelism(2);
  // LZ4 decompresses about twice as fast as Snappy at much the same size; a store's older
  // table files stay readable (each block names its compression).
  o.compression = rocksdb::kLZ4Compression;
  // Blocks of 16 KB rather than RocksDB's 4 KB: a quarter of the blocks to compress, index and
  // checksum at import, and a smaller store (L: 86 -> 76 MB); a record's lookup reads no
  // slower here (bench/README.md).
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 16 * 1024;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

struct Store::Impl {
  std::string dir;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;
  const rocksdb::Snapshot* snapshot = nullptr;

  ~Impl() {
    if (db) {
      if (snapshot) db->ReleaseSnapshot(snapshot);
      for (auto* h : cf)
        if (h) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      db->Close().PermitUncheckedError();
    }
  }

  rocksdb::ReadOptions read_options() const {
    rocksdb::ReadOptions r;
    r.snapshot = snapshot;
    r.verify_checksums = true;
    return r;
  }

  Result get(Cf family, const std::string& key, std::string* value) const {
    rocksdb::Status s = db->Get(read_options(), cf[family], key, value);
    if (s.IsNotFound()) return Result::NotFound(key);
    return from_rocks(s, "reading " + std::string(kCfNames[family]) + " '" + key + "'");
  }

  bool exists(Cf family, const std::string& key) const {
    std::string v;
    return get(family, key, &v).ok();
  }

  // Calls fn(key, value) for every entry whose key starts with `prefix`; stops early when fn
  // returns a non-ok status and passes it on.
  template <typename Fn>
  Result scan(Cf family, const std::string& prefix, Fn&& fn) const {
    // The keys that start with the prefix end before the prefix with its last byte that can be
    // raised, raised; a prefix of 0xFF bytes only (or none) leaves the end open.
    std::string end = prefix;
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
    if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    return scan_range(family, prefix, end, std::forward<Fn>(fn));
  }

  // Calls fn(key, value) for every entry with lower <= key < upper (an empty bound: no bound),
  // in key order; stops early when fn returns a non-ok status and passes it on.
  template <typename Fn>
  Result scan_range(Cf family, const std::string& lower, const std::string& upper, Fn&& fn) const {
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

  Result check_schema() const {
    std::string format, version;
    if (!get(kMeta, kFormatKey, &format).ok() || format != kFormatValue)
      return Result::Schema(dir + " is a RocksDB database but not a govnet store");
    Result s = get(kMeta, kSchemaKey, &version);
    if (!s.ok()) return Result::Corrupt(dir + ": the store's schema version is missing");
    int v = std::atoi(version.c_str());
    if (v > kSchemaVersion)
      return Result::Schema(dir + " was written by a newer govnet (store schema " + version +
                            ", this govnet reads up to " + std::to_string(kSchemaVersion) +
                            "); upgrade govnet to open it");
    if (v < 1) return Result::Corrupt(dir + ": unknown store schema version '" + version + "'");
    return Result::Ok();
  }

  Result all_datasets(std::vector<DatasetInfo>* out) const {
    out->clear();
    return scan(kDatasets, "", [&](std::string_view, std::string_view value) {
      DatasetInfo d;
      Result s = codec::decode(value, &d);
      if (s.ok()) out->push_back(std::move(d));
      return s;
    });
  }

  // The names index's entries of a record: emit(index key, the text as written) for its key,
  // name and aliases, each normalized text once.
  template <typename Emit>
  static void name_entries(bool instrument, const std::string& key, const std::string& name,
                           const std::vector<std::string>& aliases, Emit&& emit) {
    std::vector<std::string> seen;
    seen.reserve(2 + aliases.size());
    auto one = [&](const std::string& text) {
      std::string norm = normalize_for_search(text);
      if (norm.empty() || std::find(seen.begin(), seen.end(), norm) != seen.end()) return;
      emit(name_key(norm, instrument, key), text);
      seen.push_back(std::move(norm));
    };
    one(key);
    one(name);
    for (const auto& a : aliases) one(a);
  }
  // Adds a record's names index entries (or their deletions) to the batch.
  void index_names(rocksdb::WriteBatch* b, bool instrument, const std::string& key,
                   const std::string& name, const std::vector<std::string>& aliases, bool remove) {
    name_entries(instrument, key, name, aliases,
                 [&](const std::string& k, const std::string& text) {
                   if (remove)
                     b->Delete(cf[kNames], k).PermitUncheckedError();
                   else
                     b->Put(cf[kNames], k, text).PermitUncheckedError();
                 });
  }

  // Adds to the batch the deletion of every record and index entry of dataset `ds`.
  // Fills `keys` with the actor and instrument keys the dataset defined.
  Result delete_dataset(rocksdb::WriteBatch* b, const DatasetInfo& ds,
                        std::unordered_set<std::string>* keys) {
    Result s = scan(kMembers, codec::be32(ds.id), [&](std::string_view k, std::string_view) {
      bool instrument = k[4] == 'i';
      std::string key(k.substr(5));
      std::string value;
      Result g = get(instrument ? kInstruments : kActors, key, &value);
      if (!g.ok())
        return Result::Corrupt("dataset '" + ds.name + "' lists " + key + " but it is missing");
      if (instrument) {
        Instrument x;
        if (Result d = codec::decode(value, &x); !d.ok()) return d;
        index_names(b, true, x.key, x.name, {}, true);
      } else {
        Actor a;
        if (Result d = codec::decode(value, &a); !d.ok()) return d;
        index_names(b, false, a.key, a.name, a.aliases, true);
      }
      b->Delete(cf[instrument ? kInstruments : kActors], key).PermitUncheckedError();
      b->Delete(cf[kMembers], std::string(k)).PermitUncheckedError();
      if (keys) keys->insert(key);
      return Result::Ok();
    });
    if (!s.ok()) return s;
    // The adjacency lists of the keys its ties touch (and, in a store from before adjacency
    // lists, the entry of each tie end).
    std::set<std::string> ends;
    bool per_tie = false;
    s = scan(kTies, codec::be32(ds.id), [&](std::string_view k, std::string_view value) {
      Tie t;
      if (Result d = codec::decode(value, &t); !d.ok()) return d;
      if (ends.empty())
        per_tie = exists(kAdjacency, old_adjacency_key(t.from, 'o', t.family, t.id));
      ends.insert(t.from);
      ends.insert(t.to);
      if (per_tie) {
        b->Delete(cf[kAdjacency], old_adjacency_key(t.from, 'o', t.family, t.id))
            .PermitUncheckedError();
        b->Delete(cf[kAdjacency], old_adjacency_key(t.to, 'i', t.family, t.id))
            .PermitUncheckedError();
      }
      b->Delete(cf[kTies], std::string(k)).PermitUncheckedError();
      return Result::Ok();
    });
    if (!s.ok()) return s;
    for (const std::string& key : ends)
      b->Delete(cf[kAdjacency], adjacency_key(key, ds.id)).PermitUncheckedError();
    if (cf[kViewTable]) {
      s = scan(kViewTable, codec::be32(ds.id), [&](std::string_view k, std::string_view) {
        b->Delete(cf[kViewTable], std::string(k)).PermitUncheckedError();
        return Result::Ok();
      });
      if (!s.ok()) return s;
    }
    b->Delete(cf[kDatasets], codec::be32(ds.id)).PermitUncheckedError();
    return Result::Ok();
  }

  // Ties of datasets other than `ds` that touch one of `keys`, for conflict messages.
  Result foreign_ties(DatasetId ds, const std::unordered_set<std::string>& keys,
                      std::map<DatasetId, std::vector<std::string>>* found) const {
    for (const auto& key : keys) {
      Result s = scan(kAdjacency, key + '\0', [&](std::string_view k, std::string_view v) {
        const bool read = adjacency_ties(k.substr(key.size() + 1), v, [&](uint64_t tie) {
          const DatasetId owner = static_cast<DatasetId>(tie >> 32);
          if (owner == ds) return;
          auto& list = (*found)[owner];
          if (list.empty() || list.back() != key) list.push_back(key);
        });
        return read ? Result::Ok()
                    : Result::Corrupt("the adjacency index entry of " + key +
                                      " is damaged; "
                                      "`govnet check --repair` rebuilds it");
      });
      if (!s.ok()) return s;
    }
    return Result::Ok();
  }

  std::string dataset_name(DatasetId id) const {
    std::string v;
    DatasetInfo d;
    if (get(kDatasets, codec::be32(id), &v).ok() && codec::decode(v, &d).ok()) return d.name;
    return "#" + std::to_string(id);
  }

  std::string describe_foreign(const std::map<DatasetId, std::vector<std::string>>& found) const {
    std::string out;
    for (const auto& [owner, keys] : found) {
      out += "\n  dataset '" + dataset_name(owner) + "' has ties to ";
      for (size_t i = 0; i < keys.size() && i < 5; ++i) out += (i ? ", " : "") + keys[i];
      if (keys.size() > 5) out += " and " + std::to_string(keys.size() - 5) + " more";
    }
    return out;
  }

  // Writes a batch atomically and durably. A large batch goes the way of an import's runs
  // (write_runs).
  Result write(rocksdb::WriteBatch* b) {
    if (b->Count() <= kSortBatchesAbove) return commit(b);
    std::vector<detail::Run> runs;
    if (Result r = from_rocks(detail::runs_of(*b, &runs), "preparing a write to " + dir); !r.ok())
      return r;
    std::vector<const detail::Run*> parts;
    for (const detail::Run& r : runs) parts.push_back(&r);
    return write_runs(parts);
  }

  // Writes the runs as one (bulk_write.h): all of them land, or none. More than
  // kIngestBatchesAbove operations are ingested as table files; fewer go through the log and the
  // memtable in (column family, key) order, which the memtable's skip list takes several times
  // faster than random inserts.
  Result write_runs(const std::vector<const detail::Run*>& runs) {
    const detail::Plan plan(runs);
    const std::vector<rocksdb::ColumnFamilyHandle*> handles = by_id();
    size_t count = 0;
    for (uint32_t f = 0; f < plan.families(); ++f) {
      if (plan.size(f) && (f >= handles.size() || !handles[f]))
        return Result::Corrupt("a write to " + dir + " names an unknown column family");
      count += plan.size(f);
    }
    if (count > kIngestBatchesAbove)
      return from_rocks(detail::ingest(db.get(), handles, dir, plan), "writing to " + dir);
    rocksdb::WriteBatch sorted;
    rocksdb::Status st;
    for (uint32_t f = 0; f < plan.families(); ++f)
      plan.each(f, 0, plan.size(f), [&](const detail::Run::Entry& e) {
        if (st.ok())
          st = e.put ? sorted.Put(handles[f], e.key, e.value) : sorted.Delete(handles[f], e.key);
      });
    if (Result r = from_rocks(st, "preparing a write to " + dir); !r.ok()) return r;
    return commit(&sorted);
  }

  // Commits a batch atomically and durably, then flushes it into table files. The flush matters
  // for readers in other processes: they open read-only from the MANIFEST and table files, and
  // would otherwise have to replay a log that the next writer may be moving into table files
  // (and deleting) at that very moment.
  Result commit(rocksdb::WriteBatch* b) {
    rocksdb::WriteOptions w;
    w.sync = true;  // an import that reported success survives a power cut
    Result r = from_rocks(db->Write(w, b), "writing to " + dir);
    if (!r.ok()) return r;
    // A failed flush (e.g. a full disk) leaves the write committed, so it is not reported as a
    // failed write.
    rocksdb::FlushOptions f;
    f.wait = true;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    for (auto* h : cf)
      if (h) handles.push_back(h);
    db->Flush(f, handles).PermitUncheckedError();
    return Result::Ok();
  }

  // Writes of more operations are ingested as table files; a batch of more than
  // kSortBatchesAbove is put in (column family, key) order first.
  static constexpr uint32_t kIngestBatchesAbove = 20000;
  static constexpr uint32_t kSortBatchesAbove = 4096;

  // RocksDB's id of a column family, which runs (bulk_write.h) name.
  uint32_t id(Cf family) const { return cf[family]->GetID(); }

  // The column family handles by RocksDB's id of each.
  std::vector<rocksdb::ColumnFamilyHandle*> by_id() const {
    std::vector<rocksdb::ColumnFamilyHandle*> out;
    for (auto* h : cf) {
      if (!h) continue;
      if (out.size() <= h->GetID()) out.resize(h->GetID() + 1, nullptr);
      out[h->GetID()] = h;
    }
    return out;
  }
};

}  // namespace govnet
