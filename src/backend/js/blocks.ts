// Block copies and index wrapping: the JS reference's loops for cat, linear's bias rows and the
// normalisation of (possibly negative) indices, so that no op loops over tensor data itself.

type Buf = { length: number; [i: number]: number };

/**
 * Copies `count` blocks of `block` elements: block i is read from `src` at `i·srcStride` (a
 * stride of 0 repeats one block) and written to `out` at `outOffset + i·outStride`.
 * cat writes each input's rows this way; linear repeats its bias into every output row.
 */
export function copyBlocks(src: Buf, srcStride: number, block: number, count: number, out: Buf, outOffset: number, outStride: number): void {
  for (let i = 0; i < count; i++) {
    const s = i * srcStride, o = outOffset + i * outStride;
    for (let j = 0; j < block; j++) out[o + j] = src[s + j]!;
  }
}

/**
 * out[i] = index[i], wrapped to [0, size) when negative (PyTorch's indexing). Returns the
 * position of the first index outside [-size, size) — out is then only partly written — or -1.
 */
export function wrapIndices(index: Buf, size: number, out: Buf): number {
  for (let i = 0; i < index.length; i++) {
    const v = index[i]!;
    if (v < -size || v >= size) return i;
    out[i] = v < 0 ? v + size : v;
  }
  return -1;
}
