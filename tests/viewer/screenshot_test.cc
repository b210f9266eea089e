// Renders the sample with the real `govnet view --screenshot` (headless, through the figure
// writers; with --frames, a real window and GL context under Xvfb) and checks the picture.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#include "../storage/temp_dir.h"
#include "run_govnet.h"

namespace {

using govnet::testing::TempDir;

int run(const std::string& args, const std::string& log) {
  return govnet::testing::run_govnet(args, log);
}
using govnet::testing::slurp;

class Screenshot : public ::testing::Test {
 protected:
  TempDir tmp;
  std::string db = tmp.path("store.db");
  void SetUp() override {
    std::string sample = std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/";
    ASSERT_EQ(run("import --db " + db + " --dataset sample " + sample + "actors.csv " + sample +
                      "instruments.csv " + sample + "ties.csv " + sample + "evidence.csv",
                  tmp.path("import.log")),
              0)
        << slurp(tmp.path("import.log"));
  }
};

TEST_F(Screenshot, DrawsTheNodesWhereTheLayoutPutThem) {
  std::string png = tmp.path("view.png"), pos = tmp.path("pos.json");
  int code = run("view --db " + db + " --screenshot " + png +
                     " --size 900x640 --layout-steps 400 --positions-out " + pos +
                     " --measure betweenness",
                 tmp.path("view.log"));
  ASSERT_EQ(code, 0) << slurp(tmp.path("view.log"));
  int w = 0, h = 0, channels = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &channels, 4);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 900);
  EXPECT_EQ(h, 640);
  auto at = [&](int x, int y) {
    const unsigned char* p = px + (static_cast<size_t>(y) * w + x) * 4;
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  const auto background = at(w - 2, 2);  // the top-right corner is never drawn on
  auto differs = [&](std::array<int, 3> c) {
    return std::abs(c[0] - background[0]) + std::abs(c[1] - background[1]) +
               std::abs(c[2] - background[2]) >
           30;
  };
  // Not blank: a good share of the picture is drawn.
  size_t drawn = 0;
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2) drawn += differs(at(x, y));
  EXPECT_GT(drawn, static_cast<size_t>(w / 2) * (h / 2) / 50);
  // Each node's centre, as the layout placed it, is painted.
  auto j = nlohmann::json::parse(slurp(pos));
  ASSERT_EQ(j["width"], 900);
  size_t nodes = 0, painted = 0;
  for (const auto& v : j["vertices"]) {
    int x = static_cast<int>(std::lround(v["x"].get<double>())),
        y = static_cast<int>(std::lround(v["y"].get<double>()));
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    ++nodes;
    painted += differs(at(x, y));
  }
  EXPECT_GT(nodes, 100u);
  EXPECT_GE(painted, nodes * 95 / 100) << painted << " of " << nodes << " node centres painted";
  // Points far from every node are background (apart from ties and labels crossing them).
  size_t far = 0, far_background = 0;
  for (int y = 10; y < h - 10; y += 37)
    for (int x = 300; x < w - 10; x += 41) {  // right of the legend
      bool near = false;
      for (const auto& v : j["vertices"])
        near |= std::hypot(v["x"].get<double>() - x, v["y"].get<double>() - y) < 60;
      if (near) continue;
      ++far;
      far_background += !differs(at(x, y));
    }
  EXPECT_GE(far_background, far * 8 / 10);
  stbi_image_free(px);
}

TEST_F(Screenshot, SameStoreAndSeedGiveTheSamePicture) {
  std::string a = tmp.path("a.png"), b = tmp.path("b.png"), c = tmp.path("c.png");
  ASSERT_EQ(
      run("view --db " + db + " --screenshot " + a + " --size 640x480 --seed 5", tmp.path("a.log")),
      0)
      << slurp(tmp.path("a.log"));
  ASSERT_EQ(
      run("view --db " + db + " --screenshot " + b + " --size 640x480 --seed 5", tmp.path("b.log")),
      0)
      << slurp(tmp.path("b.log"));
  ASSERT_EQ(
      run("view --db " + db + " --screenshot " + c + " --size 640x480 --seed 6", tmp.path("c.log")),
      0)
      << slurp(tmp.path("c.log"));
  EXPECT_EQ(slurp(a), slurp(b));
  EXPECT_NE(slurp(a), slurp(c));
  EXPECT_NE(slurp(tmp.path("a.log")).find("converged"), std::string::npos)
      << slurp(tmp.path("a.log"));
}

TEST_F(Screenshot, SavedPositionsComeBackAndBadSizesAreRefused) {
  std::string a = tmp.path("a.png"), b = tmp.path("b.png");
  ASSERT_EQ(run("view --db " + db + " --screenshot " + a +
                    " --size 640x480 --save-positions --positions-out " + tmp.path("a.json"),
                tmp.path("a.log")),
            0)
      << slurp(tmp.path("a.log"));
  // Starting from the saved (converged) positions with no further steps gives the same picture.
  ASSERT_EQ(run("view --db " + db + " --screenshot " + b +
                    " --size 640x480 --layout-steps 0 --positions-out " + tmp.path("b.json"),
                tmp.path("b.log")),
            0)
      << slurp(tmp.path("b.log"));
  EXPECT_EQ(slurp(tmp.path("a.json")), slurp(tmp.path("b.json")));
  EXPECT_EQ(run("view --db " + db + " --screenshot " + a + " --size 12x", tmp.path("c.log")), 2);
  EXPECT_NE(slurp(tmp.path("c.log")).find("bad --size"), std::string::npos);
}

TEST_F(Screenshot, InteractiveWindowRunsWithItsPanels) {
  std::string png = tmp.path("window.png");
  int code =
      run("view --db " + db + " --frames 40 --size 1280x800 --select IOM --screenshot " + png,
          tmp.path("w.log"));
  std::string log = slurp(tmp.path("w.log"));
  ASSERT_EQ(code, 0) << log;
  EXPECT_NE(log.find("40 frames: mean"), std::string::npos) << log;
  int w = 0, h = 0, channels = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &channels, 4);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 1280);
  EXPECT_EQ(h, 800);
  // The "Network" panel (top left) and the "Ranking" panel (top right) are drawn: much of their
  // areas differs from the background colour of an empty corner of the canvas.
  auto at = [&](int x, int y) {
    const unsigned char* p = px + (static_cast<size_t>(y) * w + x) * 4;
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  const auto background = at(w / 2, h - 2);
  auto share_drawn = [&](int x0, int y0, int x1, int y1) {
    int drawn = 0, all = 0;
    for (int y = y0; y < y1; y += 3)
      for (int x = x0; x < x1; x += 3) {
        auto c = at(x, y);
        drawn += std::abs(c[0] - background[0]) + std::abs(c[1] - background[1]) +
                     std::abs(c[2] - background[2]) >
                 24;
        ++all;
      }
    return double(drawn) / all;
  };
  EXPECT_GT(share_drawn(10, 30, 330, 300), 0.2);
  EXPECT_GT(share_drawn(w - 420, 30, w - 10, 300), 0.2);
  stbi_image_free(px);
}

}  // namespace
