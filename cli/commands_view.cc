// govnet view: the interactive viewer, or a headless screenshot of it.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "commands.h"
#include "view_command.h"

#ifdef GOVNET_HAVE_VIEWER
#include "govnet/scene.h"
#endif

namespace govnet::cli {
namespace {

// With --frames and no display, runs this same command again under xvfb-run. (A --screenshot
// alone needs no display.)
[[maybe_unused]] void reexec_under_xvfb_if_needed(const ViewArgs& a, int width, int height) {
  if (a.frames == 0 || std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") ||
      std::getenv("GOVNET_UNDER_XVFB"))
    return;
  if (system("command -v xvfb-run >/dev/null 2>&1") != 0)
    data_error(
        "no display to render on, and xvfb-run is not installed; install it "
        "(apt-get install xvfb) or run on a desktop");
  setenv("GOVNET_UNDER_XVFB", "1", 1);
  std::string screen = "-screen 0 " + std::to_string(std::max(width, 1280)) + "x" +
                       std::to_string(std::max(height, 800)) + "x24";
  char self[4096];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) data_error("cannot find the govnet binary to run it under xvfb-run");
  self[len] = '\0';
  std::vector<std::string> args = {"xvfb-run", "-a", "-s", screen, self};
  std::ifstream cmdline("/proc/self/cmdline");
  std::string arg;
  bool first = true;
  while (std::getline(cmdline, arg, '\0')) {
    if (first) {
      first = false;
      continue;
    }
    args.push_back(arg);
  }
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  execvp("xvfb-run", argv.data());
  data_error("could not run xvfb-run: " + std::string(std::strerror(errno)));
}

}  // namespace

ViewChoice check_view_args(const ViewArgs& a) {
  ViewChoice c;
  if (std::sscanf(a.size.c_str(), "%dx%d", &c.width, &c.height) != 2 || c.width < 16 ||
      c.height < 16 || c.width > 16384 || c.height > 16384)
    usage_error("bad --size '" + a.size + "'; expected WIDTHxHEIGHT such as 1600x1000");
  auto measure = parse_measure(a.measure);
  if (!measure)
    usage_error("unknown --measure '" + a.measure + "'; expected one of: " + measure_names());
  auto layout = parse_layout_kind(a.layout);
  if (!layout)
    usage_error("unknown --layout '" + a.layout + "'; expected forceatlas2, fr or circular");
  if (a.color != "kind" && a.color != "community" && a.color != "dataset" &&
      !(a.color.rfind("community:", 0) == 0 && a.color.size() > 10))
    usage_error("unknown --color '" + a.color +
                "'; expected kind, community, dataset or community:NAME (a partition saved by "
                "`govnet communities --save NAME`)");
  if (a.until_converged && a.layout_steps >= 0)
    usage_error("give --layout-steps or --until-converged, not both");
  if (a.theme != "dark" && a.theme != "light")
    usage_error("unknown --theme '" + a.theme + "'; expected dark or light");
  if (!(a.scaling >= 0) || !(a.gravity >= 0))
    usage_error("--scaling and --gravity take a number of 0 or more");
  if (!(a.edge_width >= 0.1 && a.edge_width <= 10))
    usage_error("bad --edge-width " + std::to_string(a.edge_width) + "; expected 0.1 to 10");
  if (a.edge_opacity != -1 && !(a.edge_opacity >= 0 && a.edge_opacity <= 1))
    usage_error("bad --edge-opacity " + std::to_string(a.edge_opacity) + "; expected 0 to 1");
  if (!(a.scale >= 0.25 && a.scale <= 16))
    usage_error("bad --scale " + std::to_string(a.scale) + "; expected 0.25 to 16");
  if (!a.screenshot.empty() && a.frames == 0) {
    auto dot = a.screenshot.rfind('.');
    std::string ext = dot == std::string::npos ? "" : a.screenshot.substr(dot + 1);
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ext != "png" && ext != "svg" && ext != "pdf")
      usage_error("--screenshot " + a.screenshot + ": name the file .png, .svg or .pdf");
  }
  c.measure = *measure;
  c.layout = *layout;
  return c;
}

namespace {

#ifdef GOVNET_HAVE_VIEWER
viewer::AppOptions app_options(const ViewArgs& a, const ViewChoice& c) {
  viewer::AppOptions o;
  o.title = "govnet — " + a.common.db;
  o.width = c.width;
  o.height = c.height;
  o.layout.kind = c.layout;
  o.layout.seed = a.seed;
  o.layout.scaling = a.scaling;
  o.layout.gravity = a.gravity;
  o.layout.strong_gravity = a.strong_gravity;
  o.layout.lin_log = a.lin_log;
  o.screenshot = a.screenshot;
  o.layout_steps = a.until_converged ? -1 : a.layout_steps;
  o.positions_out = a.positions_out;
  o.max_labels = a.labels;
  o.scale = static_cast<float>(a.scale);
  o.figure_title = a.title;
  o.frames = a.frames;
  o.state_out = a.state_out;
  o.input_log = a.input_log;
  return o;
}

// --select (each an exact key, else the best search hit) and --focus.
void select_and_focus(const ViewArgs& a, viewer::ViewModel* model) {
  for (const auto& key : a.select) {
    auto hits = model->search(key, 1);
    bool exact = false;
    for (uint32_t v = 0; v < model->graph().vertex_count(); ++v)
      if (model->key(v) == key) {
        model->select(v, true);
        exact = true;
        break;
      }
    if (!exact && !hits.empty()) model->select(hits[0], true);
    if (!exact && hits.empty()) data_error("--select " + key + ": no vertex of the view matches");
  }
  if (!a.focus.empty()) {
    auto hits = model->search(a.focus, 1);
    if (hits.empty()) data_error("--focus " + a.focus + ": no vertex of the view matches");
    model->focus_ego(hits[0], a.depth);
  }
}

// Saves positions as the layout `layout_name`, opening the store read-write for just that;
// returns an error message or "".
std::function<std::string(const std::vector<NodePosition>&)> position_saver(
    const std::string& db, const std::string& layout_name) {
  return [db, layout_name](const std::vector<NodePosition>& positions) -> std::string {
    std::unique_ptr<Store> rw;
    Result r = Store::open(db, Store::Access::kReadWrite, &rw);
    if (!r.ok()) return r.message();
    r = rw->save_layout(layout_name, positions);
    return r.ok() ? std::string() : r.message();
  };
}
#endif

#ifdef GOVNET_HAVE_VIEWER
// Gives the model every saved partition, and colours by the one `color` names
// (community:NAME), which must exist.
void add_saved_partitions(const Store& store, const std::string& color, viewer::ViewModel* m) {
  std::vector<std::string> names;
  check(store.partition_names(&names));
  const std::string chosen = color.rfind("community:", 0) == 0 ? color.substr(10) : "";
  if (!chosen.empty() && std::find(names.begin(), names.end(), chosen) == names.end()) {
    Store::Partition none;
    usage_error(store.load_partition(chosen, &none).message());
  }
  for (const auto& name : names) {
    Store::Partition p;
    check(store.load_partition(name, &p));
    m->add_partition(name, p.members);
    if (name == chosen) m->set_partition(m->partition_names().size() - 1);
  }
}

// The store's scenes for the window's Scenes panel, each call opening the store for just that.
viewer::SceneStore scene_store(const std::string& db) {
  auto open = [db](Store::Access access, std::unique_ptr<Store>* out) {
    Result r = Store::open(db, access, out);
    return r.ok() ? std::string() : r.message();
  };
  viewer::SceneStore s;
  s.names = [open](std::vector<std::string>* names) {
    std::unique_ptr<Store> st;
    std::string err = open(Store::Access::kReadOnly, &st);
    if (!err.empty()) return err;
    Result r = st->scene_names(names);
    return r.ok() ? std::string() : r.message();
  };
  s.load = [open](const std::string& name, std::string* doc) {
    std::unique_ptr<Store> st;
    std::string err = open(Store::Access::kReadOnly, &st);
    if (!err.empty()) return err;
    Result r = st->load_scene(name, doc);
    return r.ok() ? std::string() : r.message();
  };
  s.save = [open](const std::string& name, const std::string& doc) {
    std::unique_ptr<Store> st;
    std::string err = open(Store::Access::kReadWrite, &st);
    if (!err.empty()) return err;
    Result r = st->save_scene(name, doc);
    return r.ok() ? std::string() : r.message();
  };
  s.remove = [open](const std::string& name) {
    std::unique_ptr<Store> st;
    std::string err = open(Store::Access::kReadWrite, &st);
    if (!err.empty()) return err;
    Result r = st->remove_scene(name);
    return r.ok() ? std::string() : r.message();
  };
  return s;
}

// Shows the saved scene `name` in `model` and takes its window settings into `o`; --size, when
// given, overrides the size the scene was framed at.
void open_scene(const Store& store, const ViewArgs& a, const std::string& name,
                viewer::ViewModel* model, viewer::AppOptions* o) {
  std::string doc, error;
  if (Result r = store.load_scene(name, &doc); !r.ok()) data_error(r.message());
  viewer::Scene scene;
  if (!viewer::scene_from_json(doc, "scene '" + name + "'", &scene, &error)) data_error(error);
  if (!viewer::apply_scene(scene, model, &error)) data_error("scene '" + name + "': " + error);
  const unsigned threads = o->layout.threads;
  o->layout = scene.layout;
  o->layout.threads = threads;
  o->max_labels = scene.max_labels;
  o->show_labels = scene.show_labels;
  o->camera_locked = scene.camera_locked;
  o->framed = true;
  const bool size_given = std::find(a.picture_flags_given.begin(), a.picture_flags_given.end(),
                                    "size") != a.picture_flags_given.end();
  if (!size_given) {
    o->width = scene.camera.width;
    o->height = scene.camera.height;
  }
}

#endif
}  // namespace

#ifdef GOVNET_HAVE_VIEWER
PreparedView prepare_view(const ViewArgs& a, const ViewChoice& choice, bool reopen_last) {
  std::unique_ptr<Store> store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  Network net;
  check(store->load_network(&net));
  std::vector<DatasetInfo> datasets;
  check(store->datasets(&datasets));
  PreparedView p;
  p.model = std::make_unique<viewer::ViewModel>(std::move(net), std::move(datasets));
  viewer::ViewModel& model = *p.model;
  if (!model.set_spec(spec)) usage_error(model.last_error());
  if (!model.set_measure(choice.measure, spec.directed, spec.weight))
    data_error(model.last_error());
  model.set_color_mode(a.color == "community" ? viewer::ColorMode::kCommunity
                       : a.color == "dataset" ? viewer::ColorMode::kDataset
                                              : viewer::ColorMode::kKind);
  add_saved_partitions(*store, a.color, &model);
  model.set_theme(a.theme == "light" ? viewer::Theme::kLight : viewer::Theme::kDark);
  model.set_link_style(
      static_cast<float>(a.edge_width),
      a.edge_opacity < 0 ? std::nullopt : std::optional<float>(static_cast<float>(a.edge_opacity)));
  p.options = app_options(a, choice);
  // The window reopens on the scene it last showed when no flag asks for another picture.
  std::string scene = a.scene;
  std::string last_doc;
  const bool only_size = std::all_of(a.picture_flags_given.begin(), a.picture_flags_given.end(),
                                     [](const std::string& f) { return f == "size"; });
  if (scene.empty() && reopen_last && only_size &&
      store->load_scene(viewer::kLastScene, &last_doc).ok())
    scene = viewer::kLastScene;
  if (!scene.empty()) {
    open_scene(*store, a, scene, &model, &p.options);
  } else {
    const std::string layout_name =
        std::string(to_string(spec.kind)) + "/" + std::string(to_string(choice.layout));
    if (!a.fresh_layout) {
      std::vector<NodePosition> saved;
      if (store->load_layout(layout_name, &saved).ok()) model.apply_keyed_positions(saved);
    }
    select_and_focus(a, &model);
  }
  p.layout_name = std::string(to_string(model.spec().kind)) + "/" +
                  std::string(to_string(p.options.layout.kind));
  p.options.scenes = scene_store(a.common.db);
  return p;
}
#endif

namespace {

void run_view(ViewArgs& a) {
  const ViewChoice choice = check_view_args(a);
#ifndef GOVNET_HAVE_VIEWER
  (void)choice;
  data_error(
      "this govnet was built without the viewer; configure with -DGOVNET_BUILD_VIEWER=ON "
      "(make build does) after installing scripts/install-deps.sh --viewer");
#else
  reexec_under_xvfb_if_needed(a, choice.width, choice.height);
  const bool window = a.screenshot.empty() && a.frames == 0;
  PreparedView p = prepare_view(a, choice, window);
  viewer::AppOptions& o = p.options;
  auto save = position_saver(a.common.db, p.layout_name);
  if (window || a.save_positions) o.save_positions = save;
  o.save_last_scene = window;
  int code = viewer::run_viewer(*p.model, o);
  if (code != 0) throw Failure(kExitDataError, "");
  if (!a.screenshot.empty() && a.save_positions) {
    std::string err = save(p.model->keyed_positions());
    if (!err.empty()) data_error("positions not saved: " + err);
  }
#endif
}

}  // namespace

// Flags that do not change what the picture shows: they may go with --scene, and without any
// other flag the window reopens on its last scene.
constexpr const char* kNotPictureFlags[] = {
    "db",        "threads",       "format", "help",      "screenshot",     "scale",
    "title",     "positions-out", "frames", "state-out", "save-positions", "scene",
    "input-log", "depth"};

void note_picture_flags(const CLI::App* cmd, ViewArgs* a) {
  a->picture_flags_given.clear();
  for (const CLI::Option* opt : cmd->get_options()) {
    if (opt->count() == 0 || opt->get_lnames().empty()) continue;
    const std::string& name = opt->get_lnames()[0];
    bool picture = true;
    for (const char* n : kNotPictureFlags)
      if (name == n) picture = false;
    if (picture) a->picture_flags_given.push_back(name);
  }
}

void add_picture_flags(CLI::App* cmd, ViewArgs* a) {
  a->view.add(cmd, "full", true);
  cmd->add_option("--measure", a->measure,
                  "size nodes by: " + measure_names() + " (default degree)")
      ->type_name("MEASURE");
  cmd->add_option("--color", a->color,
                  "colour nodes by kind (default), community (found now), dataset, or "
                  "community:NAME (a saved partition)")
      ->type_name("BY");
  cmd->add_option("--layout", a->layout, "forceatlas2 (default), fr or circular")
      ->type_name("LAYOUT");
  cmd->add_option("--seed", a->seed,
                  "layout seed (default 1): the same store and seed give the same picture");
  cmd->add_flag("--fresh-layout", a->fresh_layout, "ignore the positions saved in the store");
  cmd->add_option("--scaling", a->scaling,
                  "ForceAtlas2 repulsion (default 0: 2 under 100 vertices, else 10)");
  cmd->add_option("--gravity", a->gravity, "ForceAtlas2 pull towards the centre (default 1)");
  cmd->add_flag("--strong-gravity", a->strong_gravity,
                "ForceAtlas2 gravity grows with the distance from the centre");
  cmd->add_flag("--lin-log", a->lin_log, "ForceAtlas2 LinLog mode: tighter clusters");
  cmd->add_option("--theme", a->theme, "dark (default) or light (a white page for print)")
      ->type_name("THEME");
  cmd->add_option("--edge-width", a->edge_width, "link width, a factor (0.1 to 10, default 1)");
  cmd->add_option("--edge-opacity", a->edge_opacity,
                  "link opacity, 0 to 1 (default 0.55 dark, 0.7 light)");
  cmd->add_option("--size", a->size, "window or image size (default 1600x1000)")->type_name("WxH");
  cmd->add_option("--layout-steps", a->layout_steps, "run the layout this many iterations");
  cmd->add_flag("--until-converged", a->until_converged,
                "run the layout until it converges (the default)");
  cmd->add_option("--labels", a->labels, "label at most this many nodes (default 30)")
      ->check(whole_number(0));
  cmd->add_option("--select", a->select, "select these records (keys or names)")->type_name("KEY");
}

void add_view_command(CLI::App& app, Registry& reg) {
  auto a = std::make_shared<ViewArgs>();
  auto* cmd = app.add_subcommand(
      "view",
      "explore the network in a window (or render it to PNG, SVG or PDF with --screenshot)");
  add_db_option(cmd, &a->common);
  add_picture_flags(cmd, a.get());
  cmd->add_option("--scene", a->scene,
                  "open this saved scene (govnet scenes): its view, colours, positions, camera "
                  "and selection; --size, --scale and --title may go with it")
      ->type_name("NAME");
  cmd->add_option("--screenshot", a->screenshot,
                  "render to this file and exit: PNG, SVG or PDF by its extension (no window "
                  "needed; with --frames, the whole window as a PNG)")
      ->type_name("FILE");
  cmd->add_option("--scale", a->scale,
                  "screenshot: scale text, node sizes, line widths and legend (default 1)");
  cmd->add_option("--title", a->title, "screenshot: a title at the top of the picture");
  cmd->add_option("--positions-out", a->positions_out,
                  "screenshot: also write each vertex's pixel position as JSON")
      ->type_name("FILE");
  cmd->add_flag(
      "--save-positions", a->save_positions,
      "screenshot: save the positions in the store (the window always saves them on close)");
  cmd->add_option("--focus", a->focus, "dim everything but this record's ego network")
      ->type_name("KEY");
  cmd->add_option("--depth", a->depth, "ego network steps for --focus (1-3, default 1)")
      ->check(whole_number(1));
  cmd->add_option("--frames", a->frames,
                  "run the window for N frames, print frame times and exit; with "
                  "--screenshot, save the whole window (panels too)");
  cmd->add_option("--input-log", a->input_log,
                  "for latency measurements: log when each input arrived and when the frame "
                  "answering it was done (bench/latency.py)")
      ->type_name("FILE");
  cmd->add_option("--state-out", a->state_out,
                  "when the window closes, write what it shows (selection, pins, path, time, "
                  "camera) as JSON")
      ->type_name("FILE");
  cmd->footer(
      "In the window: drag to pan, wheel to zoom, F fits, click selects (shift adds), click near\n"
      "an edge shows its ties, shift-drag selects a box, drag a node to pin it (double-click its\n"
      "pin or right-click to unpin), double-click focuses its ego network, space pauses the\n"
      "layout, Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes, Esc clears, Ctrl+Q closes.\n"
      "Positions are saved in the store when the window closes, and what it shows as the scene\n"
      "'last', which `govnet view` without picture flags reopens.");
  reg.on(cmd, [a, cmd] {
    note_picture_flags(cmd, a.get());
    if (!a->scene.empty()) {
      for (const std::string& flag : a->picture_flags_given)
        if (flag != "size")
          usage_error("--scene " + a->scene + " sets the picture; leave out --" + flag +
                      " (or save a new scene with `govnet scenes save NAME --" + flag + " ...`)");
    }
    run_view(*a);
  });
}

}  // namespace govnet::cli
