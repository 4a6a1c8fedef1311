// Indexing loops: picks along a dimension by an index (gather, indexSelect, embedding), the
// scatter-adds of their backward passes, `where` and masked fill. Indices arrive checked and
// non-negative (the ops validate them); shapes are those of the row-major buffers.

type Buf = { length: number; [i: number]: number };

/** Calls fn(i, base) for every element i of an index of `shape` into a target of `targetStrides`,
 * where base is the target offset of i's coordinates without the one along `dim`. */
function forEachAlong(shape: readonly number[], targetStrides: readonly number[], dim: number, fn: (i: number, base: number) => void): void {
  const idx = new Array<number>(shape.length).fill(0);
  let n = 1;
  for (const s of shape) n *= s;
  for (let i = 0; i < n; i++) {
    let base = 0;
    for (let d = 0; d < shape.length; d++) if (d !== dim) base += idx[d]! * targetStrides[d]!;
    fn(i, base);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}

/** out[i] = x[coords of i with index[i] along dim]; out and index have `shape`, x `xStrides`. */
export function gatherAlong(shape: readonly number[], x: Buf, xStrides: readonly number[], dim: number, index: Buf, out: Buf): void {
  const stride = xStrides[dim]!;
  forEachAlong(shape, xStrides, dim, (i, base) => {
    out[i] = x[base + index[i]! * stride]!;
  });
}

/** out[coords of i with index[i] along dim] += src[i]: the scatter-add of gatherAlong. */
export function scatterAddAlong(shape: readonly number[], src: Buf, index: Buf, dim: number, out: Buf, outStrides: readonly number[]): void {
  const stride = outStrides[dim]!;
  forEachAlong(shape, outStrides, dim, (i, base) => {
    out[base + index[i]! * stride] += src[i]!;
  });
}

/** x viewed as (outer, size, inner): out (outer, index.length, inner) takes x's slices index[j]. */
export function selectRows(x: Buf, outer: number, size: number, inner: number, index: readonly number[], out: Buf): void {
  const n = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const src = (o * size + index[j]!) * inner, dst = (o * n + j) * inner;
      for (let k = 0; k < inner; k++) out[dst + k] = x[src + k]!;
    }
  }
}

/** The backward of selectRows: out (outer, size, inner) += g's slices at index[j]; slices whose
 * index equals `skip` get nothing (an embedding's padding row). */
export function addRows(g: Buf, outer: number, size: number, inner: number, index: readonly number[], out: Buf, skip: number | null): void {
  const n = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      if (index[j] === skip) continue;
      const dst = (o * size + index[j]!) * inner, src = (o * n + j) * inner;
      for (let k = 0; k < inner; k++) out[dst + k] += g[src + k]!;
    }
  }
}

/** out[i] = mask[i] !== 0 ? value : x[i] (mask already of x's shape). */
export function fillMasked(x: Buf, mask: Buf, value: number, out: Buf): void {
  for (let i = 0; i < out.length; i++) out[i] = mask[i] !== 0 ? value : x[i]!;
}
