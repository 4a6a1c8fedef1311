// Linear: y = x·Wᵀ + b, initialised as PyTorch's (kaiming-uniform with a = √5, bias U(±1/√in)).
import { ConfigError } from "../errors.js";
import { checkOptions, FLOAT_DTYPE } from "../options.js";
import { linear } from "../autograd/ops/matmul.js";
import { zeros } from "../tensor/create.js";
import type { FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { kaimingUniform_, fans, uniform_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  readonly bias?: boolean;
  readonly dtype?: FloatDType;
}

/**
 * Applies y = x·Wᵀ + b to the last dimension.
 * Shapes: input (*, inFeatures) → output (*, outFeatures); weight (outFeatures, inFeatures), bias (outFeatures).
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions = {}) {
    super();
    checkOptions("Linear", opts, { bias: "boolean", dtype: FLOAT_DTYPE });
    for (const [name, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new ConfigError("Linear", `${name} must be a non-negative integer (got ${v})`, { actual: v });
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = opts.dtype ?? "float32";
    this.weight = new Parameter(zeros([outFeatures, inFeatures], { dtype }));
    this.registerParameter("weight", this.weight);
    this.bias = opts.bias === false ? null : new Parameter(zeros([outFeatures], { dtype }));
    this.registerParameter("bias", this.bias);
    this.resetParameters();
  }

  /** PyTorch's `reset_parameters`: weight first, then bias, from the default generator. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const { fanIn } = fans(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}
