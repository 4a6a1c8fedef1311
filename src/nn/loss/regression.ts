// MSELoss and L1Loss: elementwise (x − y)² and |x − y|, reduced, as torch.nn.MSELoss / L1Loss.
import { fmtShape } from "../../errors.js";
import { mul, sub } from "../../autograd/ops/binary.js";
import { abs } from "../../autograd/ops/unary.js";
import { broadcastShapes, sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { applyReduction, reductionOption, requireFloating, type LossOptions, type Reduction } from "./reduction.js";

/**
 * input − target after PyTorch's checks: both floating; shapes that differ are broadcast, with
 * PyTorch's warning (it almost always means a missing or extra dimension).
 */
function difference(op: string, input: Tensor, target: Tensor): Tensor {
  requireFloating(op, input, "input");
  requireFloating(op, target, "target");
  if (!sameShape(input.shape, target.shape)) {
    broadcastShapes(op, input.shape, target.shape);
    console.warn(`${op}: using a target size (${fmtShape(target.shape)}) that is different to the input size (${fmtShape(input.shape)}). ` +
      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.");
  }
  return sub(input, target);
}

/**
 * Mean squared error (torch.nn.functional.mse_loss): ℓ_n = (x_n − y_n)², then 'mean' (default),
 * 'sum' or 'none'. Shapes: input (*) and target (*), the same shape; output a scalar, or (*) with 'none'.
 */
export function mseLoss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  return mseLossWith("mseLoss", input, target, reductionOption("mseLoss", opts));
}

/** mseLoss with errors named `op` (the function or the module). */
function mseLossWith(op: string, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const d = difference(op, input, target);
  return applyReduction(mul(d, d), reduction);
}

/**
 * Mean absolute error (torch.nn.functional.l1_loss): ℓ_n = |x_n − y_n|, then 'mean' (default),
 * 'sum' or 'none'. Shapes: input (*) and target (*), the same shape; output a scalar, or (*) with 'none'.
 */
export function l1Loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  return l1LossWith("l1Loss", input, target, reductionOption("l1Loss", opts));
}

/** l1Loss with errors named `op` (the function or the module). */
function l1LossWith(op: string, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  return applyReduction(abs(difference(op, input, target)), reduction);
}

/** Mean squared error as a module; see `mseLoss`. */
export class MSELoss extends Module {
  readonly reduction: Reduction;

  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = reductionOption("MSELoss", opts);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLossWith("MSELoss", input, target, this.reduction);
  }
}

/** Mean absolute error as a module; see `l1Loss`. */
export class L1Loss extends Module {
  readonly reduction: Reduction;

  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = reductionOption("L1Loss", opts);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return l1LossWith("L1Loss", input, target, this.reduction);
  }
}
