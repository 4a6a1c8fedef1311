// Comparison helpers for the random-number tests: published values printed to 4 decimals, and
// full-precision values that must match bit for bit.

import assert from "node:assert/strict";

/** Asserts |actual[i] - expected[i]| <= tol for all i (default: PyTorch's 4-decimal print). */
export function assertClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  label: string,
  tol = 1e-4,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= tol, `${label}[${i}]: got ${a}, expected ${e} (tolerance ${tol})`);
  }
}

/** Asserts actual[i] === expected[i] for all i, naming the first index that differs. */
export function assertExact(actual: ArrayLike<number>, expected: readonly number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `${label}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}
