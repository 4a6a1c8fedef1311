// Deterministic test data that does not depend on the random module under test.
import { tensor, type Tensor } from "../../src/index.js";

/** A float64 tensor of `shape` with values in [lo, hi) from a fixed LCG sequence. */
export function lcgTensor(shape: readonly number[], seed = 1, lo = -1, hi = 1, requiresGrad = true): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return tensor(data, { shape, requiresGrad });
}

/** Max |a − b| over two tensors or arrays of the same size. */
export function maxAbsDiff(a: Tensor | ArrayLike<number>, b: Tensor | ArrayLike<number>): number {
  const x = "data" in a ? (a as Tensor).data : (a as ArrayLike<number>);
  const y = "data" in b ? (b as Tensor).data : (b as ArrayLike<number>);
  if (x.length !== y.length) throw new Error(`maxAbsDiff: sizes differ (${x.length} vs ${y.length})`);
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** Asserts two value lists agree within `tol`, with a message naming where they first differ. */
export function assertClose(actual: Tensor | ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4, what = "values"): void {
  const x = "data" in actual ? (actual as Tensor).data : (actual as ArrayLike<number>);
  if (x.length !== expected.length) throw new Error(`${what}: expected ${expected.length} elements, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!(Math.abs(x[i]! - expected[i]!) <= tol)) {
      throw new Error(`${what}: element ${i} is ${x[i]}, expected ${expected[i]} (tolerance ${tol})`);
    }
  }
}
