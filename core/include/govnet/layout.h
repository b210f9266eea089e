// Graph layouts on an AnalysisGraph: ForceAtlas2 (Jacomy et al. 2014: degree-weighted repulsion
// approximated with a Barnes–Hut quadtree, linear attraction, gravity, adaptive global speed),
// Fruchterman–Reingold (with the same quadtree for repulsion), and circular.
//
// A Layout is advanced one iteration at a time by step(); it is deterministic for a given graph,
// seed and starting positions (whatever the thread count), and reports convergence so a caller
// can stop. Not thread-safe: one thread steps it; copy positions() out to share them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

struct Vec2 {
  float x = 0, y = 0;
};

enum class LayoutKind : uint8_t { kForceAtlas2, kFruchtermanReingold, kCircular };
std::optional<LayoutKind> parse_layout_kind(std::string_view);  // forceatlas2 | fr | circular
std::string_view to_string(LayoutKind);

struct LayoutOptions {
  LayoutKind kind = LayoutKind::kForceAtlas2;
  uint64_t seed = 1;
  int max_iterations = 3000;
  // Threads for the repulsion, used when the graph is large enough to profit (2000 vertices);
  // 0: the thread count in force (parallel.h).
  unsigned threads = 0;
  // ForceAtlas2
  double scaling = 0;  // repulsion k_r; 0 chooses 2 (< 100 vertices) or 10
  double gravity = 1.0;
  bool strong_gravity = false;
  bool lin_log = false;
  double theta = 1.2;  // Barnes–Hut opening criterion
  double jitter_tolerance = 1.0;
  // Convergence: the mean displacement per iteration, relative to the layout's spread, stays
  // below this for `calm_iterations` iterations in a row.
  double convergence = 2e-4;
  int calm_iterations = 25;
};

class Layout {
 public:
  // `initial`: starting positions (e.g. saved ones) for some or all vertices; vertices without one
  // (NaN or missing) get seeded random positions. `pinned` vertices never move.
  Layout(const AnalysisGraph& g, const LayoutOptions& options, std::vector<Vec2> initial = {},
         std::vector<char> pinned = {});
  ~Layout();
  Layout(Layout&&) noexcept;
  Layout& operator=(Layout&&) noexcept;

  // One iteration. Returns false once converged (or at max_iterations); further calls do nothing.
  bool step();
  // Runs until converged or `max_steps` more iterations; returns the iterations run.
  int run(int max_steps);

  bool converged() const;
  int iterations() const;
  double last_displacement() const;  // mean relative displacement of the last iteration
  const std::vector<Vec2>& positions() const;

  void pin(uint32_t v, Vec2 at);  // moves v there and keeps it there
  void unpin(uint32_t v);
  // Starts moving again after a change (pinning, dragging); keeps the current positions.
  void wake();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace govnet
