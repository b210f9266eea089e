// Internal to core: the Barnes–Hut quadtree behind the force-directed layouts (layout.cc).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "govnet/layout.h"
#include "govnet/parallel.h"

namespace govnet::detail {

// The inner loop of the repulsion: for each of `points` points, the sum over the bodies of
// mass * (p - b) / |p - b|^2, and how many bodies sit exactly on the point. Written for AVX-512
// and AVX2 (picked on the first call by what the processor has) and in plain C++, since it is
// most of a layout iteration: the wider vectors do 8 or 16 bodies at a time instead of 4.
void sum_repulsion(const float* px, const float* py, uint32_t points, const float* bx,
                   const float* by, const float* bm, size_t bodies, float* out_x, float* out_y,
                   int* out_coincident);
// The same with a version chosen by the caller (tests compare them); false when the processor
// lacks its instructions.
enum class KernelIsa { kPlain, kAvx2, kAvx512 };
bool sum_repulsion_as(KernelIsa isa, const float* px, const float* py, uint32_t points,
                      const float* bx, const float* by, const float* bm, size_t bodies,
                      float* out_x, float* out_y, int* out_coincident);

// A Barnes–Hut quadtree, rebuilt every iteration as a linear tree: points sorted along a
// Z-order (Morton) curve, so every cell is a contiguous range of them; a cell is split into its
// four quadrants until it holds at most kLeafSize points. Repulsion is computed per leaf (a
// "group walk", Barnes 1990): one walk of the tree per leaf collects the cells far enough from
// the leaf to act as single bodies, and the points near it; then every point of the leaf sums
// them in one vectorized loop. "Far" is the classic criterion (side < theta * distance) taken
// from the centre of the leaf's bounding box with theta 13% smaller, which makes the forces at
// least as accurate as a walk from each of its points at the full theta (tested against exact
// forces); a cell that contains the leaf is always opened.
class QuadTree {
 public:
  static constexpr uint32_t kLeafSize = 48;
  static constexpr double kLeafThetaShrink = 0.87;

  // Builds the tree of the points `p` of masses `mass`.
  void build(const std::vector<Vec2>& p, const std::vector<double>& mass) {
    const uint32_t n = static_cast<uint32_t>(p.size());
    cells_.clear();
    leaves_.clear();
    if (n == 0) return;
    float minx = p[0].x, miny = p[0].y, maxx = p[0].x, maxy = p[0].y;
    for (const Vec2& v : p) {
      minx = std::min(minx, v.x);
      maxx = std::max(maxx, v.x);
      miny = std::min(miny, v.y);
      maxy = std::max(maxy, v.y);
    }
    side_ = std::max(maxx - minx, maxy - miny) * 1.0001f + 1e-3f;
    // Morton codes of the points on a 65536 x 65536 grid, sorted by radix: three passes of 11,
    // 11 and 10 bits, so that the counting arrays of 2048 stay in L1 (16-bit digits would clear
    // and sum 64k counters twice an iteration).
    std::vector<uint64_t>& keyed = keyed_;
    std::vector<uint64_t>& scratch = sort_scratch_;
    keyed.resize(n);
    scratch.resize(n);
    const float scale = 65536.0f / side_;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t qx = std::min<uint32_t>(65535, static_cast<uint32_t>((p[i].x - minx) * scale));
      uint32_t qy = std::min<uint32_t>(65535, static_cast<uint32_t>((p[i].y - miny) * scale));
      keyed[i] = (uint64_t(spread_bits(qx) | (spread_bits(qy) << 1)) << 32) | i;
    }
    for (int shift = 32; shift < 64; shift += 11) {
      const uint64_t digit_mask = 0x7FF;
      uint32_t count[2049] = {};
      for (uint64_t k : keyed) ++count[((k >> shift) & digit_mask) + 1];
      for (size_t d = 1; d < 2049; ++d) count[d] += count[d - 1];
      for (uint64_t k : keyed) scratch[count[(k >> shift) & digit_mask]++] = k;
      keyed.swap(scratch);
    }
    code_.resize(n);
    index_.resize(n);
    x_.resize(n);
    y_.resize(n);
    m_.resize(n);
    for (uint32_t r = 0; r < n; ++r) {
      code_[r] = static_cast<uint32_t>(keyed[r] >> 32);
      index_[r] = static_cast<uint32_t>(keyed[r]);
      x_[r] = p[index_[r]].x;
      y_[r] = p[index_[r]].y;
      m_[r] = static_cast<float>(mass[index_[r]]);
    }
    cells_.resize(1);
    make_cell(0, 0, n, 0, side_);
  }

  // For every point i: force[i] = coefficient(i) * sum over other points j (or far cells) of
  // mass_j * (p_i - p_j) / |p_i - p_j|^2, a repulsion of size coefficient * mass / distance.
  // Coincident points push each other apart along a direction fixed by the pair of indices.
  // Runs as `threads` jobs of on_every_core: the first builds the tree, for the points `p` of
  // masses `mass`; the second runs `aside` meanwhile (the layouts' attraction and gravity, so
  // that neither the build nor they leave a core idle); then all of them share the leaves'
  // walks. `aside` must not touch fx or fy.
  template <typename Coefficient, typename Aside>
  void build_and_repulse(const std::vector<Vec2>& p, const std::vector<double>& mass, double theta,
                         unsigned threads, Coefficient&& coefficient, std::vector<double>* fx,
                         std::vector<double>* fy, Aside&& aside) {
    std::atomic<bool> build_taken{false}, aside_taken{false}, built{false};
    bool build_failed = false;  // written before `built`, read after it
    std::atomic<size_t> next{0};
    std::atomic<unsigned> slots{0};
    if (scratch_.size() < threads) scratch_.resize(threads);
    // From the leaf's centre, theta is taken 13% smaller to make up for the leaf's extent: forces
    // are then at least as close to exact as the classic per-point criterion at the same theta
    // (bench/README.md; Layout.ForcesAsCloseToExactAsClassicBarnesHut).
    const float theta2 = static_cast<float>(theta * theta * kLeafThetaShrink * kLeafThetaShrink);
    on_every_core(threads, [&](size_t) {
      if (!build_taken.exchange(true)) {
        try {
          build(p, mass);
        } catch (...) {  // out of memory: the other jobs stop waiting, the caller gets it
          build_failed = true;
          built.store(true, std::memory_order_release);
          throw;
        }
        built.store(true, std::memory_order_release);
      }
      if (!aside_taken.exchange(true)) aside();
      // The build is on a thread that runs (it was taken before this wait), so this ends.
      while (!built.load(std::memory_order_acquire)) std::this_thread::yield();
      if (build_failed || cells_.empty()) return;
      Scratch& w = scratch_[slots.fetch_add(1)];
      w.size_for(cells_.size(), x_.size());
      for (size_t l; (l = next.fetch_add(1, std::memory_order_relaxed)) < leaves_.size();)
        repulse_leaf(cells_[leaves_[l]], theta2, coefficient, fx, fy, &w);
    });
  }

 private:
  // One job's buffers for the leaves it walks, kept from one iteration to the next.
  struct Scratch {
    std::vector<float> bx, by, bm;    // bodies: far cells, then the points of near leaves
    std::vector<float> sum_x, sum_y;  // per point of the leaf
    std::vector<uint32_t> near;       // ranges of points of near leaves, [begin, end)
    std::vector<int32_t> stack;       // cells still to look at in the walk
    std::vector<int> coincidents;     // per point of the leaf: bodies exactly on it
    // Far cells and near points as bodies: at most every cell and every point, so the arrays
    // are sized once and filled by index.
    void size_for(size_t cells, size_t points) {
      if (bx.size() < cells + points) {
        bx.resize(cells + points);
        by.resize(cells + points);
        bm.resize(cells + points);
      }
      if (stack.size() < cells + 1) stack.resize(cells + 1);
    }
  };
  struct Cell {
    float cx = 0, cy = 0, mass = 0, size = 0;  // centre of mass, total mass, side of the square
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;      // leaves: bounding box of their points
    uint32_t begin = 0, end = 0;               // the points, in Z-order
    int32_t first_child = -1, children = 0;    // children are consecutive cells
  };

  // Sets the forces on the points of `leaf`: the bodies that act on it (collect_bodies) summed
  // in one vectorized loop, plus the push of coincident points, times coefficient(i).
  template <typename Coefficient>
  void repulse_leaf(const Cell& leaf, float theta2, Coefficient&& coefficient,
                    std::vector<double>* fx, std::vector<double>* fy, Scratch* w) {
    const size_t bodies = collect_bodies(leaf, theta2, w);
    const uint32_t points = leaf.end - leaf.begin;
    w->sum_x.resize(points);
    w->sum_y.resize(points);
    w->coincidents.resize(points);
    detail::sum_repulsion(&x_[leaf.begin], &y_[leaf.begin], points, w->bx.data(), w->by.data(),
                          w->bm.data(), bodies, w->sum_x.data(), w->sum_y.data(),
                          w->coincidents.data());
    for (uint32_t r = leaf.begin; r < leaf.end; ++r) {
      double nx = w->sum_x[r - leaf.begin], ny = w->sum_y[r - leaf.begin];
      // coincident: bodies exactly at p_i, the point itself and any twin
      if (w->coincidents[r - leaf.begin] > 1) push_apart(r, w->near, &nx, &ny);
      const uint32_t i = index_[r];
      const double c = coefficient(i);
      (*fx)[i] = c * nx;
      (*fy)[i] = c * ny;
    }
  }

  // Walks the tree for `leaf`: cells far enough from its centre become single bodies in w's
  // bx, by and bm; the leaves near it go to w->near, and then their points join the bodies.
  // Returns the number of bodies.
  size_t collect_bodies(const Cell& leaf, float theta2, Scratch* w) const {
    size_t bodies = 0, top = 0;
    std::vector<int32_t>& stack = w->stack;
    w->near.clear();
    stack[top++] = 0;
    const float centre_x = 0.5f * (leaf.x0 + leaf.x1), centre_y = 0.5f * (leaf.y0 + leaf.y1);
    while (top > 0) {
      const Cell& c = cells_[stack[--top]];
      const float dx = centre_x - c.cx;
      const float dy = centre_y - c.cy;
      const float d2 = dx * dx + dy * dy;
      // A cell holding the leaf itself is always opened (it would count the leaf's own points).
      const bool holds_leaf = c.begin <= leaf.begin && leaf.end <= c.end;
      if (!holds_leaf && c.size * c.size < theta2 * d2) {
        w->bx[bodies] = c.cx;
        w->by[bodies] = c.cy;
        w->bm[bodies] = c.mass;
        ++bodies;
      } else if (c.first_child < 0) {
        w->near.push_back(c.begin);
        w->near.push_back(c.end);
      } else {
        for (int32_t k = c.first_child; k < c.first_child + c.children; ++k) stack[top++] = k;
      }
    }
    const std::vector<uint32_t>& near = w->near;
    for (size_t q = 0; q < near.size(); q += 2) {
      std::copy(x_.begin() + near[q], x_.begin() + near[q + 1], w->bx.begin() + bodies);
      std::copy(y_.begin() + near[q], y_.begin() + near[q + 1], w->by.begin() + bodies);
      std::copy(m_.begin() + near[q], m_.begin() + near[q + 1], w->bm.begin() + bodies);
      bodies += near[q + 1] - near[q];
    }
    return bodies;
  }

  // Adds to (nx, ny) the push of the points of the `near` leaves that sit exactly on point r
  // (in Z-order): along a direction fixed by the pair of indices, opposite for the other one.
  void push_apart(uint32_t r, const std::vector<uint32_t>& near, double* nx, double* ny) const {
    const uint32_t i = index_[r];
    const float xi = x_[r], yi = y_[r];
    for (size_t q = 0; q < near.size(); q += 2) {
      for (uint32_t j = near[q]; j < near[q + 1]; ++j) {
        if (j == r || x_[j] != xi || y_[j] != yi) continue;
        double dx = ((i * 2654435761u + index_[j]) % 1000) / 1000.0 - 0.5;
        double dy = ((i * 40503u + index_[j] * 7u) % 1000) / 1000.0 - 0.5;
        if (index_[j] > i) {
          dx = -dx;
          dy = -dy;
        }
        const double s = m_[j] / (dx * dx + dy * dy);
        *nx += dx * s;
        *ny += dy * s;
      }
    }
  }

 private:
  // Interleaves the 16 low bits of v with zeros: bit k moves to bit 2k.
  static uint32_t spread_bits(uint32_t v) {
    v &= 0xFFFF;
    v = (v | (v << 8)) & 0x00FF00FF;
    v = (v | (v << 4)) & 0x0F0F0F0F;
    v = (v | (v << 2)) & 0x33333333;
    v = (v | (v << 1)) & 0x55555555;
    return v;
  }

  // Fills cell `id` (already allocated) with points [begin, end), whose codes agree on their top
  // 2*level bits, and builds its subtree. Children take consecutive new slots.
  void make_cell(int32_t id, uint32_t begin, uint32_t end, int level, float size) {
    double mass = 0, mx = 0, my = 0;
    cells_[id].begin = begin;
    cells_[id].end = end;
    cells_[id].size = size;
    if (end - begin <= kLeafSize || level == 16) {
      Cell& c = cells_[id];
      c.x0 = c.x1 = x_[begin];
      c.y0 = c.y1 = y_[begin];
      for (uint32_t r = begin; r < end; ++r) {
        mass += m_[r];
        mx += double(m_[r]) * x_[r];
        my += double(m_[r]) * y_[r];
        c.x0 = std::min(c.x0, x_[r]);
        c.x1 = std::max(c.x1, x_[r]);
        c.y0 = std::min(c.y0, y_[r]);
        c.y1 = std::max(c.y1, y_[r]);
      }
      leaves_.push_back(id);
    } else {
      // Children: the runs of equal quadrant digits (bits 30-2*level and 31-2*level).
      const int shift = 30 - 2 * level;
      uint32_t bounds[5] = {begin, begin, begin, begin, begin};
      int runs = 0;
      for (uint32_t r = begin; r < end;) {
        const uint32_t digit = (code_[r] >> shift) & 3;
        uint32_t stop = r + 1;
        while (stop < end && ((code_[stop] >> shift) & 3) == digit) ++stop;
        bounds[++runs] = stop;
        r = stop;
      }
      const int32_t first = static_cast<int32_t>(cells_.size());
      cells_.resize(cells_.size() + runs);  // invalidates references into cells_
      cells_[id].first_child = first;
      cells_[id].children = runs;
      for (int k = 0; k < runs; ++k) {
        make_cell(first + k, bounds[k], bounds[k + 1], level + 1, size / 2);
        const Cell& c = cells_[first + k];
        mass += c.mass;
        mx += double(c.mass) * c.cx;
        my += double(c.mass) * c.cy;
      }
    }
    Cell& c = cells_[id];
    c.mass = static_cast<float>(mass);
    c.cx = mass > 0 ? static_cast<float>(mx / mass) : 0.0f;
    c.cy = mass > 0 ? static_cast<float>(my / mass) : 0.0f;
  }

  std::vector<Scratch> scratch_;                // one per job of build_and_repulse
  std::vector<uint64_t> keyed_, sort_scratch_;  // build's radix sort, kept between iterations
  float side_ = 0;
  std::vector<Cell> cells_;
  std::vector<int32_t> leaves_;  // cells without children
  std::vector<uint32_t> code_, index_;
  std::vector<float> x_, y_, m_;  // points in Z-order
};

}  // namespace govnet::detail
