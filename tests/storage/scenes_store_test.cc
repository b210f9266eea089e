// Saved scenes in the store: the document's bytes come back as given, a save replaces, names
// list in byte order, removing and loading a missing scene name the saved ones, and a read-only
// store refuses writes.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "govnet/store.h"
#include "temp_dir.h"

namespace govnet {
namespace {

TEST(StoreScenes, SaveReplaceListRemove) {
  testing::TempDir tmp;
  const std::string db = tmp.path("db");
  ASSERT_TRUE(Store::create(db).ok());
  // Bytes a JSON writer could produce, a NUL and non-ASCII text among them.
  const std::string doc = std::string("{\"govnet_scene\": 1, \"n\": \"S\xc3\xa9n\xc3\xa9gal\"}\n") +
                          std::string(1, '\0') + "tail";
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &s).ok());
    std::string got;
    Result missing = s->load_scene("paper", &got);
    EXPECT_EQ(missing.code(), Result::Code::kNotFound);
    EXPECT_EQ(missing.message(),
              "no saved scene 'paper' (none is saved; save one with `govnet scenes save NAME` or "
              "from the viewer's Scenes panel)");
    ASSERT_TRUE(s->save_scene("paper", doc).ok());
    ASSERT_TRUE(s->save_scene("last", "{}").ok());
    ASSERT_TRUE(s->save_scene("last", "{\"again\": 1}").ok());  // replaces
    EXPECT_EQ(s->save_scene("", "{}").code(), Result::Code::kInvalid);
    EXPECT_EQ(s->remove_scene("figure 2").message(),
              "no saved scene 'figure 2' (saved: last, paper)");
  }
  std::unique_ptr<Store> r;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadOnly, &r).ok());
  std::string got;
  ASSERT_TRUE(r->load_scene("paper", &got).ok());
  EXPECT_EQ(got, doc);
  ASSERT_TRUE(r->load_scene("last", &got).ok());
  EXPECT_EQ(got, "{\"again\": 1}");
  std::vector<std::string> names;
  ASSERT_TRUE(r->scene_names(&names).ok());
  EXPECT_EQ(names, (std::vector<std::string>{"last", "paper"}));
  EXPECT_EQ(r->save_scene("x", "{}").code(), Result::Code::kInvalid);
  EXPECT_EQ(r->remove_scene("paper").code(), Result::Code::kInvalid);
  r.reset();

  std::unique_ptr<Store> w;
  ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &w).ok());
  ASSERT_TRUE(w->remove_scene("paper").ok());
  ASSERT_TRUE(w->scene_names(&names).ok());
  EXPECT_EQ(names, (std::vector<std::string>{"last"}));
  EXPECT_EQ(w->load_scene("paper", &got).code(), Result::Code::kNotFound);
}

}  // namespace
}  // namespace govnet
