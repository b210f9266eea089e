#include "govnet/view_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "../core/test_graphs.h"
#include "sample_network.h"
#include "govnet/layout_runner.h"

namespace govnet::viewer {
namespace {

Network sample() { return testing::sample_network(); }

// A model with a converged ForceAtlas2 layout, fitted to an 800x600 viewport.
ViewModel laid_out(Network net) {
  ViewModel m(std::move(net));
  Layout layout(m.graph(), {});
  layout.run(100000);
  m.set_positions(layout.positions());
  m.set_viewport(800, 600);
  m.fit_to_screen();
  return m;
}

uint32_t vertex_of_key(const ViewModel& m, const std::string& key) {
  for (uint32_t v = 0; v < m.graph().vertex_count(); ++v)
    if (m.key(v) == key) return v;
  ADD_FAILURE() << key << " not in view";
  return 0;
}

TEST(ViewModel, FitPutsEveryNodeOnScreen) {
  ViewModel m = laid_out(sample());
  ASSERT_GT(m.graph().vertex_count(), 100u);
  for (const Vec2& p : m.positions()) {
    Vec2 s = m.camera().to_screen(p);
    EXPECT_GE(s.x, 39.f);
    EXPECT_LE(s.x, 761.f);
    EXPECT_GE(s.y, 39.f);
    EXPECT_LE(s.y, 561.f);
  }
}

TEST(ViewModel, PanAndZoomKeepThePointUnderTheCursor) {
  ViewModel m = laid_out(sample());
  Vec2 w = m.camera().to_world(200, 150);
  m.zoom_at(200, 150, 2.5);
  Vec2 after = m.camera().to_screen(w);
  EXPECT_NEAR(after.x, 200, 1e-2);
  EXPECT_NEAR(after.y, 150, 1e-2);
  Vec2 before = m.camera().to_screen(m.positions()[0]);
  m.pan(30, -20);
  Vec2 moved = m.camera().to_screen(m.positions()[0]);
  EXPECT_NEAR(moved.x - before.x, 30, 1e-2);
  EXPECT_NEAR(moved.y - before.y, -20, 1e-2);
}

TEST(ViewModel, PickBoxSelectAndShiftClick) {
  ViewModel m = laid_out(sample());
  uint32_t iom = vertex_of_key(m, "IOM");
  Vec2 s = m.camera().to_screen(m.positions()[iom]);
  ASSERT_EQ(m.pick(s.x + 1, s.y - 1), iom);
  m.select(iom, false);
  uint32_t mda = vertex_of_key(m, "MDA");
  m.select(mda, true);  // shift-click adds
  EXPECT_EQ(m.selection().size(), 2u);
  m.select(mda, true);  // shift-click on a selected one removes it
  EXPECT_EQ(m.selection(), std::vector<uint32_t>{iom});
  // Far from every node: nothing.
  EXPECT_FALSE(m.pick(-500, -500));
  // Box select over the whole viewport takes every node; over an empty corner, none.
  m.select_box(0, 0, 800, 600, false);
  EXPECT_EQ(m.selection().size(), m.graph().vertex_count());
  m.select_box(-100, -100, -50, -50, false);
  EXPECT_TRUE(m.selection().empty());
  // A box around one node takes exactly the nodes whose centres are inside it.
  auto inside = m.pick_box(s.x - 3, s.y - 3, s.x + 3, s.y + 3);
  EXPECT_NE(std::find(inside.begin(), inside.end(), iom), inside.end());
  for (uint32_t v : inside) {
    Vec2 p = m.camera().to_screen(m.positions()[v]);
    EXPECT_LE(std::fabs(p.x - s.x), 3.01f);
    EXPECT_LE(std::fabs(p.y - s.y), 3.01f);
  }
}

TEST(ViewModel, EgoFocusAndPath) {
  ViewModel m = laid_out(testing::krackhardt_kite());
  m.focus_ego(9, 1);  // 9's only neighbour is 8
  for (uint32_t v = 0; v < 10; ++v) EXPECT_EQ(m.dimmed(v), v != 9 && v != 8) << v;
  EXPECT_LT(m.node_color(0).a, 0.5f);
  ASSERT_TRUE(m.select_path(0, 9));
  EXPECT_EQ(m.path(), (std::vector<uint32_t>{0, 5, 7, 8, 9}));
  int highlighted = 0;
  for (uint32_t l = 0; l < m.graph().links().size(); ++l) highlighted += m.link_highlighted(l);
  EXPECT_EQ(highlighted, 4);
  m.clear_focus();
  EXPECT_FALSE(m.dimmed(3));
  // With two selected vertices, select_path() uses them.
  m.select(2, false);
  m.select(4, true);
  ASSERT_TRUE(m.select_path());
  EXPECT_EQ(m.path().front(), 2u);
  EXPECT_EQ(m.path().back(), 4u);
}

TEST(ViewModel, SearchAndJump) {
  ViewModel m = laid_out(sample());
  auto hits = m.search("moldova");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(m.key(hits[0]), "MDA");
  EXPECT_EQ(m.key(m.search("EUAA").at(0)), "EASO");                // alias
  EXPECT_EQ(m.key(m.search("soderkoping").at(0)), "SODERKOPING");  // accents
  m.jump_to(hits[0]);
  Vec2 s = m.camera().to_screen(m.positions()[hits[0]]);
  EXPECT_NEAR(s.x, 400, 1e-2);
  EXPECT_NEAR(s.y, 300, 1e-2);
  EXPECT_TRUE(m.selected(hits[0]));
}

TEST(ViewModel, FiltersKeepPositionsAndSelection) {
  ViewModel m = laid_out(sample());
  uint32_t iom = vertex_of_key(m, "IOM");
  Vec2 where = m.positions()[iom];
  m.select(iom, false);
  ViewSpec s = m.spec();
  s.families = {Family::kAssistance};
  ASSERT_TRUE(m.set_spec(s));
  EXPECT_LT(m.graph().vertex_count(), 60u);
  uint32_t again = vertex_of_key(m, "IOM");
  EXPECT_EQ(m.positions()[again].x, where.x);
  EXPECT_TRUE(m.selected(again));
  s.kind = ViewKind::kProjection;
  s.families.clear();
  s.weight = WeightKind::kAmount;
  EXPECT_FALSE(m.set_spec(s));  // contradictory: keeps the old view and says why
  EXPECT_NE(m.last_error().find("projection"), std::string::npos);
  EXPECT_EQ(m.spec().families, std::vector<Family>{Family::kAssistance});
}

TEST(ViewModel, TimeSliderAndPlay) {
  ViewModel m(sample());
  auto [first, last] = m.year_range();
  EXPECT_LE(first, 1996);
  EXPECT_GE(last, 2016);
  ASSERT_TRUE(m.set_time(2009, 2009));
  uint32_t in_2009 = m.graph().vertex_count();
  bool has_mp_geo = false;
  for (uint32_t v = 0; v < in_2009; ++v) has_mp_geo |= m.key(v) == "MP-GEO";
  EXPECT_TRUE(has_mp_geo);
  ASSERT_TRUE(m.set_time(1995, 1995));
  for (uint32_t v = 0; v < m.graph().vertex_count(); ++v) EXPECT_NE(m.key(v), "MP-GEO");
  // Play walks the years one by one and stops at the last.
  m.set_time(std::nullopt, std::nullopt);
  int steps = 0;
  while (m.play_step()) ++steps;
  EXPECT_EQ(steps, last - first + 1);
  EXPECT_EQ(m.spec().to->year, last);
}

// Play growth steps through an actor's gap: absent in the years between its spells, present in
// them; the time range reaches the actors' spells.
TEST(ViewModel, PlayHonoursGapsBetweenSpells) {
  auto year = [](int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; };
  Network net;
  for (const char* k : {"EASO", "IOM", "FRX"}) {
    Actor a;
    a.key = a.name = k;
    net.actors.push_back(a);
  }
  net.actors[0].spells.add({year(2001), year(2002)});
  net.actors[0].spells.add({year(2005), year(2006)});
  Tie t;
  t.from = "EASO";
  t.to = "IOM";
  net.ties.push_back(t);
  t.from = "IOM";
  t.to = "FRX";
  net.ties.push_back(t);
  ViewModel m(std::move(net));
  EXPECT_EQ(m.year_range(), (std::pair<int, int>{2001, 2006}));
  std::string present;
  m.set_time(std::nullopt, std::nullopt);
  while (m.play_step()) {
    bool easo = false;
    for (uint32_t v = 0; v < m.graph().vertex_count(); ++v) easo |= m.key(v) == "EASO";
    present += easo ? "E" : ".";
  }
  EXPECT_EQ(present, "EE..EE");  // 2001 to 2006
}

TEST(ViewModel, LabelsNeverOverlapAndSelectionComesFirst) {
  ViewModel m = laid_out(sample());
  uint32_t cpv = vertex_of_key(m, "CPV");
  m.select(cpv, false);
  auto measure = [](const std::string& s) { return Vec2{7.0f * s.size(), 14.0f}; };
  auto labels = m.labels(40, measure);
  ASSERT_FALSE(labels.empty());
  EXPECT_EQ(labels[0].vertex, cpv);
  for (size_t i = 0; i < labels.size(); ++i)
    for (size_t j = i + 1; j < labels.size(); ++j) {
      const Label& a = labels[i];
      const Label& b = labels[j];
      bool overlap = a.at.x < b.at.x + b.size.x && b.at.x < a.at.x + a.size.x &&
                     a.at.y < b.at.y + b.size.y && b.at.y < a.at.y + a.size.y;
      EXPECT_FALSE(overlap) << a.text << " / " << b.text;
    }
}

TEST(ViewModel, MeasureRankingLegendAndSavedPositions) {
  ViewModel m = laid_out(sample());
  ASSERT_TRUE(m.set_measure(Measure::kBetweenness, false, WeightKind::kNone));
  auto rows = m.ranking();
  ASSERT_GT(rows.size(), 3u);
  EXPECT_GE(rows[0].value, rows[1].value);
  EXPECT_EQ(rows[0].key, "IOM");
  EXPECT_GT(m.node_radius_px(rows[0].vertex), m.node_radius_px(rows.back().vertex));
  auto legend = m.legend();
  bool states = false, instruments = false;
  for (auto& e : legend) {
    states |= e.label == "state";
    instruments |= e.label == "instrument";
  }
  EXPECT_TRUE(states && instruments);
  m.set_color_mode(ColorMode::kCommunity);
  EXPECT_GE(m.legend().size(), 2u);

  auto saved = m.keyed_positions();
  ViewModel fresh(sample());
  EXPECT_EQ(fresh.apply_keyed_positions(saved), saved.size());
  for (uint32_t v = 0; v < fresh.graph().vertex_count(); ++v)
    EXPECT_EQ(fresh.positions()[v].x, m.positions()[v].x);
}

// A saved partition colours the records it names by their community, the others grey, and
// keeps doing so when the view changes.
TEST(ViewModel, ASavedPartitionColoursByRecordKey) {
  ViewModel m(sample());
  ASSERT_TRUE(m.graph().vertex_count() > 3);
  std::vector<std::pair<NodeRef, uint32_t>> members = {{{NodeType::kActor, "IOM"}, 0},
                                                       {{NodeType::kActor, "MDA"}, 1},
                                                       {{NodeType::kActor, "SEN"}, 1}};
  m.add_partition("blocs", members);
  ASSERT_EQ(m.partition_names(), std::vector<std::string>{"blocs"});
  m.set_partition(0);
  EXPECT_EQ(m.color_mode(), ColorMode::kPartition);
  auto vertex = [&](const std::string& key) { return vertex_of_key(m, key); };
  const Color iom = m.node_color(vertex("IOM")), mda = m.node_color(vertex("MDA"));
  EXPECT_EQ(m.node_color(vertex("SEN")), mda);
  EXPECT_FALSE(iom == mda);
  const Color grey = m.node_color(vertex("EU-COM"));
  EXPECT_FALSE(grey == iom || grey == mda);
  std::vector<std::string> legend;
  for (const auto& e : m.legend()) legend.push_back(e.label);
  EXPECT_EQ(legend,
            (std::vector<std::string>{"blocs: community 0", "blocs: community 1", "not in blocs"}));
  ViewSpec direct = m.spec();
  direct.kind = ViewKind::kDirect;
  ASSERT_TRUE(m.set_spec(direct));
  EXPECT_EQ(m.node_color(vertex("MDA")), mda);
}

TEST(ViewModel, AFilterCheckboxFlipsOneValueOfAnEmptyMeansAllList) {
  std::vector<Family> families;  // empty: every family passes
  toggle_filter_value(&families, Family::kFunding, 0, kFamilyCount);
  EXPECT_EQ(families.size(), static_cast<size_t>(kFamilyCount - 1));
  EXPECT_EQ(std::count(families.begin(), families.end(), Family::kFunding), 0);
  toggle_filter_value(&families, Family::kDialogue, 0, kFamilyCount);
  EXPECT_EQ(families.size(), static_cast<size_t>(kFamilyCount - 2));
  toggle_filter_value(&families, Family::kDialogue, 0, kFamilyCount);
  toggle_filter_value(&families, Family::kFunding, 0, kFamilyCount);
  EXPECT_TRUE(families.empty());  // every value again: back to "all"

  // Statuses start at 1: kUnknown is never one of the values shown.
  std::vector<Status> statuses;
  toggle_filter_value(&statuses, Status::kSigned, 1, kStatusCount);
  EXPECT_EQ(statuses.size(), static_cast<size_t>(kStatusCount - 2));
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), Status::kUnknown), 0);
  toggle_filter_value(&statuses, Status::kSigned, 1, kStatusCount);
  EXPECT_TRUE(statuses.empty());
}

TEST(LayoutRunner, RunsOnAWorkerStopsByItselfAndHonoursPins) {
  ViewModel m(sample());
  LayoutOptions o;
  o.seed = 3;
  LayoutRunner runner;
  runner.start(m.graph(), o, {}, {});
  ASSERT_TRUE(runner.wait_converged(60000));
  uint64_t version = 0;
  std::vector<Vec2> got;
  ASSERT_TRUE(runner.fetch(&version, &got));
  // The same seed run synchronously gives the same picture.
  Layout same(m.graph(), o);
  same.run(100000);
  ASSERT_EQ(got.size(), same.positions().size());
  for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i].x, same.positions()[i].x) << i;
  EXPECT_FALSE(runner.fetch(&version, &got));  // nothing new since
  // Pinning wakes it; the pinned vertex stays where it was put.
  runner.pin(0, {1234.f, -99.f});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(runner.wait_converged(60000));
  ASSERT_TRUE(runner.fetch(&version, &got));
  EXPECT_EQ(got[0].x, 1234.f);
  EXPECT_EQ(got[0].y, -99.f);
  runner.pause();
  EXPECT_TRUE(runner.paused());
  runner.stop();
}

}  // namespace
}  // namespace govnet::viewer
