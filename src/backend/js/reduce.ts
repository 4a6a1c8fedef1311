// Reductions over a set of dimensions of a contiguous buffer, and the softmax family along
// one dimension. A reduced tensor is viewed as (outer, dim, inner) or walked with strides.

type Buf = { length: number; [i: number]: number };

/**
 * For each output element, folds the input elements that map to it. `outStrides` are the
 * output's strides with 0 on reduced dimensions; sums accumulate in double precision.
 */
export function reduceSum(shape: readonly number[], a: Buf, outStrides: readonly number[], out: Buf): void {
  const acc = new Float64Array(out.length);
  walk(shape, outStrides, (i, o) => {
    acc[o] += a[i]!;
  });
  for (let o = 0; o < out.length; o++) out[o] = acc[o]!;
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

/** Calls fn(inputIndex, outputIndex) for every element of `shape`, output read through `outStrides`. */
function walk(shape: readonly number[], outStrides: readonly number[], fn: (i: number, o: number) => void): void {
  const nd = shape.length;
  let n = 1;
  for (const d of shape) n *= d;
  if (n === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    fn(i, o);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      o += outStrides[d]!;
      if (idx[d]! < shape[d]!) break;
      o -= outStrides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}
