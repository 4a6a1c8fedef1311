// Reductions over a set of dimensions of a contiguous buffer, and the softmax family along
// one dimension. A reduced tensor is viewed as (outer, dim, inner) or walked with strides.
import { nextRun } from "./elementwise.js";

type Buf = { length: number; [i: number]: number };

/**
 * For each output element, folds the input elements that map to it, in input order. `outStrides`
 * are the output's strides with 0 on reduced dimensions; sums accumulate in double precision.
 * The input is walked a run of its last dimension at a time; a full reduction is one loop.
 */
export function reduceSum(shape: readonly number[], a: Buf, outStrides: readonly number[], out: Buf): void {
  const nd = shape.length;
  let n = 1;
  for (const d of shape) n *= d;
  if (n === 0 || nd === 0) {
    for (let o = 0; o < out.length; o++) out[o] = n === 0 ? 0 : a[0]!;
    return;
  }
  if (out.length === 1) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i]!;
    out[0] = s;
    return;
  }
  const acc = new Float64Array(out.length);
  const inner = shape[nd - 1]!, so = outStrides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let o = 0;
  for (let i = 0; i < n; i += inner) {
    if (so === 0) {
      let s = acc[o]!;
      for (let j = 0; j < inner; j++) s += a[i + j]!;
      acc[o] = s;
    } else {
      for (let j = 0, q = o; j < inner; j++, q += so) acc[q] += a[i + j]!;
    }
    o += nextRun(idx, shape, outStrides);
  }
  for (let q = 0; q < out.length; q++) out[q] = acc[q]!;
}

/**
 * Max (or min) over one dimension viewed as (outer, size, inner): values and the index of the
 * first extreme element; NaN propagates as in PyTorch (a NaN is the max and its index wins).
 */
export function reduceExtreme(
  a: Buf, outer: number, size: number, inner: number, values: Buf, indices: Buf, wantMax: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let best = a[base]!;
      let bestI = 0;
      for (let j = 1; j < size && !Number.isNaN(best); j++) {
        const v = a[base + j * inner]!;
        if (Number.isNaN(v) || (wantMax ? v > best : v < best)) {
          best = v;
          bestI = j;
        }
      }
      values[o * inner + k] = best;
      indices[o * inner + k] = bestI;
    }
  }
}

/** Softmax (or log-softmax) along one dimension viewed as (outer, size, inner). */
export function softmax(a: Buf, outer: number, size: number, inner: number, out: Buf, log: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let max = -Infinity;
      for (let j = 0; j < size; j++) max = Math.max(max, a[base + j * inner]!);
      if (max === -Infinity) max = 0; // all -inf: keep exp(-inf - 0) = 0 rather than NaN from -inf + inf
      let sum = 0;
      for (let j = 0; j < size; j++) sum += Math.exp(a[base + j * inner]! - max);
      if (log) {
        const lse = max + Math.log(sum);
        for (let j = 0; j < size; j++) out[base + j * inner] = a[base + j * inner]! - lse;
      } else {
        for (let j = 0; j < size; j++) out[base + j * inner] = Math.exp(a[base + j * inner]! - max) / sum;
      }
    }
  }
}
