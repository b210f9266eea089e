#include "govnet/view_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "govnet/community.h"
#include "govnet/draw_list.h"
#include "label_placement.h"
#include "govnet/text.h"
#include "govnet/traversal.h"

namespace govnet::viewer {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

ViewModel::ViewModel(Network net, std::vector<DatasetInfo> datasets)
    : net_(std::move(net)), datasets_(std::move(datasets)) {
  compute_years();
  rebuild_graph(spec_);
}

void ViewModel::compute_years() {
  int lo = INT32_MAX, hi = INT32_MIN;
  auto see = [&](const Spells& spells) {
    for (const Period& p : spells.periods)
      for (const auto& d : {p.start, p.end})
        if (d) {
          lo = std::min<int>(lo, d->year);
          hi = std::max<int>(hi, d->year);
        }
  };
  for (const auto& a : net_.actors) see(a.spells);
  for (const auto& x : net_.instruments) see(x.spells);
  for (const auto& t : net_.ties) see(t.spells);
  years_ = lo <= hi ? std::pair{lo, hi} : std::pair{0, 0};
}

bool ViewModel::set_spec(const ViewSpec& spec) {
  std::string error;
  auto probe = AnalysisGraph::build(net_, spec, &error);
  if (!probe) {
    error_ = error;
    return false;
  }
  error_.clear();
  rebuild_graph(spec);
  return true;
}

void ViewModel::rebuild_graph(const ViewSpec& spec) {
  // Remember where every current vertex was and what was selected, by record.
  std::vector<std::pair<bool, uint32_t>> was_selected;
  std::map<std::pair<bool, uint32_t>, char> was_pinned;
  if (graph_) {
    for (uint32_t v = 0; v < graph_->vertex_count(); ++v) {
      auto r = graph_->vertex(v);
      if (finite(pos_[v])) remembered_[{r.is_instrument(), r.index}] = pos_[v];
      if (pinned_[v]) was_pinned[{r.is_instrument(), r.index}] = 1;
    }
    for (uint32_t v : selection_)
      was_selected.emplace_back(graph_->vertex(v).is_instrument(), graph_->vertex(v).index);
  }
  spec_ = spec;
  std::string error;
  graph_ = AnalysisGraph::build(net_, spec_, &error);
  const uint32_t n = graph_->vertex_count();
  pos_.assign(n, {kNaN, kNaN});
  pinned_.assign(n, 0);
  for (uint32_t v = 0; v < n; ++v) {
    auto r = graph_->vertex(v);
    if (auto it = remembered_.find({r.is_instrument(), r.index}); it != remembered_.end())
      pos_[v] = it->second;
    pinned_[v] = was_pinned.count({r.is_instrument(), r.index}) ? 1 : 0;
  }
  selection_.clear();
  is_selected_.assign(n, 0);
  for (auto [inst, idx] : was_selected)
    if (auto v = graph_->vertex_of(inst ? NodeType::kInstrument : NodeType::kActor, idx)) {
      selection_.push_back(*v);
      is_selected_[*v] = 1;
    }
  hover_.reset();
  selected_link_.reset();
  focus_active_ = false;
  in_focus_.clear();
  link_on_path_.clear();
  path_.clear();
  path_links_.clear();
  Communities found = detect_communities(*graph_);
  community_ = std::move(found.membership);
  community_count_ = found.count();
  map_partition();
  max_link_weight_ = 1;
  for (const Link& l : graph_->links()) max_link_weight_ = std::max(max_link_weight_, l.weight);
  compute_link_families();
  ++view_version_;
  set_measure(measure_, spec_.directed, spec_.weight);
  ++geometry_version_;
}

bool ViewModel::set_time(std::optional<int> from_year, std::optional<int> to_year) {
  ViewSpec s = spec_;
  s.from.reset();
  s.to.reset();
  if (from_year) s.from = Date{static_cast<int16_t>(*from_year), 0, 0, Date::Precision::kYear};
  if (to_year) s.to = Date{static_cast<int16_t>(*to_year), 0, 0, Date::Precision::kYear};
  return set_spec(s);
}

bool ViewModel::play_step() {
  if (years_.first == 0 && years_.second == 0) return false;
  int next = spec_.to && spec_.from && *spec_.from == *spec_.to ? spec_.to->year + 1 : years_.first;
  if (next > years_.second) return false;
  set_time(next, next);
  return true;
}

void ViewModel::set_positions(std::vector<Vec2> p) {
  if (p.size() != pos_.size()) return;  // from a layout of an older view: ignore
  pos_ = std::move(p);
  ++geometry_version_;
}

std::vector<NodePosition> ViewModel::keyed_positions() const {
  std::vector<NodePosition> out;
  for (uint32_t v = 0; v < graph_->vertex_count(); ++v)
    if (finite(pos_[v]))
      out.push_back({{graph_->vertex(v).type, key(v)}, pos_[v].x, pos_[v].y, pinned_[v] != 0});
  return out;
}

size_t ViewModel::apply_keyed_positions(const std::vector<NodePosition>& saved) {
  std::map<std::pair<NodeType, std::string>, const NodePosition*> by_key;
  for (const auto& s : saved) by_key[{s.node.type, s.node.key}] = &s;
  size_t matched = 0;
  for (uint32_t v = 0; v < graph_->vertex_count(); ++v) {
    auto it = by_key.find({graph_->vertex(v).type, key(v)});
    if (it == by_key.end()) continue;
    pos_[v] = Vec2{it->second->x, it->second->y};
    pinned_[v] = it->second->pinned;
    ++matched;
  }
  ++geometry_version_;
  return matched;
}

void ViewModel::pin(uint32_t v, Vec2 at) {
  if (v >= pos_.size()) return;
  pos_[v] = at;
  pinned_[v] = 1;
  ++geometry_version_;
}

void ViewModel::unpin(uint32_t v) {
  if (v < pinned_.size()) pinned_[v] = 0;
  ++style_version_;
}

void ViewModel::unpin_all() {
  std::fill(pinned_.begin(), pinned_.end(), 0);
  ++style_version_;
}

void ViewModel::set_viewport(int width, int height) {
  camera_.width = std::max(width, 1);
  camera_.height = std::max(height, 1);
}

void ViewModel::fit_to_screen(float margin, float left, float right) {
  float minx = 1e30f, miny = 1e30f, maxx = -1e30f, maxy = -1e30f;
  for (const Vec2& p : pos_) {
    if (!finite(p)) continue;
    minx = std::min(minx, p.x);
    maxx = std::max(maxx, p.x);
    miny = std::min(miny, p.y);
    maxy = std::max(maxy, p.y);
  }
  if (minx > maxx) {
    camera_.cx = camera_.cy = 0;
    camera_.zoom = 1;
    return;
  }
  if (left + right > camera_.width * 0.6) left = right = 0;  // a narrow window: ignore panels
  double w = std::max(1.0, camera_.width - 2.0 * margin - left - right);
  double h = std::max(1.0, camera_.height - 2.0 * margin);
  double dx = std::max(maxx - minx, 1e-3f), dy = std::max(maxy - miny, 1e-3f);
  camera_.zoom = std::min(w / dx, h / dy);
  // Centre the nodes in the free area: shift the camera by half the difference of the insets.
  camera_.cx = (minx + maxx) / 2.0 - (left - right) / 2.0 / camera_.zoom;
  camera_.cy = (miny + maxy) / 2.0;
}

void ViewModel::pan(float dx, float dy) {
  camera_.cx -= dx / camera_.zoom;
  camera_.cy += dy / camera_.zoom;
}

void ViewModel::zoom_at(float sx, float sy, double factor) {
  Vec2 before = camera_.to_world(sx, sy);
  camera_.zoom = std::clamp(camera_.zoom * factor, 1e-6, 1e6);
  Vec2 after = camera_.to_world(sx, sy);
  camera_.cx += before.x - after.x;
  camera_.cy += before.y - after.y;
}

// ---- spatial index ----

void ViewModel::rebuild_index() const {
  if (indexed_version_ == geometry_version_) return;
  indexed_version_ = geometry_version_;
  const uint32_t n = static_cast<uint32_t>(pos_.size());
  float minx = 1e30f, miny = 1e30f, maxx = -1e30f, maxy = -1e30f;
  for (const Vec2& p : pos_) {
    if (!finite(p)) continue;
    minx = std::min(minx, p.x);
    maxx = std::max(maxx, p.x);
    miny = std::min(miny, p.y);
    maxy = std::max(maxy, p.y);
  }
  cell_start_.clear();
  cell_items_.clear();
  if (minx > maxx) {
    gw_ = gh_ = 0;
    return;
  }
  float extent = std::max(maxx - minx, maxy - miny) + 1e-3f;
  int side = std::clamp(static_cast<int>(std::sqrt(double(n))), 1, 1024);
  cell_ = extent / side;
  minx_ = minx;
  miny_ = miny;
  gw_ = static_cast<int>((maxx - minx) / cell_) + 1;
  gh_ = static_cast<int>((maxy - miny) / cell_) + 1;
  std::vector<uint32_t> count(static_cast<size_t>(gw_) * gh_ + 1, 0);
  auto cell_of = [&](Vec2 p) {
    int cx = std::clamp(static_cast<int>((p.x - minx_) / cell_), 0, gw_ - 1);
    int cy = std::clamp(static_cast<int>((p.y - miny_) / cell_), 0, gh_ - 1);
    return static_cast<size_t>(cy) * gw_ + cx;
  };
  for (const Vec2& p : pos_)
    if (finite(p)) ++count[cell_of(p) + 1];
  for (size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  cell_start_ = count;
  cell_items_.assign(count.back(), 0);
  std::vector<uint32_t> fill(count.begin(), count.end() - 1);
  for (uint32_t v = 0; v < n; ++v)
    if (finite(pos_[v])) cell_items_[fill[cell_of(pos_[v])]++] = v;
}

std::optional<uint32_t> ViewModel::pick(float sx, float sy) const {
  rebuild_index();
  if (gw_ == 0) return std::nullopt;
  const float reach_px = 18 + 4;  // the largest radius plus slack
  Vec2 w = camera_.to_world(sx, sy);
  float reach = static_cast<float>(reach_px / camera_.zoom);
  int x0 = std::max(0, static_cast<int>((w.x - reach - minx_) / cell_));
  int x1 = std::min(gw_ - 1, static_cast<int>((w.x + reach - minx_) / cell_));
  int y0 = std::max(0, static_cast<int>((w.y - reach - miny_) / cell_));
  int y1 = std::min(gh_ - 1, static_cast<int>((w.y + reach - miny_) / cell_));
  std::optional<uint32_t> best;
  float best_d = 1e30f;
  for (int cy = y0; cy <= y1; ++cy)
    for (int cx = x0; cx <= x1; ++cx) {
      size_t c = static_cast<size_t>(cy) * gw_ + cx;
      for (uint32_t i = cell_start_[c]; i < cell_start_[c + 1]; ++i) {
        uint32_t v = cell_items_[i];
        Vec2 s = camera_.to_screen(pos_[v]);
        float d = std::hypot(s.x - sx, s.y - sy);
        if (d <= node_radius_px(v) + 3 && d < best_d) {
          best = v;
          best_d = d;
        }
      }
    }
  return best;
}

std::vector<uint32_t> ViewModel::pick_box(float x0, float y0, float x1, float y1) const {
  rebuild_index();
  std::vector<uint32_t> out;
  if (gw_ == 0) return out;
  Vec2 a = camera_.to_world(std::min(x0, x1), std::max(y0, y1));
  Vec2 b = camera_.to_world(std::max(x0, x1), std::min(y0, y1));
  int cx0 = std::max(0, static_cast<int>((a.x - minx_) / cell_)),
      cx1 = std::min(gw_ - 1, static_cast<int>((b.x - minx_) / cell_));
  int cy0 = std::max(0, static_cast<int>((a.y - miny_) / cell_)),
      cy1 = std::min(gh_ - 1, static_cast<int>((b.y - miny_) / cell_));
  for (int cy = cy0; cy <= cy1; ++cy)
    for (int cx = cx0; cx <= cx1; ++cx) {
      size_t c = static_cast<size_t>(cy) * gw_ + cx;
      for (uint32_t i = cell_start_[c]; i < cell_start_[c + 1]; ++i) {
        uint32_t v = cell_items_[i];
        const Vec2& p = pos_[v];
        if (p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y) out.push_back(v);
      }
    }
  std::sort(out.begin(), out.end());
  return out;
}

void ViewModel::select(uint32_t v, bool add) {
  if (v >= is_selected_.size()) return;
  if (!add) clear_selection();
  if (is_selected_[v]) {
    if (add) {  // shift-click on a selected vertex deselects it
      is_selected_[v] = 0;
      selection_.erase(std::find(selection_.begin(), selection_.end(), v));
    }
  } else {
    is_selected_[v] = 1;
    selection_.push_back(v);
  }
  ++style_version_;
}

void ViewModel::select_box(float x0, float y0, float x1, float y1, bool add) {
  if (!add) clear_selection();
  for (uint32_t v : pick_box(x0, y0, x1, y1))
    if (!is_selected_[v]) {
      is_selected_[v] = 1;
      selection_.push_back(v);
    }
  ++style_version_;
}

void ViewModel::clear_selection() {
  for (uint32_t v : selection_) is_selected_[v] = 0;
  selection_.clear();
  ++style_version_;
}

// ---- measures, focus, path ----

bool ViewModel::set_measure(Measure m, bool directed, WeightKind weight) {
  if (directed != spec_.directed || weight != spec_.weight) {
    ViewSpec s = spec_;
    s.directed = directed;
    s.weight = weight;
    measure_ = m;
    return set_spec(s);  // rebuild_graph calls back here with a matching spec
  }
  measure_ = m;
  CentralityOptions o;
  o.measure = m;
  CentralityResult r = compute_centrality(*graph_, o);
  centrality_ = r.ok() ? r.values : std::vector<double>(graph_->vertex_count(), 0.0);
  if (!r.ok()) error_ = r.error;
  max_centrality_ = 0;
  for (double x : centrality_) max_centrality_ = std::max(max_centrality_, x);
  ++style_version_;
  ++measure_version_;
  return r.ok();
}

std::vector<RankRow> ViewModel::ranking(bool descending, bool by_name) const {
  std::vector<RankRow> rows;
  for (uint32_t v = 0; v < graph_->vertex_count(); ++v) {
    auto r = graph_->vertex(v);
    std::string kind = r.is_instrument() ? std::string(to_string(net_.instruments[r.index].kind))
                                         : std::string(to_string(net_.actors[r.index].kind));
    rows.push_back({v, key(v), display_name(v), kind, centrality_.empty() ? 0 : centrality_[v]});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const RankRow& a, const RankRow& b) {
    return a.value != b.value ? a.value > b.value : a.key < b.key;
  });
  for (size_t i = 0; i < rows.size(); ++i) rows[i].rank = static_cast<int>(i + 1);
  std::stable_sort(rows.begin(), rows.end(), [&](const RankRow& a, const RankRow& b) {
    if (by_name) return descending ? a.name > b.name : a.name < b.name;
    if (a.value != b.value) return descending ? a.value > b.value : a.value < b.value;
    return a.key < b.key;
  });
  return rows;
}

void ViewModel::focus_ego(uint32_t v, int depth) {
  if (v >= graph_->vertex_count()) return;
  depth = std::clamp(depth, 1, 3);
  in_focus_.assign(graph_->vertex_count(), 0);
  for (const auto& r : ego_network(*graph_, v, static_cast<uint32_t>(depth)))
    in_focus_[r.vertex] = 1;
  link_on_path_.clear();
  path_.clear();
  path_links_.clear();
  focus_active_ = true;
  ++style_version_;
}

bool ViewModel::select_path(uint32_t a, uint32_t b) {
  auto p = shortest_path(*graph_, a, b);
  if (!p) p = shortest_path(*graph_, b, a);
  if (!p) return false;
  in_focus_.assign(graph_->vertex_count(), 0);
  link_on_path_.assign(graph_->links().size(), 0);
  path_.clear();
  path_links_.clear();
  for (const auto& st : *p) {
    in_focus_[st.vertex] = 1;
    path_.push_back(st.vertex);
    path_links_.push_back(st.link);
    if (st.link != UINT32_MAX) link_on_path_[st.link] = 1;
  }
  focus_active_ = true;
  ++style_version_;
  return true;
}

bool ViewModel::select_path() {
  if (selection_.size() != 2) return false;
  return select_path(selection_[0], selection_[1]);
}

void ViewModel::clear_focus() {
  focus_active_ = false;
  in_focus_.clear();
  link_on_path_.clear();
  path_.clear();
  path_links_.clear();
  ++style_version_;
}

// ---- search ----

std::vector<uint32_t> ViewModel::search(const std::string& text, size_t limit) const {
  const std::string q = normalize_for_search(text);
  std::vector<std::pair<int, uint32_t>> hits;
  if (q.empty()) return {};
  for (uint32_t v = 0; v < graph_->vertex_count(); ++v) {
    auto r = graph_->vertex(v);
    std::vector<std::string> names{key(v), display_name(v)};
    if (!r.is_instrument())
      for (const auto& a : net_.actors[r.index].aliases) names.push_back(a);
    int best = 99;
    for (const auto& s : names) {
      std::string n = normalize_for_search(s);
      size_t pos = n.find(q);
      if (pos == std::string::npos) continue;
      best = std::min(best, n.size() == q.size() ? 0 : pos == 0 ? 1 : n[pos - 1] == ' ' ? 2 : 3);
    }
    if (best < 99) hits.emplace_back(best, v);
  }
  std::stable_sort(hits.begin(), hits.end(), [&](auto& a, auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return key(a.second) < key(b.second);
  });
  std::vector<uint32_t> out;
  for (size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(hits[i].second);
  return out;
}

void ViewModel::jump_to(uint32_t v) {
  if (v >= pos_.size()) return;
  select(v, false);
  if (finite(pos_[v])) {
    camera_.cx = pos_[v].x;
    camera_.cy = pos_[v].y;
  }
}

// ---- looks ----

std::string ViewModel::display_name(uint32_t v) const {
  auto r = graph_->vertex(v);
  return r.is_instrument() ? net_.instruments[r.index].name : net_.actors[r.index].name;
}

NodeType ViewModel::vertex_type(uint32_t v) const { return graph_->vertex(v).type; }

std::string ViewModel::key(uint32_t v) const {
  auto r = graph_->vertex(v);
  return r.is_instrument() ? net_.instruments[r.index].key : net_.actors[r.index].key;
}

}  // namespace govnet::viewer
