// How the draw list encodes links (width, opacity, projection families) and where labels go on
// dense networks and after a labels-aware fit; no window needed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "govnet/draw_list.h"

namespace govnet::viewer {
namespace {

// A stand-in for the label font: 0.6 em a character, lines 1.2 em tall.
Vec2 measure(const std::string& s, float px) {
  size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return {0.6f * px * chars, 1.2f * px};
}

Actor actor(std::string key, std::string name = "") {
  Actor a;
  a.key = std::move(key);
  a.name = name.empty() ? a.key : std::move(name);
  return a;
}

Tie tie(uint64_t id, std::string from, std::string to, Family f, bool to_instrument) {
  Tie t;
  t.id = id;
  t.from = std::move(from);
  t.to = std::move(to);
  t.family = f;
  t.to_instrument = to_instrument;
  return t;
}

// 300 actors and 10,000 random ties among them: a hairball where every spot beside a node
// touches other nodes.
ViewModel dense_model() {
  Network net;
  for (int i = 0; i < 300; ++i)
    net.actors.push_back(actor("a" + std::to_string(i), "Actor number " + std::to_string(i)));
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, 299);
  for (uint64_t id = 1; net.ties.size() < 10000; ++id) {
    int a = pick(rng), b = pick(rng);
    if (a == b) continue;
    net.ties.push_back(tie(id, net.actors[a].key, net.actors[b].key, Family::kDialogue, false));
  }
  ViewModel m(std::move(net));
  Layout layout(m.graph(), {});
  layout.run(300);
  m.set_positions(layout.positions());
  m.set_viewport(1600, 1000);
  m.fit_to_screen(30);
  return m;
}

TEST(DrawListLabels, TheMostCentralAreLabelledEvenInAHairball) {
  ViewModel m = dense_model();
  FigureOptions o;
  DrawList d = build_draw_list(m, o, measure);
  // The five most central by degree (ties by vertex id).
  auto top = m.label_priority(5);
  ASSERT_EQ(top.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    auto it = std::find_if(d.labels.begin(), d.labels.end(),
                           [&](const DrawLabel& l) { return l.vertex == top[i]; });
    ASSERT_NE(it, d.labels.end()) << m.display_name(top[i]) << ", rank " << i + 1;
    // Beside its own node, inside the page, over no other label.
    const DrawNode& n = *std::find_if(d.nodes.begin(), d.nodes.end(),
                                      [&](const DrawNode& x) { return x.vertex == it->vertex; });
    const float nx = std::clamp(n.center.x, it->box.x, it->box.x + it->box.w);
    const float ny = std::clamp(n.center.y, it->box.y, it->box.y + it->box.h);
    EXPECT_LE(std::hypot(nx - n.center.x, ny - n.center.y), n.radius + 6.5f * d.unit);
    EXPECT_TRUE(it->box.inside({0, 0, 1600, 1000}));
  }
  for (size_t i = 0; i < d.labels.size(); ++i)
    for (size_t j = i + 1; j < d.labels.size(); ++j)
      EXPECT_FALSE(d.labels[i].box.intersects(d.labels[j].box)) << i << " " << j;
  EXPECT_EQ(d.labels.size() + d.labels_dropped, 30u);
}

TEST(DrawListLabels, FitLeavesRoomForTheLabelsInsideTheCanvas) {
  Network net;
  // A path whose last vertex, at the right edge, has a long name.
  for (int i = 0; i < 6; ++i) net.actors.push_back(actor("n" + std::to_string(i)));
  net.actors.back().name = "A rather long organisation name";
  for (int i = 0; i + 1 < 6; ++i)
    net.ties.push_back(
        tie(i + 1, net.actors[i].key, net.actors[i + 1].key, Family::kFunding, false));
  ViewModel m(std::move(net));
  std::vector<Vec2> line;
  for (int i = 0; i < 6; ++i) line.push_back({static_cast<float>(i), 0});
  m.set_positions(line);
  m.set_viewport(1200, 800);
  m.fit_to_screen(30, 300, 200);
  const double plain = m.camera().zoom;
  fit_with_labels(m, 30, 30, 300, 200, measure);
  EXPECT_LT(m.camera().zoom, plain);
  FigureOptions o;
  o.width = 1200;
  o.height = 800;
  o.label_frame = {300, 0, 700, 800};
  DrawList d = build_draw_list(m, o, measure);
  EXPECT_EQ(d.labels_dropped, 0);
  ASSERT_EQ(d.labels.size(), 6u);
  float right = 0, left = 1e9f;
  for (const DrawLabel& l : d.labels) right = std::max(right, l.box.x + l.box.w);
  for (const DrawNode& n : d.nodes) left = std::min(left, n.center.x - n.radius);
  // The long label ends at the canvas's right margin; the path's left end at its left margin.
  EXPECT_NEAR(right, 1200 - 200 - 30, 1.0);
  EXPECT_NEAR(left, 300 + 30, 1.0);
}

TEST(DrawListLinks, WidthAndOpacityReachTheDrawListAndAreClamped) {
  Network net;
  net.actors = {actor("a"), actor("b")};
  net.ties = {tie(1, "a", "b", Family::kFunding, false)};
  ViewModel m(std::move(net));
  m.set_positions({{0, 0}, {1, 0}});
  m.set_viewport(800, 600);
  m.fit_to_screen();
  DrawList before = build_draw_list(m, {}, measure);
  ASSERT_EQ(before.links.size(), 1u);
  EXPECT_FLOAT_EQ(before.links[0].color.a, 0.55f);  // the dark theme's
  m.set_link_style(2.5f, 0.3f);
  DrawList after = build_draw_list(m, {}, measure);
  EXPECT_FLOAT_EQ(after.links[0].width, 2.5f * before.links[0].width);
  EXPECT_FLOAT_EQ(after.links[0].color.a, 0.3f);
  m.set_link_style(100, 7);
  EXPECT_FLOAT_EQ(m.link_width_factor(), 10);
  EXPECT_FLOAT_EQ(m.link_opacity(), 1);
  m.set_link_style(1, std::nullopt);
  m.set_theme(Theme::kLight);
  EXPECT_FLOAT_EQ(m.link_opacity(), 0.7f);
}

// Instruments: I1 funding (a, b), I2 agreement (a, b, c), I3 funding and dialogue (d, e).
TEST(DrawListLinks, ProjectionLinksTakeTheirStrongestSharedFamilyAndWidthByInstruments) {
  Network net;
  net.actors = {actor("a"), actor("b"), actor("c"), actor("d"), actor("e")};
  for (const char* k : {"I1", "I2", "I3"}) {
    Instrument i;
    i.key = k;
    net.instruments.push_back(i);
  }
  uint64_t id = 0;
  for (const char* a : {"a", "b"}) net.ties.push_back(tie(++id, a, "I1", Family::kFunding, true));
  for (const char* a : {"a", "b", "c"})
    net.ties.push_back(tie(++id, a, "I2", Family::kAgreement, true));
  net.ties.push_back(tie(++id, "d", "I3", Family::kFunding, true));
  net.ties.push_back(tie(++id, "e", "I3", Family::kDialogue, true));
  ViewModel m(std::move(net));
  ViewSpec spec;
  spec.kind = ViewKind::kProjection;
  ASSERT_TRUE(m.set_spec(spec));
  const AnalysisGraph& g = m.graph();
  auto link = [&](const char* x, const char* y) {
    for (uint32_t i = 0; i < g.links().size(); ++i) {
      const Link& l = g.links()[i];
      if ((m.key(l.from) == x && m.key(l.to) == y) || (m.key(l.from) == y && m.key(l.to) == x))
        return i;
    }
    ADD_FAILURE() << x << "-" << y;
    return 0u;
  };
  ASSERT_EQ(g.links().size(), 4u);                               // a-b, a-c, b-c, d-e
  EXPECT_EQ(m.link_family(link("a", "b")), Family::kAgreement);  // 3 agreement ties to 2 funding
  EXPECT_EQ(m.link_family(link("a", "c")), Family::kAgreement);
  EXPECT_EQ(m.link_family(link("d", "e")), std::nullopt);  // one funding, one dialogue
  Color agreement = m.family_color(Family::kAgreement);
  agreement.a = m.link_opacity();
  EXPECT_EQ(m.link_color(link("a", "b")), agreement);
  EXPECT_NE(m.link_color(link("d", "e")).r, agreement.r);
  // a and b share two instruments, a and c one.
  EXPECT_FLOAT_EQ(m.link_width_px(link("a", "b")), 4.0f);
  EXPECT_FLOAT_EQ(m.link_width_px(link("a", "c")), 1.0f);
}

}  // namespace
}  // namespace govnet::viewer
