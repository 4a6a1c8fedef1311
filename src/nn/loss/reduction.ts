// What every loss shares: the reduction option ('mean' | 'sum' | 'none'), its application to
// elementwise losses, and the dtype checks of inputs and targets.
import { ConfigError, DTypeError, fmtShape } from "../../errors.js";
import { checkOptions } from "../../options.js";
import { mean, sum } from "../../autograd/ops/reduce.js";
import { isFloating } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { expectTensor } from "../../tensor/expect.js";

/** How a loss folds its per-element values: their mean, their sum, or no folding. */
export type Reduction = "mean" | "sum" | "none";

export interface LossOptions {
  /** 'mean' (default), 'sum' or 'none' (torch: `reduction`). */
  readonly reduction?: Reduction;
}

export interface WeightedLossOptions extends LossOptions {
  /** A rescaling weight per class, shape (C), float (torch: `weight`); treated as a constant. */
  readonly weight?: Tensor | null;
}

/** The options of a loss that takes only `reduction` (MSELoss, L1Loss), checked; returns the reduction. */
export function reductionOption(op: string, opts: LossOptions): Reduction {
  checkOptions(op, opts, { reduction: "any" });
  return checkReduction(op, opts.reduction);
}

/** The reduction option, or a ConfigError naming the allowed values. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction === undefined) return "mean";
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new ConfigError(op, `reduction must be 'mean', 'sum' or 'none' (got ${JSON.stringify(reduction)})`, {
      expected: ["mean", "sum", "none"], actual: reduction,
    });
  }
  return reduction;
}

/** PyTorch's `apply_loss_reduction`: the mean (NaN for no elements), the sum, or the tensor itself. */
export function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return loss;
  return reduction === "sum" ? sum(loss) : mean(loss);
}

/** Requires a floating point tensor (float32 or float64), naming the loss and the argument. */
export function requireFloating(op: string, t: Tensor, what: string): void {
  expectTensor(op, t, what);
  if (!isFloating(t.dtype)) {
    throw new DTypeError(op, `${what} must be a floating point tensor (float32 or float64; got ${t.dtype} of shape ${fmtShape(t.shape)})`, {
      expected: "float32 or float64", actual: t.dtype,
    });
  }
}
