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
#include "format.h"
#include "store_impl.h"

namespace govnet {
namespace {

// A tie end as an adjacency list entry says it: the tie's place in the dataset (times 256),
// 0x80 when it ends at the key, and its family; so that writing it never reaches back into the
// ties.
static_assert(kFamilyCount <= 0x80);

// The ends of a dataset's ties, grouped by key: those at a key of the batch by a counting sort on
// the key's place in batch_keys (instruments, then actors), those at keys of other datasets
// (`from_at`/`to_at` kMissing; few) sorted by key. Each group keeps tie order.
struct TieEnds {
  std::vector<uint64_t> start;  // the ends at place p are ends[start[p], start[p + 1])
  std::vector<uint64_t> ends;
  std::vector<std::pair<std::string_view, uint64_t>> foreign;  // (key, end), by key

  TieEnds(const Network& batch, const std::vector<uint32_t>& from_at,
          const std::vector<uint32_t>& to_at) {
    const size_t places = batch.instruments.size() + batch.actors.size();
    start.assign(places + 1, 0);
    for (size_t i = 0; i < batch.ties.size(); ++i) {
      if (from_at[i] != KeyIndex::kMissing) ++start[from_at[i] + 1];
      if (to_at[i] != KeyIndex::kMissing) ++start[to_at[i] + 1];
    }
    for (size_t p = 0; p < places; ++p) start[p + 1] += start[p];
    ends.resize(start[places]);
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
    std::stable_sort(foreign.begin(), foreign.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  bool any_at(uint64_t place) const { return start[place + 1] > start[place]; }
};

// A key with tie ends: a place in batch_keys, or (kForeign | i) the first of its ends in
// TieEnds::foreign.
constexpr uint64_t kForeign = uint64_t{1} << 63;
struct EndsKey {
  std::string_view key;
  uint64_t source;
};

// The batch's keys in key order (the sorted actors and instruments merged), with their places.
std::vector<EndsKey> batch_keys_in_order(const Network& batch,
                                         const std::vector<const Actor*>& actors_by_key,
                                         const std::vector<const Instrument*>& instruments_by_key) {
  const size_t n_instruments = batch.instruments.size();
  std::vector<EndsKey> out;
  out.reserve(n_instruments + batch.actors.size());
  size_t a = 0, x = 0;
  while (a < actors_by_key.size() || x < instruments_by_key.size()) {
    const bool actor =
        x == instruments_by_key.size() ||
        (a < actors_by_key.size() && actors_by_key[a]->key < instruments_by_key[x]->key);
    if (actor) {
      out.push_back(
          {actors_by_key[a]->key, n_instruments + (actors_by_key[a] - batch.actors.data())});
      ++a;
    } else {
      out.push_back({instruments_by_key[x]->key,
                     static_cast<uint64_t>(instruments_by_key[x] - batch.instruments.data())});
      ++x;
    }
  }
  return out;
}

// Every key with tie ends, in key order: the batch's (in order) merged with the foreign ones.
std::vector<EndsKey> keys_with_ends(const std::vector<EndsKey>& batch_order, const TieEnds& t) {
  std::vector<EndsKey> keys;
  keys.reserve(batch_order.size());
  for (size_t b = 0, f = 0; b < batch_order.size() || f < t.foreign.size();) {
    if (f == t.foreign.size() ||
        (b < batch_order.size() && batch_order[b].key < t.foreign[f].first)) {
      if (t.any_at(batch_order[b].source)) keys.push_back(batch_order[b]);
      ++b;
    } else {
      keys.push_back({t.foreign[f].first, kForeign | f});
      for (const std::string_view k = t.foreign[f].first;
           f < t.foreign.size() && t.foreign[f].first == k;)
        ++f;
    }
  }
  return keys;
}

// The adjacency entries of a dataset's ties (format.h): for each key its ties touch, the
// dataset's ties from and to it, in tie order. The entries come out in key order, so that they
// need no sorting. Written on every core, a run per stretch of keys.
std::vector<detail::Run> adjacency_lists(const Store::Impl& d, DatasetId ds, const Network& batch,
                                         const std::vector<const Actor*>& actors_by_key,
                                         const std::vector<const Instrument*>& instruments_by_key,
                                         const std::vector<uint32_t>& from_at,
                                         const std::vector<uint32_t>& to_at) {
  const TieEnds t(batch, from_at, to_at);
  const std::vector<EndsKey> keys =
      keys_with_ends(batch_keys_in_order(batch, actors_by_key, instruments_by_key), t);
  constexpr size_t kKeysPerRun = 16384;
  std::vector<detail::Run> out((keys.size() + kKeysPerRun - 1) / kKeysPerRun);
  on_every_core(out.size(), [&](size_t part) {
    out[part] = detail::Run(d.id(kAdjacency), kKeysPerRun * 32);
    for (size_t k = part * kKeysPerRun; k < std::min(keys.size(), (part + 1) * kKeysPerRun); ++k) {
      out[part].put_with(adjacency_key(keys[k].key, ds), [&](std::string* list) {
        auto add = [&](uint64_t end) {
          add_adjacency(list, end & 0x80 ? TieEnd::kTo : TieEnd::kFrom,
                        static_cast<Family>(end & 0x7F), static_cast<uint32_t>(end >> 8));
        };
        if (keys[k].source & kForeign) {
          for (size_t f = keys[k].source & ~kForeign;
               f < t.foreign.size() && t.foreign[f].first == keys[k].key; ++f)
            add(t.foreign[f].second);
        } else {
          for (uint64_t e = t.start[keys[k].source]; e < t.start[keys[k].source + 1]; ++e)
            add(t.ends[e]);
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

// The records of a dataset and their index entries, encoded in chunks on every core. A chunk
// is kChunk records of one kind (a chunk of ties is also a chunk of the view table's ties) or a
// chunk of the view table's actors or instruments; it stops at its first failure.
struct Chunk {
  enum Kind { kActors, kInstruments, kTies, kTableActors, kTableInstruments };
  Kind kind;
  size_t begin, end;
  std::vector<detail::Run> runs;
  uint64_t evidence = 0;
  Result result = Result::Ok();
};

// One import of a dataset, once its record (`info`, with its id) is known and its keys are free:
// encodes the records with their index entries into runs (bulk_write.h), resolving the ties'
// endpoints against the batch and the store. Not thread-safe itself; encode() fans out.
class DatasetEncoder {
 public:
  DatasetEncoder(const Store& store, const Store::Impl& d, Network& batch, const DatasetInfo& info,
                 bool replacing, bool others, const ImportHooks& hooks)
      : store_(store),
        d_(d),
        batch_(batch),
        info_(info),
        replacing_(replacing),
        others_(others),
        hooks_(hooks),
        n_instruments_(batch.instruments.size()),
        batch_keys_(static_cast<uint32_t>(n_instruments_ + batch.actors.size()),
                    [this](uint32_t i) {
                      return std::string_view(i < n_instruments_
                                                  ? batch_.instruments[i].key
                                                  : batch_.actors[i - n_instruments_].key);
                    }),
        actors_by_key_(in_key_order(batch.actors)),
        instruments_by_key_(in_key_order(batch.instruments)),
        from_at_(batch.ties.size()),
        to_at_(batch.ties.size()) {}

  // Encodes every chunk on every core. Chunks after the earliest failed one are skipped, those
  // before it still run, so the failure returned is the first in record order.
  Result encode() {
    constexpr size_t kChunk = view_table::kChunk;
    const size_t sizes[5] = {batch_.actors.size(), batch_.instruments.size(), batch_.ties.size(),
                             batch_.actors.size(), batch_.instruments.size()};
    for (int kind = 0; kind < 5; ++kind)
      for (size_t i = 0; i < sizes[kind]; i += kChunk)
        chunks_.push_back({static_cast<Chunk::Kind>(kind),
                           i,
                           std::min(sizes[kind], i + kChunk),
                           {},
                           0,
                           Result::Ok()});
    std::atomic<size_t> first_failed{SIZE_MAX};
    on_every_core(chunks_.size(), [&](size_t k) {
      if (k > first_failed.load()) return;
      chunks_[k].result = assemble(chunks_[k]);
      if (chunks_[k].result.ok()) return;
      for (size_t seen = first_failed.load();
           k < seen && !first_failed.compare_exchange_weak(seen, k);) {}
    });
    for (const Chunk& c : chunks_)
      if (!c.result.ok()) return c.result;
    return Result::Ok();
  }

  uint64_t evidence() const {
    uint64_t n = 0;
    for (const Chunk& c : chunks_) n += c.evidence;
    return n;
  }
  const std::vector<Chunk>& chunks() const { return chunks_; }
  std::vector<detail::Run> adjacency() const {
    return adjacency_lists(d_, info_.id, batch_, actors_by_key_, instruments_by_key_, from_at_,
                           to_at_);
  }

 private:
  Result assemble(Chunk& c) {
    switch (c.kind) {
      case Chunk::kTableActors:
      case Chunk::kTableInstruments:
        return assemble_table_nodes(c);
      case Chunk::kActors:
      case Chunk::kInstruments:
        return assemble_nodes(c);
      case Chunk::kTies:
        return assemble_ties(c);
    }
    return Result::Ok();
  }

  Result step() {
    return hooks_.after_record ? hooks_.after_record(added_.fetch_add(1) + 1) : Result::Ok();
  }

  // A chunk of the view table's actors or instruments, in key order.
  Result assemble_table_nodes(Chunk& c) {
    const bool actors = c.kind == Chunk::kTableActors;
    const size_t n = c.end - c.begin;
    const std::string key = view_table::chunk_key(
        info_.id, actors ? view_table::Section::kActors : view_table::Section::kInstruments,
        static_cast<uint32_t>(c.begin / view_table::kChunk));
    c.runs.emplace_back(d_.id(kViewTable));
    c.runs.back().put(
        key,
        actors ? view_table::encode_chunk(
                     std::span<const Actor* const>(actors_by_key_).subspan(c.begin, n))
               : view_table::encode_chunk(
                     std::span<const Instrument* const>(instruments_by_key_).subspan(c.begin, n)));
    return Result::Ok();
  }

  // Actors or instruments in key order: their records, members and names entries.
  Result assemble_nodes(Chunk& c) {
    const bool actors = c.kind == Chunk::kActors;
    const size_t n = c.end - c.begin;
    // Room for the whole chunk up front: a buffer that grows by doubling copies itself again
    // and again.
    c.runs.emplace_back(d_.id(actors ? kActors : kInstruments), 384 * n);
    c.runs.emplace_back(d_.id(kMembers), 48 * n);
    c.runs.emplace_back(d_.id(kNames), 96 * n);
    auto name = [&](const std::string& k, const std::string& text) { c.runs[2].put(k, text); };
    auto one = [&](auto& record, NodeType type, const std::vector<std::string>& aliases) {
      record.dataset = info_.id;
      c.evidence += record.evidence.size();
      c.runs[0].put_with(record.key, [&](std::string* out) { codec::append(record, out); });
      c.runs[1].put(member_key(info_.id, type, record.key), "");
      Store::Impl::name_entries(type, record.key, record.name, aliases, name);
    };
    static const std::vector<std::string> kNoAliases;
    for (size_t i = c.begin; i < c.end; ++i) {
      if (actors) {
        Actor& a = batch_.actors[actors_by_key_[i] - batch_.actors.data()];
        one(a, NodeType::kActor, a.aliases);
      } else {
        one(batch_.instruments[instruments_by_key_[i] - batch_.instruments.data()],
            NodeType::kInstrument, kNoAliases);
      }
      if (Result r = step(); !r.ok()) return r;
    }
    return Result::Ok();
  }

  // Ties in the dataset's order: their records, endpoints resolved, and their view table chunk.
  Result assemble_ties(Chunk& c) {
    const size_t n = c.end - c.begin;
    c.runs.emplace_back(d_.id(kTies), 384 * n);
    c.runs.emplace_back(d_.id(kViewTable));
    for (size_t i = c.begin; i < c.end; ++i) {
      if (i + 4 < c.end) {  // the endpoints' slots of a tie a little ahead, on their way meanwhile
        const Tie& ahead = batch_.ties[i + 4];
        batch_keys_.prefetch(KeyIndex::hash_of(ahead.from));
        batch_keys_.prefetch(KeyIndex::hash_of(ahead.to));
      }
      Tie& t = batch_.ties[i];
      if (Result r = resolve_ends(t, i); !r.ok()) return r;
      t.dataset = info_.id;
      t.id = (uint64_t{info_.id} << 32) | static_cast<uint32_t>(i);  // its place in the dataset
      c.evidence += t.evidence.size();
      c.runs[0].put_with(tie_key(t.id), [&](std::string* out) { codec::append(t, out); });
      if (Result r = step(); !r.ok()) return r;
    }
    c.runs[1].put(view_table::chunk_key(info_.id, view_table::Section::kTies,
                                        static_cast<uint32_t>(c.begin / view_table::kChunk)),
                  view_table::encode_chunk(std::span<const Tie>(batch_.ties.data() + c.begin, n)));
    return Result::Ok();
  }

  // Resolves tie i's endpoints (sets to_instrument, from_at_[i], to_at_[i]); Invalid when one
  // names nothing a tie can reach.
  Result resolve_ends(Tie& t, size_t i) {
    std::optional<NodeType> from = resolve(t.from, &from_at_[i]);
    if (from != NodeType::kActor)
      return Result::Invalid("tie " + t.from + " -> " + t.to + ": '" + t.from +
                             "' is not an actor in this dataset or the store");
    std::optional<NodeType> to = resolve(t.to, &to_at_[i]);
    if (!to)
      return Result::Invalid(
          "tie " + t.from + " -> " + t.to + ": '" + t.to +
          "' is neither an actor nor an instrument in this dataset or the store");
    t.to_instrument = *to == NodeType::kInstrument;
    return Result::Ok();
  }

  // What `key` names in this batch (*at: its place in batch_keys_, instruments first, so a key
  // that is both resolves as the instrument) or else in the store outside the dataset being
  // replaced (*at: KeyIndex::kMissing); nullopt when neither.
  std::optional<NodeType> resolve(const std::string& key, uint32_t* at) const {
    *at = batch_keys_.find(key);
    if (*at != KeyIndex::kMissing)
      return *at < n_instruments_ ? NodeType::kInstrument : NodeType::kActor;
    if (!others_) return std::nullopt;
    DatasetId owner = 0;
    const std::optional<NodeType> kind = store_.kind_of(key, &owner);
    if (kind && replacing_ && owner == info_.id) return std::nullopt;
    return kind;
  }

  const Store& store_;
  const Store::Impl& d_;
  Network& batch_;
  const DatasetInfo& info_;
  const bool replacing_, others_;
  const ImportHooks& hooks_;
  const size_t n_instruments_;
  const KeyIndex batch_keys_;
  const std::vector<const Actor*> actors_by_key_;
  const std::vector<const Instrument*> instruments_by_key_;
  // Where each tie's endpoints are in batch_keys_ (kMissing: another dataset's), for the
  // adjacency lists; each tie's are written by the chunk that holds it.
  std::vector<uint32_t> from_at_, to_at_;
  std::vector<Chunk> chunks_;
  std::atomic<uint64_t> added_{0};
};

// Conflict when a key of the batch is defined by another dataset than the one being replaced
// (`replacing`, id `ds`); with no other dataset in the store there is nothing to look up.
Result check_keys_free(const Store& store, const Store::Impl& d, const Network& batch, DatasetId ds,
                       bool replacing, bool others) {
  if (!others) return Result::Ok();
  std::string conflicts;
  int conflict_count = 0;
  auto check_key = [&](const std::string& key, NodeType type) {
    DatasetId owner = 0;
    if (!store.kind_of(key, &owner) || (replacing && owner == ds)) return;
    if (++conflict_count <= 20)
      conflicts += "\n  " + std::string(to_string(type)) + " " + key +
                   " is already defined by dataset '" + d.dataset_name(owner) + "'";
  };
  for (const Actor& a : batch.actors) check_key(a.key, NodeType::kActor);
  for (const Instrument& x : batch.instruments) check_key(x.key, NodeType::kInstrument);
  if (!conflict_count) return Result::Ok();
  return Result::Conflict(std::to_string(conflict_count) +
                          " key(s) already belong to other "
                          "datasets; refer to them from ties.csv without redefining them, or "
                          "give the new records other keys:" +
                          conflicts);
}

// Adds to *b the deletion of the dataset `previous` that the batch replaces; Conflict when that
// would drop records that other datasets' ties point at.
Result delete_replaced(Store::Impl& d, const DatasetInfo& previous, const Network& batch,
                       rocksdb::WriteBatch* b) {
  std::unordered_set<std::string> old_keys;
  if (Result s = d.delete_dataset(b, previous, &old_keys); !s.ok()) return s;
  std::unordered_set<std::string> new_keys;
  for (const Actor& a : batch.actors) new_keys.insert(a.key);
  for (const Instrument& x : batch.instruments) new_keys.insert(x.key);
  std::unordered_set<std::string> vanishing;
  for (const auto& k : old_keys)
    if (!new_keys.count(k)) vanishing.insert(k);
  std::map<DatasetId, std::vector<std::string>> found;
  if (Result s = d.foreign_ties(previous.id, vanishing, &found); !s.ok()) return s;
  if (found.empty()) return Result::Ok();
  return Result::Conflict("replacing dataset '" + previous.name +
                          "' would drop records that other "
                          "datasets' ties point at; keep them in the new files or remove "
                          "those datasets first:" +
                          d.describe_foreign(found));
}

// Writes, as one: `before` (a replacement's deletions), the encoded records and indexes, the
// adjacency lists, then `after` (the dataset record, its view table stamp, the next id).
Result write_import(Store::Impl& d, const rocksdb::WriteBatch& before_batch,
                    const DatasetEncoder& encoded, const rocksdb::WriteBatch& after_batch) {
  std::vector<detail::Run> before, after;
  if (Result s =
          from_rocks(detail::runs_of(before_batch, &before), "preparing a write to " + d.dir);
      !s.ok())
    return s;
  if (Result s = from_rocks(detail::runs_of(after_batch, &after), "preparing a write to " + d.dir);
      !s.ok())
    return s;
  const std::vector<detail::Run> lists = encoded.adjacency();
  std::vector<const detail::Run*> runs;
  for (const detail::Run& r : before) runs.push_back(&r);
  for (const Chunk& c : encoded.chunks())
    for (const detail::Run& r : c.runs) runs.push_back(&r);
  for (const detail::Run& r : lists) runs.push_back(&r);
  for (const detail::Run& r : after) runs.push_back(&r);
  return d.write_runs(runs);
}

int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result Store::import_dataset(const std::string& name, Network batch, std::vector<std::string> files,
                             std::string content_hash, ImportSummary* summary,
                             const ImportHooks& hooks) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("the store was opened read-only");
  if (name.empty()) return Result::Invalid("a dataset needs a name (--dataset NAME)");
  *summary = ImportSummary{};
  std::vector<std::string> damaged;
  if (Result r = damaged_indexes(&damaged); !r.ok()) return r;
  if (!damaged.empty()) {
    std::string list;
    for (const auto& x : damaged) list += (list.empty() ? "" : ", ") + x;
    return Result::Corrupt("the store's " + list +
                           " index cannot be read (a damaged file); nothing was imported: run "
                           "`govnet check --repair --db " +
                           d.dir + "` to rebuild it from the records, then import again");
  }

  DatasetInfo previous;
  Result s = find_dataset(name, &previous);
  const bool replacing = s.ok();
  if (!s.ok() && s.code() != Result::Code::kNotFound) return s;

  DatasetInfo info;
  info.name = name;
  info.files = std::move(files);
  info.content_hash = std::move(content_hash);
  info.loaded_at_unix = now_unix();
  if (replacing) {
    info.id = previous.id;  // keeps the id, so ids of other datasets never shift
  } else {
    std::string next;
    if (s = d.get(kMeta, kNextDatasetKey, &next); !s.ok())
      return Result::Corrupt(d.dir + ": the next dataset id is missing");
    info.id = parse_next_dataset_value(next);
  }

  std::vector<DatasetInfo> all;
  if (s = d.all_datasets(&all); !s.ok()) return s;
  const bool others = std::any_of(all.begin(), all.end(), [&](const DatasetInfo& x) {
    return !(replacing && x.id == info.id);
  });
  if (s = check_keys_free(*this, d, batch, info.id, replacing, others); !s.ok()) return s;
  rocksdb::WriteBatch before, after;
  if (replacing)
    if (s = delete_replaced(d, previous, batch, &before); !s.ok()) return s;

  DatasetEncoder encoder(*this, d, batch, info, replacing, others, hooks);
  if (s = encoder.encode(); !s.ok()) return s;
  info.evidence = encoder.evidence();
  info.actors = batch.actors.size();
  info.instruments = batch.instruments.size();
  info.ties = batch.ties.size();
  after.Put(d.cf[kDatasets], dataset_key(info.id), codec::encode(info)).PermitUncheckedError();
  after
      .Put(d.cf[kViewTable], view_table::stamp_key(info.id),
           view_table::encode_stamp(view_table::Stamp::of(info)))
      .PermitUncheckedError();
  if (!replacing)
    after.Put(d.cf[kMeta], kNextDatasetKey, next_dataset_value(info.id + 1)).PermitUncheckedError();
  if (s = write_import(d, before, encoder, after); !s.ok()) return s;
  summary->dataset = info;
  summary->replaced = replacing;
  summary->previous = previous;
  return Result::Ok();
}

}  // namespace govnet
