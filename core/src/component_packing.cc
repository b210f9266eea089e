#include "govnet/component_packing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace govnet {
namespace {

struct Bounds {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(Vec2 p) {
    x0 = std::min<double>(x0, p.x);
    y0 = std::min<double>(y0, p.y);
    x1 = std::max<double>(x1, p.x);
    y1 = std::max<double>(y1, p.y);
  }
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
};

struct Component {
  std::vector<uint32_t> vertices;  // ascending
  Bounds box;
  double dx = 0, dy = 0;  // where its box's lower-left corner goes
};

// The components, largest first (ties: the one with the smallest vertex id first).
std::vector<Component> components(const std::vector<uint32_t>& component,
                                  const std::vector<Vec2>& pos) {
  std::vector<Component> out;
  for (uint32_t v = 0; v < component.size(); ++v) {
    if (component[v] >= out.size()) out.resize(component[v] + 1);
    Component& c = out[component[v]];
    c.vertices.push_back(v);
    c.box.add(pos[v]);
  }
  std::stable_sort(out.begin(), out.end(), [](const Component& a, const Component& b) {
    return a.vertices.size() > b.vertices.size();
  });
  return out;
}

uint32_t find_root(std::vector<uint32_t>& parent, uint32_t v) {
  while (parent[v] != v) v = parent[v] = parent[parent[v]];
  return v;
}

// Shelf packing: the components, tallest first, in rows `width` wide, from (0, 0) upwards;
// sets each one's offset relative to the block and returns the block's height.
double shelve(std::vector<Component*>& items, double width, double gap) {
  std::stable_sort(items.begin(), items.end(),
                   [](const Component* a, const Component* b) { return a->box.h() > b->box.h(); });
  double x = 0, y = 0, row = 0;
  for (Component* c : items) {
    if (x > 0 && x + c->box.w() > width) {
      x = 0;
      y += row + gap;
      row = 0;
    }
    c->dx = x;
    c->dy = y;
    x += c->box.w() + gap;
    row = std::max(row, c->box.h());
  }
  return items.empty() ? 0 : y + row;
}

}  // namespace

std::vector<uint32_t> component_ids(const AnalysisGraph& g) {
  const uint32_t n = g.vertex_count();
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Link& l : g.links()) {
    uint32_t a = find_root(parent, l.from), b = find_root(parent, l.to);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t> id(n, UINT32_MAX), out(n);
  uint32_t next = 0;
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t r = find_root(parent, v);
    if (id[r] == UINT32_MAX) id[r] = next++;
    out[v] = id[r];
  }
  return out;
}

void circles_by_component(const std::vector<uint32_t>& component, const std::vector<char>& pinned,
                          std::vector<Vec2>* pos) {
  if (pos->size() != component.size()) return;
  if (std::any_of(pinned.begin(), pinned.end(), [](char p) { return p != 0; })) return;
  std::vector<uint32_t> size, seen;
  for (uint32_t c : component) {
    if (c >= size.size()) size.resize(c + 1, 0);
    ++size[c];
  }
  seen.assign(size.size(), 0);
  for (uint32_t v = 0; v < component.size(); ++v) {
    const uint32_t c = component[v], k = size[c];
    const double r = k > 1 ? std::max(1.0, k * 10.0 / (2 * M_PI)) : 0.0;
    const double a = 2 * M_PI * seen[c]++ / k;
    (*pos)[v] = {static_cast<float>(r * std::cos(a)), static_cast<float>(r * std::sin(a))};
  }
  pack_components(component, pinned, pos);
}

void pack_components(const std::vector<uint32_t>& component, const std::vector<char>& pinned,
                     std::vector<Vec2>* pos) {
  if (pos->size() != component.size()) return;
  if (std::any_of(pinned.begin(), pinned.end(), [](char p) { return p != 0; })) return;
  for (const Vec2& p : *pos)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return;
  std::vector<Component> comps = components(component, *pos);
  if (comps.size() < 2) return;
  Component& main = comps[0];
  const double side = std::max({main.box.w(), main.box.h(), 1e-3});
  const double gap = 0.04 * side;
  // Every other component gets a box at least `gap` wide, so single vertices do not touch.
  double area = 0, widest = 0;
  for (size_t i = 1; i < comps.size(); ++i) {
    area += (comps[i].box.w() + gap) * (comps[i].box.h() + gap);
    widest = std::max(widest, comps[i].box.w());
  }
  // Beside the main component (two shelves as tall as it) when that keeps them narrower than
  // it, else above and below (two shelves as wide as it).
  const double beside_width = std::max(widest, area / 2 / std::max(main.box.h(), gap));
  const bool beside = beside_width <= std::max(main.box.w(), gap);
  const double shelf_width = beside ? beside_width : std::max(widest, main.box.w());
  std::vector<Component*> halves[2];
  for (size_t i = 1; i < comps.size(); ++i) halves[(i - 1) % 2].push_back(&comps[i]);
  double height[2];
  for (int h = 0; h < 2; ++h) height[h] = shelve(halves[h], shelf_width, gap);
  // Block origins relative to the main component's lower-left corner.
  const double mw = main.box.w(), mh = main.box.h();
  const double bx[2] = {beside ? mw + gap : 0, beside ? -gap - shelf_width : 0};
  const double by[2] = {beside ? (mh - height[0]) / 2 : mh + gap,
                        beside ? (mh - height[1]) / 2 : -gap - height[1]};
  main.dx = main.dy = 0;
  for (int h = 0; h < 2; ++h)
    for (Component* c : halves[h]) {
      c->dx += bx[h];
      c->dy += by[h];
    }
  // Move every component and centre the whole on the origin.
  Bounds all;
  for (const Component& c : comps) {
    all.add({static_cast<float>(c.dx), static_cast<float>(c.dy)});
    all.add({static_cast<float>(c.dx + c.box.w()), static_cast<float>(c.dy + c.box.h())});
  }
  const double cx = (all.x0 + all.x1) / 2, cy = (all.y0 + all.y1) / 2;
  for (const Component& c : comps)
    for (uint32_t v : c.vertices) {
      Vec2& p = (*pos)[v];
      p.x = static_cast<float>(p.x - c.box.x0 + c.dx - cx);
      p.y = static_cast<float>(p.y - c.box.y0 + c.dy - cy);
    }
}

}  // namespace govnet
