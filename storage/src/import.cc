// Store::import_dataset: a dataset's records checked against the store, encoded with their
// index entries on every core, and written as one (bulk_write.h).
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <string>
#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <span>
#include <string_view>
#include <unordered_set>

#include "bulk_write.h"
#include "govnet/key_index.h"
#include "govnet/parallel.h"
#include "store_impl.h"

namespace govnet {
namespace {

// The adjacency entries of a dataset's ties (store_impl.h): for each key its ties touch, the
// dataset's ties from and to it, in tie order. The entries come out in key order, so that they
// need no sorting: the batch's keys are taken in key order and their tie ends placed by a
// counting sort on their place in batch_keys (instruments, then actors); keys of other datasets
// (`from_at`/`to_at` kMissing) are few and sorted. Written on every core, a run per stretch.
std::vector<detail::Run> adjacency_lists(const Store::Impl& d, DatasetId ds, const Network& batch,
                                         const std::vector<const Actor*>& actors_by_key,
                                         const std::vector<const Instrument*>& instruments_by_key,
                                         const std::vector<uint32_t>& from_at,
                                         const std::vector<uint32_t>& to_at) {
  const size_t n_instruments = batch.instruments.size();
  const size_t places = n_instruments + batch.actors.size();
  // A tie end: the tie's place in the dataset (times 256), 0x80 when it ends at the key, and its
  // family: all its entry says, so that writing it never reaches back into the ties.
  static_assert(kFamilyCount <= 0x80);
  std::vector<uint64_t> start(places + 1, 0);
  for (size_t i = 0; i < batch.ties.size(); ++i) {
    if (from_at[i] != KeyIndex::kMissing) ++start[from_at[i] + 1];
    if (to_at[i] != KeyIndex::kMissing) ++start[to_at[i] + 1];
  }
  for (size_t p = 0; p < places; ++p) start[p + 1] += start[p];
  std::vector<uint64_t> ends(start[places]);
  std::vector<std::pair<std::string_view, uint64_t>> foreign;
  {
    std::vector<uint64_t> next(start.begin(), start.end() - 1);
    for (size_t i = 0; i < batch.ties.size(); ++i) {
      const uint64_t end = (uint64_t{i} << 8) | static_cast<uint8_t>(batch.ties[i].family);
      if (from_at[i] != KeyIndex::kMissing)
        ends[next[from_at[i]]++] = end;
      else
        foreign.emplace_back(batch.ties[i].from, end);
      if (to_at[i] != KeyIndex::kMissing)
        ends[next[to_at[i]]++] = end | 0x80;
      else
        foreign.emplace_back(batch.ties[i].to, end | 0x80);
    }
  }
  std::stable_sort(foreign.begin(), foreign.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  // Every key with tie ends, in key order: a place in batch_keys, or (kForeign | i) the first of
  // its ends in `foreign`.
  constexpr uint64_t kForeign = uint64_t{1} << 63;
  struct Key {
    std::string_view key;
    uint64_t source;
  };
  std::vector<Key> batch_order, keys;
  batch_order.reserve(places);
  {
    size_t a = 0, x = 0;  // merge the sorted actors and instruments
    while (a < actors_by_key.size() || x < instruments_by_key.size()) {
      const bool actor =
          x == instruments_by_key.size() ||
          (a < actors_by_key.size() && actors_by_key[a]->key < instruments_by_key[x]->key);
      if (actor) {
        batch_order.push_back(
            {actors_by_key[a]->key, n_instruments + (actors_by_key[a] - batch.actors.data())});
        ++a;
      } else {
        batch_order.push_back(
            {instruments_by_key[x]->key,
             static_cast<uint64_t>(instruments_by_key[x] - batch.instruments.data())});
        ++x;
      }
    }
  }
  keys.reserve(batch_order.size());
  for (size_t b = 0, f = 0; b < batch_order.size() || f < foreign.size();) {
    if (f == foreign.size() || (b < batch_order.size() && batch_order[b].key < foreign[f].first)) {
      if (start[batch_order[b].source + 1] > start[batch_order[b].source])
        keys.push_back(batch_order[b]);
      ++b;
    } else {
      keys.push_back({foreign[f].first, kForeign | f});
      for (const std::string_view k = foreign[f].first;
           f < foreign.size() && foreign[f].first == k;)
        ++f;
    }
  }

  constexpr size_t kKeysPerRun = 16384;
  std::vector<detail::Run> out((keys.size() + kKeysPerRun - 1) / kKeysPerRun);
  on_every_core(out.size(), [&](size_t part) {
    out[part] = detail::Run(d.id(kAdjacency), kKeysPerRun * 32);
    for (size_t k = part * kKeysPerRun; k < std::min(keys.size(), (part + 1) * kKeysPerRun); ++k) {
      out[part].put_with(adjacency_key(keys[k].key, ds), [&](std::string* list) {
        auto add = [&](uint64_t end) {
          add_adjacency(list, end & 0x80, static_cast<Family>(end & 0x7F),
                        static_cast<uint32_t>(end >> 8));
        };
        if (keys[k].source & kForeign) {
          for (size_t f = keys[k].source & ~kForeign;
               f < foreign.size() && foreign[f].first == keys[k].key; ++f)
            add(foreign[f].second);
        } else {
          for (uint64_t e = start[keys[k].source]; e < start[keys[k].source + 1]; ++e) add(ends[e]);
        }
      });
    }
  });
  return out;
}

// Pointers to the records in key order. (Files are often written in key order already.) Sorted
// by the keys' first eight bytes, kept beside the pointers, and only where those are equal by
// the whole key: most comparisons then never reach into the records.
template <typename Record>
std::vector<const Record*> in_key_order(const std::vector<Record>& records) {
  std::vector<const Record*> out;
  out.reserve(records.size());
  for (const Record& r : records) out.push_back(&r);
  auto by_key = [](const Record* a, const Record* b) { return a->key < b->key; };
  if (std::is_sorted(out.begin(), out.end(), by_key)) return out;
  struct Head {
    uint64_t bytes;  // the key's first eight, big-endian, zero-padded
    const Record* record;
  };
  std::vector<Head> heads(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    unsigned char b[8] = {};
    std::memcpy(b, records[i].key.data(), std::min<size_t>(8, records[i].key.size()));
    uint64_t h = 0;
    for (unsigned char c : b) h = (h << 8) | c;
    heads[i] = {h, &records[i]};
  }
  sort_on_every_core(heads.begin(), heads.end(), [](const Head& a, const Head& b) {
    return a.bytes != b.bytes ? a.bytes < b.bytes : a.record->key < b.record->key;
  });
  for (size_t i = 0; i < heads.size(); ++i) out[i] = heads[i].record;
  return out;
}

}  // namespace

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
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
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
    return Result::Conflict(std::to_string(conflict_count) +
                            " key(s) already belong to other "
                            "datasets; refer to them from ties.csv without redefining them, or "
                            "give the new records other keys:" +
                            conflicts);

  // What goes before the records (a replacement's deletions) and after them (the dataset).
  rocksdb::WriteBatch b, last;
  if (replacing) {
    std::unordered_set<std::string> old_keys;
    if (s = d.delete_dataset(&b, previous, &old_keys); !s.ok()) return s;
    std::unordered_set<std::string> vanishing;
    for (const auto& k : old_keys)
      if (!new_keys.count(k)) vanishing.insert(k);
    std::map<DatasetId, std::vector<std::string>> found;
    if (s = d.foreign_ties(info.id, vanishing, &found); !s.ok()) return s;
    if (!found.empty())
      return Result::Conflict("replacing dataset '" + name +
                              "' would drop records that other "
                              "datasets' ties point at; keep them in the new files or remove "
                              "those datasets first:" +
                              d.describe_foreign(found));
  }

  // References must resolve to this batch or to the store (outside the dataset being replaced).
  // The batch's keys, instruments first (a key that is both resolves as the instrument).
  const size_t n_instruments = batch.instruments.size();
  const KeyIndex batch_keys(
      static_cast<uint32_t>(n_instruments + batch.actors.size()), [&](uint32_t i) {
        return std::string_view(i < n_instruments ? batch.instruments[i].key
                                                  : batch.actors[i - n_instruments].key);
      });
  // *at: the key's place in batch_keys, or kMissing for a key of another dataset.
  auto resolve = [&](const std::string& key, bool* instrument, uint32_t* at) {
    *at = batch_keys.find(key);
    if (*at != KeyIndex::kMissing) {
      *instrument = *at < n_instruments;
      return true;
    }
    if (!others) return false;
    DatasetId owner = 0;
    RecordKind kind = kind_of(key, &owner);
    if (kind == RecordKind::kNone || (replacing && owner == info.id)) return false;
    *instrument = kind == RecordKind::kInstrument;
    return true;
  };

  // The view table (view_table.h) holds actors and instruments in key order.
  const std::vector<const Actor*> actors_by_key = in_key_order(batch.actors);
  const std::vector<const Instrument*> instruments_by_key = in_key_order(batch.instruments);

  // The records and their index entries, encoded into runs (bulk_write.h) per chunk of records
  // on every core. Actors and instruments are taken in key order, so that their records and
  // members come in order and need no sorting. A chunk stops at its first failure; chunks after
  // the earliest failed one are skipped, those before it still run, so the failure reported is
  // the first in record order.
  struct Chunk {
    int kind;  // 0 actors, 1 instruments, 2 ties; their view table rows: 3 actors, 4 instruments
    size_t begin, end;
    std::vector<detail::Run> runs;
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
      chunks.push_back({kind, i, std::min(sizes[kind], i + kChunk), {}, 0, Result::Ok()});
  // Where each tie's endpoints are in batch_keys (kMissing: another dataset's), for the adjacency
  // lists.
  std::vector<uint32_t> from_at(batch.ties.size()), to_at(batch.ties.size());
  std::atomic<uint64_t> added{0};
  std::atomic<size_t> first_failed{SIZE_MAX};
  auto step = [&]() -> Result {  // (no shared counter to bump without a hook)
    return hooks.after_record ? hooks.after_record(added.fetch_add(1) + 1) : Result::Ok();
  };
  auto assemble = [&](Chunk& c) -> Result {
    const uint32_t table_chunk = static_cast<uint32_t>(c.begin / kChunk);
    const size_t n = c.end - c.begin;
    if (c.kind == 3 || c.kind == 4) {
      const bool actors = c.kind == 3;
      const std::string key = view_table::chunk_key(
          info.id, actors ? view_table::Section::kActors : view_table::Section::kInstruments,
          table_chunk);
      c.runs.emplace_back(d.id(kViewTable));
      c.runs.back().put(
          key,
          actors ? view_table::encode_chunk(
                       std::span<const Actor* const>(actors_by_key).subspan(c.begin, n))
                 : view_table::encode_chunk(
                       std::span<const Instrument* const>(instruments_by_key).subspan(c.begin, n)));
      return Result::Ok();
    }
    // Room for the whole chunk up front: a buffer that grows by doubling copies itself again
    // and again.
    if (c.kind == 2) {
      c.runs.emplace_back(d.id(kTies), 384 * n);
      c.runs.emplace_back(d.id(kViewTable));
    } else {
      c.runs.emplace_back(d.id(c.kind == 0 ? kActors : kInstruments), 384 * n);
      c.runs.emplace_back(d.id(kMembers), 48 * n);
      c.runs.emplace_back(d.id(kNames), 96 * n);
    }
    detail::Run& records = c.runs[0];
    auto name = [&](const std::string& k, const std::string& text) { c.runs[2].put(k, text); };
    for (size_t i = c.begin; i < c.end; ++i) {
      if (c.kind == 0) {
        Actor& a = batch.actors[actors_by_key[i] - batch.actors.data()];
        a.dataset = info.id;
        c.evidence += a.evidence.size();
        records.put_with(a.key, [&](std::string* out) { codec::append(a, out); });
        c.runs[1].put(member_key(info.id, false, a.key), "");
        Store::Impl::name_entries(false, a.key, a.name, a.aliases, name);
      } else if (c.kind == 1) {
        Instrument& x = batch.instruments[instruments_by_key[i] - batch.instruments.data()];
        x.dataset = info.id;
        c.evidence += x.evidence.size();
        records.put_with(x.key, [&](std::string* out) { codec::append(x, out); });
        c.runs[1].put(member_key(info.id, true, x.key), "");
        Store::Impl::name_entries(true, x.key, x.name, {}, name);
      } else {
        Tie& t = batch.ties[i];
        if (i + 4 <
            c.end) {  // the endpoints' slots of a tie a little ahead, on their way meanwhile
          const Tie& ahead = batch.ties[i + 4];
          batch_keys.prefetch(KeyIndex::hash_of(ahead.from));
          batch_keys.prefetch(KeyIndex::hash_of(ahead.to));
        }
        bool from_instrument = true, to_instrument = false;
        if (!resolve(t.from, &from_instrument, &from_at[i]) || from_instrument)
          return Result::Invalid("tie " + t.from + " -> " + t.to + ": '" + t.from +
                                 "' is not an actor in this dataset or the store");
        if (!resolve(t.to, &to_instrument, &to_at[i]))
          return Result::Invalid(
              "tie " + t.from + " -> " + t.to + ": '" + t.to +
              "' is neither an actor nor an instrument in this dataset or the store");
        t.to_instrument = to_instrument;
        t.dataset = info.id;
        t.id = (uint64_t{info.id} << 32) | static_cast<uint32_t>(i);  // its place in the dataset
        c.evidence += t.evidence.size();
        records.put_with(codec::be64(t.id), [&](std::string* out) { codec::append(t, out); });
      }
      if (Result r = step(); !r.ok()) return r;
    }
    if (c.kind == 2)
      c.runs[1].put(view_table::chunk_key(info.id, view_table::Section::kTies, table_chunk),
                    view_table::encode_chunk(std::span<const Tie>(batch.ties.data() + c.begin, n)));
    return Result::Ok();
  };
  on_every_core(chunks.size(), [&](size_t k) {
    if (k > first_failed.load()) return;
    chunks[k].result = assemble(chunks[k]);
    if (chunks[k].result.ok()) return;
    for (size_t seen = first_failed.load();
         k < seen && !first_failed.compare_exchange_weak(seen, k);) {}
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
           view_table::encode_marker(view_table::Stamp::of(info)))
      .PermitUncheckedError();
  if (!replacing)
    last.Put(d.cf[kMeta], kNextDatasetKey, codec::be32(info.id + 1)).PermitUncheckedError();
  std::vector<detail::Run> lists =
      adjacency_lists(d, info.id, batch, actors_by_key, instruments_by_key, from_at, to_at);
  // A replacement's deletions first, then the records and indexes, then the dataset.
  std::vector<detail::Run> before, after;
  if (s = from_rocks(detail::runs_of(b, &before), "preparing a write to " + d.dir); !s.ok())
    return s;
  if (s = from_rocks(detail::runs_of(last, &after), "preparing a write to " + d.dir); !s.ok())
    return s;
  std::vector<const detail::Run*> runs;
  for (const detail::Run& r : before) runs.push_back(&r);
  for (const Chunk& c : chunks)
    for (const detail::Run& r : c.runs) runs.push_back(&r);
  for (const detail::Run& r : lists) runs.push_back(&r);
  for (const detail::Run& r : after) runs.push_back(&r);
  if (s = d.write_runs(runs); !s.ok()) return s;
  summary->dataset = info;
  summary->replaced = replacing;
  summary->previous = previous;
  return Result::Ok();
}

}  // namespace govnet
