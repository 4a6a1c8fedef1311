// Uniform samples, PyTorch's `uniform_` on the CPU: `uniform_real_distribution`
// (aten/src/ATen/core/DistributionsHelper.h) and `transformation::uniform_real`
// (aten/src/ATen/core/TransformationHelper.h), driven by `uniform_kernel`
// (aten/src/ATen/native/cpu/DistributionTemplates.h) and checked as `uniform_impl_`
// (aten/src/ATen/native/DistributionTemplates.h) checks.

import { ConfigError, ValueError } from "../errors.js";
import { defaultGenerator } from "./default.js";
import { fmaF32, fmaF64 } from "./fma.js";
import type { Generator } from "./generator.js";

/** Largest finite float32, `std::numeric_limits<float>::max()`. */
export const FLOAT32_MAX = 3.4028234663852886e38;

const TWO_M24 = 2 ** -24;
const TWO_M53 = 2 ** -53;

/** A float32 in [0, 1): `(random() & (2^24 - 1)) · 2^-24`, one 32-bit draw. */
export function uniformFloat32(gen: Generator): number {
  return (gen.random() & 0xffffff) * TWO_M24;
}

/** A float64 in [0, 1): `(random64() & (2^53 - 1)) · 2^-53`, one 64-bit draw (two 32-bit). */
export function uniformFloat64(gen: Generator): number {
  return gen.random53() * TWO_M53;
}

/**
 * Fills `out` with samples of U[from, to), like `tensor.uniform_(from, to)` on a contiguous CPU
 * tensor of `out`'s dtype; `rand` is `uniformFill(out, 0, 1)`.
 *
 * float32: one 32-bit draw per element, `x = 24 bits · 2^-24`, then `x · (to - from) + from`
 * in float32 with `from`, `to` and `to - from` rounded to float32 first. float64: one 64-bit
 * draw, 53 bits. The multiply-add is fused (one rounding), as GCC contracts it in PyTorch's
 * x86-64 (AVX2/AVX-512) kernels; it is exact anyway when `from` is 0.
 *
 * @param out   storage to fill, any length (empty: no draws, as in PyTorch).
 * @param from  lower bound, finite, at most `to`.
 * @param to    upper bound, finite; `to - from` must fit the dtype.
 * @param gen   generator; the default one if omitted.
 */
export function uniformFill(
  out: Float32Array | Float64Array,
  from: number,
  to: number,
  gen: Generator = defaultGenerator(),
): void {
  checkUniformArgs(out instanceof Float32Array, from, to);
  const n = out.length;
  if (n === 0) return;
  if (out instanceof Float32Array) {
    const f = Math.fround(from);
    const range = Math.fround(Math.fround(to) - f);
    if (f === 0) {
      for (let i = 0; i < n; i++) out[i] = uniformFloat32(gen) * range;
    } else {
      for (let i = 0; i < n; i++) out[i] = fmaF32(uniformFloat32(gen), range, f);
    }
  } else {
    const range = to - from;
    if (from === 0) {
      for (let i = 0; i < n; i++) out[i] = uniformFloat64(gen) * range;
    } else {
      for (let i = 0; i < n; i++) out[i] = fmaF64(uniformFloat64(gen), range, from);
    }
  }
}

/** `uniform_impl_`'s checks: bounds in the dtype's range, `from <= to`, `to - from` finite. */
function checkUniformArgs(isFloat32: boolean, from: number, to: number): void {
  for (const [name, v] of [["from", from], ["to", to]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ValueError("uniform", `${name} must be a finite number (got ${String(v)})`, {
        expected: "finite number",
        actual: v,
      });
    }
    if (isFloat32 && Math.abs(v) > FLOAT32_MAX) {
      throw new ConfigError(
        "uniform",
        `${name} is out of bounds for float32 (expected |${name}| <= ${FLOAT32_MAX}, got ${v})`,
        { expected: [-FLOAT32_MAX, FLOAT32_MAX], actual: v },
      );
    }
  }
  if (!(from <= to)) {
    throw new ConfigError("uniform", `from must be less than or equal to to (got from=${from}, to=${to})`, {
      expected: "from <= to",
      actual: { from, to },
    });
  }
  const max = isFloat32 ? FLOAT32_MAX : Number.MAX_VALUE;
  if (!(to - from <= max)) {
    throw new ConfigError(
      "uniform",
      `to - from must not exceed the dtype's largest value ${max} (got to=${to}, from=${from})`,
      { expected: `to - from <= ${max}`, actual: { from, to } },
    );
  }
}
