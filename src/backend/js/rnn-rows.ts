// Helpers shared by the reference recurrent kernels: scratch buffers, bias rows, column sums, the step before.
import type { FloatArray, RnnDims } from "../kernels.js";

/** Allocates a scratch buffer of the same float type as `like`. */
export function scratch<A extends FloatArray>(like: A, n: number): A {
  return (like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)) as A;
}

/** Adds `bias` (length `width`) to each of `rows` rows of `out` starting at row `row0`. */
export function addBiasRows(out: FloatArray, row0: number, rows: number, width: number, bias: FloatArray | null): void {
  if (bias === null) return;
  for (let r = row0; r < row0 + rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) out[o + j] += bias[j]!;
  }
}

/** Adds the column sums of `m` (rows × width) into `out` (width). */
export function addColumnSums(out: FloatArray | null, m: FloatArray, rows: number, width: number): void {
  if (out === null) return;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) out[j] += m[o + j]!;
  }
}

/** The step that runs before step t in processing order, or -1 at the first step. */
export function previousStep(dims: RnnDims, t: number): number {
  const p = dims.reverse ? t + 1 : t - 1;
  return p < 0 || p >= dims.T ? -1 : p;
}
