#include "quadtree.h"

namespace govnet::detail {

// Built for three instruction sets; the loader picks one (see quadtree.h).
__attribute__((target_clones("avx512f", "avx2", "default")))
void sum_repulsion(const float* px, const float* py, uint32_t points, const float* bx,
                   const float* by, const float* bm, size_t bodies, float* out_x, float* out_y,
                   int* out_coincident) {
  for (uint32_t r = 0; r < points; ++r) {
    const float xi = px[r], yi = py[r];
    float sx = 0, sy = 0;
    int coincident = 0;
#pragma omp simd reduction(+ : sx, sy, coincident)
    for (size_t k = 0; k < bodies; ++k) {
      const float dx = xi - bx[k], dy = yi - by[k];
      const float d2 = dx * dx + dy * dy;
      const float s = d2 > 0 ? bm[k] / d2 : 0.0f;
      coincident += d2 > 0 ? 0 : 1;
      sx += dx * s;
      sy += dy * s;
    }
    out_x[r] = sx;
    out_y[r] = sy;
    out_coincident[r] = coincident;
  }
}

}  // namespace govnet::detail
