// Store::upgrade: bringing a store of an older schema to Store::kSchemaVersion. This file is the
// only place that knows the older schemas.
//
// Schemas 1 to 3 differ from schema 4 in their column families and derived data only; their
// records are the same. A schema-3 store lacks the `scenes` family; a schema-2 store also lacks
// the `partitions` family. A schema-1 store may
// also lack the `layouts` and `view_table` families, may lack a dataset's view table, and may
// hold its adjacency index as one entry per tie end (key '\0' 'o'|'i' family-digit be64(tie id)
// -> empty) instead of the lists of format.h. Upgrading creates the missing families, then in
// one atomic write deletes every adjacency entry that is not a list, rewrites all derived data
// from the records (check.cc's derivation, as `check --repair` does) and sets schema_version to
// the current one.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <climits>
#include <cstdlib>
#include <string>

#include "format.h"
#include "store_impl.h"

namespace govnet {
namespace {

constexpr int kSchemaOne = 1;

// The store's schema version as the meta family says, or a Result saying why it cannot be read.
Result stored_version(const Store::Impl& d, int* version) {
  std::string format, text;
  if (!d.cf[kMeta] || !d.get(kMeta, kFormatKey, &format).ok() || format != kFormatValue)
    return Result::Schema(d.dir + " is a RocksDB database but not a govnet store");
  if (!d.get(kMeta, kSchemaKey, &text).ok())
    return Result::Corrupt(d.dir + ": the store's schema version is missing");
  // A version too long for an int is a newer one (check_schema says so).
  const bool long_digits = text.size() > 9 && text.find_first_not_of("0123456789") == text.npos;
  *version = long_digits ? INT_MAX : std::atoi(text.c_str());
  if (*version < kSchemaOne)
    return Result::Corrupt(d.dir + ": unknown store schema version '" + text + "'");
  return Result::Ok();
}

// Creates the column families a schema-1 store may lack.
Result create_missing_families(Store::Impl* d, UpgradeReport* report) {
  for (int i = 0; i < kCfCount; ++i) {
    if (d->cf[i]) continue;
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    Result r = from_rocks(
        d->db->CreateColumnFamily(
            rocksdb::ColumnFamilyOptions(base_options(d->dir, Store::Access::kReadWrite)),
            kCfNames[i], &handle),
        "creating the '" + std::string(kCfNames[i]) + "' column family in " + d->dir);
    if (!r.ok()) return r;
    d->cf[i] = handle;
    report->created_families.push_back(kCfNames[i]);
  }
  return Result::Ok();
}

}  // namespace

Result Store::upgrade(const std::string& dir, UpgradeReport* report) {
  *report = UpgradeReport{};
  Impl d;
  if (Result r = open_db(dir, Access::kReadWrite, &d); !r.ok()) return r;
  int version = 0;
  if (Result r = stored_version(d, &version); !r.ok()) return r;
  report->from_version = version;
  if (version > kSchemaVersion) return d.check_schema();  // refused as open refuses it
  if (version == kSchemaVersion) return d.check_schema();
  if (Result r = create_missing_families(&d, report); !r.ok()) return r;
  rocksdb::WriteBatch b;
  CheckReport derived;
  if (Result r = d.repair_batch(&b, &derived); !r.ok()) return r;
  report->records = derived.records;
  if (!derived.problems.empty()) {
    std::string list;
    for (const std::string& p : derived.problems) list += "\n  " + p;
    return Result::Corrupt(
        dir +
        " holds records that do not decode, so its indexes cannot be "
        "rebuilt; it stays at schema " +
        std::to_string(version) +
        " (restore a backup, or re-import the datasets into a new store):" + list);
  }
  b.Put(d.cf[kMeta], kSchemaKey, std::to_string(kSchemaVersion)).PermitUncheckedError();
  if (Result r = d.write(&b); !r.ok()) return r;
  report->entries_rewritten = derived.repaired_entries;
  report->upgraded = true;
  return Result::Ok();
}

}  // namespace govnet
