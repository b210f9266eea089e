// Reading the view table (format.h): Store::tie_source and Store::load_view_nodes, a chunk per
// core at a time.
#include <rocksdb/db.h>

#include <algorithm>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "format.h"
#include "govnet/parallel.h"
#include "store_impl.h"

namespace govnet {
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

}  // namespace govnet
