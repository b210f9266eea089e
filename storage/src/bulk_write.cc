#include "bulk_write.h"

#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "govnet/parallel.h"

namespace govnet::detail {
namespace {

using Op = Plan::Op;

Op make_op(const char* entry) {
  const std::string_view key = Run::entry(entry).key;
  Op op{{0, 0}, entry};
  unsigned char bytes[Op::kInline] = {};
  std::memcpy(bytes, key.data(), std::min(Op::kInline, key.size()));
  for (size_t w = 0; w < 2; ++w)
    for (size_t b = 0; b < 8; ++b) op.head[w] = (op.head[w] << 8) | bytes[w * 8 + b];
  return op;
}

// Key order: the inline words, then the whole keys.
bool before(const Op& a, const Op& b) {
  if (a.head[0] != b.head[0]) return a.head[0] < b.head[0];
  if (a.head[1] != b.head[1]) return a.head[1] < b.head[1];
  return a.key() < b.key();
}

// The operations [begin, end) of one column family as a table file; the last operation on each
// key wins.
rocksdb::Status write_table(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family, const Plan& plan,
                            uint32_t f, size_t begin, size_t end, const std::string& path) {
  rocksdb::Options options = db->GetOptions(family);
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, family);
  rocksdb::Status s = writer.Open(path);
  // Each operation waits until the next shows its key is not repeated.
  Run::Entry pending{};
  bool waiting = false;
  auto add = [&](const Run::Entry& e) {
    if (!s.ok()) return;
    s = e.put ? writer.Put(e.key, e.value) : writer.Delete(e.key);
  };
  plan.each(f, begin, end, [&](const Run::Entry& e) {
    if (waiting && e.key != pending.key) add(pending);
    pending = e;
    waiting = true;
  });
  if (waiting) add(pending);
  if (s.ok()) s = writer.Finish();  // synced to disk before it is ingested
  return s;
}

}  // namespace

rocksdb::Status runs_of(const rocksdb::WriteBatch& batch, std::vector<Run>* out) {
  struct Collect : rocksdb::WriteBatch::Handler {
    std::vector<Run> runs;
    std::vector<size_t> of_family;
    Run& run(uint32_t f) {
      if (of_family.size() <= f) of_family.resize(f + 1, SIZE_MAX);
      if (of_family[f] == SIZE_MAX) {
        of_family[f] = runs.size();
        runs.emplace_back(f);
      }
      return runs[of_family[f]];
    }
    rocksdb::Status PutCF(uint32_t f, const rocksdb::Slice& k, const rocksdb::Slice& v) override {
      run(f).put({k.data(), k.size()}, {v.data(), v.size()});
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t f, const rocksdb::Slice& k) override {
      run(f).del({k.data(), k.size()});
      return rocksdb::Status::OK();
    }
  } collect;
  rocksdb::Status s = batch.Iterate(&collect);
  if (!s.ok()) return s;
  for (Run& r : collect.runs) out->push_back(std::move(r));
  return s;
}

Plan::Plan(const std::vector<const Run*>& runs) {
  for (const Run* r : runs) {
    if (r->empty()) continue;
    if (families_.size() <= r->family()) families_.resize(r->family() + 1);
    Family& f = families_[r->family()];
    f.ordered = f.ordered && r->in_order() &&
                (f.runs.empty() || f.runs.back()->last_key() <= r->first_key());
    f.run_start.push_back(f.count);
    f.runs.push_back(r);
    f.count += r->size();
  }
  // A family out of order is sorted on every core (stable: operations on one key keep the
  // order of the runs).
  for (Family& f : families_) {
    if (f.ordered) continue;
    f.sorted.reserve(f.count);
    for (const Run* r : f.runs)
      for (size_t at = 0; at < r->bytes();) {
        f.sorted.push_back(make_op(r->data() + at));
        r->next(&at);
      }
    f.runs.clear();
    f.run_start.clear();
    sort_on_every_core(f.sorted.begin(), f.sorted.end(), before, true);
  }
}

std::vector<size_t> Plan::cuts(uint32_t family, size_t share) const {
  const Family& f = families_[family];
  std::vector<size_t> out{0};
  if (f.ordered) {
    // Between runs, where the key changes.
    for (size_t r = 1; r < f.runs.size(); ++r)
      if (f.run_start[r] - out.back() >= share &&
          f.runs[r - 1]->last_key() < f.runs[r]->first_key())
        out.push_back(f.run_start[r]);
  } else {
    for (size_t i = share; i < f.count; i += share) {
      while (i < f.count && f.sorted[i - 1].key() == f.sorted[i].key()) ++i;
      if (i < f.count) out.push_back(i);
    }
  }
  if (out.back() != f.count) out.push_back(f.count);
  return out;
}

rocksdb::Status ingest(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                       const std::string& dir, const Plan& plan) {
  size_t total = 0;
  for (uint32_t f = 0; f < plan.families(); ++f) {
    if (plan.size(f) == 0) continue;
    if (f >= handles.size() || !handles[f])
      return rocksdb::Status::Corruption("a write names an unknown column family");
    total += plan.size(f);
  }
  // Each family's operations as one table file or, a family bigger than a core's share, as
  // several files of consecutive key ranges, so that every core writes about as much.
  struct Slice {
    uint32_t family;
    size_t begin, end;
    std::string path;
  };
  std::vector<Slice> slices;
  namespace fs = std::filesystem;
  const fs::path staging = fs::path(dir) / kIngestDir;
  const size_t share = std::max<size_t>(1 << 16, total / (2 * core_count()) + 1);
  for (uint32_t f = 0; f < plan.families(); ++f) {
    const std::vector<size_t> cuts = plan.cuts(f, share);
    for (size_t k = 0; k + 1 < cuts.size(); ++k)
      slices.push_back(
          {f, cuts[k], cuts[k + 1],
           (staging / (std::to_string(f) + "-" + std::to_string(k) + ".sst")).string()});
  }
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec)
    return rocksdb::Status::IOError("cannot create " + staging.string() + ": " + ec.message());

  std::vector<size_t> biggest_first(slices.size());
  for (size_t i = 0; i < slices.size(); ++i) biggest_first[i] = i;
  std::stable_sort(biggest_first.begin(), biggest_first.end(), [&](size_t a, size_t b) {
    return slices[a].end - slices[a].begin > slices[b].end - slices[b].begin;
  });
  std::mutex failure_lock;
  rocksdb::Status failure;
  on_every_core(slices.size(), [&](size_t i) {
    const Slice& sl = slices[biggest_first[i]];
    rocksdb::Status t =
        write_table(db, handles[sl.family], plan, sl.family, sl.begin, sl.end, sl.path);
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
        arg.options.write_global_seqno = false;  // the files stay as written
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
