// Label arrays for the classification metrics: numbers, strings or an integer tensor, read
// into one plain array, and the sorted set of labels sklearn's `unique_labels` gives.
import { ShapeError, ValueError } from "../../errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { expectArray } from "../../options.js";

/** Class labels: class indices (an array or a 1-D tensor) or strings. */
export type Labels = ArrayLike<number> | readonly string[] | Tensor;

export type Label = number | string;

/** The labels as a plain array; a tensor must be 1-D. */
export function readLabels(op: string, name: string, y: Labels): Label[] {
  if (y instanceof Tensor) {
    if (y.ndim !== 1) throw new ShapeError(op, `${name} must be 1-D (got ${y.ndim} dimensions)`, { expected: 1, actual: y.shape });
    return Array.from(y.data as ArrayLike<number>);
  }
  expectArray(op, name, y, true);
  return Array.from(y as ArrayLike<Label>);
}

/** Both label arrays, checked to be of one length and not empty. */
export function readPair(op: string, yTrue: Labels, yPred: Labels): [Label[], Label[]] {
  const t = readLabels(op, "yTrue", yTrue);
  const p = readLabels(op, "yPred", yPred);
  if (t.length !== p.length) {
    throw new ShapeError(op, `yTrue and yPred must have the same length (got ${t.length} and ${p.length})`, { expected: t.length, actual: p.length });
  }
  if (t.length === 0) throw new ValueError(op, "yTrue and yPred are empty", { expected: ">= 1 sample", actual: 0 });
  return [t, p];
}

/** The labels present in either array, sorted (numbers numerically, strings by code unit, as numpy). */
export function uniqueLabels(...ys: readonly Label[][]): Label[] {
  const all = [...new Set(ys.flat())];
  if (all.some((v) => typeof v === "string") && all.some((v) => typeof v === "number")) {
    throw new ValueError("uniqueLabels", "labels mix strings and numbers", { expected: "one kind", actual: all });
  }
  return all.sort((a, b) => (typeof a === "number" ? a - (b as number) : a < b ? -1 : a > b ? 1 : 0));
}
