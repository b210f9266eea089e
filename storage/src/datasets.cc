// Removing a dataset: Store::remove_dataset, and the deletions and conflict checks that
// replacing a dataset shares with it.
#include <rocksdb/write_batch.h>

#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "store_impl.h"

namespace govnet {
namespace {

Result damaged_adjacency(const std::string& key) {
  return Result::Corrupt("the adjacency index entry of " + key +
                         " is damaged; `govnet check --repair` rebuilds it");
}

}  // namespace

Result Store::Impl::delete_dataset(rocksdb::WriteBatch* b, const DatasetInfo& ds,
                                   std::unordered_set<std::string>* keys) {
  Result s = scan(kMembers, dataset_key(ds.id), [&](std::string_view k, std::string_view) {
    const std::optional<NodeRef> member = parse_member_key(k);
    if (!member) return Result::Corrupt("dataset '" + ds.name + "' has a damaged member entry");
    const bool instrument = member->is_instrument();
    const std::string& key = member->key;
    std::string value;
    if (Result g = get(instrument ? kInstruments : kActors, key, &value); !g.ok())
      return Result::Corrupt("dataset '" + ds.name + "' lists " + key +
                             (g.code() == Result::Code::kNotFound
                                  ? " but it is missing"
                                  : " but it cannot be read (" + g.message() + ")"));
    if (instrument) {
      Instrument x;
      if (Result d = codec::decode(value, &x); !d.ok()) return d;
      delete_names(b, NodeType::kInstrument, x.key, x.name, {});
    } else {
      Actor a;
      if (Result d = codec::decode(value, &a); !d.ok()) return d;
      delete_names(b, NodeType::kActor, a.key, a.name, a.aliases);
    }
    b->Delete(cf[instrument ? kInstruments : kActors], key).PermitUncheckedError();
    b->Delete(cf[kMembers], std::string(k)).PermitUncheckedError();
    if (keys) keys->insert(key);
    return Result::Ok();
  });
  if (!s.ok()) return s;
  // The ties, and the dataset's adjacency list at each key they touch.
  std::set<std::string> ends;
  s = scan(kTies, dataset_key(ds.id), [&](std::string_view k, std::string_view value) {
    Tie t;
    if (Result d = codec::decode(value, &t); !d.ok()) return d;
    ends.insert(t.from);
    ends.insert(t.to);
    b->Delete(cf[kTies], std::string(k)).PermitUncheckedError();
    return Result::Ok();
  });
  if (!s.ok()) return s;
  for (const std::string& key : ends)
    b->Delete(cf[kAdjacency], adjacency_key(key, ds.id)).PermitUncheckedError();
  s = scan(kViewTable, dataset_key(ds.id), [&](std::string_view k, std::string_view) {
    b->Delete(cf[kViewTable], std::string(k)).PermitUncheckedError();
    return Result::Ok();
  });
  if (!s.ok()) return s;
  b->Delete(cf[kDatasets], dataset_key(ds.id)).PermitUncheckedError();
  return Result::Ok();
}

Result Store::Impl::foreign_ties(DatasetId ds, const std::unordered_set<std::string>& keys,
                                 std::map<DatasetId, std::vector<std::string>>* found) const {
  for (const auto& key : keys) {
    Result s = scan(kAdjacency, adjacency_prefix(key), [&](std::string_view k, std::string_view v) {
      const bool read = adjacency_ties(k.substr(key.size() + 1), v, [&](uint64_t tie) {
        const DatasetId owner = static_cast<DatasetId>(tie >> 32);
        if (owner == ds) return;
        auto& list = (*found)[owner];
        if (list.empty() || list.back() != key) list.push_back(key);
      });
      return read ? Result::Ok() : damaged_adjacency(key);
    });
    if (!s.ok()) return s;
  }
  return Result::Ok();
}

std::string Store::Impl::describe_foreign(
    const std::map<DatasetId, std::vector<std::string>>& found) const {
  std::string out;
  for (const auto& [owner, keys] : found) {
    out += "\n  dataset '" + dataset_name(owner) + "' has ties to ";
    for (size_t i = 0; i < keys.size() && i < 5; ++i) out += (i ? ", " : "") + keys[i];
    if (keys.size() > 5) out += " and " + std::to_string(keys.size() - 5) + " more";
  }
  return out;
}

Result Store::remove_dataset(const std::string& name, DatasetInfo* removed) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("the store was opened read-only");
  DatasetInfo info;
  if (Result s = find_dataset(name, &info); !s.ok()) return s;
  rocksdb::WriteBatch b;
  std::unordered_set<std::string> keys;
  if (Result s = d.delete_dataset(&b, info, &keys); !s.ok()) return s;
  std::map<DatasetId, std::vector<std::string>> found;
  if (Result s = d.foreign_ties(info.id, keys, &found); !s.ok()) return s;
  if (!found.empty())
    return Result::Conflict("dataset '" + name +
                            "' cannot be removed while other datasets' ties "
                            "point at its records; remove those datasets first:" +
                            d.describe_foreign(found));
  if (Result s = d.write(&b); !s.ok()) return s;
  *removed = info;
  return Result::Ok();
}

}  // namespace govnet
