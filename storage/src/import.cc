// Store::import_dataset: a dataset's records checked against the store, encoded with their
// index entries on every core, and written as one (bulk_write.h).
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <span>
#include <string_view>
#include <unordered_set>

#include "bulk_write.h"
#include "govnet/key_index.h"
#include "govnet/parallel.h"
#include "store_impl.h"

namespace govnet {

Result Store::import_dataset(const std::string& name, Network batch, std::vector<std::string> files,
                             std::string content_hash, ImportSummary* summary,
                             const ImportHooks& hooks) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("the store was opened read-only");
  if (name.empty()) return Result::Invalid("a dataset needs a name (--dataset NAME)");
  *summary = ImportSummary{};

  DatasetInfo previous;
  Result s = find_dataset(name, &previous);
  const bool replacing = s.ok();
  if (!s.ok() && s.code() != Result::Code::kNotFound) return s;

  DatasetInfo info;
  info.name = name;
  info.files = std::move(files);
  info.content_hash = std::move(content_hash);
  info.loaded_at_unix = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  if (replacing) {
    info.id = previous.id;  // keeps the id, so ids of other datasets never shift
  } else {
    std::string next;
    if (s = d.get(kMeta, kNextDatasetKey, &next); !s.ok())
      return Result::Corrupt(d.dir + ": the next dataset id is missing");
    info.id = codec::read_be32(next);
  }

  // Keys must be unique across the store: a key defined by another dataset is a conflict. With
  // no other dataset in the store there is nothing to look up, for keys or for references.
  std::vector<DatasetInfo> all;
  if (s = d.all_datasets(&all); !s.ok()) return s;
  const bool others = std::any_of(all.begin(), all.end(), [&](const DatasetInfo& x) {
    return !(replacing && x.id == info.id);
  });
  std::unordered_set<std::string> new_keys;
  std::string conflicts;
  int conflict_count = 0;
  auto check_key = [&](const std::string& key, bool instrument) {
    if (replacing) new_keys.insert(key);  // only needed to find the keys a replacement drops
    if (!others) return;
    DatasetId owner = 0;
    if (kind_of(key, &owner) == RecordKind::kNone || (replacing && owner == info.id)) return;
    if (++conflict_count <= 20)
      conflicts += "\n  " + std::string(instrument ? "instrument " : "actor ") + key +
                   " is already defined by dataset '" + d.dataset_name(owner) + "'";
  };
  for (const Actor& a : batch.actors) check_key(a.key, false);
  for (const Instrument& x : batch.instruments) check_key(x.key, true);
  if (conflict_count)
    return Result::Conflict(std::to_string(conflict_count) + " key(s) already belong to other "
                            "datasets; refer to them from ties.csv without redefining them, or "
                            "give the new records other keys:" + conflicts);

  // What goes before the records (a replacement's deletions) and after them (the dataset).
  rocksdb::WriteBatch b, last;
  if (replacing) {
    std::unordered_set<std::string> old_keys;
    if (s = d.delete_dataset(&b, previous, &old_keys); !s.ok()) return s;
    std::unordered_set<std::string> vanishing;
    for (const auto& k : old_keys) if (!new_keys.count(k)) vanishing.insert(k);
    std::map<DatasetId, std::vector<std::string>> found;
    if (s = d.foreign_ties(info.id, vanishing, &found); !s.ok()) return s;
    if (!found.empty())
      return Result::Conflict("replacing dataset '" + name + "' would drop records that other "
                              "datasets' ties point at; keep them in the new files or remove "
                              "those datasets first:" + d.describe_foreign(found));
  }

  // References must resolve to this batch or to the store (outside the dataset being replaced).
  // The batch's keys, instruments first (a key that is both resolves as the instrument).
  const size_t n_instruments = batch.instruments.size();
  const KeyIndex batch_keys(static_cast<uint32_t>(n_instruments + batch.actors.size()), [&](uint32_t i) {
    return std::string_view(i < n_instruments ? batch.instruments[i].key : batch.actors[i - n_instruments].key);
  });
  auto resolve = [&](const std::string& key, bool* instrument) {
    if (const uint32_t i = batch_keys.find(key); i != KeyIndex::kMissing) { *instrument = i < n_instruments; return true; }
    if (!others) return false;
    DatasetId owner = 0;
    RecordKind kind = kind_of(key, &owner);
    if (kind == RecordKind::kNone || (replacing && owner == info.id)) return false;
    *instrument = kind == RecordKind::kInstrument;
    return true;
  };

  // The view table (view_table.h) holds actors and instruments in key order.
  std::vector<const Actor*> actors_by_key;
  std::vector<const Instrument*> instruments_by_key;
  for (const Actor& a : batch.actors) actors_by_key.push_back(&a);
  for (const Instrument& x : batch.instruments) instruments_by_key.push_back(&x);
  sort_on_every_core(actors_by_key.begin(), actors_by_key.end(),
                     [](const Actor* a, const Actor* b) { return a->key < b->key; });
  sort_on_every_core(instruments_by_key.begin(), instruments_by_key.end(),
                     [](const Instrument* a, const Instrument* b) { return a->key < b->key; });

  // The records and their index entries, encoded into one write batch per chunk of records on
  // every core. A chunk stops at its first failure; chunks after the earliest failed one are
  // skipped, those before it still run, so the failure reported is the first in record order.
  struct Chunk {
    int kind;  // 0 actors, 1 instruments, 2 ties; their view table rows: 3 actors, 4 instruments
    size_t begin, end;
    rocksdb::WriteBatch batch;
    uint64_t evidence = 0;
    Result result = Result::Ok();
  };
  // A chunk of ties is also a chunk of the view table's ties.
  constexpr size_t kChunk = view_table::kChunk;
  std::vector<Chunk> chunks;
  const size_t sizes[5] = {batch.actors.size(), batch.instruments.size(), batch.ties.size(),
                           batch.actors.size(), batch.instruments.size()};
  for (int kind = 0; kind < 5; ++kind)
    for (size_t i = 0; i < sizes[kind]; i += kChunk)
      chunks.push_back({kind, i, std::min(sizes[kind], i + kChunk), rocksdb::WriteBatch(), 0, Result::Ok()});
  std::atomic<uint64_t> added{0};
  std::atomic<size_t> first_failed{SIZE_MAX};
  auto step = [&]() -> Result {
    const uint64_t n = added.fetch_add(1) + 1;
    return hooks.after_record ? hooks.after_record(n) : Result::Ok();
  };
  auto assemble = [&](Chunk& c) -> Result {
    const uint32_t table_chunk = static_cast<uint32_t>(c.begin / kChunk);
    if (c.kind == 3 || c.kind == 4) {
      const size_t n = c.end - c.begin;
      const bool actors = c.kind == 3;
      const std::string key = view_table::chunk_key(
          info.id, actors ? view_table::Section::kActors : view_table::Section::kInstruments, table_chunk);
      const std::string rows =
          actors ? view_table::encode_chunk(std::span<const Actor* const>(actors_by_key).subspan(c.begin, n))
                 : view_table::encode_chunk(std::span<const Instrument* const>(instruments_by_key).subspan(c.begin, n));
      c.batch.Put(d.cf[kViewTable], key, rows).PermitUncheckedError();
      return Result::Ok();
    }
    // Room for the whole chunk up front: a batch that grows by doubling copies itself again
    // and again.
    c.batch = rocksdb::WriteBatch((c.kind == 2 ? 384 : 512) * (c.end - c.begin));
    rocksdb::WriteBatch* out = &c.batch;
    for (size_t i = c.begin; i < c.end; ++i) {
      if (c.kind == 0) {
        Actor& a = batch.actors[i];
        a.dataset = info.id;
        c.evidence += a.evidence.size();
        out->Put(d.cf[kActors], a.key, codec::encode(a)).PermitUncheckedError();
        out->Put(d.cf[kMembers], member_key(info.id, false, a.key), "").PermitUncheckedError();
        d.index_names(out, false, a.key, a.name, a.aliases, false);
      } else if (c.kind == 1) {
        Instrument& x = batch.instruments[i];
        x.dataset = info.id;
        c.evidence += x.evidence.size();
        out->Put(d.cf[kInstruments], x.key, codec::encode(x)).PermitUncheckedError();
        out->Put(d.cf[kMembers], member_key(info.id, true, x.key), "").PermitUncheckedError();
        d.index_names(out, true, x.key, x.name, {}, false);
      } else {
        Tie& t = batch.ties[i];
        if (i + 4 < c.end) {  // the endpoints' slots of a tie a little ahead, on their way meanwhile
          const Tie& ahead = batch.ties[i + 4];
          batch_keys.prefetch(KeyIndex::hash_of(ahead.from));
          batch_keys.prefetch(KeyIndex::hash_of(ahead.to));
        }
        bool from_instrument = true, to_instrument = false;
        if (!resolve(t.from, &from_instrument) || from_instrument)
          return Result::Invalid("tie " + t.from + " -> " + t.to + ": '" + t.from +
                                 "' is not an actor in this dataset or the store");
        if (!resolve(t.to, &to_instrument))
          return Result::Invalid("tie " + t.from + " -> " + t.to + ": '" + t.to +
                                 "' is neither an actor nor an instrument in this dataset or the store");
        t.to_instrument = to_instrument;
        t.dataset = info.id;
        t.id = (uint64_t{info.id} << 32) | static_cast<uint32_t>(i);  // its place in the dataset
        c.evidence += t.evidence.size();
        out->Put(d.cf[kTies], codec::be64(t.id), codec::encode(t)).PermitUncheckedError();
        d.index_tie(out, t, false);
      }
      if (Result r = step(); !r.ok()) return r;
    }
    if (c.kind == 2)
      out->Put(d.cf[kViewTable], view_table::chunk_key(info.id, view_table::Section::kTies, table_chunk),
               view_table::encode_chunk(std::span<const Tie>(batch.ties.data() + c.begin, c.end - c.begin)))
          .PermitUncheckedError();
    return Result::Ok();
  };
  on_every_core(chunks.size(), [&](size_t k) {
    if (k > first_failed.load()) return;
    chunks[k].result = assemble(chunks[k]);
    if (chunks[k].result.ok()) return;
    for (size_t seen = first_failed.load(); k < seen && !first_failed.compare_exchange_weak(seen, k);) {}
  });
  for (const Chunk& c : chunks) {
    if (!c.result.ok()) return c.result;
    info.evidence += c.evidence;
  }
  info.actors = batch.actors.size();
  info.instruments = batch.instruments.size();
  info.ties = batch.ties.size();
  last.Put(d.cf[kDatasets], codec::be32(info.id), codec::encode(info)).PermitUncheckedError();
  last.Put(d.cf[kViewTable], view_table::marker_key(info.id),
           view_table::encode_marker(view_table::Stamp::of(info))).PermitUncheckedError();
  if (!replacing)
    last.Put(d.cf[kMeta], kNextDatasetKey, codec::be32(info.id + 1)).PermitUncheckedError();
  std::vector<rocksdb::WriteBatch*> parts{&b};
  for (Chunk& c : chunks) parts.push_back(&c.batch);
  parts.push_back(&last);
  if (s = d.write_all(parts); !s.ok()) return s;
  summary->dataset = info;
  summary->replaced = replacing;
  summary->previous = previous;
  return Result::Ok();
}

}  // namespace govnet
