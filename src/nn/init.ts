// Parameter initialisation as torch.nn.init does it, drawing from the same generator in the
// same order, so a seeded model starts from PyTorch's exact numbers.
import { ConfigError, ValueError } from "../errors.js";
import { inPlace } from "../autograd/inplace.js";
import { noGrad } from "../autograd/mode.js";
import { normalFill, uniformFill, type Generator } from "../random/index.js";
import type { Tensor } from "../tensor/tensor.js";

function floatData(op: string, t: Tensor): Float32Array | Float64Array {
  if (!(t.data instanceof Float32Array || t.data instanceof Float64Array)) {
    throw new ConfigError(op, `only floating point tensors can be initialised (got ${t.dtype})`, { actual: t.dtype });
  }
  return t.data;
}

/** Fills t from U(a, b) in place (`torch.nn.init.uniform_`). */
export function uniform_(t: Tensor, a = 0, b = 1, generator?: Generator): Tensor {
  return noGrad(() => inPlace("uniform_", t, () => uniformFill(floatData("uniform_", t), a, b, generator)));
}

/** Fills t from N(mean, std²) in place (`torch.nn.init.normal_`). */
export function normal_(t: Tensor, mean = 0, std = 1, generator?: Generator): Tensor {
  return noGrad(() => inPlace("normal_", t, () => normalFill(floatData("normal_", t), mean, std, generator)));
}

/** fan_in and fan_out of a weight (`_calculate_fan_in_and_fan_out`). */
export function fans(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) {
    throw new ValueError("fans", `fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got ${t.ndim})`, {
      expected: ">= 2", actual: t.ndim,
    });
  }
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}

export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu";

/** `torch.nn.init.calculate_gain`. */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5.0 / 3;
    case "relu":
      return Math.sqrt(2.0);
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
  }
}

export interface KaimingOptions {
  /** Negative slope of the leaky ReLU after this layer (PyTorch's `a`). */
  readonly a?: number;
  readonly mode?: "fanIn" | "fanOut";
  readonly nonlinearity?: Nonlinearity;
  readonly generator?: Generator;
}

/** `torch.nn.init.kaiming_uniform_`: U(−bound, bound) with bound = gain·√(3 / fan). */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const a = opts.a ?? 0;
  const { fanIn, fanOut } = fans(t);
  const fan = opts.mode === "fanOut" ? fanOut : fanIn;
  const gain = calculateGain(opts.nonlinearity ?? "leaky_relu", a);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound, opts.generator);
}

/** `torch.nn.init.xavier_uniform_`. */
export function xavierUniform_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const { fanIn, fanOut } = fans(t);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, generator);
}

export function zeros_(t: Tensor): Tensor {
  return noGrad(() => inPlace("zeros_", t, (d) => d.fill(0)));
}

export function constant_(t: Tensor, value: number): Tensor {
  return noGrad(() => inPlace("constant_", t, (d) => d.fill(value)));
}
