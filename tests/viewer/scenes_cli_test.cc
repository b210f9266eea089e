// `govnet scenes` and `view --scene` with the real binary: a scene saved from flags draws the
// same bytes as `view --screenshot` with those flags, in PNG, SVG and PDF; exported and imported
// into another store of the same data it draws them again; what goes wrong is said.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "../storage/temp_dir.h"
#include "run_govnet.h"

namespace {

using govnet::testing::slurp;
using govnet::testing::TempDir;

class Scenes : public ::testing::Test {
 protected:
  TempDir tmp;
  std::string db = tmp.path("store.db");
  int run(const std::string& args) { return govnet::testing::run_govnet(args, log()); }
  std::string log() const { return tmp.path("run.log"); }
  void import(const std::string& store) {
    std::string s = std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/";
    ASSERT_EQ(run("import --db " + store + " --dataset sample " + s + "actors.csv " + s +
                  "instruments.csv " + s + "ties.csv " + s + "evidence.csv"),
              0)
        << slurp(log());
  }
  void SetUp() override { import(db); }
};

const std::string kFlags =
    " --seed 3 --size 700x500 --theme light --at 2010 --family agreement,funding,dialogue"
    " --measure betweenness --select IOM --labels 12 --edge-width 2";

TEST_F(Scenes, ASavedSceneDrawsTheSameBytesAsItsFlagsDo) {
  ASSERT_EQ(run("scenes save paper --db " + db + kFlags), 0) << slurp(log());
  EXPECT_NE(slurp(log()).find("saved scene 'paper' ("), std::string::npos) << slurp(log());
  for (const char* ext : {"png", "svg", "pdf"}) {
    const std::string direct = tmp.path(std::string("direct.") + ext);
    const std::string scene = tmp.path(std::string("scene.") + ext);
    ASSERT_EQ(run("view --db " + db + kFlags + " --screenshot " + direct), 0) << slurp(log());
    ASSERT_EQ(run("view --db " + db + " --scene paper --screenshot " + scene), 0) << slurp(log());
    EXPECT_NE(slurp(log()).find("(700x500, "), std::string::npos) << slurp(log());
    EXPECT_NE(slurp(log()).find("positions of the scene"), std::string::npos) << slurp(log());
    ASSERT_FALSE(slurp(direct).empty());
    EXPECT_TRUE(slurp(direct) == slurp(scene)) << ext;
  }

  // Listed with what it shows.
  ASSERT_EQ(run("scenes --db " + db + " --format json"), 0) << slurp(log());
  nlohmann::json list = nlohmann::json::parse(slurp(log()));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "paper");
  EXPECT_EQ(list[0]["measure"], "betweenness");
  EXPECT_EQ(list[0]["theme"], "light");
  EXPECT_EQ(list[0]["selected"], 1);

  // Exported, imported into another store of the same data: the same picture.
  const std::string file = tmp.path("paper.json"), other = tmp.path("other.db");
  ASSERT_EQ(run("scenes export paper --db " + db + " -o " + file), 0) << slurp(log());
  nlohmann::json doc = nlohmann::json::parse(slurp(file));
  EXPECT_EQ(doc["govnet_scene"], 1);
  EXPECT_EQ(doc["view"]["from"], "2010");
  EXPECT_EQ(doc["selection"][0]["key"], "IOM");
  import(other);
  ASSERT_EQ(run("scenes import " + file + " --db " + other), 0) << slurp(log());
  EXPECT_NE(slurp(log()).find("imported scene 'paper' from " + file), std::string::npos);
  ASSERT_EQ(run("view --db " + other + " --scene paper --screenshot " + tmp.path("other.png")), 0)
      << slurp(log());
  EXPECT_TRUE(slurp(tmp.path("other.png")) == slurp(tmp.path("direct.png")));

  // --size reframes the same scene at another size.
  ASSERT_EQ(run("view --db " + db + " --scene paper --size 1000x1000 --screenshot " +
                tmp.path("square.png")),
            0)
      << slurp(log());
  EXPECT_NE(slurp(log()).find("(1000x1000, "), std::string::npos) << slurp(log());

  ASSERT_EQ(run("scenes remove paper --db " + db), 0) << slurp(log());
  EXPECT_EQ(run("view --db " + db + " --scene paper --screenshot " + tmp.path("x.png")), 1);
  EXPECT_NE(slurp(log()).find("no saved scene 'paper' (none is saved; save one with `govnet "
                              "scenes save NAME`"),
            std::string::npos)
      << slurp(log());
}

TEST_F(Scenes, MistakesAreSaid) {
  ASSERT_EQ(run("scenes save s --db " + db + " --layout-steps 50"), 0) << slurp(log());
  EXPECT_EQ(run("view --db " + db + " --scene s --theme dark --screenshot " + tmp.path("x.png")),
            2);
  EXPECT_NE(slurp(log()).find("--scene s sets the picture; leave out --theme"), std::string::npos)
      << slurp(log());
  std::ofstream(tmp.path("bad.json")) << "{\"govnet_scene\": 1, \"view\": {\"kind\": \"tree\"}}";
  EXPECT_EQ(run("scenes import " + tmp.path("bad.json") + " --db " + db), 1);
  EXPECT_NE(slurp(log()).find(tmp.path("bad.json") + ": view.kind: unknown view 'tree'"),
            std::string::npos)
      << slurp(log());
  ASSERT_EQ(run("scenes --db " + db), 0);
  EXPECT_EQ(slurp(log()).find("bad"), std::string::npos) << "a refused file is not saved";
  EXPECT_EQ(run("scenes export nothing --db " + db), 1);
  EXPECT_NE(slurp(log()).find("no saved scene 'nothing' (saved: s)"), std::string::npos)
      << slurp(log());
}

}  // namespace
