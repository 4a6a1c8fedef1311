// Checks of a PackedSequence's parts, run where one is built and again where one is used (a
// layer, padPackedSequence), since their tensors can be written after construction.
import { DTypeError, ShapeError, ValueError, describeValue, fmtShape } from "../../errors.js";
import { Tensor } from "../../tensor/tensor.js";

/**
 * Validates the parts of a packed batch and returns the batch sizes (T) as Int32Array:
 * batchSizes is a 1-D int64 tensor of positive, non-increasing integers whose sum is the number
 * of rows of data (N, *); the index tensors, when given, are int64 permutations of the B =
 * batchSizes[0] sequences and inverses of each other. Nothing is allocated from an unchecked size.
 */
export function checkPacked(
  op: string, data: unknown, batchSizes: unknown, sortedIndices: unknown, unsortedIndices: unknown,
): Int32Array {
  if (!(data instanceof Tensor)) throw new ShapeError(op, `PackedSequence data must be a Tensor (got ${describeValue(data)})`, { expected: "Tensor", actual: data });
  if (!(batchSizes instanceof Tensor)) {
    throw new ShapeError(op, `PackedSequence batchSizes must be a Tensor (got ${describeValue(batchSizes)})`, { expected: "Tensor", actual: batchSizes });
  }
  if (data.ndim < 1) throw new ShapeError(op, "PackedSequence data must have at least 1 dimension (N, *) (got a 0-d tensor)", { expected: ">= 1", actual: 0 });
  if (batchSizes.dtype !== "int64") {
    throw new DTypeError(op, `PackedSequence batchSizes must be an int64 tensor (got ${batchSizes.dtype})`, { expected: "int64", actual: batchSizes.dtype });
  }
  if (batchSizes.ndim !== 1 || batchSizes.numel() === 0) {
    throw new ShapeError(op, `PackedSequence batchSizes must be a non-empty 1-D tensor (got shape ${fmtShape(batchSizes.shape)})`, {
      expected: "(T), T >= 1", actual: batchSizes.shape,
    });
  }
  const bs = batchSizes.data;
  const N = data.shape[0]!;
  let sum = 0;
  for (let t = 0; t < bs.length; t++) {
    const n = bs[t]!;
    const prev = t === 0 ? Infinity : bs[t - 1]!;
    if (!Number.isInteger(n) || n < 1 || n > prev) {
      throw new ValueError(op, `PackedSequence batchSizes must be positive integers that never increase (got ${n} at step ${t}` +
        `${t > 0 ? ` after ${prev}` : ""}; batchSizes ${preview(bs)})`, { expected: "positive, non-increasing integers", actual: n });
    }
    sum += n;
  }
  if (sum !== N) {
    throw new ShapeError(op, `PackedSequence batchSizes sum to ${sum}, but data has ${N} rows (data shape ${fmtShape(data.shape)})`, {
      expected: N, actual: sum,
    });
  }
  const B = bs[0]!;
  if ((sortedIndices === null) !== (unsortedIndices === null)) {
    throw new ValueError(op, "PackedSequence sortedIndices and unsortedIndices must both be given or both be null");
  }
  if (sortedIndices !== null) {
    const sorted = checkPermutation(op, "sortedIndices", sortedIndices, B);
    const unsorted = checkPermutation(op, "unsortedIndices", unsortedIndices, B);
    for (let i = 0; i < B; i++) {
      if (unsorted[sorted[i]!] !== i) {
        throw new ValueError(op, "PackedSequence unsortedIndices must be the inverse of sortedIndices", { expected: "inverse permutation", actual: preview(unsorted) });
      }
    }
  }
  return Int32Array.from(bs);
}

function checkPermutation(op: string, name: string, t: unknown, B: number): ArrayLike<number> {
  if (!(t instanceof Tensor) || t.dtype !== "int64" || t.ndim !== 1 || t.numel() !== B) {
    throw new ShapeError(op, `PackedSequence ${name} must be a 1-D int64 tensor of ${B} indices, one per sequence (got ${describeValue(t)})`, {
      expected: `int64 (${B})`, actual: t instanceof Tensor ? `${t.dtype} ${fmtShape(t.shape)}` : t,
    });
  }
  const seen = new Uint8Array(B);
  for (const v of t.data) {
    if (!Number.isInteger(v) || v < 0 || v >= B || seen[v] === 1) {
      throw new ValueError(op, `PackedSequence ${name} must be a permutation of 0..${B - 1} (got ${preview(t.data)})`, { expected: `permutation of ${B}`, actual: v });
    }
    seen[v] = 1;
  }
  return t.data;
}

function preview(a: ArrayLike<number>): string {
  const head = Array.from({ length: Math.min(a.length, 8) }, (_, i) => a[i]);
  return `[${head.join(",")}${a.length > 8 ? ",…" : ""}]`;
}
