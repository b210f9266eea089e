// How the view model's vertices and links look: colours by kind, community or dataset in the
// dark and light themes, sizes, the legend, and which labels are shown in what order.
#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "govnet/draw_list.h"
#include "govnet/view_model.h"
#include "label_placement.h"

namespace govnet::viewer {
namespace {

Color hex(uint32_t rgb, float a = 1) {
  return {((rgb >> 16) & 255) / 255.f, ((rgb >> 8) & 255) / 255.f, (rgb & 255) / 255.f, a};
}

// A ten-colour qualitative palette (Tableau 10).
const std::array<uint32_t, 10> kPalette = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                           0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
// Relation families: agreement, funding, dialogue, membership, assistance, cooperation, other.
const std::array<uint32_t, kFamilyCount> kFamilyColors = {0x4E79A7, 0x59A14F, 0xF28E2B, 0xB07AA1,
                                                          0xE15759, 0x76B7B2, 0x9C9C9C};
constexpr uint32_t kInstrumentColor = 0xD4CFC9;
constexpr uint32_t kPathColor = 0xFFD400;
// The light theme's colours: Okabe and Ito's palette, told apart with every common colour-vision
// deficiency, extended by a grey and black; families take them in the dark theme's order.
const std::array<uint32_t, 9> kLightPalette = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0xD55E00,
                                               0x56B4E9, 0xF0E442, 0x999999, 0x000000};
const std::array<uint32_t, kFamilyCount> kLightFamilyColors = {
    0x0072B2, 0x009E73, 0xE69F00, 0xCC79A7, 0xD55E00, 0x56B4E9, 0x999999};
constexpr uint32_t kLightInstrumentColor = 0xC9C9C9;
// Communities take colours of their own, unlike the families' and the kinds': ColorBrewer's
// Set3 on the dark background, Dark2 on the light one.
const std::array<uint32_t, 10> kCommunityPalette = {0x8DD3C7, 0xFFFFB3, 0xBEBADA, 0xFB8072,
                                                    0x80B1D3, 0xFDB462, 0xB3DE69, 0xFCCDE5,
                                                    0xD9D9D9, 0xBC80BD};
const std::array<uint32_t, 8> kLightCommunityPalette = {0x1B9E77, 0xD95F02, 0x7570B3, 0xE7298A,
                                                        0x66A61E, 0xE6AB02, 0xA6761D, 0x666666};

// What a legend calls an actor kind.
std::string human_name(ActorKind k) {
  switch (k) {
    case ActorKind::kState:
      return "state";
    case ActorKind::kInternationalOrg:
      return "international organisation";
    case ActorKind::kEuInstitution:
      return "EU institution";
    case ActorKind::kEuAgency:
      return "EU agency";
    case ActorKind::kRegionalProcess:
      return "regional process";
    case ActorKind::kNgo:
      return "NGO";
    case ActorKind::kPrivate:
      return "private actor";
    case ActorKind::kSubnational:
      return "subnational authority";
    case ActorKind::kOther:
      return "other actor";
  }
  return std::string(to_string(k));
}

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

void ViewModel::set_color_mode(ColorMode m) {
  color_mode_ = m;
  ++style_version_;
}

void ViewModel::add_partition(std::string name,
                              const std::vector<std::pair<NodeRef, uint32_t>>& members) {
  std::map<std::pair<NodeType, std::string>, uint32_t> by_key;
  for (const auto& [node, community] : members) by_key[{node.type, node.key}] = community;
  partition_names_.push_back(std::move(name));
  partitions_.push_back(std::move(by_key));
}

void ViewModel::set_partition(size_t i) {
  if (i >= partitions_.size()) return;
  partition_ = i;
  color_mode_ = ColorMode::kPartition;
  map_partition();
  ++style_version_;
}

void ViewModel::map_partition() {
  partition_of_.assign(graph_ ? graph_->vertex_count() : 0, kNoCommunity);
  partition_count_ = 0;
  if (partition_ >= partitions_.size()) return;
  const auto& by_key = partitions_[partition_];
  for (const auto& entry : by_key) partition_count_ = std::max(partition_count_, entry.second + 1);
  for (uint32_t v = 0; v < partition_of_.size(); ++v)
    if (auto it = by_key.find({graph_->vertex(v).type, key(v)}); it != by_key.end())
      partition_of_[v] = it->second;
}

void ViewModel::set_theme(Theme t) {
  theme_ = t;
  ++style_version_;
}

Color ViewModel::palette(size_t i) const {
  return theme_ == Theme::kLight ? hex(kLightPalette[i % kLightPalette.size()])
                                 : hex(kPalette[i % kPalette.size()]);
}

Color ViewModel::community_color(uint32_t c) const {
  return theme_ == Theme::kLight ? hex(kLightCommunityPalette[c % kLightCommunityPalette.size()])
                                 : hex(kCommunityPalette[c % kCommunityPalette.size()]);
}

Color ViewModel::family_color(Family f) const {
  const size_t i = static_cast<size_t>(f);
  return hex(theme_ == Theme::kLight ? kLightFamilyColors[i] : kFamilyColors[i]);
}

Color ViewModel::instrument_color() const {
  return hex(theme_ == Theme::kLight ? kLightInstrumentColor : kInstrumentColor);
}

Color ViewModel::node_color(uint32_t v) const {
  auto r = graph_->vertex(v);
  Color c;
  switch (color_mode_) {
    case ColorMode::kKind:
      c = r.is_instrument() ? instrument_color()
                            : palette(static_cast<size_t>(net_.actors[r.index].kind));
      break;
    case ColorMode::kCommunity:
      c = community_color(community_[v]);
      break;
    case ColorMode::kPartition:
      c = v < partition_of_.size() && partition_of_[v] != kNoCommunity
              ? community_color(partition_of_[v])
              : hex(0x808080);
      break;
    case ColorMode::kDataset: {
      DatasetId ds =
          r.is_instrument() ? net_.instruments[r.index].dataset : net_.actors[r.index].dataset;
      c = palette(ds);
      break;
    }
  }
  if (dimmed(v)) c.a = 0.15f;
  return c;
}

uint32_t ViewModel::color_group(uint32_t v) const {
  auto r = graph_->vertex(v);
  switch (color_mode_) {
    case ColorMode::kKind:
      return r.is_instrument() ? UINT8_MAX + 1u : static_cast<uint32_t>(net_.actors[r.index].kind);
    case ColorMode::kCommunity:
      return community_[v];
    case ColorMode::kPartition:
      return v < partition_of_.size() && partition_of_[v] != kNoCommunity ? partition_of_[v]
                                                                          : partition_count_;
    case ColorMode::kDataset:
      return r.is_instrument() ? net_.instruments[r.index].dataset : net_.actors[r.index].dataset;
  }
  return 0;
}

Color ViewModel::link_color(uint32_t id) const {
  if (link_highlighted(id)) return hex(kPathColor, 1.0f);
  // A projection link stands for shared instruments: their strongest family, else neutral.
  const std::optional<Family> f = link_family(id);
  Color c = f ? family_color(*f) : hex(theme_ == Theme::kLight ? 0x7F7F7F : 0x9C9C9C);
  const Link& l = graph_->links()[id];
  c.a = link_opacity();
  if (dimmed(l.from) || dimmed(l.to)) c.a = std::min(c.a, 0.06f);
  return c;
}

std::optional<Family> ViewModel::link_family(uint32_t id) const {
  const Link& l = graph_->links()[id];
  if (!l.ties.empty()) return net_.ties[l.ties.front()].family;
  if (id < link_family_.size() && link_family_[id] != kNoFamily)
    return static_cast<Family>(link_family_[id]);
  return std::nullopt;
}

void ViewModel::compute_link_families() {
  link_family_.clear();
  max_shared_ = 1;
  bool projection = false;
  for (const Link& l : graph_->links()) {
    projection |= l.ties.empty() && !l.instruments.empty();
    max_shared_ = std::max(max_shared_, l.instruments.size());
  }
  if (!projection) return;
  // Each instrument's ties by family.
  std::unordered_map<std::string_view, uint32_t> instrument_of;
  for (uint32_t i = 0; i < net_.instruments.size(); ++i)
    instrument_of.emplace(net_.instruments[i].key, i);
  std::vector<std::array<uint32_t, kFamilyCount>> ties_by_family(net_.instruments.size());
  for (const Tie& t : net_.ties)
    if (t.to_instrument)
      if (auto it = instrument_of.find(t.to); it != instrument_of.end())
        ++ties_by_family[it->second][static_cast<size_t>(t.family)];
  link_family_.assign(graph_->links().size(), kNoFamily);
  for (uint32_t id = 0; id < graph_->links().size(); ++id) {
    std::array<uint32_t, kFamilyCount> total{};
    for (uint32_t inst : graph_->links()[id].instruments)
      for (size_t f = 0; f < total.size(); ++f) total[f] += ties_by_family[inst][f];
    const auto best = std::max_element(total.begin(), total.end());
    if (*best == 0 || std::count(total.begin(), total.end(), *best) > 1) continue;
    link_family_[id] = static_cast<uint8_t>(best - total.begin());
  }
}

void ViewModel::set_link_style(float width_factor, std::optional<float> opacity) {
  link_width_factor_ = std::isfinite(width_factor) ? std::clamp(width_factor, 0.1f, 10.f) : 1.f;
  link_opacity_.reset();
  if (opacity && std::isfinite(*opacity)) link_opacity_ = std::clamp(*opacity, 0.f, 1.f);
  ++style_version_;
}

float ViewModel::link_opacity() const {
  if (link_opacity_) return *link_opacity_;
  return theme_ == Theme::kLight ? 0.7f : 0.55f;
}

float ViewModel::node_radius_px(uint32_t v) const {
  return radius_px_for(v < centrality_.size() ? centrality_[v] : 0);
}

float ViewModel::radius_px_for(double value) const {
  double x = max_centrality_ > 0 ? value / max_centrality_ : 0;
  return 4.0f + 14.0f * static_cast<float>(std::sqrt(std::max(0.0, x)));
}

float ViewModel::link_width_px(uint32_t id) const {
  const Link& l = graph_->links()[id];
  float w = 1.0f + 3.0f * static_cast<float>(std::sqrt(l.weight / max_link_weight_));
  // Unweighted, a projection link is as wide as the instruments it shares make it.
  if (!graph_->weighted())
    w = l.ties.empty() && max_shared_ > 1
            ? 1.0f + 3.0f * static_cast<float>(
                                std::sqrt((l.instruments.size() - 1.0) / (max_shared_ - 1.0)))
            : 1.2f;
  w *= link_width_factor_;
  return link_highlighted(id) ? w + 2.5f : w;
}

std::vector<LegendEntry> ViewModel::legend() const {
  std::vector<LegendEntry> out;
  const uint32_t community_colors = static_cast<uint32_t>(
      theme_ == Theme::kLight ? kLightCommunityPalette.size() : kCommunityPalette.size());
  switch (color_mode_) {
    case ColorMode::kKind: {
      std::vector<char> used(kActorKindCount, 0);
      bool instruments = false;
      for (uint32_t v = 0; v < graph_->vertex_count(); ++v) {
        auto r = graph_->vertex(v);
        if (r.is_instrument())
          instruments = true;
        else
          used[static_cast<size_t>(net_.actors[r.index].kind)] = 1;
      }
      for (size_t k = 0; k < used.size(); ++k)
        if (used[k]) out.push_back({human_name(static_cast<ActorKind>(k)), palette(k)});
      if (instruments)
        out.push_back({std::string(to_string(NodeType::kInstrument)), instrument_color()});
      break;
    }
    case ColorMode::kCommunity:
      for (uint32_t c = 0; c < community_count_ && c < community_colors; ++c)
        out.push_back({"community " + std::to_string(c + 1), community_color(c)});
      if (community_count_ > community_colors) out.push_back({"(colours repeat)", hex(0x808080)});
      break;
    case ColorMode::kDataset:
      for (const auto& d : datasets_) out.push_back({d.name, palette(d.id)});
      break;
    case ColorMode::kPartition: {
      const std::string name =
          partition_ < partition_names_.size() ? partition_names_[partition_] : "";
      for (uint32_t c = 0; c < partition_count_ && c < community_colors; ++c)
        out.push_back({name + ": community " + std::to_string(c), community_color(c)});
      if (partition_count_ > community_colors) out.push_back({"(colours repeat)", hex(0x808080)});
      if (std::count(partition_of_.begin(), partition_of_.end(), kNoCommunity) > 0)
        out.push_back({"not in " + name, hex(0x808080)});
      break;
    }
  }
  return out;
}

std::vector<LegendEntry> ViewModel::family_legend() {
  std::vector<LegendEntry> out;
  for (int f = 0; f < kFamilyCount; ++f)
    out.push_back({std::string(to_string(static_cast<Family>(f))), hex(kFamilyColors[f])});
  return out;
}

std::vector<LegendEntry> ViewModel::family_legend_themed() const {
  std::vector<LegendEntry> out;
  for (int f = 0; f < kFamilyCount; ++f)
    out.push_back(
        {std::string(to_string(static_cast<Family>(f))), family_color(static_cast<Family>(f))});
  return out;
}

std::vector<uint32_t> ViewModel::label_priority(size_t limit) const {
  std::vector<uint32_t> order;
  std::vector<char> queued(graph_->vertex_count(), 0);
  auto queue = [&](uint32_t v) {
    if (order.size() < limit && v < queued.size() && !queued[v] && finite(pos_[v]) && !dimmed(v)) {
      queued[v] = 1;
      order.push_back(v);
    }
  };
  for (uint32_t v : selection_) queue(v);
  if (hover_) queue(*hover_);
  for (uint32_t v : path_) queue(v);
  std::vector<uint32_t> by_value(graph_->vertex_count());
  for (uint32_t v = 0; v < by_value.size(); ++v) by_value[v] = v;
  auto value = [&](uint32_t v) { return centrality_.empty() ? 0.0 : centrality_[v]; };
  std::stable_sort(by_value.begin(), by_value.end(),
                   [&](uint32_t a, uint32_t b) { return value(a) > value(b); });
  for (uint32_t v : by_value) queue(v);
  return order;
}

std::vector<Label> ViewModel::labels(
    size_t max_labels, const std::function<Vec2(const std::string&)>& text_size) const {
  std::vector<detail::Disc> discs;
  for (uint32_t v = 0; v < graph_->vertex_count(); ++v)
    if (finite(pos_[v])) discs.push_back({camera_.to_screen(pos_[v]), node_radius_px(v), v});
  std::vector<detail::LabelRequest> wanted;
  for (uint32_t v : label_priority(max_labels)) wanted.push_back({v, {display_name(v)}});
  const Box frame{0, 0, static_cast<float>(camera_.width), static_cast<float>(camera_.height)};
  auto measure = [&](const std::string& t, float) { return text_size(t); };
  std::vector<Label> out;
  for (auto& l : detail::place_labels(wanted, discs, frame, {}, 13, 0, 3, 0, measure).labels)
    out.push_back({l.vertex, l.text, {l.box.x, l.box.y}, {l.box.w, l.box.h}});
  return out;
}

}  // namespace govnet::viewer
