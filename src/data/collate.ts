// Collation: a list of samples into one batch — stacked (torch's default_collate) or padded
// with the lengths that packPaddedSequence wants.
import { ShapeError, ValueError } from "../errors.js";
import { stack } from "../autograd/ops/join.js";
import { padSequence } from "../nn/rnn/packing.js";
import { tensor } from "../tensor/create.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { checkOptions, expectArray } from "../options.js";

/**
 * PyTorch's `default_collate`, for JavaScript values: tensors are stacked along a new first
 * dimension; numbers become a tensor — int64 when every one is an integer (torch's Python
 * ints), else float32 (the project's default float; JavaScript cannot tell `1.0` from `1`);
 * booleans a bool tensor; strings stay an array; arrays (tuples) and plain objects are
 * collated position by position and key by key.
 *
 * ```ts
 * defaultCollate([[x0, 1], [x1, 0]])   // [stack([x0, x1]), tensor([1, 0], int64)]
 * ```
 */
export function defaultCollate(samples: readonly unknown[]): unknown {
  const op = "defaultCollate";
  expectArray(op, "samples", samples);
  if (samples.length === 0) throw new ValueError(op, "cannot collate an empty batch");
  const first = samples[0];
  const sameKind = (pred: (x: unknown) => boolean, what: string) => {
    const i = samples.findIndex((s) => !pred(s));
    if (i >= 0) throw new ValueError(op, `sample ${i} is ${describe(samples[i])}, sample 0 ${what}`, { expected: what, actual: samples[i] });
  };
  if (first instanceof Tensor) {
    sameKind((s) => s instanceof Tensor, "a Tensor");
    return stack(samples as Tensor[], 0);
  }
  if (typeof first === "number") {
    sameKind((s) => typeof s === "number", "a number");
    const nums = samples as number[];
    return tensor(nums, { dtype: nums.every(Number.isInteger) ? "int64" : "float32" });
  }
  if (typeof first === "boolean") {
    sameKind((s) => typeof s === "boolean", "a boolean");
    return tensor((samples as boolean[]).map(Number), { dtype: "bool" });
  }
  if (typeof first === "string") {
    sameKind((s) => typeof s === "string", "a string");
    return [...samples];
  }
  if (Array.isArray(first)) {
    sameKind((s) => Array.isArray(s) && s.length === first.length, `an array of ${first.length}`);
    return first.map((_, k) => defaultCollate(samples.map((s) => (s as unknown[])[k])));
  }
  if (typeof first === "object" && first !== null && Object.getPrototypeOf(first) === Object.prototype) {
    const keys = Object.keys(first);
    sameKind((s) => typeof s === "object" && s !== null && Object.keys(s).join() === keys.join(), `an object with keys ${keys.join(", ")}`);
    return Object.fromEntries(keys.map((k) => [k, defaultCollate(samples.map((s) => (s as Record<string, unknown>)[k]))]));
  }
  throw new ValueError(op, `cannot collate ${describe(first)}; pass a collateFn`, { expected: "Tensor, number, boolean, string, array or object", actual: first });
}

/** A padded batch and each sequence's length. */
export interface PaddedBatch {
  /** (T, B, *) — or (B, T, *) with batchFirst — T the longest length. */
  readonly data: Tensor;
  /** Length of each sequence, in batch order: what `packPaddedSequence` takes. */
  readonly lengths: number[];
}

export interface PadOptions {
  /** Batch first, (B, T, *), instead of (T, B, *) (default false, as PyTorch). */
  readonly batchFirst?: boolean;
  /** The value of padded steps (default 0; use the vocabulary's pad id). */
  readonly paddingValue?: number;
  /** dtype of sequences given as number arrays (default int64, for token ids). */
  readonly dtype?: DType;
}

/**
 * Pads sequences of different lengths — token-id arrays or tensors (Lᵢ, *) — into one tensor,
 * with their lengths, ready for `nn.utils.rnn.packPaddedSequence(data, lengths, { enforceSorted: false })`.
 */
export function padBatch(sequences: readonly (readonly number[] | Tensor)[], opts: PadOptions = {}): PaddedBatch {
  const op = "padBatch";
  expectArray(op, "sequences", sequences);
  checkOptions(op, opts, { batchFirst: "boolean", paddingValue: "number", dtype: "any" });
  if (sequences.length === 0) throw new ValueError(op, "cannot pad an empty batch");
  const tensors = sequences.map((s, i) => {
    if (!(s instanceof Tensor)) expectArray(op, `sequences[${i}]`, s);
    const t = s instanceof Tensor ? s : tensor([...s], { dtype: opts.dtype ?? "int64" });
    if (t.ndim === 0 || t.shape[0] === 0) {
      throw new ShapeError(op, `sequence ${i} is empty; packPaddedSequence needs every length >= 1`, { expected: ">= 1 step", actual: t.shape });
    }
    return t;
  });
  const data = padSequence(tensors, { batchFirst: opts.batchFirst ?? false, paddingValue: opts.paddingValue ?? 0 });
  return { data, lengths: tensors.map((t) => t.shape[0]!) };
}

function describe(x: unknown): string {
  if (x instanceof Tensor) return "a Tensor";
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (x === null) return "null";
  return typeof x === "object" ? "an object" : `a ${typeof x}`;
}
