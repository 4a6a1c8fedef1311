// Elementwise functions beyond the basic ones: sin, cos, gelu, softplus, leakyRelu, elu and
// nanToNum, each a unary record (unary.ts) whose gradient is g times the derivative at x.
import { erf, kernels } from "../../backend/index.js";
import { ConfigError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";
import { mul } from "./binary.js";
import { unaryRecord } from "./unary.js";
import { isfinite } from "./compare.js";

/** f'(x) elementwise, in x's dtype. */
function derivative(x: Tensor, df: (v: number) => number): Tensor {
  const out = alloc(x.dtype, x.shape);
  kernels().map1(x.data, out.data, df);
  return out;
}

/**
 * A unary op of f with derivative df, both plain functions of x. `params` (the op's arguments)
 * are not read by the forward; the tracer reports them, so ONNX export can lower the op.
 */
function pointwise(name: string, x: Tensor, f: (v: number) => number, df: (v: number) => number, params?: unknown): Tensor {
  return run(unaryRecord({ name, f, float: true, grad: (g, xs) => mul(g, derivative(xs, df)) }) as OpRecord<unknown>, [x], params);
}

/** sin x, elementwise. */
export const sin = (x: Tensor): Tensor => pointwise("SinBackward0", x, Math.sin, Math.cos);

/** cos x, elementwise. */
export const cos = (x: Tensor): Tensor => pointwise("CosBackward0", x, Math.cos, (v) => -Math.sin(v));

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const K_TANH = Math.sqrt(2 / Math.PI);
const C_TANH = 0.044715;

/**
 * GELU: x·Φ(x) with Φ the standard normal CDF, `approximate: "none"` (default) as
 * 0.5·x·(1 + erf(x/√2)), or `"tanh"` as 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), as torch's
 * `F.gelu(x, approximate=…)`. Shapes: any → same.
 */
export function gelu(x: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  if (approximate === "tanh") {
    return pointwise("GeluBackward0", x,
      (v) => 0.5 * v * (1 + Math.tanh(K_TANH * (v + C_TANH * v * v * v))),
      (v) => {
        const t = Math.tanh(K_TANH * (v + C_TANH * v * v * v));
        return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K_TANH * (1 + 3 * C_TANH * v * v);
      }, { approximate });
  }
  if (approximate !== "none") {
    throw new ConfigError("gelu", `approximate must be 'none' or 'tanh' (got '${String(approximate)}')`, { expected: ["none", "tanh"], actual: approximate });
  }
  return pointwise("GeluBackward0", x,
    (v) => 0.5 * v * (1 + erf(v * SQRT1_2)),
    (v) => 0.5 * (1 + erf(v * SQRT1_2)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v), { approximate });
}

/**
 * softplus: log(1 + e^(β·x)) / β, and x itself where β·x > threshold (for stability), as
 * torch's `F.softplus(x, beta=1, threshold=20)`. Shapes: any → same.
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return pointwise("SoftplusBackward0", x,
    (v) => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta),
    (v) => {
      if (v * beta > threshold) return 1;
      const z = Math.exp(v * beta);
      return z / (z + 1);
    }, { beta, threshold });
}

/** x where x > 0, negativeSlope·x elsewhere, as torch's `F.leaky_relu`. Shapes: any → same. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return run(unaryRecord({
    name: "LeakyReluBackward0", f: (v) => (v > 0 ? v : v * negativeSlope),
    grad: (g, xs) => mul(g, derivative(xs, (v) => (v > 0 ? 1 : negativeSlope))),
  }) as OpRecord<unknown>, [x], { negativeSlope });
}

/** x where x > 0, α·(e^x − 1) elsewhere, as torch's `F.elu(x, alpha=1)`. Shapes: any → same. */
export function elu(x: Tensor, alpha = 1): Tensor {
  return pointwise("EluBackward0", x, (v) => (v > 0 ? v : alpha * Math.expm1(v)), (v) => (v > 0 ? 1 : alpha * Math.exp(v)), { alpha });
}

/** The largest finite value of each floating dtype (integers hold no NaN or infinity). */
const FINITE_MAX: Record<string, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

/**
 * NaN, +∞ and −∞ replaced by `nan` (0), `posinf` and `neginf` (the dtype's largest and lowest
 * finite values by default), as `torch.nan_to_num`. The gradient passes where x is finite.
 */
export function nanToNum(x: Tensor, nan = 0, posinf?: number | null, neginf?: number | null): Tensor {
  const big = FINITE_MAX[x.dtype] ?? Infinity;
  const hi = posinf ?? big;
  const lo = neginf ?? -big;
  const f = (v: number) => (Number.isNaN(v) ? nan : v === Infinity ? hi : v === -Infinity ? lo : v);
  return run(unaryRecord({ name: "NanToNumBackward0", f, grad: (g, xs) => mul(g, isfinite(xs)) }), [x], undefined);
}
