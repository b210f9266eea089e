// Store::Impl's names index entries (format.h: name_key), written and deleted with a record.
#include <rocksdb/write_batch.h>

#include "store_impl.h"

namespace govnet {

void Store::Impl::delete_names(rocksdb::WriteBatch* b, NodeType type, const std::string& key,
                               const std::string& name, const std::vector<std::string>& aliases) {
  name_entries(type, key, name, aliases, [&](const std::string& k, const std::string&) {
    b->Delete(cf[kNames], k).PermitUncheckedError();
  });
}

}  // namespace govnet
