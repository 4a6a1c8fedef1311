// NLLLoss: the negative log-likelihood of class indices given log-probabilities, as
// torch.nn.NLLLoss (ATen's nll_loss_nd): weights per class, ignoreIndex, three reductions.
import { DTypeError, ShapeError, fmtShape } from "../../errors.js";
import { checkOptions, type OptionSpec } from "../../options.js";
import { sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import {
  checkIgnoreIndex, checkWeightTensor, indexTargetShape, nllOfTargets, resolveClassTargets, targetLegend,
} from "./class-targets.js";
import { checkReduction, requireFloating, type Reduction, type WeightedLossOptions } from "./reduction.js";
import { expectTensor } from "../../tensor/expect.js";

export interface NLLLossOptions extends WeightedLossOptions {
  /** Entries whose target equals it add nothing to the loss nor to the mean's divisor (default -100; torch: `ignore_index`). */
  readonly ignoreIndex?: number;
}

/** Options after validation. */
export interface NLLConfig {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
}

/** The options NLLLoss accepts (values are checked by nllConfig). */
export const NLL_OPTIONS: OptionSpec = { weight: "any", ignoreIndex: "any", reduction: "any" };

export function nllConfig(op: string, opts: NLLLossOptions, spec: OptionSpec = NLL_OPTIONS): NLLConfig {
  checkOptions(op, opts, spec);
  return {
    weight: checkWeightTensor(op, opts.weight),
    ignoreIndex: checkIgnoreIndex(op, opts.ignoreIndex),
    reduction: checkReduction(op, opts.reduction),
  };
}

/** Requires int64 class indices of the shape `input` calls for; `alternative` extends the message. */
export function checkIndexTarget(op: string, input: Tensor, target: Tensor, alternative = ""): void {
  expectTensor(op, target, "target");
  const want = indexTargetShape(input);
  const legend = targetLegend(input.ndim);
  const describe = () => `target must be int64 class indices of shape ${legend.index}${alternative} ` +
    `(got ${target.dtype} of shape ${fmtShape(target.shape)} for input of shape ${fmtShape(input.shape)})`;
  if (!sameShape(target.shape, want)) {
    throw new ShapeError(op, describe(), { expected: fmtShape(want), actual: fmtShape(target.shape) });
  }
  if (target.dtype !== "int64") throw new DTypeError(op, describe(), { expected: "int64", actual: target.dtype });
}

/** Requires a floating input with at least one dimension. */
export function checkClassInput(op: string, input: Tensor): void {
  requireFloating(op, input, "input");
  if (input.ndim < 1) {
    throw new ShapeError(op, `input must have a class dimension: shape (C), (N, C) or (N, C, d1, …) (got shape ${fmtShape(input.shape)})`, {
      expected: ">= 1 dimensions", actual: fmtShape(input.shape),
    });
  }
}

export function nllLossWith(op: string, input: Tensor, target: Tensor, cfg: NLLConfig): Tensor {
  checkClassInput(op, input);
  checkIndexTarget(op, input, target);
  return nllOfTargets(input, resolveClassTargets(op, input, target, cfg.weight, cfg.ignoreIndex), cfg.reduction);
}

/**
 * The negative log-likelihood loss (torch.nn.functional.nll_loss).
 *
 * Shapes: input (N, C) or (N, C, d1, …) or unbatched (C), log-probabilities; target (N) or
 * (N, d1, …) or (), int64 class indices in [0, C) or ignoreIndex. Output: a scalar, or with
 * 'none' the target's shape.
 *
 * ℓ_n = −w[y_n] · x[n, y_n] (0 where y_n = ignoreIndex); 'sum' is Σ ℓ_n and 'mean' is
 * Σ ℓ_n / Σ_{n not ignored} w[y_n] — NaN when every target is ignored.
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NLLLossOptions = {}): Tensor {
  return nllLossWith("nllLoss", input, target, nllConfig("nllLoss", opts));
}

/** The negative log-likelihood loss as a module; see `nllLoss` for shapes and the formula. */
export class NLLLoss extends Module {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;

  constructor(opts: NLLLossOptions = {}) {
    super();
    const cfg = nllConfig("NLLLoss", opts);
    this.weight = cfg.weight;
    this.ignoreIndex = cfg.ignoreIndex;
    this.reduction = cfg.reduction;
    this.registerBuffer("weight", cfg.weight);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return nllLossWith("NLLLoss", input, target, this);
  }
}
