// Normal samples, PyTorch's `normal_` on the CPU: `normal_kernel` in
// aten/src/ATen/native/cpu/DistributionTemplates.h picks one of three paths —
//   fewer than 16 elements: the scalar Box–Muller `normal_distribution<double>`
//     (aten/src/ATen/core/DistributionsHelper.h), with its cached second sample;
//   16 or more, float32: `normal_fill_AVX2` (x86-64 with AVX2, i.e. the official wheels);
//   16 or more, float64: `normal_fill<double>`.
// Checked as `normal_impl_` (aten/src/ATen/native/DistributionTemplates.h) checks.

import { ConfigError, ValueError } from "../errors.js";
import { logPs, sincosOut, sincosPs } from "./avx-mathfun.js";
import { defaultGenerator } from "./default.js";
import { fmaF32, fmaF64 } from "./fma.js";
import type { Generator } from "./generator.js";
import { uniformFloat32, uniformFloat64 } from "./uniform.js";

const TWO_PI = 2 * Math.PI; // `2.0 * c10::pi<double>`
const TWO_PI_F32 = Math.fround(TWO_PI); // `_mm256_set1_ps(2.0f * c10::pi<double>)`

/**
 * One N(0, 1) sample of `normal_distribution<double>`: the cached sample if there is one
 * (then cleared); otherwise two double uniforms u1, u2 (two 64-bit draws),
 * `r = sqrt(-2 · log1p(-u2))`, `θ = 2π · u1`; caches `r · sin θ`, returns `r · cos θ`.
 * Note the order: u1 sets the angle and u2 the radius.
 */
export function standardNormal(gen: Generator): number {
  const cached = gen.nextDoubleNormalSample();
  if (cached !== null) {
    gen.setNextDoubleNormalSample(null);
    return cached;
  }
  const u1 = uniformFloat64(gen);
  const u2 = uniformFloat64(gen);
  const r = Math.sqrt(-2 * Math.log1p(-u2));
  const theta = TWO_PI * u1;
  gen.setNextDoubleNormalSample(r * Math.sin(theta));
  return r * Math.cos(theta);
}

/**
 * Fills `out` with samples of N(mean, std²), like `tensor.normal_(mean, std)` on a contiguous
 * CPU tensor of `out`'s dtype; `randn` is `normalFill(out, 0, 1)`.
 *
 * - `out.length < 16`: element by element, `standardNormal · std + mean` in double (fused),
 *   then rounded to the dtype; uses and refills the generator's cached sample.
 * - `out.length >= 16`: fill all of `out` with uniforms of the dtype, transform blocks of 16 by
 *   Box–Muller over pairs (j, j + 8); if the length is not a multiple of 16, draw 16 fresh
 *   uniforms over the last 16 elements and transform them again. The cache is not touched.
 *   float32 follows `normal_fill_16_AVX2` bit for bit (see avx-mathfun.ts), as the official
 *   x86-64 builds run it; float64 follows `normal_fill_16<double>` with JavaScript's Math.log,
 *   cos and sin standing in for glibc's (within an ulp, almost always equal).
 *
 * @param out   storage to fill (empty: no draws).
 * @param mean  the mean, any number.
 * @param std   the standard deviation, >= 0.
 * @param gen   generator; the default one if omitted.
 */
export function normalFill(
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  gen: Generator = defaultGenerator(),
): void {
  checkNormalArgs(mean, std);
  const n = out.length;
  if (n === 0) return;
  if (n < 16) {
    // cpu_serial_kernel over normal_distribution<double>(mean, std); the typed array store
    // is the static_cast to the dtype.
    for (let i = 0; i < n; i++) out[i] = fmaF64(standardNormal(gen), std, mean);
  } else if (out instanceof Float32Array) {
    normalFillFloat32(out, Math.fround(mean), Math.fround(std), gen);
  } else {
    normalFillFloat64(out, mean, std, gen);
  }
}

/** `normal_fill_AVX2`: uniforms first, then 16 at a time, then the last 16 redrawn. */
function normalFillFloat32(data: Float32Array, mean: number, std: number, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = uniformFloat32(gen);
  for (let i = 0; i + 16 <= n; i += 16) fill16Float32(data, i, mean, std);
  if (n % 16 !== 0) {
    const start = n - 16;
    for (let i = 0; i < 16; i++) data[start + i] = uniformFloat32(gen);
    fill16Float32(data, start, mean, std);
  }
}

/** `normal_fill_16_AVX2`: float32 Box–Muller on `data[o..o+16)`, lane j paired with j + 8. */
function fill16Float32(data: Float32Array, o: number, mean: number, std: number): void {
  const fr = Math.fround;
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - data[o + j]!); // [0, 1) -> (0, 1] for log
    const u2 = data[o + j + 8]!;
    const radius = fr(Math.sqrt(fr(-2 * logPs(u1))));
    sincosPs(fr(TWO_PI_F32 * u2));
    data[o + j] = fmaF32(fr(radius * sincosOut.cos), std, mean);
    data[o + j + 8] = fmaF32(fr(radius * sincosOut.sin), std, mean);
  }
}

/** `normal_fill<double>`: as the float32 path, with `normal_fill_16<double>`. */
function normalFillFloat64(data: Float64Array, mean: number, std: number, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = uniformFloat64(gen);
  for (let i = 0; i + 16 <= n; i += 16) fill16Float64(data, i, mean, std);
  if (n % 16 !== 0) {
    const start = n - 16;
    for (let i = 0; i < 16; i++) data[start + i] = uniformFloat64(gen);
    fill16Float64(data, start, mean, std);
  }
}

/** `normal_fill_16<double>`: `radius · cos θ · std + mean`, the last multiply-add fused. */
function fill16Float64(data: Float64Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[o + j]!;
    const u2 = data[o + j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = TWO_PI * u2;
    data[o + j] = fmaF64(radius * Math.cos(theta), std, mean);
    data[o + j + 8] = fmaF64(radius * Math.sin(theta), std, mean);
  }
}

/** `CHECK_NORMAL_STD`: `std >= 0` (NaN fails). The mean is not checked, as in PyTorch. */
function checkNormalArgs(mean: number, std: number): void {
  if (typeof mean !== "number") {
    throw new ValueError("normal", `mean must be a number (got ${typeof mean})`, {
      expected: "number",
      actual: mean,
    });
  }
  if (typeof std !== "number" || Number.isNaN(std)) {
    throw new ValueError("normal", `std must be a number >= 0 (got ${String(std)})`, {
      expected: "std >= 0",
      actual: std,
    });
  }
  if (!(std >= 0)) {
    throw new ConfigError("normal", `std must be greater than or equal to 0 (got std=${std})`, {
      expected: "std >= 0",
      actual: std,
    });
  }
}
