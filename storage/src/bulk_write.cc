#include "bulk_write.h"

#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <cstring>
#include <filesystem>

namespace govnet::detail {
namespace {

uint64_t prefix_of(const rocksdb::Slice& key) {
  unsigned char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::memcpy(bytes, key.data(), std::min<size_t>(8, key.size()));
  uint64_t p = 0;
  for (unsigned char b : bytes) p = (p << 8) | b;
  return p;
}

bool before(const SortedOps::Op& a, const SortedOps::Op& b) {
  return a.prefix != b.prefix ? a.prefix < b.prefix : a.key.compare(b.key) < 0;
}

// One column family's operations as a table file; the last operation on each key wins.
rocksdb::Status write_table(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                            const std::vector<SortedOps::Op>& ops, const std::string& path) {
  rocksdb::Options options = db->GetOptions(family);
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, family);
  rocksdb::Status s = writer.Open(path);
  for (size_t i = 0; s.ok() && i < ops.size(); ++i) {
    if (i + 1 < ops.size() && ops[i + 1].prefix == ops[i].prefix && ops[i + 1].key == ops[i].key)
      continue;  // a later one wins
    s = ops[i].put ? writer.Put(ops[i].key, ops[i].value) : writer.Delete(ops[i].key);
  }
  if (s.ok()) s = writer.Finish();  // synced to disk before it is ingested
  return s;
}

}  // namespace

rocksdb::Status sort_ops(const std::vector<const rocksdb::WriteBatch*>& batches, SortedOps* out) {
  struct Collect : rocksdb::WriteBatch::Handler {
    SortedOps* out;
    void add(uint32_t f, const rocksdb::Slice& k, const rocksdb::Slice& v, bool put) {
      if (out->by_family.size() <= f) out->by_family.resize(f + 1);
      out->by_family[f].push_back({prefix_of(k), k, v, put});
    }
    rocksdb::Status PutCF(uint32_t f, const rocksdb::Slice& k, const rocksdb::Slice& v) override {
      add(f, k, v, true);
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t f, const rocksdb::Slice& k) override {
      add(f, k, {}, false);
      return rocksdb::Status::OK();
    }
  } collect;
  out->by_family.clear();
  collect.out = out;
  for (const rocksdb::WriteBatch* batch : batches)
    if (rocksdb::Status s = batch->Iterate(&collect); !s.ok()) return s;
  // Each family sorted on its own core, the biggest first (ties arrive in key order already).
  std::vector<std::vector<SortedOps::Op>*> unsorted;
  for (auto& ops : out->by_family)
    if (!std::is_sorted(ops.begin(), ops.end(), before)) unsorted.push_back(&ops);
  std::sort(unsorted.begin(), unsorted.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
  on_every_core(unsorted.size(), [&](size_t i) { std::stable_sort(unsorted[i]->begin(), unsorted[i]->end(), before); });
  return rocksdb::Status::OK();
}

rocksdb::Status ingest(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                       const std::string& dir, const std::vector<const rocksdb::WriteBatch*>& batches) {
  SortedOps sorted;
  rocksdb::Status s = sort_ops(batches, &sorted);
  if (!s.ok()) return s;
  std::vector<uint32_t> families;
  for (uint32_t f = 0; f < sorted.by_family.size(); ++f) {
    if (sorted.by_family[f].empty()) continue;
    if (f >= handles.size() || !handles[f]) return rocksdb::Status::Corruption("a write names an unknown column family");
    families.push_back(f);
  }
  // The biggest tables first, so the cores finish together.
  std::sort(families.begin(), families.end(), [&](uint32_t a, uint32_t b) {
    return sorted.by_family[a].size() > sorted.by_family[b].size();
  });
  namespace fs = std::filesystem;
  const fs::path staging = fs::path(dir) / kIngestDir;
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return rocksdb::Status::IOError("cannot create " + staging.string() + ": " + ec.message());
  auto path_of = [&](uint32_t f) { return (staging / (std::to_string(f) + ".sst")).string(); };

  std::mutex failure_lock;
  rocksdb::Status failure;
  on_every_core(families.size(), [&](size_t i) {
    const uint32_t f = families[i];
    rocksdb::Status t = write_table(db, handles[f], sorted.by_family[f], path_of(f));
    if (!t.ok()) {
      std::lock_guard<std::mutex> hold(failure_lock);
      if (failure.ok()) failure = t;
    }
  });

  if (failure.ok()) {
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (uint32_t f : families) {
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = handles[f];
      arg.external_files = {path_of(f)};
      arg.options.move_files = true;            // linked into the store, not copied
      arg.options.snapshot_consistency = true;  // readers on an older snapshot do not see it
      arg.options.allow_global_seqno = true;    // newer than whatever the store holds
      arg.options.allow_blocking_flush = true;
      arg.options.write_global_seqno = false;   // the files stay as written
      args.push_back(std::move(arg));
    }
    failure = db->IngestExternalFiles(args);
  }
  fs::remove_all(staging, ec);
  return failure;
}

}  // namespace govnet::detail
