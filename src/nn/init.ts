// Parameter initialisation as torch.nn.init does it, drawing from the same generator in the
// same order, so a seeded model starts from PyTorch's exact numbers.
import { ConfigError, ValueError } from "../errors.js";
import { kernels } from "../backend/index.js";
import { inPlace } from "../autograd/inplace.js";
import { noGrad } from "../autograd/mode.js";
import { normalFill, uniformFill, type Generator } from "../random/index.js";
import { isFloating } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { orthonormalQ } from "./householder.js";

function floatData(op: string, t: Tensor): Float32Array | Float64Array {
  if (!isFloating(t.dtype) || !(t.data instanceof Float32Array || t.data instanceof Float64Array)) {
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

export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

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
    case "selu":
      return 3.0 / 4;
  }
}

export interface KaimingOptions {
  /** Negative slope of the leaky ReLU after this layer (PyTorch's `a`). */
  readonly a?: number;
  readonly mode?: "fanIn" | "fanOut";
  readonly nonlinearity?: Nonlinearity;
  readonly generator?: Generator;
}

/** gain / √fan of kaiming_uniform_ and kaiming_normal_. */
function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const { fanIn, fanOut } = fans(t);
  const fan = opts.mode === "fanOut" ? fanOut : fanIn;
  return calculateGain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) / Math.sqrt(fan);
}

/** `torch.nn.init.kaiming_uniform_`: U(−bound, bound) with bound = gain·√(3 / fan). */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3.0) * kaimingStd(t, opts);
  return uniform_(t, -bound, bound, opts.generator);
}

/** `torch.nn.init.kaiming_normal_`: N(0, std²) with std = gain / √fan (a zero-element tensor is left as is). */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (t.numel() === 0) return t;
  return normal_(t, 0, kaimingStd(t, opts), opts.generator);
}

/** `torch.nn.init.xavier_uniform_`. */
export function xavierUniform_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const { fanIn, fanOut } = fans(t);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, generator);
}

/** `torch.nn.init.xavier_normal_`: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const { fanIn, fanOut } = fans(t);
  return normal_(t, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)), generator);
}

/**
 * `torch.nn.init.orthogonal_`: draws a (rows, cols) N(0, 1) matrix of t's dtype (cols = the
 * other dims flattened), takes the Q of its QR decomposition (of its transpose when rows <
 * cols) with R's diagonal made positive, and fills t with gain·Q. Q is computed in float64
 * (torch uses LAPACK in t's dtype), so a float32 result can differ from torch's in the last bits.
 */
export function orthogonal_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  if (t.ndim < 2) {
    throw new ValueError("orthogonal_", `only tensors with 2 or more dimensions are supported (got ${t.ndim})`, { expected: ">= 2", actual: t.ndim });
  }
  if (t.numel() === 0) return t;
  const data = floatData("orthogonal_", t);
  const rows = t.shape[0]!;
  const cols = t.numel() / rows;
  const drawn = new (data.constructor as Float64ArrayConstructor)(rows * cols);
  normalFill(drawn, 0, 1, generator);
  const wide = rows < cols;
  const [m, n] = wide ? [cols, rows] : [rows, cols];
  const a = wide ? transposed(drawn, rows, cols) : drawn;
  const q = orthonormalQ(a, m, n);
  const out = wide ? transposed(q, m, n) : q;
  return noGrad(() => inPlace("orthogonal_", t, (d) => kernels().map1(out, d, (v) => gain * v)));
}

function transposed(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

/** `torch.nn.init.ones_`. */
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/** `torch.nn.init.zeros_`. */
export function zeros_(t: Tensor): Tensor {
  return noGrad(() => inPlace("zeros_", t, (d) => d.fill(0)));
}

/** `torch.nn.init.constant_`: every element set to `value`. */
export function constant_(t: Tensor, value: number): Tensor {
  return noGrad(() => inPlace("constant_", t, (d) => d.fill(value)));
}
