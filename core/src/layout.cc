#include "govnet/layout.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace govnet {
namespace {

// A Barnes–Hut quadtree over weighted points, rebuilt every iteration. Nodes live in one vector;
// children are indices. Each cell keeps its total mass and centre of mass.
class QuadTree {
 public:
  void build(const std::vector<Vec2>& p, const std::vector<double>& mass) {
    cells_.clear();
    float minx = 1e30f, miny = 1e30f, maxx = -1e30f, maxy = -1e30f;
    for (const Vec2& v : p) {
      minx = std::min(minx, v.x); maxx = std::max(maxx, v.x);
      miny = std::min(miny, v.y); maxy = std::max(maxy, v.y);
    }
    if (p.empty()) return;
    float size = std::max(maxx - minx, maxy - miny) * 1.01f + 1e-3f;
    cells_.push_back(Cell{minx + size / 2, miny + size / 2, size});
    for (uint32_t i = 0; i < p.size(); ++i) insert(0, i, p, mass, 0);
  }

  // Repulsive force on point i with mass m at position pi: sum over far cells of
  // k * m * M / d (ForceAtlas2) or k2 / d (FR, mass ignored), direction away from the cell.
  template <typename ForceFn>
  void force_on(uint32_t i, Vec2 pi, double theta, ForceFn&& f, double* fx, double* fy) const {
    if (cells_.empty()) return;
    thread_local std::vector<int32_t> stack;  // force_on runs on several threads at once
    stack.clear();
    stack.push_back(0);
    while (!stack.empty()) {
      const Cell& c = cells_[stack.back()];
      stack.pop_back();
      if (c.mass == 0) continue;
      double dx = pi.x - c.cx, dy = pi.y - c.cy;
      double d2 = dx * dx + dy * dy;
      if (c.leaf) {
        if (c.point == static_cast<int32_t>(i)) continue;
        double d = std::sqrt(d2);
        if (d < 1e-9) {  // coincident points: push apart along a fixed direction
          dx = ((i * 2654435761u) % 1000) / 1000.0 - 0.5;
          dy = ((i * 40503u) % 1000) / 1000.0 - 0.5;
          d = std::sqrt(dx * dx + dy * dy);
        }
        double mag = f(c.mass, d);
        *fx += dx / d * mag;
        *fy += dy / d * mag;
        continue;
      }
      if (c.size * c.size < theta * theta * d2) {  // far enough: the cell as one body
        double d = std::sqrt(d2);
        double mag = f(c.mass, d);
        *fx += dx / d * mag;
        *fy += dy / d * mag;
        continue;
      }
      for (int32_t child : c.child) if (child >= 0) stack.push_back(child);
    }
  }

 private:
  struct Cell {
    float x, y, size;  // centre and side of the square
    double mass = 0, cx = 0, cy = 0;
    bool leaf = true;
    int32_t point = -1;
    int32_t child[4] = {-1, -1, -1, -1};
  };

  void insert(int32_t ci, uint32_t i, const std::vector<Vec2>& p, const std::vector<double>& mass,
              int depth) {
    const double m = mass[i];
    for (;;) {
      Cell& c = cells_[ci];
      // Update the running centre of mass.
      double total = c.mass + m;
      c.cx = (c.cx * c.mass + p[i].x * m) / total;
      c.cy = (c.cy * c.mass + p[i].y * m) / total;
      c.mass = total;
      if (c.leaf && c.point < 0) { c.point = static_cast<int32_t>(i); return; }
      if (c.leaf) {
        if (depth > 40) return;  // points this close act as one body
        uint32_t old = static_cast<uint32_t>(c.point);
        c.leaf = false;
        c.point = -1;
        int32_t q = place(ci, old, p);
        Cell& oc = cells_[q];
        oc.mass = mass[old];
        oc.cx = p[old].x;
        oc.cy = p[old].y;
        oc.point = static_cast<int32_t>(old);
      }
      ci = place(ci, i, p);
      ++depth;
      Cell& next = cells_[ci];
      if (next.leaf && next.point < 0) {
        next.point = static_cast<int32_t>(i);
        next.mass = m;
        next.cx = p[i].x;
        next.cy = p[i].y;
        return;
      }
    }
  }

  // The child quadrant of cell ci that holds point i, created if needed.
  int32_t place(int32_t ci, uint32_t i, const std::vector<Vec2>& p) {
    Cell c = cells_[ci];
    int q = (p[i].x >= c.x ? 1 : 0) + (p[i].y >= c.y ? 2 : 0);
    if (c.child[q] < 0) {
      float h = c.size / 4;
      Cell n{c.x + (q & 1 ? h : -h), c.y + (q & 2 ? h : -h), c.size / 2};
      cells_.push_back(n);
      cells_[ci].child[q] = static_cast<int32_t>(cells_.size() - 1);
    }
    return cells_[ci].child[q];
  }

  std::vector<Cell> cells_;
};

struct Edge { uint32_t a, b; double w; };

}  // namespace

std::optional<LayoutKind> parse_layout_kind(std::string_view s) {
  if (s == "forceatlas2" || s == "fa2") return LayoutKind::kForceAtlas2;
  if (s == "fr" || s == "fruchterman-reingold") return LayoutKind::kFruchtermanReingold;
  if (s == "circular") return LayoutKind::kCircular;
  return std::nullopt;
}

std::string_view to_string(LayoutKind k) {
  switch (k) {
    case LayoutKind::kForceAtlas2: return "forceatlas2";
    case LayoutKind::kFruchtermanReingold: return "fr";
    case LayoutKind::kCircular: return "circular";
  }
  return "?";
}

struct Layout::State {
  LayoutOptions o;
  uint32_t n = 0;
  std::vector<Vec2> pos;
  std::vector<char> pinned;
  std::vector<double> mass;  // degree + 1
  std::vector<Edge> edges;
  std::vector<double> fx, fy, old_fx, old_fy;
  int iterations = 0;
  int calm = 0;
  bool done = false;
  double speed = 1.0, speed_efficiency = 1.0;
  double temperature = 0;  // FR
  double last_displacement = 0;
  unsigned threads = 1;
  QuadTree tree;

  template <typename Fn>
  void parallel_vertices(Fn&& fn) {
    if (threads <= 1) { fn(0u, n); return; }
    std::vector<std::thread> pool;
    uint32_t chunk = (n + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
      uint32_t b = t * chunk, e = std::min(n, b + chunk);
      if (b < e) pool.emplace_back([&fn, b, e] { fn(b, e); });
    }
    for (auto& th : pool) th.join();
  }

  double spread() const {
    double cx = 0, cy = 0;
    for (const Vec2& p : pos) { cx += p.x; cy += p.y; }
    cx /= std::max<uint32_t>(n, 1);
    cy /= std::max<uint32_t>(n, 1);
    double r = 0;
    for (const Vec2& p : pos) r += (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy);
    return std::sqrt(r / std::max<uint32_t>(n, 1)) + 1e-9;
  }

  // Pulls the ends of every link together: each end moves along the link by factor(d, w) times
  // the vector between them (so the force's size is factor * d).
  template <typename Factor>
  void attract(Factor&& factor) {
    for (const Edge& ed : edges) {
      double dx = pos[ed.a].x - pos[ed.b].x, dy = pos[ed.a].y - pos[ed.b].y;
      double d = std::sqrt(dx * dx + dy * dy);
      if (d <= 0) continue;
      double f = factor(d, ed.w);
      fx[ed.a] -= dx * f; fy[ed.a] -= dy * f;
      fx[ed.b] += dx * f; fy[ed.b] += dy * f;
    }
  }

  void finish_iteration(double moved) {
    ++iterations;
    last_displacement = moved / std::max<uint32_t>(n, 1) / spread();
    calm = last_displacement < o.convergence ? calm + 1 : 0;
    if (calm >= o.calm_iterations || iterations >= o.max_iterations) done = true;
  }

  void forceatlas2_step() {
    const double kr = o.scaling > 0 ? o.scaling : (n < 100 ? 2.0 : 10.0);
    // Repulsion (Barnes–Hut) and gravity, per vertex.
    tree.build(pos, mass);
    std::swap(fx, old_fx);
    std::swap(fy, old_fy);
    parallel_vertices([&](uint32_t b, uint32_t e) {
      for (uint32_t i = b; i < e; ++i) {
        double x = 0, y = 0;
        const double mi = mass[i];
        tree.force_on(i, pos[i], o.theta, [&](double m, double d) { return kr * mi * m / d; }, &x, &y);
        double d = std::sqrt(double(pos[i].x) * pos[i].x + double(pos[i].y) * pos[i].y);
        if (d > 0) {
          double g = o.strong_gravity ? o.gravity * mi * d : o.gravity * mi;
          x -= pos[i].x / d * g;
          y -= pos[i].y / d * g;
        }
        fx[i] = x;
        fy[i] = y;
      }
    });
    // Attraction along links, linear in distance (log with lin_log).
    attract([&](double d, double w) { return o.lin_log ? std::log(1 + d) / d * w : w; });
    // Adaptive global speed: compare how much vertices swing (force changing direction) with
    // how much they travel (force keeping direction), and keep the swinging within tolerance.
    double swinging = 0, traction = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      double sx = fx[i] - old_fx[i], sy = fy[i] - old_fy[i];
      double tx = fx[i] + old_fx[i], ty = fy[i] + old_fy[i];
      swinging += mass[i] * std::sqrt(sx * sx + sy * sy);
      traction += mass[i] * std::sqrt(tx * tx + ty * ty) / 2;
    }
    if (iterations == 0 || swinging <= 0) swinging = std::max(swinging, 1e-9);
    const double estimated = 0.05 * std::sqrt(double(n));
    double tolerance = o.jitter_tolerance *
        std::max(std::sqrt(estimated), std::min(10.0, estimated * traction / (double(n) * n)));
    if (swinging / std::max(traction, 1e-9) > 2.0) {
      if (speed_efficiency > 0.05) speed_efficiency *= 0.5;
      tolerance = std::max(tolerance, o.jitter_tolerance);
    }
    double target = tolerance * speed_efficiency * traction / swinging;
    if (swinging > tolerance * traction) {
      if (speed_efficiency > 0.05) speed_efficiency *= 0.7;
    } else if (speed < 1000) {
      speed_efficiency *= 1.3;
    }
    speed += std::min(target - speed, 0.5 * speed);
    // Move: each vertex slowed by its own swinging.
    double moved = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      double sx = fx[i] - old_fx[i], sy = fy[i] - old_fy[i];
      double swing = mass[i] * std::sqrt(sx * sx + sy * sy);
      double factor = speed / (1.0 + std::sqrt(speed * swing));
      // Never jump further than a tenth of the spread in one iteration.
      double dx = fx[i] * factor, dy = fy[i] * factor;
      pos[i].x += static_cast<float>(dx);
      pos[i].y += static_cast<float>(dy);
      moved += std::sqrt(dx * dx + dy * dy);
    }
    finish_iteration(moved);
  }

  void fr_step() {
    // Fruchterman–Reingold in an area n * 100: k = sqrt(area / n) = 10.
    const double k = 10.0;
    if (iterations == 0) temperature = std::sqrt(double(n)) * k * 0.1 + 1;
    std::vector<double> unit(n, 1.0);
    tree.build(pos, unit);
    parallel_vertices([&](uint32_t b, uint32_t e) {
      for (uint32_t i = b; i < e; ++i) {
        double x = 0, y = 0;
        tree.force_on(i, pos[i], 0.9, [&](double m, double d) { return k * k * m / d; }, &x, &y);
        fx[i] = x;
        fy[i] = y;
      }
    });
    attract([&](double d, double) { return d / k; });  // |F| = d^2 / k
    double moved = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      double d = std::sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
      if (d <= 0) continue;
      double step = std::min(d, temperature);
      double dx = fx[i] / d * step, dy = fy[i] / d * step;
      pos[i].x += static_cast<float>(dx);
      pos[i].y += static_cast<float>(dy);
      moved += step;
    }
    // Linear cooling over max_iterations, to a small floor.
    temperature = std::max(temperature * (1.0 - 1.0 / std::max(o.max_iterations, 1)) - 1e-3, 1e-3);
    finish_iteration(moved);
  }
};

Layout::Layout(const AnalysisGraph& g, const LayoutOptions& options, std::vector<Vec2> initial,
               std::vector<char> pinned)
    : s_(std::make_unique<State>()) {
  State& s = *s_;
  s.o = options;
  s.n = g.vertex_count();
  s.pinned = std::move(pinned);
  s.pinned.resize(s.n, 0);
  s.mass.assign(s.n, 1.0);
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    s.mass[l.from] += 1;
    s.mass[l.to] += 1;
    s.edges.push_back({l.from, l.to, 1.0});
  }
  s.fx.assign(s.n, 0); s.fy.assign(s.n, 0); s.old_fx.assign(s.n, 0); s.old_fy.assign(s.n, 0);
  unsigned hw = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  s.threads = s.n >= 2000 ? hw : 1;
  // Starting positions: given ones, else seeded uniform in a square that grows with n.
  std::mt19937_64 rng(options.seed);
  const float side = 10.0f * std::sqrt(static_cast<float>(std::max<uint32_t>(s.n, 1)));
  std::uniform_real_distribution<float> u(-side / 2, side / 2);
  s.pos.resize(s.n);
  for (uint32_t i = 0; i < s.n; ++i) {
    float x = u(rng), y = u(rng);  // drawn for every vertex so seeds stay aligned
    if (i < initial.size() && std::isfinite(initial[i].x) && std::isfinite(initial[i].y)) s.pos[i] = initial[i];
    else s.pos[i] = {x, y};
  }
  if (options.kind == LayoutKind::kCircular) {
    const double r = std::max(1.0, double(s.n) * 10.0 / (2 * M_PI));
    for (uint32_t i = 0; i < s.n; ++i) {
      if (s.pinned[i]) continue;
      double a = 2 * M_PI * i / std::max<uint32_t>(s.n, 1);
      s.pos[i] = {static_cast<float>(r * std::cos(a)), static_cast<float>(r * std::sin(a))};
    }
    s.done = true;
  }
  if (s.n == 0) s.done = true;
}

Layout::~Layout() = default;
Layout::Layout(Layout&&) noexcept = default;
Layout& Layout::operator=(Layout&&) noexcept = default;

bool Layout::step() {
  State& s = *s_;
  if (s.done) return false;
  if (s.o.kind == LayoutKind::kForceAtlas2) s.forceatlas2_step();
  else s.fr_step();
  return !s.done;
}

int Layout::run(int max_steps) {
  int k = 0;
  while (k < max_steps && step()) ++k;
  return k;
}

bool Layout::converged() const { return s_->done; }
int Layout::iterations() const { return s_->iterations; }
double Layout::last_displacement() const { return s_->last_displacement; }
const std::vector<Vec2>& Layout::positions() const { return s_->pos; }

void Layout::pin(uint32_t v, Vec2 at) {
  if (v >= s_->n) return;
  s_->pos[v] = at;
  s_->pinned[v] = 1;
}

void Layout::unpin(uint32_t v) {
  if (v < s_->n) s_->pinned[v] = 0;
}

void Layout::wake() {
  State& s = *s_;
  if (s.o.kind == LayoutKind::kCircular || s.n == 0) return;
  s.done = false;
  s.calm = 0;
  s.o.max_iterations = s.iterations + std::max(s.o.max_iterations, 500);
}

}  // namespace govnet
