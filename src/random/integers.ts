// Random integers: `randint` (PyTorch's `random_(from, to)`: `random_from_to_impl` in
// aten/src/ATen/native/DistributionTemplates.h, `uniform_int_from_to_distribution` in
// aten/src/ATen/core/DistributionsHelper.h) and `randperm` (`randperm_cpu` in
// aten/src/ATen/native/TensorFactories.cpp).

import { ConfigError, ValueError } from "../errors.js";
import { defaultGenerator } from "./default.js";
import type { Generator } from "./generator.js";

/** Writable integer storage: a typed array, or a plain array (the project's int64 storage). */
export interface IntegerOut {
  readonly length: number;
  [i: number]: number;
}

const TWO_32 = 0x100000000;

/** Bounds of the integer typed arrays, as `check_from_to_in_range` bounds by dtype. */
function dtypeBounds(out: IntegerOut): [name: string, lo: number, hi: number] | null {
  if (out instanceof Int8Array) return ["int8", -128, 127];
  if (out instanceof Uint8Array || out instanceof Uint8ClampedArray) return ["uint8", 0, 255];
  if (out instanceof Int16Array) return ["int16", -32768, 32767];
  if (out instanceof Uint16Array) return ["uint16", 0, 65535];
  if (out instanceof Int32Array) return ["int32", -2147483648, 2147483647];
  if (out instanceof Uint32Array) return ["uint32", 0, 4294967295];
  return null;
}

/**
 * `update_from`/`update_to` for float32 (aten/src/ATen/native/DistributionTemplates.h): moves
 * a bound inwards to the nearest integer that stays inside [from, to) once rounded to float32.
 */
function updateFromF32(from: number): number {
  const fromPlus1 = Math.fround(from + 1);
  if (fromPlus1 < from) {
    let a = Math.abs(from + 1);
    let n = 0;
    while ((a = Math.floor(a / 2)) >= 1) n++;
    return fromPlus1 + 2 ** (n - 24 + 1);
  }
  return from;
}

function updateToF32(to: number): number {
  const toMinus1 = Math.fround(to - 1);
  if (toMinus1 >= to) {
    let a = Math.abs(to - 1);
    let n = 0;
    while ((a = Math.floor(a / 2)) >= 1) n++;
    return toMinus1 - 2 ** (n - 24 + 1);
  }
  return to;
}

/**
 * Fills `out` with integers drawn uniformly from [low, high), like `torch.randint(low, high)`
 * (`random_(low, high)`): with `range = high - low`, each element is `random() % range + low`
 * when range < 2^32, else `random64() % range + low` (random64 = first draw high word).
 * The modulo makes it slightly non-uniform for large ranges — as in PyTorch.
 *
 * @param out   storage: a typed array (its dtype bounds low and high - 1, as PyTorch's dtype
 *              does; Float32Array moves the bounds inwards like PyTorch's float32), or a plain
 *              array for int64 values stored as exact doubles.
 * @param low   lowest value, a safe integer.
 * @param high  one past the highest value, a safe integer greater than low.
 * @param gen   generator; the default one if omitted.
 */
export function randintFill(
  out: IntegerOut,
  low: number,
  high: number,
  gen: Generator = defaultGenerator(),
): void {
  for (const [name, v] of [["low", low], ["high", high]] as const) {
    if (!Number.isSafeInteger(v)) {
      throw new ValueError("randint", `${name} must be a safe integer (got ${String(v)})`, {
        expected: "safe integer",
        actual: v,
      });
    }
  }
  if (!(low < high)) {
    throw new ConfigError("randint", `low must be less than high (got low=${low}, high=${high})`, {
      expected: "low < high",
      actual: { low, high },
    });
  }
  let from = low;
  let to = high;
  if (out instanceof Float32Array) {
    from = updateFromF32(from);
    to = updateToF32(to);
    if (!(from < to)) {
      throw new ConfigError(
        "randint",
        `low must be less than high once rounded to float32 (got low=${from}, high=${to})`,
        { expected: "low < high", actual: { low: from, high: to } },
      );
    }
  }
  const bounds = dtypeBounds(out);
  if (bounds !== null) {
    const [dtype, lo, hi] = bounds;
    if (from < lo || from > hi || to - 1 < lo || to - 1 > hi) {
      throw new ConfigError(
        "randint",
        `[low, high) must fit ${dtype} (expected ${lo} <= low and high - 1 <= ${hi}, got low=${from}, high=${to})`,
        { expected: [lo, hi], actual: { low: from, high: to } },
      );
    }
  }
  const n = out.length;
  if (n === 0) return;
  const range = to - from; // exact below 2^53; the 64-bit path recomputes it exactly
  if (range < TWO_32) {
    for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + from;
  } else {
    const rangeBig = BigInt(to) - BigInt(from);
    const fromBig = BigInt(from);
    for (let i = 0; i < n; i++) out[i] = Number((gen.random64() % rangeBig) + fromBig);
  }
}

/** `randperm_cpu` keeps its original algorithm below this size: `UINT32_MAX / 20`. */
const RANDPERM_SMALL = Math.floor(0xffffffff / 20);

/**
 * A random permutation of 0…n-1, like `torch.randperm(n)` on the CPU (int64 values as exact
 * doubles).
 *
 * For n < 214748364: start from the identity and, for i = 0…n-2, swap element i with element
 * `i + random() % (n - i)` (one 32-bit draw per step, n - 1 draws). For larger n, PyTorch's
 * inside-out Fisher–Yates: for i = 0…n-1, `z = random64() % (i + 1)`, `r[i] = r[z]`, `r[z] = i`.
 *
 * @param n    length, a non-negative safe integer.
 * @param gen  generator; the default one if omitted.
 * @returns    Float64Array(n).
 */
export function randperm(n: number, gen: Generator = defaultGenerator()): Float64Array {
  if (!Number.isSafeInteger(n)) {
    throw new ValueError("randperm", `n must be an integer (got ${String(n)})`, {
      expected: "non-negative integer",
      actual: n,
    });
  }
  if (n < 0) {
    throw new ConfigError("randperm", `n must be non-negative (got n=${n})`, {
      expected: "n >= 0",
      actual: n,
    });
  }
  const r = new Float64Array(n);
  if (n < RANDPERM_SMALL) {
    for (let i = 0; i < n; i++) r[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = gen.random() % (n - i);
      const save = r[i]!;
      r[i] = r[z + i]!;
      r[z + i] = save;
    }
    return r;
  }
  for (let i = 0; i < n; i++) {
    const z = Number(gen.random64() % BigInt(i + 1));
    r[i] = r[z]!;
    r[z] = i;
  }
  return r;
}
