// Store::check and Store::repair: the store's indexes are derived data, so both work by
// computing, from the records alone, the exact set of index entries and counts there should be,
// and comparing it with (or writing it over) what is stored.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

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
  return d.scan(kTies, "", [&](std::string_view k, std::string_view v) {
    ++*records;
    uint64_t id = codec::read_be64(k);
    std::string what = "tie " + std::to_string(id >> 32) + "/" + std::to_string(id & 0xFFFFFFFFu);
    Tie t;
    if (Result dr = codec::decode(v, &t); !dr.ok()) { e->problems.push_back(what + ": " + dr.message()); return Result::Ok(); }
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
    }
    return Result::Ok();
  });
}

// Compares the stored index entries with the derived ones: calls extra(family, key) for a stored
// entry that should not be there (or holds the wrong text), missing(family, key, value) for a
// derived entry the store lacks. Counts the entries read in *read.
template <typename Extra, typename Missing>
Result diff_indexes(const Store::Impl& d, Expected& e, uint64_t* read, Extra&& extra, Missing&& missing) {
  for (Cf family : {kMembers, kAdjacency, kNames}) {
    auto& want = e.entries[family];
    std::set<std::string> matched;
    Result r = d.scan(family, "", [&](std::string_view k, std::string_view v) {
      ++*read;
      auto it = want.find(std::string(k));
      if (it == want.end() || (family == kNames && it->second != v)) extra(family, k, it != want.end());
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
  Result diff = diff_indexes(
      d, e, &report->index_entries,
      [&](Cf family, std::string_view k, bool wrong_text) {
        problem(wrong_text ? std::string(index_name(family)) + " index entry '" + printable(k) + "' holds the wrong text"
                           : std::string(index_name(family)) + " index entry '" + printable(k) + "' points at no record");
      },
      [&](Cf family, const std::string& key, const std::string&) {
        problem(std::string(index_name(family)) + " index lacks the entry '" + printable(key) + "'");
      });
  if (!diff.ok()) return diff;
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
