// Class-index targets, shared by NLLLoss and CrossEntropyLoss: checks the target against the
// input, resolves per-class weights and ignoreIndex, and takes the weighted negative
// log-likelihood of the picked log-probabilities, as ATen's `nll_loss_nd` does.
import { ConfigError, DTypeError, IndexError, ShapeError, fmtShape } from "../../errors.js";
import { div, mul } from "../../autograd/ops/binary.js";
import { gather, where } from "../../autograd/ops/gather.js";
import { sum } from "../../autograd/ops/reduce.js";
import { neg } from "../../autograd/ops/unary.js";
import { squeeze } from "../../autograd/ops/view.js";
import { allocate, castValue, isFloating, type DType } from "../../tensor/dtype.js";
import { fromData, Tensor } from "../../tensor/tensor.js";
import type { Reduction } from "./reduction.js";

/** Class-index targets resolved against an input of shape (N, C, d1, …) or (C). */
export interface ClassTargets {
  /** The class dimension of the input: 1, or 0 for an unbatched (C) input. */
  readonly classDim: number;
  readonly numClasses: number;
  /** Target indices, ignored entries replaced by 0, with a size-1 class dim (int64): gather's index. */
  readonly index: Tensor;
  /** True where the target equals ignoreIndex (the target's shape), or null if no entry does. */
  readonly ignored: Tensor | null;
  /** weight[target] per entry, 0 where ignored (target's shape, input's dtype); null without `weight`. */
  readonly weights: Tensor | null;
  /** Σ of the entries' weights (the count of non-ignored entries without `weight`): the divisor of 'mean'. */
  readonly totalWeight: number;
}

/** The shape class indices must have for `input`: (N, d1, …), or () for an unbatched (C) input. */
export function indexTargetShape(input: Tensor): number[] {
  return input.ndim === 1 ? [] : [input.shape[0]!, ...input.shape.slice(2)];
}

/** Letters for the two target forms of an input's rank, for messages: `[N]` and `[N,C]`. */
export function targetLegend(ndim: number): { index: string; probs: string } {
  if (ndim <= 1) return { index: "[]", probs: "[C]" };
  const extra = Array.from({ length: ndim - 2 }, (_, i) => `,d${i + 1}`).join("");
  return { index: `[N${extra}]`, probs: `[N,C${extra}]` };
}

/** Requires an integer ignoreIndex. */
export function checkIgnoreIndex(op: string, ignoreIndex: unknown): number {
  if (ignoreIndex === undefined) return -100;
  if (typeof ignoreIndex !== "number" || !Number.isInteger(ignoreIndex)) {
    throw new ConfigError(op, `ignoreIndex must be an integer (got ${String(ignoreIndex)})`, { expected: "integer", actual: ignoreIndex });
  }
  return ignoreIndex;
}

/** Requires a 1-D floating weight (its size is checked against C when the loss is called). */
export function checkWeightTensor(op: string, weight: Tensor | null | undefined, what = "weight"): Tensor | null {
  if (weight === undefined || weight === null) return null;
  if (!(weight instanceof Tensor)) {
    throw new ConfigError(op, `${what} must be a tensor or null (got ${typeof weight})`, { actual: weight });
  }
  if (!isFloating(weight.dtype)) {
    throw new DTypeError(op, `${what} must be a floating point tensor (got ${weight.dtype})`, { expected: "float32 or float64", actual: weight.dtype });
  }
  return weight;
}

/** Requires weight to have one entry per class. */
export function checkClassWeight(op: string, weight: Tensor | null, numClasses: number): void {
  if (weight !== null && (weight.ndim !== 1 || weight.shape[0] !== numClasses)) {
    throw new ShapeError(op, `weight tensor should be defined either for all ${numClasses} classes or no classes ` +
      `(expected shape [${numClasses}], got ${fmtShape(weight.shape)})`, { expected: [numClasses], actual: weight.shape });
  }
}

/**
 * Resolves int64 `target` (already checked to have `indexTargetShape(input)`) against `input`:
 * range checks (an out-of-range index that is not ignoreIndex is an IndexError), the
 * gather index, the ignore mask and the per-entry weights.
 */
export function resolveClassTargets(op: string, input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): ClassTargets {
  const classDim = input.ndim === 1 ? 0 : 1;
  const numClasses = input.shape[classDim]!;
  checkClassWeight(op, weight, numClasses);
  const t = target.data;
  const n = t.length;
  const dtype: DType = input.dtype;
  const index = allocate("int64", n);
  const mask = allocate("bool", n);
  const w = allocate(dtype, n);
  let anyIgnored = false;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const c = t[i]!;
    if (c === ignoreIndex) {
      mask[i] = 1;
      anyIgnored = true;
      continue;
    }
    if (!(c >= 0 && c < numClasses)) {
      throw new IndexError(op, `Target ${c} is out of bounds (C=${numClasses}, so class indices must be in [0, ${numClasses - 1}]; ignoreIndex is ${ignoreIndex})`, {
        expected: `[0, ${numClasses - 1}] or ${ignoreIndex}`, actual: c,
      });
    }
    index[i] = c;
    w[i] = weight === null ? 1 : castValue(dtype, weight.data[c]!);
    totalWeight += w[i]!;
  }
  const shape = target.shape;
  const indexShape = input.ndim === 1 ? [1] : [shape[0]!, 1, ...shape.slice(1)];
  return {
    classDim,
    numClasses,
    index: fromData(index, indexShape, "int64"),
    ignored: anyIgnored ? fromData(mask, shape, "bool") : null,
    weights: weight !== null ? fromData(w, shape, dtype) : null,
    totalWeight: castValue(dtype, totalWeight),
  };
}

/** Sets ignored entries of a per-entry loss to 0 (and their gradient with them). */
export function maskIgnored(loss: Tensor, targets: ClassTargets): Tensor {
  return targets.ignored === null ? loss : where(targets.ignored, 0, loss);
}

/** Reduces a per-entry class loss: 'mean' divides by the total weight (NaN when it is 0, as PyTorch). */
export function reduceClassLoss(loss: Tensor, targets: ClassTargets, reduction: Reduction): Tensor {
  if (reduction === "none") return loss;
  const total = sum(loss);
  return reduction === "sum" ? total : div(total, targets.totalWeight);
}

/**
 * The negative log-likelihood of the targets under log-probabilities `logp`:
 * loss_i = −weight[y_i] · logp[i, y_i], 0 where y_i = ignoreIndex; 'mean' is Σ loss_i / Σ weight[y_i].
 */
export function nllOfTargets(logp: Tensor, targets: ClassTargets, reduction: Reduction): Tensor {
  const picked = squeeze(gather(logp, targets.classDim, targets.index), targets.classDim);
  const loss = targets.weights === null ? neg(picked) : mul(neg(picked), targets.weights);
  return reduceClassLoss(maskIgnored(loss, targets), targets, reduction);
}
