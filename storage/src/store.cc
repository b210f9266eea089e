// Store: creating and opening a store, and reading it (records, view table, indexes, layouts).
#include "govnet/store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

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
  // Any run of digits is a version, however long: one above ours is a newer govnet's.
  const bool digits =
      !version.empty() && version.size() <= 64 &&
      std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; });
  const size_t first = digits ? std::min(version.find_first_not_of('0'), version.size()) : 0;
  const bool newer = digits && (version.size() - first > 9 || std::stoi(version) > kSchemaVersion);
  const int v = digits && !newer ? std::stoi(version) : 0;
  if (!newer && v < 1)
    return Result::Corrupt(dir + ": unknown store schema version '" + version + "'");
  if (newer)
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
  b.Put(impl->cf[kMeta], kNextDatasetKey, next_dataset_value(1)).PermitUncheckedError();
  s = impl->write(&b);
  if (s.ok() && created) *created = true;
  return s;
}

namespace {

bool is_read_only_error(const std::string& message) {
  return message.find("Read-only file system") != std::string::npos ||
         message.find("Permission denied") != std::string::npos;
}

// Why `dir` is not a store that can be opened, told apart: nothing there, a file, a directory
// of other files, or a store that has lost its CURRENT file.
Result check_store_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "CURRENT", ec)) return Result::Ok();
  const auto status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    return Result::Invalid(dir +
                           " is a file, not a govnet store (a store is a directory); point --db "
                           "or GOVNET_DB at a store's directory");
  bool rocks_files = false, other_files = false;
  if (fs::is_directory(status))
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      const bool rocks = name.rfind("MANIFEST-", 0) == 0 || name.rfind("OPTIONS-", 0) == 0 ||
                         name == "IDENTITY" || name.ends_with(".sst") || name.ends_with(".log");
      (rocks ? rocks_files : other_files) = true;
      if (rocks_files) break;
    }
  if (rocks_files)
    return Result::Corrupt("damaged store: " + dir +
                           " holds a store's files but no CURRENT file (the pointer to its "
                           "manifest); restore the directory from a backup, or run `govnet check "
                           "--repair --db " +
                           dir + "` to rebuild it from the files that remain");
  if (other_files)
    return Result::NotFound("no govnet store at " + dir +
                            ": it is a directory of other files; point --db or GOVNET_DB at a "
                            "store, or give `govnet init --db` a new or empty directory");
  return Result::NotFound("no govnet store at " + dir + " (create one with `govnet init --db " +
                          dir + "`, or point --db / GOVNET_DB at an existing store)");
}

}  // namespace

Result open_db(const std::string& dir, Store::Access access, Store::Impl* impl) {
  if (Result s = check_store_dir(dir); !s.ok()) return s;
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
  if (!s.ok() && !read_only && is_read_only_error(s.message()))
    return Result::Invalid("the store is read-only: " + dir +
                           " cannot be written by this user or on this file system (" +
                           s.message() +
                           "); queries still work, and commands that change the store need "
                           "write access to the directory");
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
  else {
    std::error_code ec;
    fs::remove_all(fs::path(dir) / detail::kIngestDir, ec);  // a killed import's unfinished files
  }
  return Result::Ok();
}

Result Store::recover_manifest(const std::string& dir, bool* recovered) {
  *recovered = false;
  Result s = check_store_dir(dir);
  if (s.ok() || s.code() != Result::Code::kCorrupt) return Result::Ok();  // nothing to recover
  rocksdb::Options o = base_options(dir, Access::kReadWrite);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const char* name : kCfNames) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions(o));
  s = from_rocks(
      rocksdb::RepairDB(dir, rocksdb::DBOptions(o), cfs, rocksdb::ColumnFamilyOptions(o)),
      "rebuilding the manifest of " + dir);
  if (!s.ok()) return s;
  // The repair brings back the column families that had files; the empty ones are made again.
  o.create_missing_column_families = true;
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  s = from_rocks(rocksdb::DB::Open(o, dir, cfs, &handles, &raw), "opening " + dir);
  if (!s.ok()) return s;
  std::unique_ptr<rocksdb::DB> db(raw);
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  s = from_rocks(db->Close(), "closing " + dir);
  if (s.ok()) *recovered = true;
  return s;
}

Result Store::open(const std::string& dir, Access access, std::unique_ptr<Store>* out) {
  auto impl = std::make_unique<Impl>();
  if (Result s = open_db(dir, access, impl.get()); !s.ok()) return s;
  if (Result s = impl->check_schema(); !s.ok()) return s;
  out->reset(new Store(std::move(impl)));
  return Result::Ok();
}

uint64_t most_records(const Store::Impl& d, Cf family) {
  uint64_t keys = 0;
  return d.db->GetIntProperty(d.cf[family], "rocksdb.estimate-num-keys", &keys) ? 2 * keys + 4096
                                                                                : 0;
}

namespace {

// Decodes every record of a column family on every core, straight into slots made from the
// datasets' count of them (parallel_decode.h): no record is copied or moved once decoded. A
// damaged dataset record could claim any count: slots are made for no more than most_records.
template <typename T>
Result decode_all(const Store::Impl& d, Cf family, uint64_t count, std::vector<T>* out) {
  const uint64_t slots = std::min(count, most_records(d, family));
  return detail::decode_in_parallel(
      [&](auto&& visit) { return d.scan(family, "", visit); },
      [](std::string_view v, T* record) { return codec::decode(v, record); }, slots, out);
}

// The datasets' counts of records, summed (zero when the datasets cannot be read).
DatasetInfo record_counts(const Store& store) {
  DatasetInfo sum;
  std::vector<DatasetInfo> all;
  if (store.datasets(&all).ok())
    for (const auto& x : all) {
      sum.actors += x.actors;
      sum.instruments += x.instruments;
      sum.ties += x.ties;
    }
  return sum;
}

Result load_actors_and_instruments(const Store::Impl& d, const DatasetInfo& counts, Network* out) {
  *out = Network{};
  if (Result s = decode_all(d, kActors, counts.actors, &out->actors); !s.ok()) return s;
  return decode_all(d, kInstruments, counts.instruments, &out->instruments);
}

}  // namespace

Result Store::load_nodes(Network* out) const {
  return load_actors_and_instruments(*impl_, record_counts(*this), out);
}

Result Store::load_network(Network* out) const {
  const DatasetInfo counts = record_counts(*this);
  if (Result s = load_actors_and_instruments(*impl_, counts, out); !s.ok()) return s;
  return decode_all(*impl_, kTies, counts.ties, &out->ties);
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
    if (s.code() == Result::Code::kNotFound)
      return Result::Corrupt("the adjacency index of " + key + " names tie " + std::to_string(id) +
                             ", which is missing");
    if (!s.ok())
      return Result::Corrupt("tie " + std::to_string(id) + " of " + key +
                             " cannot be read: the store's file holding it is damaged (" +
                             s.message() + "); restore the store from a backup");
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
