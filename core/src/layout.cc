#include "govnet/layout.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "govnet/component_packing.h"
#include "govnet/parallel.h"
#include "quadtree.h"

namespace govnet {
namespace {

using detail::QuadTree;

struct Edge {
  uint32_t a, b;
  double w;
};

}  // namespace

std::optional<LayoutKind> parse_layout_kind(std::string_view s) {
  if (s == "forceatlas2" || s == "fa2") return LayoutKind::kForceAtlas2;
  if (s == "fr" || s == "fruchterman-reingold") return LayoutKind::kFruchtermanReingold;
  if (s == "circular") return LayoutKind::kCircular;
  return std::nullopt;
}

std::string_view to_string(LayoutKind k) {
  switch (k) {
    case LayoutKind::kForceAtlas2:
      return "forceatlas2";
    case LayoutKind::kFruchtermanReingold:
      return "fr";
    case LayoutKind::kCircular:
      return "circular";
  }
  return "?";
}

struct Layout::State {
  LayoutOptions o;
  uint32_t n = 0;
  std::vector<Vec2> pos;
  std::vector<char> pinned;
  std::vector<double> mass;  // degree + 1
  std::vector<double> unit;  // FR: every vertex weighs 1
  std::vector<Edge> edges;
  std::vector<double> fx, fy, old_fx, old_fy;
  std::vector<double> ax, ay;  // attraction and gravity, summed beside the repulsion
  std::vector<double> swing;   // ForceAtlas2: each vertex's swinging this iteration

  std::vector<uint32_t> component;  // packed when the layout finishes (component_packing.h)
  int iterations = 0;
  int calm = 0;
  bool done = false;
  double speed = 1.0, speed_efficiency = 1.0;
  double temperature = 0;  // FR
  double last_displacement = 0;
  unsigned threads = 1;  // jobs the repulsion is shared out as
  QuadTree tree;

  double spread() const {
    double cx = 0, cy = 0;
    for (const Vec2& p : pos) {
      cx += p.x;
      cy += p.y;
    }
    cx /= std::max<uint32_t>(n, 1);
    cy /= std::max<uint32_t>(n, 1);
    double r = 0;
    for (const Vec2& p : pos) r += (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy);
    return std::sqrt(r / std::max<uint32_t>(n, 1)) + 1e-9;
  }

  // Pulls the ends of every link together, into ax and ay: each end moves along the link by
  // factor(d, w) times the vector between them (so the force's size is factor * d).
  // `uses_distance`: factor looks at d (else it gets 0, and no square root is taken per link).
  template <typename Factor>
  void attract(Factor&& factor, bool uses_distance = true) {
    for (const Edge& ed : edges) {
      double dx = pos[ed.a].x - pos[ed.b].x, dy = pos[ed.a].y - pos[ed.b].y;
      if (dx == 0 && dy == 0) continue;
      double d = uses_distance ? std::sqrt(dx * dx + dy * dy) : 0.0;
      double f = factor(d, ed.w);
      ax[ed.a] -= dx * f;
      ay[ed.a] -= dy * f;
      ax[ed.b] += dx * f;
      ay[ed.b] += dy * f;
    }
  }
  // The repulsion into fx and fy, while one thread sums the rest (`aside`) into ax and ay; the
  // caller adds the two in its first pass over the vertices.
  template <typename Coefficient, typename Aside>
  void forces(const std::vector<double>& masses, double theta, Coefficient&& coefficient,
              Aside&& aside) {
    ax.assign(n, 0.0);
    ay.assign(n, 0.0);
    tree.build_and_repulse(pos, masses, theta, threads, coefficient, &fx, &fy, aside);
  }

  // `spread_now`: spread() of the positions, when the caller has it.
  void finish_iteration(double moved, double spread_now = -1) {
    ++iterations;
    last_displacement =
        moved / std::max<uint32_t>(n, 1) / (spread_now >= 0 ? spread_now : spread());
    calm = last_displacement < o.convergence ? calm + 1 : 0;
    if (calm >= o.calm_iterations || iterations >= o.max_iterations) done = true;
    if (done) pack_components(component, pinned, &pos);
  }

  void forceatlas2_step() {
    const double kr = o.scaling > 0 ? o.scaling : (n < 100 ? 2.0 : 10.0);
    std::swap(fx, old_fx);
    std::swap(fy, old_fy);
    // Repulsion k_r * m_i * m_j / d between every pair (m = degree + 1); meanwhile gravity and
    // the attraction along links, linear in distance (log with lin_log).
    forces(
        mass, o.theta, [&](uint32_t i) { return kr * mass[i]; },
        [&] {
          for (uint32_t i = 0; i < n; ++i) {
            const double mi = mass[i];
            double d = std::sqrt(double(pos[i].x) * pos[i].x + double(pos[i].y) * pos[i].y);
            if (d > 0) {
              double g = o.strong_gravity ? o.gravity * mi * d : o.gravity * mi;
              ax[i] -= pos[i].x / d * g;
              ay[i] -= pos[i].y / d * g;
            }
          }
          attract([&](double d, double w) { return o.lin_log ? std::log(1 + d) / d * w : w; },
                  o.lin_log);
        });
    // Adaptive global speed: compare how much vertices swing (force changing direction) with
    // how much they travel (force keeping direction), and keep the swinging within tolerance.
    // (One pass also adds the attraction and gravity to the forces and keeps each swing.)
    double swinging = 0, traction = 0;
    if (swing.size() != n) swing.assign(n, 0.0);
    for (uint32_t i = 0; i < n; ++i) {
      fx[i] += ax[i];
      fy[i] += ay[i];
      if (pinned[i]) continue;
      double sx = fx[i] - old_fx[i], sy = fy[i] - old_fy[i];
      double tx = fx[i] + old_fx[i], ty = fy[i] + old_fy[i];
      swing[i] = mass[i] * std::sqrt(sx * sx + sy * sy);
      swinging += swing[i];
      traction += mass[i] * std::sqrt(tx * tx + ty * ty) / 2;
    }
    if (iterations == 0 || swinging <= 0) swinging = std::max(swinging, 1e-9);
    const double estimated = 0.05 * std::sqrt(double(n));
    double tolerance =
        o.jitter_tolerance *
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
    // Move: each vertex slowed by its own swinging. (The same pass sums what the spread of the
    // new positions needs.)
    double moved = 0, sum_x = 0, sum_y = 0, sum_xx = 0, sum_yy = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (!pinned[i]) {
        double factor = speed / (1.0 + std::sqrt(speed * swing[i]));
        double dx = fx[i] * factor, dy = fy[i] * factor;
        pos[i].x += static_cast<float>(dx);
        pos[i].y += static_cast<float>(dy);
        moved += std::sqrt(dx * dx + dy * dy);
      }
      const double x = pos[i].x, y = pos[i].y;
      sum_x += x;
      sum_y += y;
      sum_xx += x * x;
      sum_yy += y * y;
    }
    const double count = std::max<uint32_t>(n, 1), mean_x = sum_x / count, mean_y = sum_y / count;
    finish_iteration(moved, std::sqrt(std::max(0.0, sum_xx / count - mean_x * mean_x +
                                                        sum_yy / count - mean_y * mean_y)) +
                                1e-9);
  }

  void fr_step() {
    // Fruchterman–Reingold in an area n * 100: k = sqrt(area / n) = 10.
    const double k = 10.0;
    if (iterations == 0) temperature = std::sqrt(double(n)) * k * 0.1 + 1;
    if (unit.size() != n) unit.assign(n, 1.0);
    // |F| = k^2 / d apart, |F| = d^2 / k along links
    forces(
        unit, 0.9, [&](uint32_t) { return k * k; },
        [&] { attract([&](double d, double) { return d / k; }); });
    double moved = 0;
    for (uint32_t i = 0; i < n; ++i) {
      fx[i] += ax[i];
      fy[i] += ay[i];
      if (pinned[i]) continue;
      double d = std::sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
      if (d <= 0) continue;
      double step = std::min(d, temperature);
      double dx = fx[i] / d * step, dy = fy[i] / d * step;
      pos[i].x += static_cast<float>(dx);
      pos[i].y += static_cast<float>(dy);
      moved += step;
    }
    // Geometric cooling, 1% an iteration, to a small floor: the largest step halves every ~70
    // iterations, so the layout settles (and stops by itself) after several hundred.
    temperature = std::max(temperature * 0.99, 1e-3);
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
  s.component = component_ids(g);
  s.fx.assign(s.n, 0);
  s.fy.assign(s.n, 0);
  s.old_fx.assign(s.n, 0);
  s.old_fy.assign(s.n, 0);
  // Below 2000 vertices an iteration is too short to gain from more threads.
  s.threads = s.n >= 2000 ? (options.threads ? options.threads : thread_count()) : 1;
  // Starting positions: given ones, else seeded uniform in a square that grows with n.
  std::mt19937_64 rng(options.seed);
  const float side = 10.0f * std::sqrt(static_cast<float>(std::max<uint32_t>(s.n, 1)));
  std::uniform_real_distribution<float> u(-side / 2, side / 2);
  s.pos.resize(s.n);
  for (uint32_t i = 0; i < s.n; ++i) {
    float x = u(rng), y = u(rng);  // drawn for every vertex so seeds stay aligned
    if (i < initial.size() && std::isfinite(initial[i].x) && std::isfinite(initial[i].y))
      s.pos[i] = initial[i];
    else
      s.pos[i] = {x, y};
  }
  if (options.kind == LayoutKind::kCircular) {
    const double r = std::max(1.0, double(s.n) * 10.0 / (2 * M_PI));
    for (uint32_t i = 0; i < s.n; ++i) {
      if (s.pinned[i]) continue;
      double a = 2 * M_PI * i / std::max<uint32_t>(s.n, 1);
      s.pos[i] = {static_cast<float>(r * std::cos(a)), static_cast<float>(r * std::sin(a))};
    }
    circles_by_component(s.component, s.pinned, &s.pos);
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
  if (s.o.kind == LayoutKind::kForceAtlas2)
    s.forceatlas2_step();
  else
    s.fr_step();
  return !s.done;
}

int Layout::run(int max_steps) {
  const int before = s_->iterations;
  for (int k = 0; k < max_steps && step(); ++k) {}
  return s_->iterations - before;
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
