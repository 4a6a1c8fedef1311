// Writes and reads at computed offsets, for scatter, scatterAdd and indexPut: where each element
// of an index tensor points, then loops that put, add or take there.

type Buf = { length: number; [i: number]: number };

/**
 * For every element of `index` (shape `indexShape`, values already in range): its offset in a
 * target read through `targetStrides` — index's coordinates with the one along `dim` replaced by
 * the index value — and its offset in a source read through `sourceStrides`.
 */
export function scatterOffsets(
  indexShape: readonly number[], index: Buf, dim: number, targetStrides: readonly number[], sourceStrides: readonly number[],
): { readonly target: Float64Array; readonly source: Float64Array } {
  const nd = indexShape.length;
  const n = index.length;
  const to = new Float64Array(n);
  const so = new Float64Array(n);
  const ts = targetStrides;
  const ss = sourceStrides;
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    let t = 0;
    let s = 0;
    for (let d = 0; d < nd; d++) {
      t += (d === dim ? index[i]! : idx[d]!) * ts[d]!;
      s += idx[d]! * ss[d]!;
    }
    to[i] = t;
    so[i] = s;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < indexShape[d]!) break;
      idx[d] = 0;
    }
  }
  return { target: to, source: so };
}

/**
 * out[at[i] + j] = src[from[i] + j] (or +=) for each i and j < block: element-wise scatters have
 * block 1; indexPut writes blocks of the trailing dimensions. `src` a number: that value everywhere.
 * Later writes to the same place win, as ATen's serial CPU loops leave them.
 */
export function putAt(out: Buf, at: ArrayLike<number>, src: Buf | number, from: ArrayLike<number>, block: number, add: boolean): void {
  for (let i = 0; i < at.length; i++) {
    const o = at[i]!;
    const s = from[i]!;
    for (let j = 0; j < block; j++) {
      const v = typeof src === "number" ? src : src[s + j]!;
      if (add) out[o + j] += v;
      else out[o + j] = v;
    }
  }
}

/** out[to[i] + j] = a[at[i] + j] for each i and j < block: the gradient of a put, read back. */
export function takeAt(a: Buf, at: ArrayLike<number>, out: Buf, to: ArrayLike<number>, block: number): void {
  for (let i = 0; i < at.length; i++) {
    for (let j = 0; j < block; j++) out[to[i]! + j] = a[at[i]! + j]!;
  }
}
