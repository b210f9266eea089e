#include "index_files.h"

#include <rocksdb/db.h>
#include <rocksdb/sst_file_reader.h>

#include "govnet/store.h"

namespace govnet {

const char* index_name(Cf family) {
  switch (family) {
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

Result verify_family_files(const Store::Impl& d, Cf family) {
  std::vector<rocksdb::LiveFileMetaData> live;
  d.db->GetLiveFilesMetaData(&live);
  const rocksdb::Options o = base_options(d.dir, Store::Access::kReadOnly);
  for (const auto& f : live) {
    if (f.column_family_name != kCfNames[family]) continue;
    rocksdb::SstFileReader reader(o);
    const std::string path = f.db_path + "/" + f.name;
    rocksdb::Status s = reader.Open(path);
    if (s.ok()) s = reader.VerifyChecksum();
    if (!s.ok()) {
      Result r = from_rocks(s, "reading " + path);
      return r.code() == Result::Code::kCorrupt ? r : Result::Corrupt(r.message());
    }
  }
  return Result::Ok();
}

Result recreate_damaged_indexes(Store::Impl* d, std::vector<std::string>* rebuilt) {
  for (Cf family : kIndexFamilies) {
    Result r = verify_family_files(*d, family);
    if (r.ok()) continue;
    if (r.code() != Result::Code::kCorrupt) return r;
    const std::string what = "the '" + std::string(kCfNames[family]) + "' column family";
    rocksdb::ColumnFamilyHandle* fresh = nullptr;
    Result dropped = from_rocks(d->db->DropColumnFamily(d->cf[family]), "dropping " + what);
    if (!dropped.ok()) return dropped;
    d->db->DestroyColumnFamilyHandle(d->cf[family]).PermitUncheckedError();
    d->cf[family] = nullptr;
    Result made = from_rocks(d->db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(base_options(
                                                           d->dir, Store::Access::kReadWrite)),
                                                       kCfNames[family], &fresh),
                             "creating " + what);
    if (!made.ok()) return made;
    d->cf[family] = fresh;
    rebuilt->push_back(std::string("the ") + index_name(family) + " index (" + r.message() + ")");
  }
  return Result::Ok();
}

Result Store::damaged_indexes(std::vector<std::string>* damaged) const {
  damaged->clear();
  for (Cf family : kIndexFamilies) {
    Result r = verify_family_files(*impl_, family);
    if (r.code() != Result::Code::kCorrupt) continue;
    damaged->push_back(index_name(family));
  }
  return Result::Ok();
}

}  // namespace govnet
