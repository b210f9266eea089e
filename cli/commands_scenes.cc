// govnet scenes: the viewer's saved pictures. A scene holds everything that decides the picture
// (govnet/scene.h); `scenes save` makes one from the same flags as `govnet view`, and
// `view --scene NAME` shows it again.
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "govnet/input_file.h"
#include "govnet/scene.h"
#include "output.h"
#include "stdout_file.h"
#include "view_command.h"

#ifdef GOVNET_HAVE_VIEWER
#include "govnet/draw_list.h"
#include "govnet/figure_export.h"
#endif

namespace govnet::cli {
namespace {

struct SceneArgs {
  Common common;
  std::string name, file;
};

// The scene documents of the store, by name; a document that does not read is listed with why.
void list_scenes(const SceneArgs& a) {
  std::unique_ptr<Store> store = a.common.open(true);
  std::vector<std::string> names;
  check(store->scene_names(&names));
  Table t;
  t.columns = {"name", "view", "measure", "color", "theme", "vertices", "selected"};
  for (const std::string& name : names) {
    std::string doc, error;
    check(store->load_scene(name, &doc));
    viewer::Scene s;
    if (!viewer::scene_from_json(doc, "scene '" + name + "'", &s, &error)) {
      t.add({name, "unreadable: " + error, "", "", "", "", ""});
      continue;
    }
    std::string color = s.color == viewer::ColorMode::kPartition   ? "community:" + s.partition
                        : s.color == viewer::ColorMode::kCommunity ? "community"
                        : s.color == viewer::ColorMode::kDataset   ? "dataset"
                                                                   : "kind";
    t.add({name, ViewOptions::describe(s.spec), std::string(to_string(s.measure)), color,
           s.theme == viewer::Theme::kLight ? "light" : "dark", Cell::count(s.positions.size()),
           Cell::count(s.selection.size())});
  }
  if (names.empty() && a.common.format() == Format::kTable) {
    std::cout << "no saved scene in " << a.common.db
              << " (save one with `govnet scenes save NAME` or from the viewer's Scenes panel)\n";
    return;
  }
  print(std::cout, t, a.common.format());
}

std::unique_ptr<Store> open_for_writing(const Common& c) { return c.open(false); }

void save_scene(ViewArgs& a, const std::string& name) {
#ifndef GOVNET_HAVE_VIEWER
  (void)a;
  (void)name;
  data_error("this govnet was built without the viewer, which lays out and frames a scene");
#else
  if (name.empty()) usage_error("scenes save: give the scene a name");
  const ViewChoice choice = check_view_args(a);
  PreparedView p = prepare_view(a, choice, false);
  viewer::AppOptions& o = p.options;
  viewer::FigureOptions fo;
  fo.width = o.width;
  fo.height = o.height;
  fo.max_labels = o.max_labels;
  int iterations = 0;
  bool converged = false;
  const int steps = o.layout_steps < 0 ? o.layout.max_iterations : o.layout_steps;
  viewer::lay_out_and_draw(*p.model, o.layout, steps, fo, viewer::figure_text_measure(),
                           &iterations, &converged);
  viewer::Scene scene =
      viewer::capture_scene(*p.model, o.layout, o.max_labels, o.show_labels, false);
  std::unique_ptr<Store> store = open_for_writing(a.common);
  std::string old;
  const bool replaced = store->load_scene(name, &old).ok();
  check(store->save_scene(name, viewer::scene_to_json(scene)));
  std::cout << (replaced ? "replaced" : "saved") << " scene '" << name << "' ("
            << p.model->graph().vertex_count() << " vertices, " << iterations
            << " layout iterations" << (converged ? ", converged" : "") << ", framed at " << o.width
            << "x" << o.height << "); show it with `govnet view --scene " << name << "`\n";
#endif
}

void remove_scene(const SceneArgs& a) {
  std::unique_ptr<Store> store = open_for_writing(a.common);
  check(store->remove_scene(a.name));
  std::cout << "removed scene '" << a.name << "'\n";
}

void export_scene(const SceneArgs& a) {
  std::unique_ptr<Store> store = a.common.open(true);
  std::string doc;
  check(store->load_scene(a.name, &doc));
  std::cout << doc;
}

void import_scene(const SceneArgs& a) {
  std::string doc, error;
  if (!read_input_file(a.file, &doc, &error, size_t{256} << 20)) data_error(a.file + ": " + error);
  viewer::Scene scene;
  if (!viewer::scene_from_json(doc, a.file, &scene, &error)) data_error(error);
  const std::string name = a.name.empty() ? std::filesystem::path(a.file).stem().string() : a.name;
  if (name.empty()) usage_error("scenes import: give the scene a name with --name");
  std::unique_ptr<Store> store = open_for_writing(a.common);
  std::string old;
  const bool replaced = store->load_scene(name, &old).ok();
  check(store->save_scene(name, doc));
  std::cout << (replaced ? "replaced" : "imported") << " scene '" << name << "' from " << a.file
            << " (" << scene.positions.size() << " positions); show it with `govnet view --scene "
            << name << "`\n";
}

}  // namespace

void add_scenes_command(CLI::App& app, Registry& reg) {
  auto* cmd = app.add_subcommand(
      "scenes", "the viewer's saved pictures: list (the default), save, remove, export, import");
  auto list = std::make_shared<SceneArgs>();
  add_db_option(cmd, &list->common);
  cmd->add_option("--format", list->common.format_name, "table (default), csv or json");

  auto save = std::make_shared<ViewArgs>();
  auto save_name = std::make_shared<std::string>();
  auto* s = cmd->add_subcommand(
      "save",
      "lay the network out as `govnet view --screenshot` would, with the same flags, and save "
      "everything that decides the picture as a scene; replaces a scene of that name");
  s->add_option("name", *save_name, "the scene's name")->required();
  add_db_option(s, &save->common);
  add_picture_flags(s, save.get());
  reg.on(s, [save, save_name, s] {
    note_picture_flags(s, save.get());
    save_scene(*save, *save_name);
  });

  auto rm = std::make_shared<SceneArgs>();
  auto* r = cmd->add_subcommand("remove", "remove a saved scene");
  r->add_option("name", rm->name, "the scene's name")->required();
  add_db_option(r, &rm->common);
  reg.on(r, [rm] { remove_scene(*rm); });

  auto ex = std::make_shared<SceneArgs>();
  auto* e = cmd->add_subcommand(
      "export", "print a saved scene's JSON document (-o FILE writes it to a file)");
  e->add_option("name", ex->name, "the scene's name")->required();
  add_db_option(e, &ex->common);
  add_output_option(e);
  reg.on(e, [ex] { export_scene(*ex); });

  auto im = std::make_shared<SceneArgs>();
  auto* i = cmd->add_subcommand(
      "import", "save a scene file (from `scenes export`) in the store; checks it first");
  i->add_option("file", im->file, "the scene's JSON file")->required();
  i->add_option("--name", im->name, "the name to save it as (default: the file's name)");
  add_db_option(i, &im->common);
  reg.on(i, [im] { import_scene(*im); });

  reg.on(cmd, [list] { list_scenes(*list); });
  cmd->footer(
      "A scene holds the view, filters and time, measure, colours, theme, labels, layout options,\n"
      "every position and pin, the camera and the selection. `govnet view --scene NAME` opens it\n"
      "(add --screenshot FILE for the same picture as a file); the window saves what it shows as\n"
      "the scene 'last' when it closes.");
}

}  // namespace govnet::cli
