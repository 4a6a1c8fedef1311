// CrossEntropyLoss: log-softmax then the negative log-likelihood, for class indices or class
// probabilities, with per-class weights, ignoreIndex and label smoothing — ATen's
// `cross_entropy_loss` (aten/src/ATen/native/LossNLL.cpp), built from differentiable ops.
import { ConfigError, DTypeError } from "../../errors.js";
import { checkOptions } from "../../options.js";
import { add, div, mul } from "../../autograd/ops/binary.js";
import { sum } from "../../autograd/ops/reduce.js";
import { logSoftmax } from "../../autograd/ops/softmax.js";
import { neg, toDType } from "../../autograd/ops/unary.js";
import { detach, reshape } from "../../autograd/ops/view.js";
import { isFloating } from "../../tensor/dtype.js";
import { sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import {
  checkClassWeight, maskIgnored, nllOfTargets, reduceClassLoss, resolveClassTargets, targetLegend,
} from "./class-targets.js";
import { checkClassInput, checkIndexTarget, NLL_OPTIONS, nllConfig, type NLLConfig, type NLLLossOptions } from "./nll.js";
import type { Reduction } from "./reduction.js";
import { expectTensor } from "../../tensor/expect.js";

export interface CrossEntropyLossOptions extends NLLLossOptions {
  /** ε in [0, 1]: the target becomes (1 − ε)·target + ε/C (default 0; torch: `label_smoothing`). */
  readonly labelSmoothing?: number;
}

interface CrossEntropyConfig extends NLLConfig {
  readonly labelSmoothing: number;
}

function crossEntropyConfig(op: string, opts: CrossEntropyLossOptions): CrossEntropyConfig {
  checkOptions(op, opts, { ...NLL_OPTIONS, labelSmoothing: "any" });
  const ls = opts.labelSmoothing ?? 0;
  if (typeof ls !== "number" || !(ls >= 0 && ls <= 1)) {
    throw new ConfigError(op, `labelSmoothing must be between 0.0 and 1.0 (got ${String(ls)})`, { expected: "[0, 1]", actual: ls });
  }
  return { ...nllConfig(op, opts, { ...NLL_OPTIONS, labelSmoothing: "any" }), labelSmoothing: ls };
}

/** The class weight as a constant of the input's dtype, shaped to broadcast along the class dim. */
function weightAlongClasses(weight: Tensor, input: Tensor): Tensor {
  const w = toDType(detach(weight), input.dtype);
  return input.ndim === 1 ? w : reshape(w, input.shape.map((s, d) => (d === 1 ? s : 1)));
}

/** Probability targets: ℓ_n = −Σ_c w_c · p[n,c] · log softmax(x)[n,c]; 'mean' divides by N·d1·… (not by the weights). */
function probabilityLoss(op: string, input: Tensor, target: Tensor, cfg: CrossEntropyConfig): Tensor {
  if (!isFloating(target.dtype)) {
    throw new DTypeError(op, `a target of the input's shape holds class probabilities and must be floating point (got ${target.dtype}); ` +
      "class indices have the input's shape without the class dimension", { expected: "float32 or float64", actual: target.dtype });
  }
  if (cfg.ignoreIndex >= 0) {
    throw new ConfigError(op, `ignoreIndex is not supported for class-probability targets (got ignoreIndex=${cfg.ignoreIndex})`, {
      expected: "< 0", actual: cfg.ignoreIndex,
    });
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  const numClasses = input.shape[classDim]!;
  checkClassWeight(op, cfg.weight, numClasses);
  const ls = cfg.labelSmoothing;
  const p = ls > 0 ? add(mul(target, 1 - ls), ls / numClasses) : target;
  let prod = mul(logSoftmax(input, classDim), p);
  if (cfg.weight !== null) prod = mul(prod, weightAlongClasses(cfg.weight, input));
  if (cfg.reduction === "none") return neg(sum(prod, classDim));
  const total = neg(sum(prod));
  return cfg.reduction === "sum" ? total : div(total, input.numel() / numClasses);
}

function crossEntropyWith(op: string, input: Tensor, target: Tensor, cfg: CrossEntropyConfig): Tensor {
  checkClassInput(op, input);
  expectTensor(op, target, "target");
  if (sameShape(target.shape, input.shape)) return probabilityLoss(op, input, target, cfg);
  checkIndexTarget(op, input, target, ` or probabilities of shape ${targetLegend(input.ndim).probs}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const logp = logSoftmax(input, classDim);
  const targets = resolveClassTargets(op, input, target, cfg.weight, cfg.ignoreIndex);
  const nll = nllOfTargets(logp, targets, cfg.reduction);
  const ls = cfg.labelSmoothing;
  if (ls === 0) return nll;
  // ATen's cross_entropy_loss_label_smoothing: the uniform part −Σ_c w_c·logp[n,c], 0 where
  // ignored, reduced like the NLL part ('mean' divides by Σ w[y_n] over non-ignored entries).
  const weighted = cfg.weight === null ? logp : mul(logp, weightAlongClasses(cfg.weight, input));
  const smooth = maskIgnored(neg(sum(weighted, classDim)), targets);
  const uniform = reduceClassLoss(smooth, targets, cfg.reduction);
  return add(mul(nll, 1 - ls), mul(uniform, ls / targets.numClasses));
}

/**
 * Cross entropy between softmax(input) and the target (torch.nn.functional.cross_entropy).
 *
 * Shapes: input (N, C), (N, C, d1, …) or unbatched (C), unnormalised logits. Target either
 * int64 class indices of shape (N), (N, d1, …) or (), or class probabilities of the input's
 * shape (floating). Output: a scalar, or with 'none' the input's shape without the class dim.
 *
 * Indices: ℓ_n = −w[y_n] · log softmax(x_n)[y_n], 0 where y_n = ignoreIndex; 'mean' divides
 * Σ ℓ_n by Σ_{n not ignored} w[y_n] (NaN when all are ignored). With label smoothing ε:
 * (1 − ε)·ℓ + (ε/C)·s, s_n = −Σ_c w_c · log softmax(x_n)[c], reduced the same way.
 * Probabilities p: ℓ_n = −Σ_c w_c · p'[n,c] · log softmax(x_n)[c] with p' = (1 − ε)·p + ε/C;
 * 'mean' divides by the number of entries N·d1·….
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyLossOptions = {}): Tensor {
  return crossEntropyWith("crossEntropy", input, target, crossEntropyConfig("crossEntropy", opts));
}

/** Cross-entropy loss as a module; see `crossEntropy` for shapes and formulas. */
export class CrossEntropyLoss extends Module {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  readonly labelSmoothing: number;

  constructor(opts: CrossEntropyLossOptions = {}) {
    super();
    const cfg = crossEntropyConfig("CrossEntropyLoss", opts);
    this.weight = cfg.weight;
    this.ignoreIndex = cfg.ignoreIndex;
    this.reduction = cfg.reduction;
    this.labelSmoothing = cfg.labelSmoothing;
    this.registerBuffer("weight", cfg.weight);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropyWith("CrossEntropyLoss", input, target, this);
  }
}
