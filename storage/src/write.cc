// Store::Impl's atomic writes: a batch, or an import's runs (bulk_write.h), lands whole or not
// at all.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <vector>

#include "store_impl.h"

namespace govnet {

Result Store::Impl::write(rocksdb::WriteBatch* b) {
  if (b->Count() <= kSortBatchesAbove) return commit(b);
  std::vector<detail::Run> runs;
  if (Result r = from_rocks(detail::runs_of(*b, &runs), "preparing a write to " + dir); !r.ok())
    return r;
  std::vector<const detail::Run*> parts;
  for (const detail::Run& r : runs) parts.push_back(&r);
  return write_runs(parts);
}

Result Store::Impl::write_runs(const std::vector<const detail::Run*>& runs) {
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

Result Store::Impl::commit(rocksdb::WriteBatch* b) {
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

std::vector<rocksdb::ColumnFamilyHandle*> Store::Impl::by_id() const {
  std::vector<rocksdb::ColumnFamilyHandle*> out;
  for (auto* h : cf) {
    if (!h) continue;
    if (out.size() <= h->GetID()) out.resize(h->GetID() + 1, nullptr);
    out[h->GetID()] = h;
  }
  return out;
}

}  // namespace govnet
