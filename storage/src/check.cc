// Store::check and Store::repair: the store's indexes are derived data, so both work by
// computing, from the records alone, the exact set of index entries and counts there should be,
// and comparing it with (or writing it over) what is stored.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <map>
#include <set>

#include "codec.h"
#include "govnet/store.h"
#include "govnet/text.h"
#include "store_impl.h"

namespace govnet {
namespace {

// What the indexes and counts should be, derived from the records.
struct Expected {
  std::map<Cf, std::map<std::string, std::string>> entries;  // family -> key -> value
  std::map<DatasetId, DatasetInfo> counts;                   // actors, instruments, ties, evidence
  std::vector<std::string> problems;                         // records that cannot be indexed
  // Datasets whose view table cannot be derived (one of their records does not decode): their
  // stored table is left as it is. An actor or instrument does not say its dataset until decoded:
  // when one does not decode, no dataset's table is compared.
  std::set<DatasetId> table_unknown;
  bool no_table_known = false;
  bool table_known(DatasetId ds) const { return !no_table_known && !table_unknown.count(ds); }
};

// The view table derived from the records, fed family by family in key order: each dataset's
// actors, instruments and ties in chunks (view_table.h).
class TableDeriver {
 public:
  explicit TableDeriver(Expected* e) : e_(e) {}
  void add(const Actor& a) {
    add(a.dataset, a, &Pending::actors, &Pending::actor_rows, view_table::Section::kActors);
  }
  void add(const Instrument& x) {
    add(x.dataset, x, &Pending::instruments, &Pending::instrument_rows,
        view_table::Section::kInstruments);
  }
  void add(const Tie& t) {
    add(t.dataset, t, &Pending::ties, &Pending::tie_rows, view_table::Section::kTies);
  }
  // The chunks not yet full, and the entry of each dataset in `datasets`: its record's load time
  // and content hash, the counts of rows derived here.
  void finish(const std::map<DatasetId, DatasetInfo>& datasets) {
    for (auto& [ds, p] : pending_) {
      flush(ds, p.actors, &p.actor_rows, view_table::Section::kActors);
      flush(ds, p.instruments, &p.instrument_rows, view_table::Section::kInstruments);
      flush(ds, p.ties, &p.tie_rows, view_table::Section::kTies);
    }
    for (const auto& [ds, info] : datasets) {
      const Pending& p = pending_[ds];
      view_table::Stamp stamp = view_table::Stamp::of(info);
      stamp.actors = p.actor_rows;
      stamp.instruments = p.instrument_rows;
      stamp.ties = p.tie_rows;
      e_->entries[kViewTable].emplace(view_table::marker_key(ds), view_table::encode_marker(stamp));
    }
  }

 private:
  struct Pending {
    std::vector<Actor> actors;
    std::vector<Instrument> instruments;
    std::vector<Tie> ties;
    uint64_t actor_rows = 0, instrument_rows = 0, tie_rows = 0;  // in chunks already made
  };
  template <typename T>
  void add(DatasetId ds, const T& record, std::vector<T> Pending::*rows, uint64_t Pending::*done,
           view_table::Section section) {
    Pending& p = pending_[ds];
    (p.*rows).push_back(record);
    if ((p.*rows).size() == view_table::kChunk) flush(ds, p.*rows, &(p.*done), section);
  }
  template <typename T>
  void flush(DatasetId ds, std::vector<T>& rows, uint64_t* done, view_table::Section section) {
    if (rows.empty()) return;
    std::vector<const T*> pointers;
    for (const T& r : rows) pointers.push_back(&r);
    e_->entries[kViewTable].emplace(
        view_table::chunk_key(ds, section, static_cast<uint32_t>(*done / view_table::kChunk)),
        view_table::encode_chunk(std::span<const T* const>(pointers)));
    *done += rows.size();
    rows.clear();
  }
  Expected* e_;
  std::map<DatasetId, Pending> pending_;
};

void add_names(Expected* e, bool instrument, const std::string& key, const std::string& name,
               const std::vector<std::string>& aliases) {
  Store::Impl::name_entries(
      instrument, key, name, aliases,
      [&](const std::string& k, const std::string& text) { e->entries[kNames].emplace(k, text); });
}

Result derive(const Store::Impl& d, Expected* e, uint64_t* records) {
  std::map<DatasetId, DatasetInfo> datasets;
  Result r = d.scan(kDatasets, "", [&](std::string_view k, std::string_view v) {
    DatasetInfo info;
    if (!codec::decode(v, &info).ok() || info.id != codec::read_be32(k)) {
      e->problems.push_back("dataset record " + std::to_string(codec::read_be32(k)) +
                            " does not decode or has the wrong id");
      return Result::Ok();
    }
    datasets.emplace(info.id, info);
    e->counts[info.id].id = info.id;
    return Result::Ok();
  });
  if (!r.ok()) return r;
  auto owned = [&](DatasetId ds, const std::string& what) {
    if (datasets.count(ds)) return true;
    e->problems.push_back(what + " belongs to dataset #" + std::to_string(ds) +
                          ", which does not exist");
    return false;
  };
  TableDeriver table(e);
  for (Cf family : {kActors, kInstruments}) {
    const bool instrument = family == kInstruments;
    r = d.scan(family, "", [&](std::string_view k, std::string_view v) {
      ++*records;
      std::string key(k);
      std::string what = std::string(instrument ? "instrument " : "actor ") + key;
      if (instrument) {
        Instrument x;
        if (Result dr = codec::decode(v, &x); !dr.ok()) {
          e->problems.push_back(what + ": " + dr.message());
          e->no_table_known = true;
          return Result::Ok();
        }
        if (x.key != key)
          e->problems.push_back(what + " is stored under the key of '" + x.key + "'");
        add_names(e, true, key, x.name, {});
        if (owned(x.dataset, what)) {
          e->entries[kMembers].emplace(member_key(x.dataset, true, key), "");
          ++e->counts[x.dataset].instruments;
          e->counts[x.dataset].evidence += x.evidence.size();
          table.add(x);
        }
      } else {
        Actor a;
        if (Result dr = codec::decode(v, &a); !dr.ok()) {
          e->problems.push_back(what + ": " + dr.message());
          e->no_table_known = true;
          return Result::Ok();
        }
        if (a.key != key)
          e->problems.push_back(what + " is stored under the key of '" + a.key + "'");
        add_names(e, false, key, a.name, a.aliases);
        if (owned(a.dataset, what)) {
          e->entries[kMembers].emplace(member_key(a.dataset, false, key), "");
          ++e->counts[a.dataset].actors;
          e->counts[a.dataset].evidence += a.evidence.size();
          table.add(a);
        }
      }
      return Result::Ok();
    });
    if (!r.ok()) return r;
  }
  r = d.scan(kTies, "", [&](std::string_view k, std::string_view v) {
    ++*records;
    uint64_t id = codec::read_be64(k);
    std::string what = "tie " + std::to_string(id >> 32) + "/" + std::to_string(id & 0xFFFFFFFFu);
    Tie t;
    if (Result dr = codec::decode(v, &t); !dr.ok()) {
      e->problems.push_back(what + ": " + dr.message());
      e->table_unknown.insert(static_cast<DatasetId>(id >> 32));
      return Result::Ok();
    }
    if (t.id != id || t.dataset != (id >> 32))
      e->problems.push_back(what + " disagrees with its key about its id or dataset");
    std::string value;
    if (!d.get(kActors, t.from, &value).ok())
      e->problems.push_back(what + " comes from '" + t.from +
                            "', which is not an actor in the store");
    if (!d.get(t.to_instrument ? kInstruments : kActors, t.to, &value).ok())
      e->problems.push_back(what + " goes to '" + t.to + "', which is not an " +
                            (t.to_instrument ? "instrument" : "actor") + " in the store");
    // The tie's ends in its endpoints' adjacency lists, in tie order (the scan's).
    const auto ds = static_cast<DatasetId>(id >> 32);
    const auto seq = static_cast<uint32_t>(id);
    add_adjacency(&e->entries[kAdjacency][adjacency_key(t.from, ds)], false, t.family, seq);
    add_adjacency(&e->entries[kAdjacency][adjacency_key(t.to, ds)], true, t.family, seq);
    if (owned(t.dataset, what)) {
      ++e->counts[t.dataset].ties;
      e->counts[t.dataset].evidence += t.evidence.size();
      table.add(t);
    }
    return Result::Ok();
  });
  table.finish(datasets);
  // A dataset with an undecodable record: none of its table is expected (nor compared).
  auto& entries = e->entries[kViewTable];
  for (auto it = entries.begin(); it != entries.end();)
    it = e->table_known(codec::read_be32(it->first)) ? std::next(it) : entries.erase(it);
  return r;
}

// Compares the stored index entries with the derived ones: calls extra(family, key, nullptr) for
// a stored entry that should not be there, extra(family, key, &value) for one that should hold
// `value` instead, missing(family, key, value) for a derived entry the store lacks. Counts the
// entries read in *read.
template <typename Extra, typename Missing>
Result diff_indexes(const Store::Impl& d, Expected& e, uint64_t* read, Extra&& extra,
                    Missing&& missing) {
  for (Cf family : {kMembers, kAdjacency, kNames, kViewTable}) {
    auto& want = e.entries[family];
    std::set<std::string> matched;
    Result r = !d.cf[family] ? Result::Ok()
                             : d.scan(family, "", [&](std::string_view k, std::string_view v) {
                                 if (family == kViewTable &&
                                     (k.size() < 4 || !e.table_known(codec::read_be32(k))))
                                   return Result::Ok();
                                 ++*read;
                                 auto it = want.find(std::string(k));
                                 if (it == want.end()) {
                                   extra(family, k, static_cast<const std::string*>(nullptr));
                                   return Result::Ok();
                                 }
                                 matched.insert(it->first);
                                 if (it->second != v) extra(family, k, &it->second);
                                 return Result::Ok();
                               });
    if (!r.ok()) return r;
    for (const auto& [key, value] : want)
      if (!matched.count(key)) missing(family, key, value);
  }
  return Result::Ok();
}

const char* index_name(Cf f) {
  switch (f) {
    case kMembers:
      return "members";
    case kAdjacency:
      return "adjacency";
    case kNames:
      return "names";
    case kViewTable:
      return "view table";
    default:
      return "?";
  }
}

std::string printable(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c < 0x7F)
      out += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

Result Store::check(CheckReport* report, size_t max_problems) const {
  const Impl& d = *impl_;
  *report = CheckReport{};
  auto problem = [&](std::string p) {
    ++report->problem_count;
    if (report->problems.size() < max_problems) report->problems.push_back(std::move(p));
  };
  Expected e;
  if (Result r = derive(d, &e, &report->records); !r.ok()) return r;
  for (auto& p : e.problems) problem(std::move(p));
  // The view table's differences are told per dataset: a missing table is one problem, not one
  // per chunk. [0] missing entries, [1] entries that should not be there, [2] wrong ones.
  std::map<DatasetId, std::array<uint64_t, 3>> table;
  auto table_entry = [&](std::string_view k, int what) {
    ++table[k.size() >= 4 ? codec::read_be32(k) : 0][what];
  };
  // Adjacency entries of one per tie end (an older govnet's layout) are told as one problem.
  uint64_t per_tie_entries = 0, adjacency_missing = 0;
  std::vector<std::string> adjacency_problems;
  Result diff = diff_indexes(
      d, e, &report->index_entries,
      [&](Cf family, std::string_view k, const std::string* want) {
        if (family == kViewTable) return table_entry(k, want ? 2 : 1);
        const std::string entry =
            std::string(index_name(family)) + " index entry '" + printable(k) + "'";
        if (family == kAdjacency && !want && per_tie_adjacency_key(k))
          ++per_tie_entries;
        else if (family == kAdjacency)
          adjacency_problems.push_back(entry +
                                       (want ? " holds the wrong ties" : " points at no record"));
        else
          problem(entry + (want ? " holds the wrong text" : " points at no record"));
      },
      [&](Cf family, const std::string& key, const std::string&) {
        if (family == kViewTable) return table_entry(key, 0);
        const std::string lacks =
            std::string(index_name(family)) + " index lacks the entry '" + printable(key) + "'";
        if (family == kAdjacency) {
          ++adjacency_missing;
          adjacency_problems.push_back(lacks);
        } else {
          problem(lacks);
        }
      });
  if (!diff.ok()) return diff;
  if (per_tie_entries) {
    problem("the adjacency index holds " + std::to_string(per_tie_entries) +
            " entries of one tie end each (the "
            "store was written by an older govnet) and lacks " +
            std::to_string(adjacency_missing) +
            " lists; ties "
            "are still found through it; `govnet check --repair` rewrites it");
  } else {
    for (std::string& p : adjacency_problems) problem(std::move(p));
  }
  std::map<DatasetId, uint64_t> expected;
  for (const auto& [key, value] : e.entries[kViewTable]) ++expected[codec::read_be32(key)];
  for (const auto& [ds, n] : table) {
    if (n[1] == 0 && n[2] == 0 && n[0] == expected[ds]) {
      problem("dataset '" + d.dataset_name(ds) +
              "' has no view table (the store was written by an older "
              "govnet): views read its records instead, more slowly; `govnet check --repair` "
              "writes it");
      continue;
    }
    std::string counts;
    const char* const what[3] = {" missing", " without records", " not matching the records"};
    for (int i = 0; i < 3; ++i)
      if (n[i]) counts += (counts.empty() ? "" : ", ") + std::to_string(n[i]) + what[i];
    problem("the view table of dataset '" + d.dataset_name(ds) +
            "' (what views read of its records) differs "
            "from its records: entries " +
            counts +
            "; views may fail or show records as they were; "
            "`govnet check --repair` rebuilds it from the records");
  }
  std::vector<DatasetInfo> stored;
  if (Result r = d.all_datasets(&stored); !r.ok()) return r;
  for (const auto& ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (ds.actors != c.actors || ds.instruments != c.instruments || ds.ties != c.ties ||
        ds.evidence != c.evidence)
      problem("dataset '" + ds.name + "' says " + std::to_string(ds.actors) + "/" +
              std::to_string(ds.instruments) + "/" + std::to_string(ds.ties) + "/" +
              std::to_string(ds.evidence) + " actors/instruments/ties/evidence but holds " +
              std::to_string(c.actors) + "/" + std::to_string(c.instruments) + "/" +
              std::to_string(c.ties) + "/" + std::to_string(c.evidence));
  }
  if (d.cf[kLayouts]) {
    Result r = d.scan(kLayouts, "", [&](std::string_view k, std::string_view v) {
      std::vector<SavedPosition> positions;
      if (Result dr = codec::decode_layout(v, &positions); !dr.ok())
        problem("saved layout '" + printable(k) + "': " + dr.message());
      return Result::Ok();
    });
    if (!r.ok()) return r;
  }
  return Result::Ok();
}

Result Store::repair(CheckReport* report) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("repairing needs the store opened for writing");
  *report = CheckReport{};
  Expected e;
  if (Result r = derive(d, &e, &report->records); !r.ok()) return r;
  report->problems = e.problems;  // what repair cannot fix
  report->problem_count = e.problems.size();
  rocksdb::WriteBatch b;
  Result diff = diff_indexes(
      d, e, &report->index_entries,
      [&](Cf family, std::string_view k, const std::string* want) {
        if (want)
          b.Put(d.cf[family], std::string(k), *want).PermitUncheckedError();
        else
          b.Delete(d.cf[family], std::string(k)).PermitUncheckedError();
        ++report->repaired_entries;
      },
      [&](Cf family, const std::string& key, const std::string& value) {
        b.Put(d.cf[family], key, value).PermitUncheckedError();
        ++report->repaired_entries;
      });
  if (!diff.ok()) return diff;
  std::vector<DatasetInfo> stored;
  if (Result r = d.all_datasets(&stored); !r.ok()) return r;
  for (DatasetInfo ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (ds.actors == c.actors && ds.instruments == c.instruments && ds.ties == c.ties &&
        ds.evidence == c.evidence)
      continue;
    ds.actors = c.actors;
    ds.instruments = c.instruments;
    ds.ties = c.ties;
    ds.evidence = c.evidence;
    b.Put(d.cf[kDatasets], codec::be32(ds.id), codec::encode(ds)).PermitUncheckedError();
    ++report->repaired_entries;
  }
  if (b.Count() == 0) return Result::Ok();
  return d.write(&b);
}

}  // namespace govnet
