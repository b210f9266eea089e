// Changes a store's RocksDB directly, behind govnet's back, to test how it copes.
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <functional>
#include <string>
#include <vector>

namespace govnet::testing {

// Opens `dir` with all its column families and calls fn(db, handle of `cf_name`).
inline void with_column_family(
    const std::string& dir, const std::string& cf_name,
    const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>& fn) {
  rocksdb::Options o;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(o, dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, dir, cfs, &handles, &db).ok());
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == cf_name) fn(db, handles[i]);
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

// The first key of a column family that starts with `prefix` ("" for any).
inline std::string first_key(const std::string& dir, const std::string& cf_name,
                             const std::string& prefix = "") {
  std::string found;
  with_column_family(dir, cf_name, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, h));
    it->Seek(prefix);
    if (it->Valid() && it->key().starts_with(prefix)) found = it->key().ToString();
  });
  return found;
}

}  // namespace govnet::testing
