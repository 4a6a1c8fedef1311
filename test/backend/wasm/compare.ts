// Test data and float32 comparisons for the WebAssembly kernels against the JS reference.
//
// Tolerance: |wasm − js| ≤ RTOL · (|js| + rms(js)) elementwise, RTOL = 1e-5. Both sides are
// float32 but sum in different orders (the reference rounds to float32 after every `+=`, the
// kernels keep 4-lane partial sums, and the relaxed build fuses multiply-adds), so elements
// differ by a few units of float32 round-off (6e-8) times the size of the terms summed, which
// is the scale of the whole buffer rather than of one element: an entry that cancels to near 0
// keeps the error of its large terms. 1e-5 (about 170 round-offs) is loose enough for the
// 600-long sums and 8-step recurrences tested, and tight enough to catch any wrong index, gate,
// bias or step (those err by ~1e-1 of the scale).
import assert from "node:assert/strict";

export const RTOL = 1e-5;

/** Float32 values in [lo, hi) from a fixed LCG sequence. */
export function lcg(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return a;
}

function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return a.length === 0 ? 0 : Math.sqrt(s / a.length);
}

/** Asserts `actual` agrees with `expected` within RTOL (see above); names the first bad element. */
export function assertNear(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rtol = RTOL): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = rms(expected);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const tol = rtol * (Math.abs(e) + scale);
    if (!(Math.abs(a - e) <= tol) && !(Number.isNaN(a) && Number.isNaN(e))) {
      assert.fail(`${what}: element ${i} is ${a}, expected ${e} (|diff| ${Math.abs(a - e).toExponential(2)} > tolerance ${tol.toExponential(2)}, buffer rms ${scale.toExponential(2)})`);
    }
  }
}
