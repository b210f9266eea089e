// Exact Brandes betweenness on an unweighted view, eight sources at a time.
//
// The eight searches advance level by level together: each vertex holds eight distances, eight
// path counts and eight dependency coefficients side by side, and one pass over a vertex's arcs
// serves every source for which the vertex is at the current level. Sources near each other
// reach most vertices at the same few levels, so an arc is looked at about three times per eight
// sources instead of eight times (sixteen, counting the dependency pass), and each look is one
// vector operation. Same sums as one source at a time (UnweightedBrandes in brandes.cc), added in
// another order.
#pragma once

#include <cstdint>
#include <vector>

#include "csr.h"

namespace govnet::detail {

class LaneBrandes {
 public:
  static constexpr unsigned kLanes = 8;

  // max_level: a search that reaches a vertex this many arcs away is refused; at most 65,534
  // (16-bit distances); smaller only in tests.
  explicit LaneBrandes(uint32_t n, uint32_t max_level = 65534);

  // Adds to bc[v] the dependency of each of sources[0..count) (count <= kLanes, distinct) on v.
  // Returns false, leaving bc unchanged, when a source reaches a vertex max_level arcs away
  // (the caller then takes those sources one at a time).
  bool run(const Adjacency& out, const uint32_t* sources, unsigned count, double* bc);

  // One lane of each kind of value per source; 16-bit distances, 0xFFFF = not reached. Views
  // of plain arrays: aligned as their elements, allowed to alias them.
  using Distances = uint16_t __attribute__((vector_size(16), aligned(2), may_alias));
  using Reals = double __attribute__((vector_size(64), aligned(8), may_alias));

 private:
  void reset(uint32_t listed_count);
  Distances* dist() { return reinterpret_cast<Distances*>(dist_.data()); }
  Reals* sigma() { return reinterpret_cast<Reals*>(sigma_.data()); }
  Reals* coeff() { return reinterpret_cast<Reals*>(coeff_.data()); }

  // kLanes values per vertex, read and written as Distances and Reals.
  std::vector<uint16_t> dist_;
  std::vector<double> sigma_;  // shortest paths from each source
  std::vector<double> coeff_;  // (1 + dependency) / sigma, once known
  // The vertices of each level, level after level: a vertex is listed once for each level at
  // which at least one source reaches it (so at most kLanes times), plus one spare slot.
  std::vector<uint32_t> listed_;
  std::vector<uint32_t> level_start_;
  uint32_t max_level_;
};

}  // namespace govnet::detail
