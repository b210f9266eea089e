#include "lane_brandes.h"

#include <algorithm>
#include <cstring>

namespace govnet::detail {
namespace {

using Distances = LaneBrandes::Distances;
using Reals = LaneBrandes::Reals;
using Mask16 = int16_t __attribute__((vector_size(16)));  // lanes of a distance comparison
using Mask64 = int64_t __attribute__((vector_size(64)));  // the same lanes, as wide as a double

constexpr uint16_t kUnreached = 0xFFFF;

inline Distances splat(uint16_t x) { return Distances{} + x; }

// Two expressions on 512-bit lanes, as macros: a function that takes or returns such a vector is
// called differently from an AVX-512 clone than from the others (GCC warns, clang refuses, and an
// unoptimized GCC build crashes in the call).
// WIDE(m): a distance mask as wide as the doubles. KEEP(m, x): the lanes of x where m is set.
#define WIDE(m) __builtin_convertvector((m), Mask64)
#define KEEP(m, x) Reals((m)&Mask64(x))

inline bool any(Mask16 m) {
  uint64_t half[2];
  std::memcpy(half, &m, sizeof half);
  return (half[0] | half[1]) != 0;
}

// Both passes are built for three instruction sets; the loader picks one (as in quadtree.cc).

// Breadth-first searches from the sources already at level 0, level by level. Returns false when
// a source reaches a vertex max_level arcs away (the level after it could not be counted).
__attribute__((target_clones("avx512f", "avx2", "default"))) bool search(
    const uint64_t* offset, const uint32_t* to, Distances* d, Reals* sg, uint32_t* listed,
    std::vector<uint32_t>* level_start, uint32_t max_level) {
  uint32_t tail = level_start->back();
  for (uint32_t level = 0; (*level_start)[level] < (*level_start)[level + 1]; ++level) {
    const uint32_t next = level + 1;
    if (next > max_level) {
      level_start->push_back(tail);  // what was listed so far is reset by the caller
      return false;
    }
    const Distances here = splat(uint16_t(level)), there = splat(uint16_t(next));
    const uint32_t begin = (*level_start)[level], end = (*level_start)[level + 1];
    for (uint32_t i = begin; i < end; ++i) {
      const uint32_t v = listed[i];
      const Mask16 active = d[v] == here;
      const Reals paths = KEEP(WIDE(active), sg[v]);
      for (uint64_t a = offset[v], stop = offset[v + 1]; a < stop; ++a) {
        const uint32_t w = to[a];
        const Distances dw = d[w];
        const Mask16 fresh = active & (dw == kUnreached);
        const Mask16 listed_next = dw == there;  // then w is on the next level's list already
        d[w] = fresh ? there : dw;
        sg[w] += KEEP(WIDE(fresh | (active & listed_next)), paths);
        listed[tail] = w;
        tail += uint32_t{any(fresh)} &
                uint32_t{!any(listed_next)};  // listed once, by the first to reach it
      }
    }
    level_start->push_back(tail);
  }
  return true;
}

// Dependencies, farthest level first, each pulled from the successors one level further on.
__attribute__((target_clones("avx512f", "avx2", "default"))) void accumulate(
    const uint64_t* offset, const uint32_t* to, const Distances* d, const Reals* sg, Reals* c,
    const uint32_t* listed, const std::vector<uint32_t>& level_start, double* bc) {
  // Level 0 holds the sources, which take no dependency of their own.
  for (size_t level = level_start.size() - 2; level >= 1; --level) {
    const Distances here = splat(uint16_t(level)), there = splat(uint16_t(level + 1));
    for (uint32_t i = level_start[level]; i < level_start[level + 1]; ++i) {
      const uint32_t v = listed[i];
      const Mask16 active = d[v] == here;
      Reals sum0{}, sum1{};
      uint64_t a = offset[v];
      const uint64_t stop = offset[v + 1];
      for (; a + 1 < stop; a += 2) {
        const uint32_t w0 = to[a], w1 = to[a + 1];
        sum0 += KEEP(WIDE(active & (d[w0] == there)), c[w0]);
        sum1 += KEEP(WIDE(active & (d[w1] == there)), c[w1]);
      }
      if (a < stop) sum0 += KEEP(WIDE(active & (d[to[a]] == there)), c[to[a]]);
      const Mask64 mine = WIDE(active);
      const Reals delta = sg[v] * (sum0 + sum1);  // zero in the other lanes
      const Reals paths = mine ? sg[v] : Reals{} + 1.0;
      c[v] = mine ? (1.0 + delta) / paths : c[v];
      double total = 0.0;
      for (unsigned k = 0; k < LaneBrandes::kLanes; ++k) total += delta[k];
      bc[v] += total;
    }
  }
}

}  // namespace

LaneBrandes::LaneBrandes(uint32_t n, uint32_t max_level)
    : dist_(size_t(n) * kLanes, kUnreached),
      sigma_(size_t(n) * kLanes, 0.0),
      coeff_(size_t(n) * kLanes, 0.0),
      listed_(size_t(n) * kLanes + 1),
      max_level_(std::min<uint32_t>(max_level, kUnreached - 1)) {}

void LaneBrandes::reset(uint32_t listed_count) {
  for (uint32_t i = 0; i < listed_count; ++i) {
    const uint32_t v = listed_[i];
    dist()[v] = splat(kUnreached);
    sigma()[v] = Reals{};
  }
}

bool LaneBrandes::run(const Adjacency& out, const uint32_t* sources, unsigned count, double* bc) {
  uint32_t tail = 0;
  for (unsigned k = 0; k < count; ++k) {
    const uint32_t s = sources[k];
    dist_[size_t(s) * kLanes + k] = 0;
    sigma_[size_t(s) * kLanes + k] = 1.0;
    listed_[tail++] = s;
  }
  level_start_.assign({0, tail});
  const bool fits = search(out.offset.data(), out.target.data(), dist(), sigma(), listed_.data(),
                           &level_start_, max_level_);
  if (fits)
    accumulate(out.offset.data(), out.target.data(), dist(), sigma(), coeff(), listed_.data(),
               level_start_, bc);
  reset(level_start_.back());
  return fits;
}

}  // namespace govnet::detail

#undef WIDE
#undef KEEP
