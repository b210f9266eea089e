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
  std::map<DatasetId, DatasetInfo> counts;                    // actors, instruments, ties, evidence
  std::vector<std::string> problems;                          // records that cannot be indexed
  // Datasets whose tie table cannot be derived (a tie record does not decode): their stored
  // table is left as it is.
  std::set<DatasetId> table_unknown;
};

// The tie table derived from the tie records, fed in key order: each dataset's ties in chunks.
class TableDeriver {
 public:
  explicit TableDeriver(Expected* e) : e_(e) {}
  void add(const Tie& t) {
    if (t.dataset != ds_ || seen_ % tie_table::kChunk == 0) flush();
    if (t.dataset != ds_) { finish(); ds_ = t.dataset; seen_ = 0; }
    pending_.push_back(t);
    ++seen_;
  }
  void finish() {
    flush();
    if (seen_) e_->entries[kTieTable].emplace(tie_table::marker_key(ds_), tie_table::encode_marker(seen_));
    seen_ = 0;
  }

 private:
  void flush() {
    if (pending_.empty()) return;
    const uint32_t chunk = static_cast<uint32_t>((seen_ - 1) / tie_table::kChunk);
    e_->entries[kTieTable].emplace(tie_table::chunk_key(ds_, chunk), tie_table::encode_chunk(pending_));
    pending_.clear();
  }
  Expected* e_;
  DatasetId ds_ = 0;
  uint64_t seen_ = 0;  // ties of ds_ so far
  std::vector<Tie> pending_;
};

void add_names(Expected* e, bool instrument, const std::string& key, const std::string& name,
               const std::vector<std::string>& aliases) {
  auto one = [&](const std::string& text) {
    std::string norm = normalize_for_search(text);
    if (!norm.empty()) e->entries[kNames].emplace(name_key(norm, instrument, key), text);
  };
  one(key);
  one(name);
  for (const auto& a : aliases) one(a);
}

Result derive(const Store::Impl& d, Expected* e, uint64_t* records) {
  std::set<DatasetId> datasets;
  Result r = d.scan(kDatasets, "", [&](std::string_view k, std::string_view v) {
    DatasetInfo info;
    if (!codec::decode(v, &info).ok() || info.id != codec::read_be32(k)) {
      e->problems.push_back("dataset record " + std::to_string(codec::read_be32(k)) + " does not decode or has the wrong id");
      return Result::Ok();
    }
    datasets.insert(info.id);
    e->counts[info.id].id = info.id;
    return Result::Ok();
  });
  if (!r.ok()) return r;
  auto owned = [&](DatasetId ds, const std::string& what) {
    if (datasets.count(ds)) return true;
    e->problems.push_back(what + " belongs to dataset #" + std::to_string(ds) + ", which does not exist");
    return false;
  };
  for (Cf family : {kActors, kInstruments}) {
    const bool instrument = family == kInstruments;
    r = d.scan(family, "", [&](std::string_view k, std::string_view v) {
      ++*records;
      std::string key(k);
      std::string what = std::string(instrument ? "instrument " : "actor ") + key;
      if (instrument) {
        Instrument x;
        if (Result dr = codec::decode(v, &x); !dr.ok()) { e->problems.push_back(what + ": " + dr.message()); return Result::Ok(); }
        if (x.key != key) e->problems.push_back(what + " is stored under the key of '" + x.key + "'");
        add_names(e, true, key, x.name, {});
        if (owned(x.dataset, what)) {
          e->entries[kMembers].emplace(member_key(x.dataset, true, key), "");
          ++e->counts[x.dataset].instruments;
          e->counts[x.dataset].evidence += x.evidence.size();
        }
      } else {
        Actor a;
        if (Result dr = codec::decode(v, &a); !dr.ok()) { e->problems.push_back(what + ": " + dr.message()); return Result::Ok(); }
        if (a.key != key) e->problems.push_back(what + " is stored under the key of '" + a.key + "'");
        add_names(e, false, key, a.name, a.aliases);
        if (owned(a.dataset, what)) {
          e->entries[kMembers].emplace(member_key(a.dataset, false, key), "");
          ++e->counts[a.dataset].actors;
          e->counts[a.dataset].evidence += a.evidence.size();
        }
      }
      return Result::Ok();
    });
    if (!r.ok()) return r;
  }
  TableDeriver table(e);
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
    if (t.id != id || t.dataset != (id >> 32)) e->problems.push_back(what + " disagrees with its key about its id or dataset");
    std::string value;
    if (!d.get(kActors, t.from, &value).ok()) e->problems.push_back(what + " comes from '" + t.from + "', which is not an actor in the store");
    if (!d.get(t.to_instrument ? kInstruments : kActors, t.to, &value).ok())
      e->problems.push_back(what + " goes to '" + t.to + "', which is not an " + (t.to_instrument ? "instrument" : "actor") + " in the store");
    e->entries[kAdjacency].emplace(adjacency_key(t.from, 'o', t.family, t.id), "");
    e->entries[kAdjacency].emplace(adjacency_key(t.to, 'i', t.family, t.id), "");
    if (owned(t.dataset, what)) {
      ++e->counts[t.dataset].ties;
      e->counts[t.dataset].evidence += t.evidence.size();
      table.add(t);
    }
    return Result::Ok();
  });
  table.finish();
  // A dataset with an undecodable tie: none of its table is expected (nor compared).
  auto& entries = e->entries[kTieTable];
  for (auto it = entries.begin(); it != entries.end();)
    it = e->table_unknown.count(codec::read_be32(it->first)) ? entries.erase(it) : std::next(it);
  return r;
}

// Compares the stored index entries with the derived ones: calls extra(family, key) for a stored
// entry that should not be there (or holds the wrong text), missing(family, key, value) for a
// derived entry the store lacks. Counts the entries read in *read.
template <typename Extra, typename Missing>
Result diff_indexes(const Store::Impl& d, Expected& e, uint64_t* read, Extra&& extra, Missing&& missing) {
  for (Cf family : {kMembers, kAdjacency, kNames, kTieTable}) {
    auto& want = e.entries[family];
    std::set<std::string> matched;
    Result r = !d.cf[family] ? Result::Ok() : d.scan(family, "", [&](std::string_view k, std::string_view v) {
      if (family == kTieTable && k.size() >= 4 && e.table_unknown.count(codec::read_be32(k))) return Result::Ok();
      ++*read;
      auto it = want.find(std::string(k));
      const bool valued = family == kNames || family == kTieTable;
      if (it == want.end() || (valued && it->second != v)) extra(family, k, it != want.end());
      else matched.insert(it->first);
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
    case kMembers: return "members";
    case kAdjacency: return "adjacency";
    case kNames: return "names";
    case kTieTable: return "tie table";
    default: return "?";
  }
}

std::string printable(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
    else { char buf[8]; std::snprintf(buf, sizeof buf, "\\x%02X", c); out += buf; }
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
  // The tie table's differences are told per dataset: a missing table is one problem, not one
  // per chunk. [0] missing entries, [1] entries that should not be there, [2] wrong ones.
  std::map<DatasetId, std::array<uint64_t, 3>> table;
  std::set<std::string, std::less<>> wrong;  // (diff_indexes also calls them missing)
  auto table_entry = [&](std::string_view k, int what) {
    if (what == 2) wrong.emplace(k);
    if (what == 0 && wrong.count(k)) return;
    ++table[k.size() >= 4 ? codec::read_be32(k) : 0][what];
  };
  Result diff = diff_indexes(
      d, e, &report->index_entries,
      [&](Cf family, std::string_view k, bool wrong_text) {
        if (family == kTieTable) return table_entry(k, wrong_text ? 2 : 1);
        problem(wrong_text ? std::string(index_name(family)) + " index entry '" + printable(k) + "' holds the wrong text"
                           : std::string(index_name(family)) + " index entry '" + printable(k) + "' points at no record");
      },
      [&](Cf family, const std::string& key, const std::string&) {
        if (family == kTieTable) return table_entry(key, 0);
        problem(std::string(index_name(family)) + " index lacks the entry '" + printable(key) + "'");
      });
  if (!diff.ok()) return diff;
  std::map<DatasetId, uint64_t> expected;
  for (const auto& [key, value] : e.entries[kTieTable]) ++expected[codec::read_be32(key)];
  for (const auto& [ds, n] : table) {
    if (n[1] == 0 && n[2] == 0 && n[0] == expected[ds]) {
      problem("dataset '" + d.dataset_name(ds) + "' has no tie table (the store was written by an older "
              "govnet): views read its tie records instead, more slowly; `govnet check --repair` writes it");
      continue;
    }
    std::string counts;
    const char* const what[3] = {" missing", " without tie records", " not matching the tie records"};
    for (int i = 0; i < 3; ++i)
      if (n[i]) counts += (counts.empty() ? "" : ", ") + std::to_string(n[i]) + what[i];
    problem("the tie table of dataset '" + d.dataset_name(ds) + "' (what views read of its ties) differs from "
            "its tie records: entries " + counts + "; views may fail or show ties as they were; "
            "`govnet check --repair` rebuilds it from the records");
  }
  std::vector<DatasetInfo> stored;
  if (Result r = d.all_datasets(&stored); !r.ok()) return r;
  for (const auto& ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (ds.actors != c.actors || ds.instruments != c.instruments || ds.ties != c.ties || ds.evidence != c.evidence)
      problem("dataset '" + ds.name + "' says " + std::to_string(ds.actors) + "/" + std::to_string(ds.instruments) + "/" +
              std::to_string(ds.ties) + "/" + std::to_string(ds.evidence) + " actors/instruments/ties/evidence but holds " +
              std::to_string(c.actors) + "/" + std::to_string(c.instruments) + "/" + std::to_string(c.ties) + "/" +
              std::to_string(c.evidence));
  }
  if (d.cf[kLayouts]) {
    Result r = d.scan(kLayouts, "", [&](std::string_view k, std::string_view v) {
      std::vector<SavedPosition> positions;
      if (Result dr = codec::decode_layout(v, &positions); !dr.ok()) problem("saved layout '" + printable(k) + "': " + dr.message());
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
      [&](Cf family, std::string_view k, bool) {
        b.Delete(d.cf[family], std::string(k)).PermitUncheckedError();
        ++report->repaired_entries;
      },
      [&](Cf family, const std::string& key, const std::string& value) {
        b.Put(d.cf[family], key, value).PermitUncheckedError();  // after a Delete of the same key: wins
        ++report->repaired_entries;
      });
  if (!diff.ok()) return diff;
  std::vector<DatasetInfo> stored;
  if (Result r = d.all_datasets(&stored); !r.ok()) return r;
  for (DatasetInfo ds : stored) {
    const DatasetInfo& c = e.counts[ds.id];
    if (ds.actors == c.actors && ds.instruments == c.instruments && ds.ties == c.ties && ds.evidence == c.evidence) continue;
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
