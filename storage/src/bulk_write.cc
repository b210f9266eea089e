#include "bulk_write.h"

#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <cstring>
#include <filesystem>

namespace govnet::detail {
namespace {

using Op = SortedOps::Op;

Op make_op(const rocksdb::Slice& key, const rocksdb::Slice& value, bool put) {
  Op op{{0, 0, 0}, static_cast<uint32_t>(key.size()), put, key.data(), value};
  unsigned char bytes[Op::kInline] = {};
  std::memcpy(bytes, key.data(), std::min(Op::kInline, key.size()));
  for (size_t w = 0; w < 3; ++w)
    for (size_t b = 0; b < 8; ++b) op.head[w] = (op.head[w] << 8) | bytes[w * 8 + b];
  return op;
}

// Key order: the inline words, then (keys longer than kInline bytes) the rest, then length.
int compare(const Op& a, const Op& b) {
  for (size_t w = 0; w < 3; ++w)
    if (a.head[w] != b.head[w]) return a.head[w] < b.head[w] ? -1 : 1;
  if (a.size > Op::kInline && b.size > Op::kInline)
    if (int c = std::memcmp(a.data + Op::kInline, b.data + Op::kInline, std::min(a.size, b.size) - Op::kInline))
      return c;
  return a.size < b.size ? -1 : a.size > b.size;
}

bool before(const Op& a, const Op& b) { return compare(a, b) < 0; }
bool same_key(const Op& a, const Op& b) { return a.size == b.size && compare(a, b) == 0; }

// The key's bytes, from the inline words when they hold all of it.
rocksdb::Slice key_of(const Op& op, char (&buffer)[Op::kInline]) {
  if (op.size > Op::kInline) return op.key();
  for (size_t w = 0; w < 3; ++w)
    for (size_t b = 0; b < 8; ++b) buffer[w * 8 + b] = static_cast<char>(op.head[w] >> (56 - 8 * b));
  return {buffer, op.size};
}

// Operations [begin, end) of one column family as a table file; the last operation on each key
// wins. A slice never ends between two operations on one key, so the files of a family have
// disjoint key ranges and RocksDB may place each below level 0.
rocksdb::Status write_table(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                            const std::vector<SortedOps::Op>& ops, size_t begin, size_t end,
                            const std::string& path) {
  rocksdb::Options options = db->GetOptions(family);
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, family);
  rocksdb::Status s = writer.Open(path);
  for (size_t i = begin; s.ok() && i < end; ++i) {
    if (i + 1 < end && same_key(ops[i + 1], ops[i])) continue;  // a later one wins
    char buffer[Op::kInline];
    const rocksdb::Slice key = key_of(ops[i], buffer);
    s = ops[i].put ? writer.Put(key, ops[i].value) : writer.Delete(key);
  }
  if (s.ok()) s = writer.Finish();  // synced to disk before it is ingested
  return s;
}

}  // namespace

rocksdb::Status sort_ops(const std::vector<const rocksdb::WriteBatch*>& batches, SortedOps* out) {
  using Ops = std::vector<SortedOps::Op>;
  struct Collect : rocksdb::WriteBatch::Handler {
    std::vector<Ops>* by_family;
    void add(uint32_t f, const rocksdb::Slice& k, const rocksdb::Slice& v, bool put) {
      if (by_family->size() <= f) by_family->resize(f + 1);
      (*by_family)[f].push_back(make_op(k, v, put));
    }
    rocksdb::Status PutCF(uint32_t f, const rocksdb::Slice& k, const rocksdb::Slice& v) override {
      add(f, k, v, true);
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t f, const rocksdb::Slice& k) override {
      add(f, k, {}, false);
      return rocksdb::Status::OK();
    }
  };
  // Each batch's operations by family, batches on every core.
  std::vector<std::vector<Ops>> of_batch(batches.size());
  std::vector<rocksdb::Status> read(batches.size());
  on_every_core(batches.size(), [&](size_t b) {
    Collect collect;
    collect.by_family = &of_batch[b];
    read[b] = batches[b]->Iterate(&collect);
  });
  for (const rocksdb::Status& s : read)
    if (!s.ok()) return s;
  size_t families = 0;
  for (const auto& b : of_batch) families = std::max(families, b.size());
  // Then each family's, in the batches' order.
  out->by_family.assign(families, {});
  on_every_core(families, [&](size_t f) {
    Ops& ops = out->by_family[f];
    size_t n = 0;
    for (const auto& b : of_batch) n += f < b.size() ? b[f].size() : 0;
    ops.reserve(n);
    for (auto& b : of_batch)
      if (f < b.size()) {
        ops.insert(ops.end(), b[f].begin(), b[f].end());
        Ops().swap(b[f]);
      }
  });
  // Each family sorted on every core in turn (ties arrive in key order already); operations on
  // one key keep their order.
  for (Ops& ops : out->by_family)
    if (!std::is_sorted(ops.begin(), ops.end(), before)) sort_on_every_core(ops.begin(), ops.end(), before, true);
  return rocksdb::Status::OK();
}

rocksdb::Status ingest(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                       const std::string& dir, const std::vector<const rocksdb::WriteBatch*>& batches) {
  SortedOps sorted;
  rocksdb::Status s = sort_ops(batches, &sorted);
  if (!s.ok()) return s;
  size_t total = 0;
  for (uint32_t f = 0; f < sorted.by_family.size(); ++f) {
    if (sorted.by_family[f].empty()) continue;
    if (f >= handles.size() || !handles[f]) return rocksdb::Status::Corruption("a write names an unknown column family");
    total += sorted.by_family[f].size();
  }
  // Each family's operations as one table file or, a family bigger than a core's share, as
  // several files of consecutive key ranges, so that every core writes about as much.
  struct Slice { uint32_t family; size_t begin, end; std::string path; };
  std::vector<Slice> slices;
  namespace fs = std::filesystem;
  const fs::path staging = fs::path(dir) / kIngestDir;
  const size_t share = std::max<size_t>(1 << 16, total / (2 * core_count()) + 1);
  for (uint32_t f = 0; f < sorted.by_family.size(); ++f) {
    const auto& ops = sorted.by_family[f];
    for (size_t begin = 0, k = 0; begin < ops.size(); ++k) {
      size_t end = std::min(ops.size(), begin + share);
      while (end < ops.size() && same_key(ops[end - 1], ops[end])) ++end;
      slices.push_back({f, begin, end, (staging / (std::to_string(f) + "-" + std::to_string(k) + ".sst")).string()});
      begin = end;
    }
  }
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return rocksdb::Status::IOError("cannot create " + staging.string() + ": " + ec.message());

  std::vector<size_t> biggest_first(slices.size());
  for (size_t i = 0; i < slices.size(); ++i) biggest_first[i] = i;
  std::stable_sort(biggest_first.begin(), biggest_first.end(), [&](size_t a, size_t b) {
    return slices[a].end - slices[a].begin > slices[b].end - slices[b].begin;
  });
  std::mutex failure_lock;
  rocksdb::Status failure;
  on_every_core(slices.size(), [&](size_t i) {
    const Slice& sl = slices[biggest_first[i]];
    rocksdb::Status t = write_table(db, handles[sl.family], sorted.by_family[sl.family], sl.begin, sl.end, sl.path);
    if (!t.ok()) {
      std::lock_guard<std::mutex> hold(failure_lock);
      if (failure.ok()) failure = t;
    }
  });

  if (failure.ok()) {
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const Slice& sl : slices) {
      if (args.empty() || args.back().column_family != handles[sl.family]) {
        rocksdb::IngestExternalFileArg arg;
        arg.column_family = handles[sl.family];
        arg.options.move_files = true;            // linked into the store, not copied
        arg.options.snapshot_consistency = true;  // readers on an older snapshot do not see it
        arg.options.allow_global_seqno = true;    // newer than whatever the store holds
        arg.options.allow_blocking_flush = true;
        arg.options.write_global_seqno = false;   // the files stay as written
        args.push_back(std::move(arg));
      }
      args.back().external_files.push_back(sl.path);  // key ranges in order, not overlapping
    }
    failure = db->IngestExternalFiles(args);
  }
  fs::remove_all(staging, ec);
  return failure;
}

}  // namespace govnet::detail
