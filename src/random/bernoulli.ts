// Bernoulli samples with a scalar probability, PyTorch's `bernoulli_(p)` on the CPU as the
// official builds run it: `bernoulli_kernel(self, double p, generator)` in
// aten/src/ATen/native/cpu/DistributionTemplates.h (`bernoulli_distribution<double>` from
// aten/src/ATen/core/DistributionsHelper.h), checked as `bernoulli_impl_` checks
// (aten/src/ATen/native/DistributionTemplates.h). Dropout draws its mask this way.
//
// aten/src/ATen/native/cpu/DistributionKernels.cpp also has an MKL (VSL) path. Up to PyTorch
// 2.4 it ran on Intel CPUs in MKL builds (seeded by one `random()` draw, then VSL_BRNG_MCG31);
// since the fix for pytorch/pytorch#132395 (2024) it is compiled only under FBCODE_CAFFE2,
// so the wheels users install take this default path. A proposal to bring an MKL generator
// back (pytorch/pytorch#151218) was still open when this was written.

import { ConfigError, ValueError } from "../errors.js";
import { defaultGenerator } from "./default.js";
import type { Generator } from "./generator.js";
import { uniformFloat32, uniformFloat64 } from "./uniform.js";

/**
 * Fills `out` with 1 with probability p and 0 otherwise, like `tensor.bernoulli_(p)`: per
 * element one 64-bit draw, `u = 53 bits · 2^-53`, result `u < p`. Every element draws, even
 * when p is 0 or 1.
 *
 * @param out  storage to fill (Uint8Array for bool); empty: no draws.
 * @param p    probability of a 1, in [0, 1].
 * @param gen  generator; the default one if omitted.
 */
export function bernoulliFill(
  out: Float32Array | Float64Array | Uint8Array,
  p: number,
  gen: Generator = defaultGenerator(),
): void {
  if (typeof p !== "number" || Number.isNaN(p)) {
    throw new ValueError("bernoulli", `p must be a number in [0, 1] (got ${String(p)})`, {
      expected: [0, 1],
      actual: p,
    });
  }
  if (!(p >= 0 && p <= 1)) {
    throw new ConfigError("bernoulli", `p must be in [0, 1] (got p=${p})`, {
      expected: [0, 1],
      actual: p,
    });
  }
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = uniformFloat64(gen) < p ? 1 : 0;
}

/**
 * Fills `out` with 1 where a uniform draw falls below the probability at the same position of
 * `p` (of out's length), like `out.bernoulli_(p)` with a tensor `p` — and `torch.bernoulli(p)`,
 * which is `empty_like(p).bernoulli_(p)` — on the CPU (`bernoulli_kernel(self, p_, generator)` in
 * aten/src/ATen/native/cpu/DistributionTemplates.h). The draw follows p's dtype: float64 p,
 * one 64-bit draw and `53 bits · 2^-53 < p`; float32 p, one 32-bit draw and `24 bits · 2^-24 < p`
 * — so a float32 tensor of probabilities draws differently from the scalar `bernoulli_(p)`.
 *
 * @param out  storage to fill, any dtype's; empty: no draws.
 * @param p    probabilities in [0, 1], one per element of `out` (broadcast by the caller).
 * @param gen  generator; the default one if omitted.
 */
export function bernoulliTensorFill(
  out: Float32Array | Float64Array | Int32Array | Uint8Array,
  p: Float32Array | Float64Array,
  gen: Generator = defaultGenerator(),
): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new ConfigError("bernoulli", `p must be in [0, 1] (got p=${v} at flat index ${i})`, { expected: [0, 1], actual: v });
    }
  }
  const uniform = p instanceof Float64Array ? uniformFloat64 : uniformFloat32;
  for (let i = 0; i < out.length; i++) out[i] = uniform(gen) < p[i]! ? 1 : 0;
}
