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
#include "format.h"
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
// actors, instruments and ties in chunks (format.h).
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
      e_->entries[kViewTable].emplace(view_table::stamp_key(ds), view_table::encode_stamp(stamp));
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

void add_names(Expected* e, NodeType type, const std::string& key, const std::string& name,
               const std::vector<std::string>& aliases) {
  Store::Impl::name_entries(
      type, key, name, aliases,
      [&](const std::string& k, const std::string& text) { e->entries[kNames].emplace(k, text); });
}

// Derives the indexes, counts and view table from the records, one family at a time.
class Deriver {
 public:
  Deriver(const Store::Impl& d, Expected* e, uint64_t* records)
      : d_(d), e_(e), records_(records), table_(e) {}

  Result run() {
    if (Result r = read_datasets(); !r.ok()) return r;
    if (Result r = d_.scan(kActors, "",
                           [&](std::string_view k, std::string_view v) {
                             return add_node<Actor>(NodeType::kActor, k, v);
                           });
        !r.ok())
      return r;
    if (Result r = d_.scan(kInstruments, "",
                           [&](std::string_view k, std::string_view v) {
                             return add_node<Instrument>(NodeType::kInstrument, k, v);
                           });
        !r.ok())
      return r;
    Result r = d_.scan(kTies, "", [&](std::string_view k, std::string_view v) {
      add_tie(k, v);
      return Result::Ok();
    });
    table_.finish(datasets_);
    // A dataset with an undecodable record: none of its table is expected (nor compared).
    auto& entries = e_->entries[kViewTable];
    for (auto it = entries.begin(); it != entries.end();)
      it = e_->table_known(codec::read_be32(it->first)) ? std::next(it) : entries.erase(it);
    return r;
  }

 private:
  Result read_datasets() {
    return d_.scan(kDatasets, "", [&](std::string_view k, std::string_view v) {
      DatasetInfo info;
      if (!codec::decode(v, &info).ok() || info.id != codec::read_be32(k)) {
        e_->problems.push_back("dataset record " + std::to_string(codec::read_be32(k)) +
                               " does not decode or has the wrong id");
        return Result::Ok();
      }
      datasets_.emplace(info.id, info);
      e_->counts[info.id].id = info.id;
      return Result::Ok();
    });
  }

  bool owned(DatasetId ds, const std::string& what) {
    if (datasets_.count(ds)) return true;
    e_->problems.push_back(what + " belongs to dataset #" + std::to_string(ds) +
                           ", which does not exist");
    return false;
  }

  static const std::vector<std::string>& aliases_of(const Actor& a) { return a.aliases; }
  static const std::vector<std::string>& aliases_of(const Instrument&) {
    static const std::vector<std::string> none;
    return none;
  }
  static uint64_t& count_of(DatasetInfo& c, const Actor&) { return c.actors; }
  static uint64_t& count_of(DatasetInfo& c, const Instrument&) { return c.instruments; }

  // An actor or instrument record: its names and members entries, counts and table rows.
  template <typename Record>
  Result add_node(NodeType type, std::string_view k, std::string_view v) {
    ++*records_;
    const std::string key(k);
    const std::string what = std::string(to_string(type)) + " " + key;
    Record x;
    if (Result dr = codec::decode(v, &x); !dr.ok()) {
      e_->problems.push_back(what + ": " + dr.message());
      e_->no_table_known = true;
      return Result::Ok();
    }
    if (x.key != key) e_->problems.push_back(what + " is stored under the key of '" + x.key + "'");
    add_names(e_, type, key, x.name, aliases_of(x));
    if (owned(x.dataset, what)) {
      e_->entries[kMembers].emplace(member_key(x.dataset, type, key), "");
      DatasetInfo& c = e_->counts[x.dataset];
      ++count_of(c, x);
      c.evidence += x.evidence.size();
      table_.add(x);
    }
    return Result::Ok();
  }

  // A tie record: its ends in its endpoints' adjacency lists (in tie order, the scan's), counts
  // and table row.
  void add_tie(std::string_view k, std::string_view v) {
    ++*records_;
    const uint64_t id = codec::read_be64(k);
    const auto ds = static_cast<DatasetId>(id >> 32);
    const auto seq = static_cast<uint32_t>(id);
    const std::string what = "tie " + std::to_string(ds) + "/" + std::to_string(seq);
    Tie t;
    if (Result dr = codec::decode(v, &t); !dr.ok()) {
      e_->problems.push_back(what + ": " + dr.message());
      e_->table_unknown.insert(ds);
      return;
    }
    if (t.id != id || t.dataset != ds)
      e_->problems.push_back(what + " disagrees with its key about its id or dataset");
    if (!d_.exists(kActors, t.from))
      e_->problems.push_back(what + " comes from '" + t.from +
                             "', which is not an actor in the store");
    if (!d_.exists(t.to_instrument ? kInstruments : kActors, t.to))
      e_->problems.push_back(what + " goes to '" + t.to + "', which is not an " +
                             (t.to_instrument ? "instrument" : "actor") + " in the store");
    add_adjacency(&e_->entries[kAdjacency][adjacency_key(t.from, ds)], TieEnd::kFrom, t.family,
                  seq);
    add_adjacency(&e_->entries[kAdjacency][adjacency_key(t.to, ds)], TieEnd::kTo, t.family, seq);
    if (owned(t.dataset, what)) {
      ++e_->counts[t.dataset].ties;
      e_->counts[t.dataset].evidence += t.evidence.size();
      table_.add(t);
    }
  }

  const Store::Impl& d_;
  Expected* e_;
  uint64_t* records_;
  TableDeriver table_;
  std::map<DatasetId, DatasetInfo> datasets_;
};

Result derive(const Store::Impl& d, Expected* e, uint64_t* records) {
  return Deriver(d, e, records).run();
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
    Result r = d.scan(family, "", [&](std::string_view k, std::string_view v) {
      if (family == kViewTable && (k.size() < 4 || !e.table_known(codec::read_be32(k))))
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

// Adds a problem to the report, keeping at most `max` of them (problem_count counts all).
class ProblemList {
 public:
  ProblemList(Store::CheckReport* report, size_t max) : report_(report), max_(max) {}
  void add(std::string p) {
    ++report_->problem_count;
    if (report_->problems.size() < max_) report_->problems.push_back(std::move(p));
  }

 private:
  Store::CheckReport* report_;
  size_t max_;
};

// The view table's differences, told per dataset: a missing table is one problem, not one per
// chunk. n: [0] missing entries, [1] entries that should not be there, [2] wrong ones.
void report_view_tables(const Store::Impl& d, Expected& e,
                        const std::map<DatasetId, std::array<uint64_t, 3>>& table,
                        ProblemList* problems) {
  std::map<DatasetId, uint64_t> expected;
  for (const auto& [key, value] : e.entries[kViewTable]) ++expected[codec::read_be32(key)];
  for (const auto& [ds, n] : table) {
    if (n[1] == 0 && n[2] == 0 && n[0] == expected[ds]) {
      problems->add("dataset '" + d.dataset_name(ds) +
                    "' has no view table (what views read of its records): views of the store "
                    "fail; `govnet check --repair` writes it");
      continue;
    }
    std::string counts;
    const char* const what[3] = {" missing", " without records", " not matching the records"};
    for (int i = 0; i < 3; ++i)
      if (n[i]) counts += (counts.empty() ? "" : ", ") + std::to_string(n[i]) + what[i];
    problems->add("the view table of dataset '" + d.dataset_name(ds) +
                  "' (what views read of its records) differs "
                  "from its records: entries " +
                  counts +
                  "; views may fail or show records as they were; "
                  "`govnet check --repair` rebuilds it from the records");
  }
}

// Problems with the stored index entries and view table.
Result check_indexes(const Store::Impl& d, Expected& e, Store::CheckReport* report,
                     ProblemList* problems) {
  std::map<DatasetId, std::array<uint64_t, 3>> table;
  auto table_entry = [&](std::string_view k, int what) {
    ++table[k.size() >= 4 ? codec::read_be32(k) : 0][what];
  };
  Result diff = diff_indexes(
      d, e, &report->index_entries,
      [&](Cf family, std::string_view k, const std::string* want) {
        if (family == kViewTable) return table_entry(k, want ? 2 : 1);
        const std::string entry =
            std::string(index_name(family)) + " index entry '" + printable(k) + "'";
        const char* wrong =
            family == kAdjacency ? " holds the wrong ties" : " holds the wrong text";
        problems->add(entry + (want ? wrong : " points at no record"));
      },
      [&](Cf family, const std::string& key, const std::string&) {
        if (family == kViewTable) return table_entry(key, 0);
        problems->add(std::string(index_name(family)) + " index lacks the entry '" +
                      printable(key) + "'");
      });
  if (!diff.ok()) return diff;
  report_view_tables(d, e, table, problems);
  return Result::Ok();
}

bool same_counts(const DatasetInfo& a, const DatasetInfo& b) {
  return a.actors == b.actors && a.instruments == b.instruments && a.ties == b.ties &&
         a.evidence == b.evidence;
}

// Problems with the datasets' counts, the saved layouts and the saved partitions.
Result check_counts_and_layouts(const Store::Impl& d, Expected& e, ProblemList* problems) {
  std::vector<DatasetInfo> stored;
  if (Result r = d.all_datasets(&stored); !r.ok()) return r;
  for (const auto& ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (!same_counts(ds, c))
      problems->add("dataset '" + ds.name + "' says " + std::to_string(ds.actors) + "/" +
                    std::to_string(ds.instruments) + "/" + std::to_string(ds.ties) + "/" +
                    std::to_string(ds.evidence) + " actors/instruments/ties/evidence but holds " +
                    std::to_string(c.actors) + "/" + std::to_string(c.instruments) + "/" +
                    std::to_string(c.ties) + "/" + std::to_string(c.evidence));
  }
  Result r = d.scan(kLayouts, "", [&](std::string_view k, std::string_view v) {
    std::vector<NodePosition> positions;
    if (Result dr = codec::decode_layout(v, &positions); !dr.ok())
      problems->add("saved layout '" + printable(k) + "': " + dr.message());
    return Result::Ok();
  });
  if (!r.ok()) return r;
  return d.scan(kPartitions, "", [&](std::string_view k, std::string_view v) {
    Store::Partition p;
    if (Result dr = codec::decode_partition(v, &p); !dr.ok())
      problems->add("saved partition '" + printable(k) + "': " + dr.message());
    return Result::Ok();
  });
}

}  // namespace

Result Store::check(CheckReport* report, size_t max_problems) const {
  const Impl& d = *impl_;
  *report = CheckReport{};
  ProblemList problems(report, max_problems);
  Expected e;
  if (Result r = derive(d, &e, &report->records); !r.ok()) return r;
  for (auto& p : e.problems) problems.add(std::move(p));
  if (Result r = check_indexes(d, e, report, &problems); !r.ok()) return r;
  return check_counts_and_layouts(d, e, &problems);
}

Result Store::Impl::repair_batch(rocksdb::WriteBatch* b, CheckReport* report) const {
  *report = CheckReport{};
  Expected e;
  if (Result r = derive(*this, &e, &report->records); !r.ok()) return r;
  report->problems = e.problems;  // what repair cannot fix
  report->problem_count = e.problems.size();
  Result diff = diff_indexes(
      *this, e, &report->index_entries,
      [&](Cf family, std::string_view k, const std::string* want) {
        if (want)
          b->Put(cf[family], std::string(k), *want).PermitUncheckedError();
        else
          b->Delete(cf[family], std::string(k)).PermitUncheckedError();
        ++report->repaired_entries;
      },
      [&](Cf family, const std::string& key, const std::string& value) {
        b->Put(cf[family], key, value).PermitUncheckedError();
        ++report->repaired_entries;
      });
  if (!diff.ok()) return diff;
  std::vector<DatasetInfo> stored;
  if (Result r = all_datasets(&stored); !r.ok()) return r;
  for (DatasetInfo ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (same_counts(ds, c)) continue;
    ds.actors = c.actors;
    ds.instruments = c.instruments;
    ds.ties = c.ties;
    ds.evidence = c.evidence;
    b->Put(cf[kDatasets], dataset_key(ds.id), codec::encode(ds)).PermitUncheckedError();
    ++report->repaired_entries;
  }
  return Result::Ok();
}

Result Store::repair(CheckReport* report) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("repairing needs the store opened for writing");
  rocksdb::WriteBatch b;
  if (Result r = d.repair_batch(&b, report); !r.ok()) return r;
  if (b.Count() == 0) return Result::Ok();
  return d.write(&b);
}

}  // namespace govnet
