#include "govnet/store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <unordered_set>

#include "format.h"
#include "govnet/parallel.h"
#include "parallel_decode.h"
#include "store_impl.h"

namespace govnet {
namespace {

namespace fs = std::filesystem;

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
const std::string& Store::dir() const { return impl_->dir; }

Store::Impl::~Impl() {
  if (!db) return;
  if (snapshot) db->ReleaseSnapshot(snapshot);
  for (auto* h : cf)
    if (h) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db->Close().PermitUncheckedError();
}

rocksdb::ReadOptions Store::Impl::read_options() const {
  rocksdb::ReadOptions r;
  r.snapshot = snapshot;
  r.verify_checksums = true;
  return r;
}

Result Store::Impl::get(Cf family, const std::string& key, std::string* value) const {
  rocksdb::Status s = db->Get(read_options(), cf[family], key, value);
  if (s.IsNotFound()) return Result::NotFound(key);
  return from_rocks(s, "reading " + std::string(kCfNames[family]) + " '" + key + "'");
}

bool Store::Impl::exists(Cf family, const std::string& key) const {
  std::string v;
  return get(family, key, &v).ok();
}

Result Store::Impl::check_schema() const {
  std::string format, version;
  if (!cf[kMeta] || !get(kMeta, kFormatKey, &format).ok() || format != kFormatValue)
    return Result::Schema(dir + " is a RocksDB database but not a govnet store");
  if (!get(kMeta, kSchemaKey, &version).ok())
    return Result::Corrupt(dir + ": the store's schema version is missing");
  const int v = std::atoi(version.c_str());
  if (v < 1) return Result::Corrupt(dir + ": unknown store schema version '" + version + "'");
  if (v > kSchemaVersion)
    return Result::Schema(dir + " was written by a newer govnet (store schema " + version +
                          ", this govnet reads schema " + std::to_string(kSchemaVersion) +
                          "); upgrade govnet to open it");
  if (v < kSchemaVersion)
    return Result::Schema(dir + " is a govnet store of schema " + version +
                          "; this govnet reads schema " + std::to_string(kSchemaVersion) +
                          ": run `govnet upgrade --db " + dir +
                          "` (copy the directory first to keep a backup)");
  for (int i = 0; i < kCfCount; ++i)
    if (!cf[i])
      return Result::Corrupt(dir + " lacks the '" + kCfNames[i] +
                             "' column family; restore it from a backup");
  return Result::Ok();
}

Result Store::Impl::all_datasets(std::vector<DatasetInfo>* out) const {
  out->clear();
  return scan(kDatasets, "", [&](std::string_view, std::string_view value) {
    DatasetInfo d;
    Result s = codec::decode(value, &d);
    if (s.ok()) out->push_back(std::move(d));
    return s;
  });
}

std::string Store::Impl::dataset_name(DatasetId id) const {
  std::string v;
  DatasetInfo d;
  if (get(kDatasets, dataset_key(id), &v).ok() && codec::decode(v, &d).ok()) return d.name;
  return "#" + std::to_string(id);
}

Result Store::create(const std::string& dir, bool* created) {
  if (created) *created = false;
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "CURRENT", ec)) {
    std::unique_ptr<Store> existing;
    // already a store: check it is govnet's and current
    return open(dir, Access::kReadWrite, &existing);
  }
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return Result::Invalid(dir + " exists and is not a directory; choose another --db path");
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Result::Invalid(dir +
                           " exists, is not empty and is not a govnet store; choose an "
                           "empty or new directory for --db");
  fs::create_directories(dir, ec);  // where the log goes; errors surface in Open
  rocksdb::Options o = base_options(dir, Access::kReadWrite);
  o.create_if_missing = true;
  o.error_if_exists = true;
  o.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const char* name : kCfNames) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions(o));
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  rocksdb::DB* raw = nullptr;
  Result s =
      from_rocks(rocksdb::DB::Open(o, dir, cfs, &impl->cf, &raw), "creating a store in " + dir);
  if (!s.ok()) return s;
  impl->db.reset(raw);
  rocksdb::WriteBatch b;
  b.Put(impl->cf[kMeta], kFormatKey, kFormatValue).PermitUncheckedError();
  b.Put(impl->cf[kMeta], kSchemaKey, std::to_string(kSchemaVersion)).PermitUncheckedError();
  b.Put(impl->cf[kMeta], kNextDatasetKey, codec::be32(1)).PermitUncheckedError();
  s = impl->write(&b);
  if (s.ok() && created) *created = true;
  return s;
}

Result open_db(const std::string& dir, Store::Access access, Store::Impl* impl) {
  std::error_code ec;
  if (!fs::exists(fs::path(dir) / "CURRENT", ec))
    return Result::NotFound("no govnet store at " + dir + " (create one with `govnet init --db " +
                            dir + "`, or point --db / GOVNET_DB at an existing store)");
  const bool read_only = access == Store::Access::kReadOnly;
  rocksdb::Options o = base_options(dir, access);
  std::vector<std::string> names;
  Result s = from_rocks(rocksdb::DB::ListColumnFamilies(o, dir, &names), "opening " + dir);
  if (!s.ok()) return s;
  if (std::find(names.begin(), names.end(), kCfNames[kMeta]) == names.end())
    return Result::Schema(dir + " is a RocksDB database but not a govnet store (no 'meta' " +
                          "column family)");
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& name : names) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions(o));
  impl->dir = dir;
  impl->read_only = read_only;
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  s = from_rocks(read_only ? rocksdb::DB::OpenForReadOnly(o, dir, cfs, &handles, &raw)
                           : rocksdb::DB::Open(o, dir, cfs, &handles, &raw),
                 "opening " + dir);
  if (s.code() == Result::Code::kBusy)
    return Result::Busy("the store at " + dir +
                        " is busy: another govnet process is writing to "
                        "it; try again when that import or removal has finished");
  if (s.code() == Result::Code::kCorrupt)
    return Result::Corrupt("the store at " + dir + " is damaged (" + s.message() +
                           "); restore it from a backup or re-import its datasets");
  if (!s.ok()) return s;
  impl->db.reset(raw);
  // Keep handles in our column-family order; close the others (from a newer govnet) now.
  impl->cf.assign(kCfCount, nullptr);
  for (size_t i = 0; i < names.size(); ++i) {
    auto pos = std::find_if(std::begin(kCfNames), std::end(kCfNames),
                            [&](const char* n) { return names[i] == n; });
    if (pos != std::end(kCfNames))
      impl->cf[pos - std::begin(kCfNames)] = handles[i];
    else
      impl->db->DestroyColumnFamilyHandle(handles[i]).PermitUncheckedError();
  }
  if (read_only)
    impl->snapshot = impl->db->GetSnapshot();
  else
    fs::remove_all(fs::path(dir) / detail::kIngestDir, ec);  // a killed import's unfinished files
  return Result::Ok();
}

Result Store::open(const std::string& dir, Access access, std::unique_ptr<Store>* out) {
  auto impl = std::make_unique<Impl>();
  if (Result s = open_db(dir, access, impl.get()); !s.ok()) return s;
  if (Result s = impl->check_schema(); !s.ok()) return s;
  out->reset(new Store(std::move(impl)));
  return Result::Ok();
}

namespace {

// Decodes every record of a column family on every core, straight into slots made from the
// datasets' count of them (parallel_decode.h): no record is copied or moved once decoded. A
// damaged dataset record could claim any count: slots are made for no more than twice RocksDB's
// own estimate of the keys.
// As many records as a column family can plausibly hold: twice RocksDB's own estimate of its
// keys, and some; 0 when RocksDB cannot say. What a dataset record claims is trusted up to this.
uint64_t most_records(const Store::Impl& d, Cf family) {
  uint64_t keys = 0;
  return d.db->GetIntProperty(d.cf[family], "rocksdb.estimate-num-keys", &keys) ? 2 * keys + 4096
                                                                                : 0;
}

template <typename T>
Result decode_all(const Store::Impl& d, Cf family, uint64_t count, std::vector<T>* out) {
  const uint64_t slots = std::min(count, most_records(d, family));
  return detail::decode_in_parallel(
      [&](auto&& visit) { return d.scan(family, "", visit); },
      [](std::string_view v, T* record) { return codec::decode(v, record); }, slots, out);
}

// Actors and instruments, and the ties when asked; the datasets are read once for the counts.
Result load(const Store& store, const Store::Impl& d, bool with_ties, Network* out) {
  *out = Network{};
  std::vector<DatasetInfo> all;
  uint64_t actors = 0, instruments = 0, ties = 0;
  if (store.datasets(&all).ok())
    for (const auto& x : all) {
      actors += x.actors;
      instruments += x.instruments;
      ties += x.ties;
    }
  if (Result s = decode_all(d, kActors, actors, &out->actors); !s.ok()) return s;
  if (Result s = decode_all(d, kInstruments, instruments, &out->instruments); !s.ok()) return s;
  return with_ties ? decode_all(d, kTies, ties, &out->ties) : Result::Ok();
}

}  // namespace

Result Store::load_nodes(Network* out) const { return load(*this, *impl_, false, out); }
Result Store::load_network(Network* out) const { return load(*this, *impl_, true, out); }

namespace {

// Ok when every dataset has its whole view table: the stamp that says so, agreeing with the
// dataset record's counts, load time and content hash; otherwise Corrupt, saying to repair it.
// A store whose dataset records claim more records than RocksDB estimates its families hold is
// Corrupt too: a damaged count must not size the arrays the table is read into.
Result check_view_table(const Store::Impl& d, const std::vector<DatasetInfo>& all) {
  auto damaged = [&](const std::string& what) {
    return Result::Corrupt(what + "; run `govnet check --repair --db " + d.dir +
                           "` to rebuild it from the records");
  };
  uint64_t claimed[3] = {0, 0, 0};
  for (const DatasetInfo& ds : all) {
    claimed[0] += ds.actors;
    claimed[1] += ds.instruments;
    claimed[2] += ds.ties;
  }
  const Cf families[3] = {kActors, kInstruments, kTies};
  for (int f = 0; f < 3; ++f)
    if (claimed[f] > most_records(d, families[f]))
      return damaged("the datasets' counts of " + std::string(kCfNames[families[f]]) +
                     " exceed what the store holds");
  for (const DatasetInfo& ds : all) {
    std::string value;
    view_table::Stamp stamp;
    if (!d.get(kViewTable, view_table::stamp_key(ds.id), &value).ok() ||
        !view_table::decode_stamp(value, &stamp).ok() || !(stamp == view_table::Stamp::of(ds)))
      return damaged("the view table of dataset '" + ds.name + "' is missing or out of date");
  }
  return Result::Ok();
}

// Reads the chunks of one section of every dataset's view table on every core: read(j, bytes)
// decodes chunk j of the list made by chunks_of (dataset, chunk, first row of the chunk in
// the dataset's section, rows). Returns the failure of the earliest failed chunk; chunks after
// it are not read, those before it (or running at once) may have been.
struct TableChunk {
  DatasetId ds;
  uint32_t chunk;
  uint64_t first, rows;
};
std::vector<TableChunk> chunks_of(const std::vector<DatasetInfo>& all,
                                  uint64_t DatasetInfo::*count) {
  std::vector<TableChunk> out;
  for (const DatasetInfo& ds : all)
    for (uint64_t first = 0; first < ds.*count; first += view_table::kChunk)
      out.push_back({ds.id, static_cast<uint32_t>(first / view_table::kChunk), first,
                     std::min<uint64_t>(view_table::kChunk, ds.*count - first)});
  return out;
}

template <typename Read>
Result read_view_table(const Store::Impl& d, view_table::Section section,
                       const std::vector<TableChunk>& chunks, Read&& read) {
  std::mutex failed_lock;
  size_t failed_at = SIZE_MAX;
  Result failure = Result::Ok();
  rocksdb::ReadOptions options = d.read_options();
  options.fill_cache = false;  // each chunk is read once; the cache keeps the small records
  on_every_core(chunks.size(), [&](size_t j) {
    {
      std::lock_guard<std::mutex> hold(failed_lock);
      if (failed_at < j) return;
    }
    rocksdb::PinnableSlice value;
    const std::string key = view_table::chunk_key(chunks[j].ds, section, chunks[j].chunk);
    Result r =
        from_rocks(d.db->Get(options, d.cf[kViewTable], key, &value), "reading the view table");
    if (r.ok()) r = read(j, std::string_view(value.data(), value.size()));
    if (r.ok()) return;
    std::lock_guard<std::mutex> hold(failed_lock);
    if (j < failed_at) {
      failed_at = j;
      failure = r;
    }
  });
  return failure;
}

// The ties from the view table, each chunk visited as one run (ordered by dataset, then chunk).
Result read_table_ties(const Store::Impl& d, const std::vector<DatasetInfo>& all,
                       const TieRun& visit) {
  const std::vector<TableChunk> chunks = chunks_of(all, &DatasetInfo::ties);
  return read_view_table(
      d, view_table::Section::kTies, chunks, [&](size_t j, std::string_view bytes) {
        const TableChunk& c = chunks[j];
        std::vector<TieView> views;
        views.reserve(c.rows);
        Result r = view_table::decode_chunk(bytes, c.ds, (uint64_t{c.ds} << 32) | c.first, &views);
        if (r.ok() && views.size() != c.rows)
          r = Result::Corrupt("a chunk of the view table holds " + std::to_string(views.size()) +
                              " ties instead of " + std::to_string(c.rows) +
                              "; `govnet check --repair` rebuilds the table from the records");
        if (r.ok()) visit(views, (uint64_t{c.ds} << 32) | c.chunk);
        return r;
      });
}

// Actors or instruments from the view table, in key order (as the records are stored).
template <typename T>
Result read_table_nodes(const Store::Impl& d, const std::vector<DatasetInfo>& all,
                        uint64_t DatasetInfo::*count, view_table::Section section,
                        std::vector<T>* out) {
  const std::vector<TableChunk> chunks = chunks_of(all, count);
  std::vector<uint64_t> offset(chunks.size() + 1,
                               0);  // where each chunk's rows go: after the earlier chunks'
  for (size_t j = 0; j < chunks.size(); ++j) offset[j + 1] = offset[j] + chunks[j].rows;
  uint64_t with_records = 0;
  for (const DatasetInfo& ds : all) with_records += ds.*count > 0;
  out->clear();
  out->resize(offset.back());
  Result r = read_view_table(d, section, chunks, [&](size_t j, std::string_view bytes) {
    return view_table::decode_chunk(bytes, chunks[j].ds,
                                    std::span<T>(out->data() + offset[j], chunks[j].rows));
  });
  if (!r.ok()) return r;
  // Each dataset's rows are in key order; the datasets' rows interleave.
  if (with_records > 1)
    sort_on_every_core(out->begin(), out->end(),
                       [](const T& a, const T& b) { return a.key < b.key; });
  return Result::Ok();
}

}  // namespace

TieSource Store::tie_source(Result* status) const {
  *status = Result::Ok();
  return [this, status](const TieRun& visit) {
    std::vector<DatasetInfo> all;
    *status = datasets(&all);
    if (status->ok()) *status = check_view_table(*impl_, all);
    if (status->ok()) *status = read_table_ties(*impl_, all, visit);
    return status->ok();
  };
}

Result Store::load_view_nodes(Network* out) const {
  *out = Network{};
  std::vector<DatasetInfo> all;
  Result r = datasets(&all);
  if (r.ok()) r = check_view_table(*impl_, all);
  if (r.ok())
    r = read_table_nodes(*impl_, all, &DatasetInfo::actors, view_table::Section::kActors,
                         &out->actors);
  if (r.ok())
    r = read_table_nodes(*impl_, all, &DatasetInfo::instruments, view_table::Section::kInstruments,
                         &out->instruments);
  return r;
}

Result Store::datasets(std::vector<DatasetInfo>* out) const { return impl_->all_datasets(out); }

Result Store::find_dataset(const std::string& name, DatasetInfo* out) const {
  std::vector<DatasetInfo> all;
  if (Result s = impl_->all_datasets(&all); !s.ok()) return s;
  for (auto& d : all)
    if (d.name == name) {
      *out = d;
      return Result::Ok();
    }
  std::string known;
  for (auto& d : all) known += (known.empty() ? "" : ", ") + ("'" + d.name + "'");
  return Result::NotFound("no dataset named '" + name + "' in " + impl_->dir +
                          (known.empty() ? " (the store is empty)" : "; datasets: " + known));
}

std::optional<NodeType> Store::kind_of(const std::string& key, DatasetId* owner) const {
  Actor a;
  if (get_actor(key, &a).ok()) {
    if (owner) *owner = a.dataset;
    return NodeType::kActor;
  }
  Instrument x;
  if (get_instrument(key, &x).ok()) {
    if (owner) *owner = x.dataset;
    return NodeType::kInstrument;
  }
  return std::nullopt;
}

Result Store::get_actor(const std::string& key, Actor* out) const {
  std::string v;
  if (Result s = impl_->get(kActors, key, &v); !s.ok()) return s;
  return codec::decode(v, out);
}

Result Store::get_instrument(const std::string& key, Instrument* out) const {
  std::string v;
  if (Result s = impl_->get(kInstruments, key, &v); !s.ok()) return s;
  return codec::decode(v, out);
}

Result Store::ties_of(const std::string& key, std::vector<Tie>* out) const {
  std::set<uint64_t> ids;
  Result s =
      impl_->scan(kAdjacency, adjacency_prefix(key), [&](std::string_view k, std::string_view v) {
        if (adjacency_ties(k.substr(key.size() + 1), v, [&](uint64_t id) { ids.insert(id); }))
          return Result::Ok();
        return Result::Corrupt("the adjacency index entry of " + key +
                               " is damaged; `govnet check --repair` rebuilds it");
      });
  if (!s.ok()) return s;
  out->clear();
  for (uint64_t id : ids) {
    std::string v;
    s = impl_->get(kTies, tie_key(id), &v);
    if (!s.ok())
      return Result::Corrupt("the adjacency index of " + key + " names tie " + std::to_string(id) +
                             ", which is missing");
    Tie t;
    if (s = codec::decode(v, &t); !s.ok()) return s;
    out->push_back(std::move(t));
  }
  return Result::Ok();
}

namespace {

// How well a normalized text matches the query q it contains at `pos`: 0 exactly, 1 as a
// prefix, 2 as a word's prefix, 3 inside a word.
int match_rank(std::string_view norm, std::string_view q, size_t pos) {
  return norm.size() == q.size() ? 0 : pos == 0 ? 1 : norm[pos - 1] == ' ' ? 2 : 3;
}

}  // namespace

Result Store::search(const std::string& query, std::vector<SearchHit>* out) const {
  out->clear();
  const std::string q = normalize_for_search(query);
  if (q.empty()) return Result::Invalid("the search text '" + query + "' has no letters or digits");
  // For each record that matches: its best rank and the text that matched so.
  std::map<std::pair<NodeType, std::string>, std::pair<int, std::string>> best;
  Result s = impl_->scan(kNames, "", [&](std::string_view k, std::string_view v) {
    const std::optional<NameKey> entry = parse_name_key(k);
    if (!entry) return Result::Ok();  // a damaged entry `check` reports
    const size_t pos = entry->normalized.find(q);
    if (pos == std::string_view::npos) return Result::Ok();
    const int rank = match_rank(entry->normalized, q, pos);
    std::pair<NodeType, std::string> id{entry->type, std::string(entry->key)};
    auto it = best.find(id);
    if (it == best.end() || rank < it->second.first) best[id] = {rank, std::string(v)};
    return Result::Ok();
  });
  if (!s.ok()) return s;
  std::vector<std::pair<int, SearchHit>> ranked;
  for (auto& [id, r] : best) {
    SearchHit h;
    h.node = {id.first, id.second};
    h.matched = r.second;
    if (h.node.is_instrument()) {
      Instrument x;
      if (get_instrument(h.node.key, &x).ok()) h.name = x.name;
    } else {
      Actor a;
      if (get_actor(h.node.key, &a).ok()) h.name = a.name;
    }
    ranked.emplace_back(r.first, std::move(h));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.node.type != b.second.node.type) return a.second.node.type == NodeType::kActor;
    return a.second.node.key < b.second.node.key;
  });
  for (auto& [rank, hit] : ranked) out->push_back(std::move(hit));
  return Result::Ok();
}

Result Store::save_layout(const std::string& name, const std::vector<NodePosition>& positions) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("saving a layout needs the store opened for writing");
  rocksdb::WriteBatch b;
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  b.Put(d.cf[kLayouts], name, codec::encode_layout(name, positions, now)).PermitUncheckedError();
  return d.write(&b);
}

Result Store::load_layout(const std::string& name, std::vector<NodePosition>* out) const {
  out->clear();
  std::string v;
  Result r = impl_->get(kLayouts, name, &v);
  if (r.code() == Result::Code::kNotFound)
    return Result::NotFound("no saved layout '" + name + "'");
  if (!r.ok()) return r;
  return codec::decode_layout(v, out);
}

}  // namespace govnet
