// The RocksDB side of a store: the options it is opened with, its log, and RocksDB statuses as
// Results.
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <cstdarg>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "store_impl.h"

namespace govnet {
namespace {

// RocksDB's informational log, written to DIR/LOG (warnings and errors only). RocksDB's own file
// logger aborts (assertion in WritableFileWriter) when it is written to again after a failed
// write, which a full disk causes; this one drops lines it cannot write. Thread-safe.
class StoreLogger : public rocksdb::Logger {
 public:
  explicit StoreLogger(const std::string& path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL), f_(std::fopen(path.c_str(), "a")) {}
  ~StoreLogger() override {
    if (f_) std::fclose(f_);
  }
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (!f_) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (std::vfprintf(f_, format, ap) < 0 || std::fputc('\n', f_) == EOF || std::fflush(f_) != 0)
      std::clearerr(f_);
  }

 private:
  std::mutex mu_;
  std::FILE* f_;  // owned; null when the log could not be opened
};

}  // namespace

Result from_rocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Result::Ok();
  std::string msg = what + ": " + s.ToString();
  if (s.IsNoSpace() || msg.find("No space left") != std::string::npos)
    return Result::Io(msg +
                      "\nthe disk is full: free some space and try again (the store still holds "
                      "exactly what it held before this write)");
  if (s.IsCorruption()) return Result::Corrupt(msg);
  if (s.IsNotFound()) return Result::NotFound(msg);
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) return Result::Busy(msg);
  return Result::Io(msg);
}

rocksdb::Options base_options(const std::string& dir, Store::Access access) {
  rocksdb::Options o;
  if (access == Store::Access::kReadOnly)
    o.info_log = std::make_shared<StoreLogger>("/dev/null");
  else
    o.info_log = std::make_shared<StoreLogger>(dir + "/LOG");
  o.create_if_missing = false;
  o.create_missing_column_families = false;
  o.paranoid_checks = true;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  o.max_open_files = 256;
  o.IncreaseParallelism(2);
  // LZ4 decompresses about twice as fast as Snappy at much the same size. Blocks of 16 KB
  // rather than RocksDB's 4 KB: a quarter of the blocks to compress, index and checksum at
  // import, and a smaller store; a record's lookup reads no slower (bench/README.md).
  o.compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 16 * 1024;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

}  // namespace govnet
