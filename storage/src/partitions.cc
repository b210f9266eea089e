// Store: saved partitions (community memberships by record key), in the `partitions` family.
#include <rocksdb/write_batch.h>

#include <chrono>

#include "codec.h"
#include "format.h"
#include "store_impl.h"

namespace govnet {

Result Store::save_partition(const Partition& p) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("saving a partition needs the store opened for writing");
  if (p.name.empty()) return Result::Invalid("a saved partition needs a name");
  Partition stamped = p;
  stamped.saved_at_unix = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  rocksdb::WriteBatch b;
  b.Put(d.cf[kPartitions], p.name, codec::encode_partition(stamped)).PermitUncheckedError();
  return d.write(&b);
}

Result Store::load_partition(const std::string& name, Partition* out) const {
  std::string v;
  Result r = impl_->get(kPartitions, name, &v);
  if (r.code() == Result::Code::kNotFound) {
    std::vector<std::string> names;
    std::string saved;
    if (partition_names(&names).ok())
      for (const auto& n : names) saved += (saved.empty() ? "" : ", ") + n;
    return Result::NotFound("no saved partition '" + name + "' (" +
                            (saved.empty() ? std::string("none is saved; save one with `govnet "
                                                         "communities --save NAME`")
                                           : "saved: " + saved) +
                            ")");
  }
  if (!r.ok()) return r;
  return codec::decode_partition(v, out);
}

Result Store::partition_names(std::vector<std::string>* out) const {
  out->clear();
  return impl_->scan(kPartitions, "", [&](std::string_view k, std::string_view) {
    out->emplace_back(k);
    return Result::Ok();
  });
}

}  // namespace govnet
