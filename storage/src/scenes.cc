// Store: saved scenes (the viewer's picture by name), in the `scenes` family. The value is the
// scene's JSON document as the viewer wrote it; the store does not read inside it.
#include <rocksdb/write_batch.h>

#include "format.h"
#include "store_impl.h"

namespace govnet {
namespace {

// "no saved scene 'x' (saved: a, b)" or "(none is saved; ...)".
Result no_scene(const Store& store, const std::string& name) {
  std::vector<std::string> names;
  std::string saved;
  if (store.scene_names(&names).ok())
    for (const auto& n : names) saved += (saved.empty() ? "" : ", ") + n;
  return Result::NotFound(
      "no saved scene '" + name + "' (" +
      (saved.empty() ? std::string("none is saved; save one with `govnet scenes save NAME` or "
                                   "from the viewer's Scenes panel")
                     : "saved: " + saved) +
      ")");
}

}  // namespace

Result Store::save_scene(const std::string& name, const std::string& document) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("saving a scene needs the store opened for writing");
  if (name.empty()) return Result::Invalid("a saved scene needs a name");
  rocksdb::WriteBatch b;
  b.Put(d.cf[kScenes], name, document).PermitUncheckedError();
  return d.write(&b);
}

Result Store::load_scene(const std::string& name, std::string* document) const {
  Result r = impl_->get(kScenes, name, document);
  if (r.code() == Result::Code::kNotFound) return no_scene(*this, name);
  return r;
}

Result Store::remove_scene(const std::string& name) {
  Impl& d = *impl_;
  if (d.read_only) return Result::Invalid("removing a scene needs the store opened for writing");
  std::string document;
  if (Result r = load_scene(name, &document); !r.ok()) return r;
  rocksdb::WriteBatch b;
  b.Delete(d.cf[kScenes], name).PermitUncheckedError();
  return d.write(&b);
}

Result Store::scene_names(std::vector<std::string>* out) const {
  out->clear();
  return impl_->scan(kScenes, "", [&](std::string_view k, std::string_view) {
    out->emplace_back(k);
    return Result::Ok();
  });
}

}  // namespace govnet
