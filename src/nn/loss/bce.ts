// BCEWithLogitsLoss: binary cross entropy on logits with the log-sigmoid formulation of ATen's
// `binary_cross_entropy_with_logits` (aten/src/ATen/native/Loss.cpp), stable for any logit.
import { ShapeError, fmtShape } from "../../errors.js";
import { checkOptions } from "../../options.js";
import { add, mul, sub } from "../../autograd/ops/binary.js";
import { broadcastShapes, sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { checkWeightTensor } from "./class-targets.js";
import { logSigmoid } from "../../autograd/ops/unary.js";
import { applyReduction, checkReduction, requireFloating, type LossOptions, type Reduction } from "./reduction.js";

export interface BCEWithLogitsLossOptions extends LossOptions {
  /** A weight per element, broadcast to the input's shape (torch: `weight`). */
  readonly weight?: Tensor | null;
  /** A weight of positive examples per class, broadcast along the last dimension, e.g. shape (C) (torch: `pos_weight`). */
  readonly posWeight?: Tensor | null;
}

interface BCEConfig {
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  readonly reduction: Reduction;
}

function bceConfig(op: string, opts: BCEWithLogitsLossOptions): BCEConfig {
  checkOptions(op, opts, { weight: "any", posWeight: "any", reduction: "any" });
  return {
    weight: checkWeightTensor(op, opts.weight),
    posWeight: checkWeightTensor(op, opts.posWeight, "posWeight"),
    reduction: checkReduction(op, opts.reduction),
  };
}

function checkBroadcastsTo(op: string, what: string, t: Tensor, shape: readonly number[]): void {
  const b = broadcastShapes(op, t.shape, shape);
  if (!sameShape(b, shape)) {
    throw new ShapeError(op, `${what} of shape ${fmtShape(t.shape)} must broadcast to the input's shape ${fmtShape(shape)}`, {
      expected: fmtShape(shape), actual: fmtShape(t.shape),
    });
  }
}

function bceWith(op: string, input: Tensor, target: Tensor, cfg: BCEConfig): Tensor {
  requireFloating(op, input, "input");
  requireFloating(op, target, "target");
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(op, `target size (${fmtShape(target.shape)}) must be the same as input size (${fmtShape(input.shape)})`, {
      expected: fmtShape(input.shape), actual: fmtShape(target.shape),
    });
  }
  let logSig = logSigmoid(input);
  if (cfg.posWeight !== null) {
    checkBroadcastsTo(op, "posWeight", cfg.posWeight, input.shape);
    // log_weight = (pos_weight − 1)·y + 1
    logSig = mul(logSig, add(mul(sub(cfg.posWeight, 1), target), 1));
  }
  let loss = sub(mul(sub(1, target), input), logSig);
  if (cfg.weight !== null) {
    checkBroadcastsTo(op, "weight", cfg.weight, input.shape);
    loss = mul(loss, cfg.weight);
  }
  return applyReduction(loss, cfg.reduction);
}

/**
 * Binary cross entropy of sigmoid(input) against target (torch.nn.functional.binary_cross_entropy_with_logits):
 * ℓ_n = w_n · [(1 − y_n)·x_n − (1 + (p − 1)·y_n) · log σ(x_n)], which equals
 * −w_n · [p·y_n·log σ(x_n) + (1 − y_n)·log(1 − σ(x_n))], with posWeight p (1 without it).
 *
 * Shapes: input (*) logits, target (*) in [0, 1], the same shape; weight broadcast to (*);
 * posWeight broadcast to (*) (usually (C) for input (N, C)). Output: a scalar, or (*) with 'none'.
 * Gradients flow to input, target, weight and posWeight.
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, opts: BCEWithLogitsLossOptions = {}): Tensor {
  return bceWith("binaryCrossEntropyWithLogits", input, target, bceConfig("binaryCrossEntropyWithLogits", opts));
}

/** Binary cross entropy on logits as a module; see `binaryCrossEntropyWithLogits`. */
export class BCEWithLogitsLoss extends Module {
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  readonly reduction: Reduction;

  constructor(opts: BCEWithLogitsLossOptions = {}) {
    super();
    const cfg = bceConfig("BCEWithLogitsLoss", opts);
    this.weight = cfg.weight;
    this.posWeight = cfg.posWeight;
    this.reduction = cfg.reduction;
    this.registerBuffer("weight", cfg.weight);
    this.registerBuffer("pos_weight", cfg.posWeight);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return bceWith("BCEWithLogitsLoss", input, target, this);
  }
}
