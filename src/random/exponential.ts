// Exponential samples, PyTorch's `exponential_` on the CPU as builds without MKL run it (Debian's,
// and every build whose ATen is compiled without AT_MKL_ENABLED): `exponential_kernel` in
// aten/src/ATen/native/cpu/DistributionTemplates.h — per element one double uniform (one 64-bit
// draw) and `transformation::exponential` (aten/src/ATen/core/TransformationHelper.h),
// x = −1/λ · log(1 − u), rounded to the tensor's dtype.
//
// Builds with MKL (the official x86 wheels up to at least 2.x) route `exponential_` through
// `vdRngExponential` on an MKL stream seeded from one `random()` draw
// (aten/src/ATen/native/cpu/DistributionKernels.cpp), which gives other numbers and consumes the
// generator differently; there is no way to match both, and this is the build-independent code.
// Math.log and the C library's log may differ in the last bit of a double on rare inputs; after
// rounding to float32 that is invisible.

import { ConfigError } from "../errors.js";
import { defaultGenerator } from "./default.js";
import type { Generator } from "./generator.js";
import { uniformFloat64 } from "./uniform.js";

/** One sample of Exp(λ): `−1/λ · log(1 − u)` with u a double uniform on [0, 1) (two 32-bit draws). */
export function exponentialSample(gen: Generator, lambd: number): number {
  return (-1 / lambd) * Math.log(1 - uniformFloat64(gen));
}

/**
 * Fills `out` with samples of the exponential distribution of rate `lambd`, like
 * `tensor.exponential_(lambd)` on a contiguous CPU tensor (ATen's own kernel, not MKL's).
 *
 * @param out    storage to fill; empty: no draws.
 * @param lambd  rate λ ≥ 0 (the mean is 1/λ; λ = 0 gives +∞, as in PyTorch).
 * @param gen    generator; the default one if omitted.
 */
export function exponentialFill(out: Float32Array | Float64Array, lambd = 1, gen: Generator = defaultGenerator()): void {
  if (typeof lambd !== "number" || !(lambd >= 0)) {
    throw new ConfigError("exponential", `expects lambd >= 0 (got lambd=${String(lambd)})`, { expected: ">= 0", actual: lambd });
  }
  for (let i = 0; i < out.length; i++) out[i] = exponentialSample(gen, lambd);
}
