// Internal to storage: writing a large batch (an import) quickly.
//
// A large write is made of runs (Run): the operations on one column family that one thread made,
// each appended to the run's one buffer. Written as one, the runs are taken by column family: a
// family whose runs are each in key order, one after the other, is already in order (the
// import makes records, their members and their view table so); any other family's operations
// are put in key order on every core (sort_on_every_core). Up to a few thousand operations the
// write then goes through RocksDB's write-ahead log and memtable like any write. A large one is
// written instead as sorted table files — one per column family, or several of consecutive key
// ranges for a family bigger than a core's share — built on every core, and the files are
// ingested into the store in one atomic step (RocksDB's IngestExternalFiles): after a crash or a
// failure either all of the write is in the store or none of it, as with the log, but no byte
// passes through the log, the memtable and a flush.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/result.h"

namespace govnet::detail {

// Where table files wait to be ingested, inside the store's directory. Whatever is left there
// (a process killed mid-import) was never part of the store and is removed at the next open.
inline constexpr const char* kIngestDir = "ingest.tmp";

// Operations on one column family, in the order they were made: each an entry of one buffer
// (key size, value size with the top bit for a deletion, key, value), so that making one costs
// an append and no allocation of its own. It keeps whether its keys came in order.
class Run {
 public:
  struct Entry {
    std::string_view key, value;
    bool put;
  };

  explicit Run(uint32_t family = 0, size_t reserve_bytes = 0) : family_(family) {
    bytes_.reserve(reserve_bytes);
  }

  uint32_t family() const { return family_; }
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Each key is at least the one before (RocksDB's bytewise order).
  bool in_order() const { return in_order_; }

  void put(std::string_view key, std::string_view value) {
    const size_t at = begin(key, false);
    bytes_.append(value);
    end(at);
  }
  void del(std::string_view key) { end(begin(key, true)); }
  // A put whose value `write(std::string*)` appends to the string it is given.
  template <typename Write>
  void put_with(std::string_view key, Write&& write) {
    const size_t at = begin(key, false);
    write(&bytes_);
    end(at);
  }

  // The entries, in order: for (size_t at = 0; at < run.bytes(); ) { Entry e = run.next(&at); }
  size_t bytes() const { return bytes_.size(); }
  const char* data() const { return bytes_.data(); }
  Entry next(size_t* at) const {
    const char* e = bytes_.data() + *at;
    const Entry out = entry(e);
    *at += 2 * sizeof(uint32_t) + out.key.size() + out.value.size();
    return out;
  }
  // The entry that starts at `e` (in a run's buffer).
  static Entry entry(const char* e) {
    uint32_t sizes[2];
    std::memcpy(sizes, e, sizeof sizes);
    const char* key = e + sizeof sizes;
    const uint32_t value_size = sizes[1] & ~kDeleted;
    return {{key, sizes[0]}, {key + sizes[0], value_size}, (sizes[1] & kDeleted) == 0};
  }
  std::string_view first_key() const { return entry(bytes_.data()).key; }
  std::string_view last_key() const { return entry(bytes_.data() + last_).key; }

 private:
  static constexpr uint32_t kDeleted = uint32_t{1} << 31;

  // Writes the entry's sizes (the value's is set by end()) and key; returns where it starts.
  size_t begin(std::string_view key, bool deleted) {
    if (count_ && in_order_ && key < last_key()) in_order_ = false;
    const size_t at = bytes_.size();
    const uint32_t sizes[2] = {static_cast<uint32_t>(key.size()), deleted ? kDeleted : 0};
    bytes_.append(reinterpret_cast<const char*>(sizes), sizeof sizes);
    bytes_.append(key);
    return at;
  }
  void end(size_t at) {
    uint32_t sizes[2];
    std::memcpy(sizes, bytes_.data() + at, sizeof sizes);
    if (!(sizes[1] & kDeleted)) {
      sizes[1] = static_cast<uint32_t>(bytes_.size() - at - sizeof sizes - sizes[0]);
      std::memcpy(bytes_.data() + at + sizeof(uint32_t), &sizes[1], sizeof sizes[1]);
    }
    last_ = at;
    ++count_;
  }

  uint32_t family_;
  std::string bytes_;
  size_t count_ = 0;
  size_t last_ = 0;  // where the last entry starts
  bool in_order_ = true;
};

// The operations of `batch` as runs, one for each column family it writes (appended to *out).
rocksdb::Status runs_of(const rocksdb::WriteBatch& batch, std::vector<Run>* out);

// Runs written as one, by column family id: each family's operations in key order, operations
// on one key in the order of the runs (a Delete then a Put of a key ends with the Put).
class Plan {
 public:
  explicit Plan(const std::vector<const Run*>& runs);

  size_t families() const { return families_.size(); }
  size_t size(uint32_t family) const { return families_[family].count; }
  // Calls f(Entry) for the family's operations [begin, end) in key order.
  template <typename F>
  void each(uint32_t family, size_t begin, size_t end, F&& f) const;
  // Where the family's operations may be cut into files of disjoint key ranges, about every
  // `share` operations: ascending, the first 0 and the last size(family).
  std::vector<size_t> cuts(uint32_t family, size_t share) const;

  // An operation of a family that had to be sorted: where its entry is in its run, with the
  // key's first bytes kept inline, so that sorting reaches into the runs only for keys that
  // share them.
  struct Op {
    static constexpr size_t kInline = 16;
    uint64_t head[2];   // the key's first kInline bytes as big-endian words, zero-padded
    const char* entry;  // in its run
    std::string_view key() const { return Run::entry(entry).key; }
  };

 private:
  struct Family {
    size_t count = 0;
    std::vector<const Run*> runs;   // in order, when `ordered`
    std::vector<size_t> run_start;  // the place of each run's first operation
    bool ordered = true;
    std::vector<Op> sorted;  // otherwise
  };
  std::vector<Family> families_;
};

template <typename F>
void Plan::each(uint32_t family, size_t begin, size_t end, F&& f) const {
  const Family& fam = families_[family];
  if (begin >= end) return;
  if (!fam.ordered) {
    for (size_t i = begin; i < end; ++i) f(Run::entry(fam.sorted[i].entry));
    return;
  }
  // Cuts fall between runs (cuts()), but any range is served.
  size_t r = 0;
  while (r + 1 < fam.runs.size() && fam.run_start[r + 1] <= begin) ++r;
  size_t place = fam.run_start[r];
  for (; r < fam.runs.size() && place < end; ++r) {
    const Run& run = *fam.runs[r];
    for (size_t at = 0; at < run.bytes() && place < end; ++place) {
      const Run::Entry e = run.next(&at);
      if (place >= begin) f(e);
    }
  }
}

// Writes `runs`, as one, into `db` as ingested table files (`handles` by column family id;
// `dir` the store's directory). Returns RocksDB's status: on failure nothing of them is in the
// store.
rocksdb::Status ingest(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                       const std::string& dir, const Plan& plan);

}  // namespace govnet::detail
