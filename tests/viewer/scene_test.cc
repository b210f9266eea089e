// Scenes without a window: a captured scene written as JSON, read back and applied to another
// model shows the same picture (positions, pins, selection, camera, style) and captures to the
// same bytes; bad documents are refused naming the field; undo and redo of pins and view
// changes.
#include "govnet/scene.h"

#include <gtest/gtest.h>

#include "govnet/scene_history.h"
#include "sample_network.h"

namespace govnet::viewer {
namespace {

ViewModel laid_out(uint64_t seed) {
  DatasetInfo sample;
  sample.name = "sample";  // id 0, the one the CSV reader gives its records
  ViewModel m(testing::sample_network(), {sample});
  LayoutOptions o;
  o.seed = seed;
  Layout layout(m.graph(), o);
  layout.run(300);
  m.set_positions(layout.positions());
  m.set_viewport(900, 600);
  m.fit_to_screen();
  return m;
}

uint32_t vertex_of_key(const ViewModel& m, const std::string& key) {
  for (uint32_t v = 0; v < m.graph().vertex_count(); ++v)
    if (m.key(v) == key) return v;
  ADD_FAILURE() << key << " not in view";
  return 0;
}

TEST(Scene, AppliedToAnotherModelItShowsTheSamePicture) {
  ViewModel a = laid_out(1);
  ViewSpec spec = a.spec();
  spec.families = {Family::kAgreement, Family::kFunding};
  spec.from = spec.to = Date{2012, 0, 0, Date::Precision::kYear};
  spec.datasets = {0};
  ASSERT_TRUE(a.set_spec(spec));
  ASSERT_TRUE(a.set_measure(Measure::kBetweenness, false, WeightKind::kNone));
  a.set_theme(Theme::kLight);
  a.set_color_mode(ColorMode::kDataset);
  a.set_link_style(2.5f, 0.4f);
  a.pin(vertex_of_key(a, "IOM"), Vec2{3.25f, -7.5f});
  a.select(vertex_of_key(a, "MDA"), false);
  a.select(vertex_of_key(a, "IOM"), true);
  a.zoom_at(100, 80, 1.7);
  LayoutOptions layout;
  layout.seed = 9;
  layout.lin_log = true;
  const Scene scene = capture_scene(a, layout, 12, false, true);
  const std::string json = scene_to_json(scene);

  Scene read;
  std::string error;
  ASSERT_TRUE(scene_from_json(json, "scene.json", &read, &error)) << error;
  EXPECT_EQ(read.datasets, std::vector<std::string>{"sample"});
  EXPECT_EQ(read.layout.seed, 9u);
  EXPECT_TRUE(read.layout.lin_log);
  EXPECT_EQ(read.max_labels, 12u);
  EXPECT_FALSE(read.show_labels);
  EXPECT_TRUE(read.camera_locked);

  ViewModel b = laid_out(4);  // other positions, other camera
  ASSERT_TRUE(apply_scene(read, &b, &error)) << error;
  EXPECT_EQ(b.spec().families, spec.families);
  EXPECT_EQ(b.spec().datasets, std::vector<DatasetId>{0});
  ASSERT_TRUE(b.spec().from && *b.spec().from == *spec.from);
  EXPECT_EQ(b.measure(), Measure::kBetweenness);
  EXPECT_EQ(b.theme(), Theme::kLight);
  EXPECT_EQ(b.color_mode(), ColorMode::kDataset);
  EXPECT_EQ(b.link_width_factor(), 2.5f);
  EXPECT_EQ(b.link_opacity_setting(), std::optional<float>(0.4f));
  ASSERT_EQ(b.graph().vertex_count(), a.graph().vertex_count());
  EXPECT_EQ(b.keyed_positions(), a.keyed_positions());
  const uint32_t iom = vertex_of_key(b, "IOM");
  EXPECT_TRUE(b.pinned()[iom]);
  EXPECT_EQ(b.positions()[iom].x, 3.25f);
  EXPECT_EQ(b.selection(), (std::vector<uint32_t>{vertex_of_key(b, "MDA"), iom}));
  EXPECT_EQ(b.camera().cx, a.camera().cx);
  EXPECT_EQ(b.camera().cy, a.camera().cy);
  EXPECT_EQ(b.camera().zoom, a.camera().zoom);
  EXPECT_EQ(scene_to_json(capture_scene(b, read.layout, 12, false, true)), json);
}

TEST(Scene, WhatTheModelLacksIsRefusedByName) {
  ViewModel a = laid_out(1);
  Scene s = capture_scene(a, {}, 30, true, false);
  std::string error;
  Scene other_dataset = s;
  other_dataset.datasets = {"treaties"};
  EXPECT_FALSE(apply_scene(other_dataset, &a, &error));
  EXPECT_EQ(error, "the scene's view is limited to dataset 'treaties', which the store lacks");
  Scene partition = s;
  partition.color = ColorMode::kPartition;
  partition.partition = "blocs";
  EXPECT_FALSE(apply_scene(partition, &a, &error));
  EXPECT_EQ(error,
            "the scene is coloured by the saved partition 'blocs', which the store lacks (save it "
            "with `govnet communities --save blocs`)");
  // Records the view lacks are counted, not an error.
  Scene extra = s;
  extra.positions.push_back({{NodeType::kActor, "ATLANTIS"}, 1, 2, false});
  extra.selection.push_back({NodeType::kActor, "ATLANTIS"});
  size_t missing = 0;
  EXPECT_TRUE(apply_scene(extra, &a, &error, &missing));
  EXPECT_EQ(missing, 2u);
}

TEST(Scene, BadDocumentsNameTheField) {
  ViewModel a = laid_out(1);
  const std::string good = scene_to_json(capture_scene(a, {}, 30, true, false));
  auto refused = [](std::string text) {
    Scene s;
    std::string error;
    EXPECT_FALSE(scene_from_json(text, "s.json", &s, &error));
    return error;
  };
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  EXPECT_EQ(refused(edit("\"families\": []", "\"families\": [\"agreement\", \"fundng\"]")),
            "s.json: view.families[1]: unknown family \"fundng\"");
  EXPECT_EQ(refused(edit("\"govnet_scene\": 1", "\"govnet_scene\": 2")),
            "s.json: govnet_scene: version 2; this govnet reads version 1");
  EXPECT_EQ(refused(edit("\"theme\": \"dark\"", "\"theme\": \"sepia\"")),
            "s.json: theme: expected dark or light, found 'sepia'");
  EXPECT_EQ(refused(edit("\"zoom\":", "\"zoom\": \"big\", \"z\":")),
            "s.json: camera.zoom: expected a number, found string");
  EXPECT_EQ(refused(edit("\"min_component\": 0", "\"min_component\": -3")),
            "s.json: view.min_component: expected a whole number in range, found -3");
  EXPECT_EQ(refused(edit("\"from\": null", "\"from\": \"2009-02-30\"")),
            "s.json: view.from: day 30 does not exist in 2009-02");
  EXPECT_EQ(refused("{\"govnet_scene\": 1,\n  \"view\": [}"),
            "s.json: not JSON: at line 2, column 12: syntax error while parsing value - "
            "unexpected '}'; expected '[', '{', or a literal");
  EXPECT_EQ(refused("[1]"),
            "s.json: the document: expected a JSON object (a scene written by `govnet scenes "
            "export`)");
}

TEST(SceneHistory, UndoAndRedoPinsAndViewChangesButNotTheCamera) {
  ViewModel m = laid_out(1);
  SceneSettings settings;
  SceneHistory h;
  h.observe(m, settings);
  m.zoom_at(10, 10, 2);  // the camera alone is no step
  h.observe(m, settings);
  EXPECT_EQ(h.undo_steps(), 0u);

  const uint32_t iom = vertex_of_key(m, "IOM");
  const Vec2 before = m.positions()[iom];
  m.pin(iom, Vec2{before.x + 50, before.y});
  h.observe(m, settings);
  ViewSpec spec = m.spec();
  spec.families = {Family::kFunding};
  ASSERT_TRUE(m.set_spec(spec));
  settings.max_labels = 5;
  h.observe(m, settings);
  EXPECT_EQ(h.undo_steps(), 2u);

  const Camera camera = m.camera();
  ASSERT_TRUE(h.undo(&m, &settings));  // the family filter and the label count go back
  EXPECT_TRUE(m.spec().families.empty());
  EXPECT_EQ(settings.max_labels, 30u);
  EXPECT_EQ(m.camera().zoom, camera.zoom);
  const uint32_t v = vertex_of_key(m, "IOM");
  EXPECT_TRUE(m.pinned()[v]);
  ASSERT_TRUE(h.undo(&m, &settings));  // the pin goes, IOM back where it was
  EXPECT_FALSE(m.pinned()[v]);
  EXPECT_EQ(m.positions()[v].x, before.x);
  EXPECT_FALSE(h.undo(&m, &settings));

  ASSERT_TRUE(h.redo(&m, &settings));
  EXPECT_TRUE(m.pinned()[v]);
  EXPECT_EQ(m.positions()[v].x, before.x + 50);
  ASSERT_TRUE(h.redo(&m, &settings));
  EXPECT_EQ(m.spec().families, std::vector<Family>{Family::kFunding});
  EXPECT_EQ(settings.max_labels, 5u);
  EXPECT_FALSE(h.redo(&m, &settings));

  // A new change after an undo drops what could be redone.
  ASSERT_TRUE(h.undo(&m, &settings));
  m.select(vertex_of_key(m, "MDA"), false);
  h.observe(m, settings);
  EXPECT_EQ(h.redo_steps(), 0u);
}

}  // namespace
}  // namespace govnet::viewer
