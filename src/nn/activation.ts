// Activation modules (PyTorch's nn.ReLU, nn.Tanh, …): parameterless wrappers over the
// functional ops, printed as PyTorch prints them, so `Sequential(Linear, ReLU, Linear)` reads as it does there.
import { ConfigError } from "../errors.js";
import { gelu } from "../autograd/ops/activation.js";
import { gt } from "../autograd/ops/compare.js";
import { mul } from "../autograd/ops/binary.js";
import { where } from "../autograd/ops/gather.js";
import { relu, sigmoid, tanh } from "../autograd/ops/unary.js";
import { softmax, logSoftmax } from "../autograd/ops/softmax.js";
import { flatten } from "../autograd/ops/view.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/** max(0, x). Shapes: any → same. */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** tanh(x). Shapes: any → same. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** 1 / (1 + e^−x). Shapes: any → same. */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/** x itself (a placeholder that keeps a layer's slot and name). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** x for x > 0, negativeSlope·x otherwise. Shapes: any → same. */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;

  constructor(negativeSlope = 0.01) {
    super();
    this.negativeSlope = negativeSlope;
  }

  forward(x: Tensor): Tensor {
    // Composed (not the leakyRelu op) so that ONNX export lowers it as a comparison and a Where.
    return where(gt(x, 0), x, mul(x, this.negativeSlope));
  }

  override extraRepr(): string {
    return `negative_slope=${this.negativeSlope}`;
  }
}

/** x·Φ(x) (Φ the standard normal CDF), exactly or by its tanh approximation. Shapes: any → same. */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";

  constructor(approximate: "none" | "tanh" = "none") {
    super();
    if (approximate !== "none" && approximate !== "tanh") {
      throw new ConfigError("GELU", `approximate must be 'none' or 'tanh' (got '${String(approximate)}')`, { expected: ["none", "tanh"], actual: approximate });
    }
    this.approximate = approximate;
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** softmax along `dim`: e^x / Σ e^x. Shapes: any → same. */
export class Softmax extends Module {
  readonly dim: number | null;

  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }

  forward(x: Tensor): Tensor {
    return softmax(x, softmaxDim("Softmax", this.dim, x));
  }

  override extraRepr(): string {
    return `dim=${this.dim === null ? "None" : this.dim}`;
  }
}

/** log(softmax(x)) along `dim`, computed stably. Shapes: any → same. */
export class LogSoftmax extends Module {
  readonly dim: number | null;

  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }

  forward(x: Tensor): Tensor {
    return logSoftmax(x, softmaxDim("LogSoftmax", this.dim, x));
  }

  override extraRepr(): string {
    return `dim=${this.dim === null ? "None" : this.dim}`;
  }
}

/** Flattens dims startDim..endDim into one. Shapes: (B, *) → (B, ∏*) with the defaults. */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = startDim;
    this.endDim = endDim;
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * PyTorch's implicit dim of a softmax module built without one (`_get_softmax_dim`, which
 * warns there): 0 for 0-, 1- and 3-D input, 1 otherwise.
 */
function softmaxDim(op: string, dim: number | null, x: Tensor): number {
  if (dim !== null) return dim;
  if (x.ndim > 4) throw new ConfigError(op, `give dim explicitly for input of ${x.ndim} dimensions`, { actual: x.ndim });
  return x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1;
}
