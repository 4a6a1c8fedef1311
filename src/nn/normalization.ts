// LayerNorm: normalises the last dimensions of each sample to zero mean and unit variance,
// then scales and shifts them (PyTorch's nn.LayerNorm and F.layer_norm), composed from ops.
import { ConfigError, ShapeError, describeValue, fmtShape } from "../errors.js";
import { add, div, mul, sub } from "../autograd/ops/binary.js";
import { sqrt } from "../autograd/ops/unary.js";
import { mean } from "../autograd/ops/reduce.js";
import { ones, zeros } from "../tensor/create.js";
import type { FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { pyBool, pyFloat, pyTuple } from "./repr.js";
import { checkOptions, FLOAT_DTYPE } from "../options.js";
import { expectTensor } from "../tensor/expect.js";

/**
 * y = (x − E[x]) / √(Var[x] + eps) · weight + bias over the last `normalizedShape.length` dims,
 * with the biased variance, as `torch.nn.functional.layer_norm`.
 * Shapes: x (*, ...normalizedShape) → same; weight and bias normalizedShape.
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  expectTensor("layerNorm", x);
  if (!Array.isArray(normalizedShape)) {
    throw new ConfigError("layerNorm", `normalizedShape must be an array of numbers (got ${describeValue(normalizedShape)})`, { expected: "number[]", actual: normalizedShape });
  }
  for (const [what, t] of [["weight", weight], ["bias", bias]] as const) if (t !== null && t !== undefined) expectTensor("layerNorm", t, what);
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k === 0 || x.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new ShapeError("layerNorm", `expected input with shape [*, ${normalizedShape.join(", ")}], but got input of size ${fmtShape(x.shape)}`, {
      expected: normalizedShape, actual: x.shape,
    });
  }
  const dims = normalizedShape.map((_, i) => x.ndim - k + i);
  const centred = sub(x, mean(x, dims, true));
  const variance = mean(mul(centred, centred), dims, true);
  let y = div(centred, sqrt(add(variance, eps)));
  if (weight !== null) y = mul(y, weight);
  if (bias !== null) y = add(y, bias);
  return y;
}

export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  readonly eps?: number;
  /** Learn a per-element weight (ones) and bias (zeros) (default true). */
  readonly elementwiseAffine?: boolean;
  readonly dtype?: FloatDType;
}

/** Layer normalisation over the trailing `normalizedShape`; see `layerNorm`. Parameters weight and bias (normalizedShape). */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], opts: LayerNormOptions = {}) {
    super();
    checkOptions("LayerNorm", opts, { eps: "number", elementwiseAffine: "boolean", dtype: FLOAT_DTYPE });
    if (typeof normalizedShape !== "number" && !Array.isArray(normalizedShape)) {
      throw new ConfigError("LayerNorm", `normalizedShape must be a number or an array of numbers (got ${String(normalizedShape)})`, { actual: normalizedShape });
    }
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    if (shape.length === 0 || shape.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new ConfigError("LayerNorm", `normalizedShape must be positive integers (got ${fmtShape(shape)})`, { actual: shape });
    }
    this.normalizedShape = Object.freeze(shape);
    this.eps = opts.eps ?? 1e-5;
    this.elementwiseAffine = opts.elementwiseAffine ?? true;
    const dtype = opts.dtype ?? "float32";
    this.weight = this.elementwiseAffine ? new Parameter(ones(shape, { dtype })) : null;
    this.bias = this.elementwiseAffine ? new Parameter(zeros(shape, { dtype })) : null;
    if (!this.elementwiseAffine) {
      this.registerParameter("weight", null);
      this.registerParameter("bias", null);
    }
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}
