// Internal to storage: writing a large batch (an import) quickly.
//
// A batch's operations are put in (column family, key) order first: collected on every core,
// then each family sorted on every core in turn (sort_on_every_core). Up to a few thousand
// operations the batch then goes through RocksDB's write-ahead log and memtable like any write.
// A large one is written instead as sorted table files — one per column family, or several of
// consecutive key ranges for a family bigger than a core's share — built on every core, and the
// files are ingested into the store in one atomic step (RocksDB's IngestExternalFiles): after a
// crash or a failure either all of the batch is in the store or none of it, as with the log, but
// no byte passes through the log, the memtable and a flush.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <mutex>
#include <string>
#include <vector>

#include "govnet/parallel.h"
#include "govnet/result.h"

namespace govnet::detail {

// Where table files wait to be ingested, inside the store's directory. Whatever is left there
// (a process killed mid-import) was never part of the store and is removed at the next open.
inline constexpr const char* kIngestDir = "ingest.tmp";

// The operations of batches written as one (in the order given), by column family id, each
// family's in key order; operations on the same key keep their order (a Delete then a Put of the
// key ends with the Put).
struct SortedOps {
  // An operation, with the first bytes of its key kept inline: the store's index keys are
  // shorter than that, so sorting and writing them never reaches into the batch for the key.
  struct Op {
    static constexpr size_t kInline = 24;
    uint64_t head[3];  // the key's first kInline bytes as big-endian words, zero-padded
    uint32_t size;     // of the key
    bool put;
    const char* data;  // the key in the batch, which outlives this
    rocksdb::Slice value;
    rocksdb::Slice key() const { return {data, size}; }
  };
  std::vector<std::vector<Op>> by_family;
};
rocksdb::Status sort_ops(const std::vector<const rocksdb::WriteBatch*>& batches, SortedOps* out);

// Writes `batches`, as one, into `db` as ingested table files (`handles` by column family id;
// `dir` the store's directory). Returns RocksDB's status: on failure nothing of them is in the
// store.
rocksdb::Status ingest(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                       const std::string& dir, const std::vector<const rocksdb::WriteBatch*>& batches);

}  // namespace govnet::detail
