// Scenes: capturing, applying and their JSON document (scene.h).
#include "govnet/scene.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <type_traits>

namespace govnet::viewer {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kColorNames[] = {"kind", "community", "dataset", "partition"};
constexpr const char* kThemeNames[] = {"dark", "light"};

template <typename E, typename ToString>
Json names(const std::vector<E>& values, ToString to_string_fn) {
  Json out = Json::array();
  for (E v : values) out.push_back(std::string(to_string_fn(v)));
  return out;
}

Json node_ref(const NodeRef& n) {
  return Json{{"type", std::string(to_string(n.type))}, {"key", n.key}};
}

Json view_json(const Scene& s) {
  const ViewSpec& v = s.spec;
  auto date = [](const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(); };
  return Json{{"kind", std::string(to_string(v.kind))},
              {"families", names(v.families, [](Family f) { return to_string(f); })},
              {"actor_kinds", names(v.actor_kinds, [](ActorKind k) { return to_string(k); })},
              {"instrument_kinds",
               names(v.instrument_kinds, [](InstrumentKind k) { return to_string(k); })},
              {"statuses", names(v.statuses, [](Status st) { return to_string(st); })},
              {"datasets", s.datasets},
              {"from", date(v.from)},
              {"to", date(v.to)},
              {"dated_only", v.dated_only},
              {"directed", v.directed},
              {"weight", std::string(to_string(v.weight))},
              {"keep_isolated", v.keep_isolated},
              {"min_component", v.min_component}};
}

// Reads a scene document field by field; the first problem is kept with the field's path.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  void fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = source_ + ": " + path + ": " + what;
  }
  // The member `key` of `obj` (at `path`), checked to be of the wanted kind; nullptr when absent
  // (and then a failure unless `optional`).
  const Json* member(const Json& obj, const std::string& path, const char* key, Json::value_t kind,
                     bool optional = false) {
    auto it = obj.find(key);
    const std::string at = path.empty() ? key : path + "." + key;
    if (it == obj.end() || it->is_null()) {
      if (!optional) fail(at, "missing");
      return nullptr;
    }
    bool ok = it->type() == kind || (kind == Json::value_t::number_float && it->is_number()) ||
              (kind == Json::value_t::number_unsigned && it->is_number_integer() &&
               it->get<int64_t>() >= 0);
    if (!ok) {
      fail(at, std::string("expected ") + type_name(kind) + ", found " + it->type_name());
      return nullptr;
    }
    return &*it;
  }
  bool boolean(const Json& obj, const std::string& path, const char* key, bool* out) {
    const Json* j = member(obj, path, key, Json::value_t::boolean);
    if (j) *out = j->get<bool>();
    return j != nullptr;
  }
  template <typename T>
  bool number(const Json& obj, const std::string& path, const char* key, T* out) {
    const Json* j = member(obj, path, key, Json::value_t::number_float);
    if (!j) return false;
    const double x = j->get<double>();
    if constexpr (std::is_integral_v<T>) {
      if (!(x >= static_cast<double>(std::numeric_limits<T>::min()) &&
            x <= static_cast<double>(std::numeric_limits<T>::max()) && x == std::floor(x))) {
        fail(path.empty() ? key : path + "." + key,
             "expected a whole number in range, found " + j->dump());
        return false;
      }
      *out = j->is_number_integer() ? j->get<T>() : static_cast<T>(x);
    } else {
      *out = static_cast<T>(x);
    }
    return true;
  }
  bool text(const Json& obj, const std::string& path, const char* key, std::string* out,
            bool optional = false) {
    const Json* j = member(obj, path, key, Json::value_t::string, optional);
    if (j) *out = j->get<std::string>();
    return j != nullptr;
  }
  // A list of vocabulary names parsed by `parse`.
  template <typename E, typename Parse>
  void vocabulary(const Json& obj, const std::string& path, const char* key, const char* what,
                  Parse parse, std::vector<E>* out) {
    const Json* list = member(obj, path, key, Json::value_t::array);
    if (!list) return;
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string at = path + "." + key + "[" + std::to_string(i) + "]";
      const Json& item = (*list)[i];
      auto value = item.is_string() ? parse(item.get<std::string>()) : std::nullopt;
      if (!value) {
        fail(at, std::string("unknown ") + what + " " + item.dump());
        return;
      }
      out->push_back(*value);
    }
  }
  bool node(const Json& item, const std::string& at, NodeRef* out) {
    if (!item.is_object()) {
      fail(at, std::string("expected an object, found ") + item.type_name());
      return false;
    }
    std::string type;
    if (!text(item, at, "type", &type) || !text(item, at, "key", &out->key)) return false;
    if (type != "actor" && type != "instrument") {
      fail(at + ".type", "expected actor or instrument, found '" + type + "'");
      return false;
    }
    out->type = type == "actor" ? NodeType::kActor : NodeType::kInstrument;
    return true;
  }
  std::optional<Date> date(const Json& obj, const std::string& path, const char* key) {
    std::string t;
    if (!text(obj, path, key, &t, true)) return std::nullopt;
    std::string why;
    auto d = parse_date(t, &why);
    if (!d) fail(path + "." + key, why);
    return d;
  }

 private:
  static const char* type_name(Json::value_t kind) {
    switch (kind) {
      case Json::value_t::boolean:
        return "true or false";
      case Json::value_t::string:
        return "a string";
      case Json::value_t::array:
        return "a list";
      case Json::value_t::object:
        return "an object";
      default:
        return "a number";
    }
  }
  std::string source_, error_;
};

template <size_t N>
int name_index(const char* const (&table)[N], const std::string& name) {
  for (size_t i = 0; i < N; ++i)
    if (name == table[i]) return static_cast<int>(i);
  return -1;
}

void read_view(Reader& r, const Json& v, Scene* s) {
  ViewSpec& spec = s->spec;
  std::string kind, weight;
  if (r.text(v, "view", "kind", &kind)) {
    auto k = parse_view_kind(kind);
    if (!k) r.fail("view.kind", "unknown view '" + kind + "'");
    spec.kind = k.value_or(ViewKind::kFull);
  }
  r.vocabulary(v, "view", "families", "family", parse_family, &spec.families);
  r.vocabulary(v, "view", "actor_kinds", "actor kind", parse_actor_kind, &spec.actor_kinds);
  r.vocabulary(v, "view", "instrument_kinds", "instrument kind", parse_instrument_kind,
               &spec.instrument_kinds);
  r.vocabulary(v, "view", "statuses", "status", parse_status, &spec.statuses);
  r.vocabulary(
      v, "view", "datasets", "dataset",
      [](const std::string& n) { return std::optional<std::string>(n); }, &s->datasets);
  spec.from = r.date(v, "view", "from");
  spec.to = r.date(v, "view", "to");
  r.boolean(v, "view", "dated_only", &spec.dated_only);
  r.boolean(v, "view", "directed", &spec.directed);
  if (r.text(v, "view", "weight", &weight)) {
    auto w = parse_weight_kind(weight);
    if (!w) r.fail("view.weight", "unknown weight '" + weight + "'");
    spec.weight = w.value_or(WeightKind::kNone);
  }
  r.boolean(v, "view", "keep_isolated", &spec.keep_isolated);
  r.number(v, "view", "min_component", &spec.min_component);
}

void read_style(Reader& r, const Json& doc, Scene* s) {
  std::string measure, color, theme;
  if (r.text(doc, "", "measure", &measure)) {
    auto m = parse_measure(measure);
    if (!m) r.fail("measure", "unknown measure '" + measure + "'");
    s->measure = m.value_or(Measure::kDegree);
  }
  if (r.text(doc, "", "color", &color)) {
    int i = name_index(kColorNames, color);
    if (i < 0)
      r.fail("color", "expected kind, community, dataset or partition, found '" + color + "'");
    s->color = static_cast<ColorMode>(std::max(i, 0));
  }
  r.text(doc, "", "partition", &s->partition, s->color != ColorMode::kPartition);
  if (r.text(doc, "", "theme", &theme)) {
    int i = name_index(kThemeNames, theme);
    if (i < 0) r.fail("theme", "expected dark or light, found '" + theme + "'");
    s->theme = static_cast<Theme>(std::max(i, 0));
  }
  if (const Json* links = r.member(doc, "", "links", Json::value_t::object)) {
    r.number(*links, "links", "width", &s->link_width);
    float opacity = 0;
    if (r.member(*links, "links", "opacity", Json::value_t::number_float, true) &&
        r.number(*links, "links", "opacity", &opacity))
      s->link_opacity = opacity;
  }
  if (const Json* labels = r.member(doc, "", "labels", Json::value_t::object)) {
    r.boolean(*labels, "labels", "show", &s->show_labels);
    r.number(*labels, "labels", "max", &s->max_labels);
  }
}

void read_layout(Reader& r, const Json& doc, Scene* s) {
  const Json* l = r.member(doc, "", "layout", Json::value_t::object);
  if (!l) return;
  std::string kind;
  if (r.text(*l, "layout", "kind", &kind)) {
    auto k = parse_layout_kind(kind);
    if (!k) r.fail("layout.kind", "unknown layout '" + kind + "'");
    s->layout.kind = k.value_or(LayoutKind::kForceAtlas2);
  }
  r.number(*l, "layout", "seed", &s->layout.seed);
  r.number(*l, "layout", "scaling", &s->layout.scaling);
  r.number(*l, "layout", "gravity", &s->layout.gravity);
  r.boolean(*l, "layout", "strong_gravity", &s->layout.strong_gravity);
  r.boolean(*l, "layout", "lin_log", &s->layout.lin_log);
}

void read_camera_and_nodes(Reader& r, const Json& doc, Scene* s) {
  if (const Json* c = r.member(doc, "", "camera", Json::value_t::object)) {
    r.number(*c, "camera", "cx", &s->camera.cx);
    r.number(*c, "camera", "cy", &s->camera.cy);
    r.number(*c, "camera", "zoom", &s->camera.zoom);
    r.number(*c, "camera", "width", &s->camera.width);
    r.number(*c, "camera", "height", &s->camera.height);
    r.boolean(*c, "camera", "locked", &s->camera_locked);
    if (!r.failed() && !(s->camera.zoom > 0 && s->camera.width > 0 && s->camera.height > 0))
      r.fail("camera", "zoom, width and height must be above 0");
  }
  if (const Json* sel = r.member(doc, "", "selection", Json::value_t::array))
    for (size_t i = 0; i < sel->size() && !r.failed(); ++i) {
      NodeRef n;
      if (r.node((*sel)[i], "selection[" + std::to_string(i) + "]", &n)) s->selection.push_back(n);
    }
  if (const Json* pos = r.member(doc, "", "positions", Json::value_t::array))
    for (size_t i = 0; i < pos->size() && !r.failed(); ++i) {
      const std::string at = "positions[" + std::to_string(i) + "]";
      NodePosition p;
      if (r.node((*pos)[i], at, &p.node) && r.number((*pos)[i], at, "x", &p.x) &&
          r.number((*pos)[i], at, "y", &p.y) && r.boolean((*pos)[i], at, "pinned", &p.pinned))
        s->positions.push_back(std::move(p));
    }
}

}  // namespace

Scene capture_scene(const ViewModel& m, const LayoutOptions& layout, size_t max_labels,
                    bool show_labels, bool camera_locked) {
  Scene s;
  s.spec = m.spec();
  for (DatasetId id : s.spec.datasets)
    for (const DatasetInfo& d : m.datasets())
      if (d.id == id) s.datasets.push_back(d.name);
  s.spec.datasets.clear();
  s.measure = m.measure();
  s.color = m.color_mode();
  if (s.color == ColorMode::kPartition && m.partition() < m.partition_names().size())
    s.partition = m.partition_names()[m.partition()];
  s.theme = m.theme();
  s.link_width = m.link_width_factor();
  s.link_opacity = m.link_opacity_setting();
  s.max_labels = max_labels;
  s.show_labels = show_labels;
  s.layout = layout;
  s.positions = m.keyed_positions();
  for (uint32_t v : m.selection()) s.selection.push_back({m.vertex_type(v), m.key(v)});
  s.camera = m.camera();
  s.camera_locked = camera_locked;
  return s;
}

bool apply_scene(const Scene& scene, ViewModel* m, std::string* error, size_t* missing) {
  ViewSpec spec = scene.spec;
  spec.datasets.clear();
  for (const std::string& name : scene.datasets) {
    auto it = std::find_if(m->datasets().begin(), m->datasets().end(),
                           [&](const DatasetInfo& d) { return d.name == name; });
    if (it == m->datasets().end()) {
      *error = "the scene's view is limited to dataset '" + name + "', which the store lacks";
      return false;
    }
    spec.datasets.push_back(it->id);
  }
  if (!m->set_spec(spec) || !m->set_measure(scene.measure, spec.directed, spec.weight)) {
    *error = "the scene's view cannot be shown: " + m->last_error();
    return false;
  }
  if (scene.color == ColorMode::kPartition) {
    const auto& names = m->partition_names();
    auto it = std::find(names.begin(), names.end(), scene.partition);
    if (it == names.end()) {
      *error = "the scene is coloured by the saved partition '" + scene.partition +
               "', which the store lacks (save it with `govnet communities --save " +
               scene.partition + "`)";
      return false;
    }
    m->set_partition(static_cast<size_t>(it - names.begin()));
  } else {
    m->set_color_mode(scene.color);
  }
  m->set_theme(scene.theme);
  m->set_link_style(scene.link_width, scene.link_opacity);
  size_t matched = m->apply_keyed_positions(scene.positions);
  std::map<std::pair<NodeType, std::string>, uint32_t> vertex_of;
  for (uint32_t v = 0; v < m->graph().vertex_count(); ++v)
    vertex_of[{m->vertex_type(v), m->key(v)}] = v;
  m->clear_selection();
  size_t selected = 0;
  for (const NodeRef& n : scene.selection)
    if (auto it = vertex_of.find({n.type, n.key}); it != vertex_of.end()) {
      m->select(it->second, true);
      ++selected;
    }
  m->camera() = scene.camera;
  if (missing) *missing = scene.positions.size() - matched + scene.selection.size() - selected;
  return true;
}

std::string scene_to_json(const Scene& s) {
  Json selection = Json::array(), positions = Json::array();
  for (const NodeRef& n : s.selection) selection.push_back(node_ref(n));
  for (const NodePosition& p : s.positions) {
    Json j = node_ref(p.node);
    j["x"] = p.x;
    j["y"] = p.y;
    j["pinned"] = p.pinned;
    positions.push_back(std::move(j));
  }
  Json doc{
      {"govnet_scene", Scene::kVersion},
      {"view", view_json(s)},
      {"measure", std::string(to_string(s.measure))},
      {"color", kColorNames[static_cast<int>(s.color)]},
      {"partition", s.color == ColorMode::kPartition ? Json(s.partition) : Json()},
      {"theme", kThemeNames[static_cast<int>(s.theme)]},
      {"links",
       {{"width", s.link_width}, {"opacity", s.link_opacity ? Json(*s.link_opacity) : Json()}}},
      {"labels", {{"show", s.show_labels}, {"max", s.max_labels}}},
      {"layout",
       {{"kind", std::string(to_string(s.layout.kind))},
        {"seed", s.layout.seed},
        {"scaling", s.layout.scaling},
        {"gravity", s.layout.gravity},
        {"strong_gravity", s.layout.strong_gravity},
        {"lin_log", s.layout.lin_log}}},
      {"camera",
       {{"cx", s.camera.cx},
        {"cy", s.camera.cy},
        {"zoom", s.camera.zoom},
        {"width", s.camera.width},
        {"height", s.camera.height},
        {"locked", s.camera_locked}}},
      {"selection", std::move(selection)},
      {"positions", std::move(positions)}};
  return doc.dump(1) + "\n";
}

bool scene_from_json(const std::string& text, const std::string& source, Scene* out,
                     std::string* error) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string what = e.what();
    auto at = what.find("at line");
    *error = source + ": not JSON: " + (at == std::string::npos ? what : what.substr(at));
    return false;
  }
  Reader r(source);
  Scene s;
  int version = 0;
  if (!doc.is_object()) {
    r.fail("the document", "expected a JSON object (a scene written by `govnet scenes export`)");
  } else if (!r.number(doc, "", "govnet_scene", &version) || version != Scene::kVersion) {
    if (!r.failed())
      r.fail("govnet_scene", "version " + std::to_string(version) + "; this govnet reads version " +
                                 std::to_string(Scene::kVersion));
  } else if (const Json* view = r.member(doc, "", "view", Json::value_t::object)) {
    read_view(r, *view, &s);
    read_style(r, doc, &s);
    read_layout(r, doc, &s);
    read_camera_and_nodes(r, doc, &s);
  }
  if (r.failed()) {
    *error = r.error();
    return false;
  }
  *out = std::move(s);
  return true;
}

}  // namespace govnet::viewer
