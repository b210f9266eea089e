#include "quadtree.h"

#include <immintrin.h>

// GCC 12's AVX-512 headers leave a lane "maybe uninitialized" inside the intrinsics themselves.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace govnet::detail {
namespace {

// Each version below computes, for every point, the sum over the bodies of
// mass * (p - b) / |p - b|^2 and counts the bodies exactly on the point. The wide ones take
// 1 / |p - b|^2 from the processor's reciprocal estimate refined by one Newton step (r' = r (2 -
// d r): 14 or 12 correct bits become about float precision), not from a division: a vector
// division costs several times a multiplication on some processors (bench/README.md has the
// measurement).

void sum_plain(const float* px, const float* py, uint32_t points, const float* bx, const float* by,
               const float* bm, size_t bodies, float* out_x, float* out_y, int* out_coincident) {
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

__attribute__((target("avx512f"))) void sum_avx512(const float* px, const float* py,
                                                   uint32_t points, const float* bx,
                                                   const float* by, const float* bm, size_t bodies,
                                                   float* out_x, float* out_y,
                                                   int* out_coincident) {
  const __m512 zero = _mm512_setzero_ps(), two = _mm512_set1_ps(2.0f);
  for (uint32_t r = 0; r < points; ++r) {
    const __m512 xi = _mm512_set1_ps(px[r]), yi = _mm512_set1_ps(py[r]);
    __m512 sx = zero, sy = zero;
    int coincident = 0;
    for (size_t k = 0; k < bodies; k += 16) {
      const __mmask16 lanes =
          bodies - k >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << (bodies - k)) - 1);
      const __m512 dx = _mm512_sub_ps(xi, _mm512_maskz_loadu_ps(lanes, bx + k));
      const __m512 dy = _mm512_sub_ps(yi, _mm512_maskz_loadu_ps(lanes, by + k));
      const __m512 d2 = _mm512_fmadd_ps(dx, dx, _mm512_mul_ps(dy, dy));
      const __mmask16 apart = _mm512_mask_cmp_ps_mask(lanes, d2, zero, _CMP_GT_OQ);
      __m512 inv = _mm512_rcp14_ps(d2);
      inv = _mm512_mul_ps(inv, _mm512_fnmadd_ps(d2, inv, two));
      const __m512 s = _mm512_maskz_mul_ps(apart, _mm512_maskz_loadu_ps(lanes, bm + k), inv);
      sx = _mm512_fmadd_ps(dx, s, sx);
      sy = _mm512_fmadd_ps(dy, s, sy);
      coincident += __builtin_popcount(lanes & ~apart);
    }
    out_x[r] = _mm512_reduce_add_ps(sx);
    out_y[r] = _mm512_reduce_add_ps(sy);
    out_coincident[r] = coincident;
  }
}

__attribute__((target("avx2,fma"))) float add_lanes(__m256 v) {
  const __m128 four = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  const __m128 two = _mm_add_ps(four, _mm_movehl_ps(four, four));
  return _mm_cvtss_f32(_mm_add_ss(two, _mm_movehdup_ps(two)));
}

__attribute__((target("avx2,fma"))) void sum_avx2(const float* px, const float* py, uint32_t points,
                                                  const float* bx, const float* by, const float* bm,
                                                  size_t bodies, float* out_x, float* out_y,
                                                  int* out_coincident) {
  const __m256 zero = _mm256_setzero_ps(), two = _mm256_set1_ps(2.0f);
  const size_t whole = bodies & ~size_t{7};
  for (uint32_t r = 0; r < points; ++r) {
    const __m256 xi = _mm256_set1_ps(px[r]), yi = _mm256_set1_ps(py[r]);
    __m256 sx = zero, sy = zero;
    int coincident = 0;
    for (size_t k = 0; k < whole; k += 8) {
      const __m256 dx = _mm256_sub_ps(xi, _mm256_loadu_ps(bx + k));
      const __m256 dy = _mm256_sub_ps(yi, _mm256_loadu_ps(by + k));
      const __m256 d2 = _mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dy, dy));
      const __m256 apart = _mm256_cmp_ps(d2, zero, _CMP_GT_OQ);
      __m256 inv = _mm256_rcp_ps(d2);
      inv = _mm256_mul_ps(inv, _mm256_fnmadd_ps(d2, inv, two));
      const __m256 s = _mm256_and_ps(apart, _mm256_mul_ps(_mm256_loadu_ps(bm + k), inv));
      sx = _mm256_fmadd_ps(dx, s, sx);
      sy = _mm256_fmadd_ps(dy, s, sy);
      coincident += 8 - __builtin_popcount(static_cast<unsigned>(_mm256_movemask_ps(apart)));
    }
    // The last bodies, fewer than eight, as the plain version takes them.
    float tail_x = 0, tail_y = 0;
    int tail_coincident = 0;
    sum_plain(px + r, py + r, 1, bx + whole, by + whole, bm + whole, bodies - whole, &tail_x,
              &tail_y, &tail_coincident);
    out_x[r] = add_lanes(sx) + tail_x;
    out_y[r] = add_lanes(sy) + tail_y;
    out_coincident[r] = coincident + tail_coincident;
  }
}

using Kernel = void (*)(const float*, const float*, uint32_t, const float*, const float*,
                        const float*, size_t, float*, float*, int*);

Kernel pick() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return sum_avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return sum_avx2;
  return sum_plain;
}

}  // namespace

bool sum_repulsion_as(KernelIsa isa, const float* px, const float* py, uint32_t points,
                      const float* bx, const float* by, const float* bm, size_t bodies,
                      float* out_x, float* out_y, int* out_coincident) {
  __builtin_cpu_init();
  Kernel kernel = sum_plain;
  if (isa == KernelIsa::kAvx512) {
    if (!__builtin_cpu_supports("avx512f")) return false;
    kernel = sum_avx512;
  } else if (isa == KernelIsa::kAvx2) {
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return false;
    kernel = sum_avx2;
  }
  kernel(px, py, points, bx, by, bm, bodies, out_x, out_y, out_coincident);
  return true;
}

void sum_repulsion(const float* px, const float* py, uint32_t points, const float* bx,
                   const float* by, const float* bm, size_t bodies, float* out_x, float* out_y,
                   int* out_coincident) {
  static const Kernel kernel = pick();
  kernel(px, py, points, bx, by, bm, bodies, out_x, out_y, out_coincident);
}

}  // namespace govnet::detail

#pragma GCC diagnostic pop
