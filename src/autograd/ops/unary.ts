// Elementwise unary ops: neg, exp, log, sqrt, abs, tanh, sigmoid, relu, clamp, and casts.
// Activations go through the backend, so a faster backend speeds them up everywhere.
import type { FloatArray } from "../../backend/kernels.js";
import { kernels } from "../../backend/index.js";
import { castValue, isFloating, type DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ConfigError } from "../../errors.js";
import { run, type OpRecord } from "../op.js";
import { alloc, floatDType } from "./helpers.js";
import { div, mul, sub } from "./binary.js";
import { ge, gt, le, logicalAnd } from "./compare.js";

export interface UnarySpec {
  readonly name: string;
  readonly f: (x: number) => number;
  /** Computes in floating point (integers become float32), like exp or tanh. */
  readonly float?: boolean;
  /** Gradient of the input from g, the input x and the output y. */
  readonly grad: (g: Tensor, x: Tensor, y: Tensor) => Tensor;
  /** Activation the backend may compute faster than `f`. */
  readonly activation?: "tanh" | "sigmoid" | "relu";
}

export function unaryRecord(spec: UnarySpec): OpRecord<void> {
  return {
    name: spec.name,
    forward(ctx, [x]) {
      const out = alloc(spec.float === true ? floatDType(x!) : x!.dtype, x!.shape);
      if (spec.activation !== undefined && isFloating(x!.dtype)) {
        kernels().activation(spec.activation, x!.data as FloatArray, out.data as FloatArray, out.numel());
      } else {
        kernels().map1(x!.data, out.data, spec.f);
      }
      ctx.save(x!, out);
      return out;
    },
    backward(ctx, [g]) {
      const [x, y] = ctx.saved;
      return [spec.grad(g!, x!, y!)];
    },
  };
}

const NEG = unaryRecord({ name: "NegBackward0", f: (x) => -x, grad: (g) => neg(g) });
const EXP = unaryRecord({ name: "ExpBackward0", f: Math.exp, float: true, grad: (g, _x, y) => mul(g, y) });
const LOG = unaryRecord({ name: "LogBackward0", f: Math.log, float: true, grad: (g, x) => div(g, x) });
const SQRT = unaryRecord({ name: "SqrtBackward0", f: Math.sqrt, float: true, grad: (g, _x, y) => div(g, mul(y, 2)) });
const ABS = unaryRecord({ name: "AbsBackward0", f: Math.abs, grad: (g, x) => mul(g, sign(x)) });
const TANH = unaryRecord({
  name: "TanhBackward0", f: Math.tanh, float: true, activation: "tanh", grad: (g, _x, y) => mul(g, sub(1, mul(y, y))),
});
const SIGMOID = unaryRecord({
  name: "SigmoidBackward0", f: (x) => 1 / (1 + Math.exp(-x)), float: true, activation: "sigmoid",
  grad: (g, _x, y) => mul(g, mul(y, sub(1, y))),
});
const RELU = unaryRecord({ name: "ReluBackward0", f: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0), activation: "relu",
  grad: (g, _x, y) => mul(g, gt(y, 0)) });
// log σ(x) as ATen computes it, min(x, 0) − log1p(e^−|x|): finite for every finite x and exact
// for large |x|, where log(1 + e^−|x|) would round to 0. d/dx log σ(x) = σ(−x).
const LOG_SIGMOID = unaryRecord({
  name: "LogSigmoidBackward0", f: (x) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))), float: true,
  grad: (g, x) => mul(g, sigmoid(neg(x))),
});
const SIGN = unaryRecord({ name: "SignBackward0", f: (x) => (Number.isNaN(x) ? x : Math.sign(x)), grad: (g) => mul(g, 0) });

export const neg = (x: Tensor): Tensor => run(NEG, [x], undefined);
export const exp = (x: Tensor): Tensor => run(EXP, [x], undefined);
export const log = (x: Tensor): Tensor => run(LOG, [x], undefined);
export const sqrt = (x: Tensor): Tensor => run(SQRT, [x], undefined);
export const abs = (x: Tensor): Tensor => run(ABS, [x], undefined);
export const tanh = (x: Tensor): Tensor => run(TANH, [x], undefined);
export const sigmoid = (x: Tensor): Tensor => run(SIGMOID, [x], undefined);
export const relu = (x: Tensor): Tensor => run(RELU, [x], undefined);
export const sign = (x: Tensor): Tensor => run(SIGN, [x], undefined);
export const logSigmoid = (x: Tensor): Tensor => run(LOG_SIGMOID, [x], undefined);

interface ClampParams { readonly min: number; readonly max: number }

const CLAMP: OpRecord<ClampParams> = {
  name: "ClampBackward1",
  forward(ctx, [x], { min, max }) {
    const out = alloc(x!.dtype, x!.shape);
    kernels().map1(x!.data, out.data, (v) => (Number.isNaN(v) ? v : Math.min(Math.max(v, min), max)));
    ctx.save(x!);
    return out;
  },
  backward(ctx, [g], { min, max }) {
    const [x] = ctx.saved;
    return [mul(g!, logicalAnd(ge(x!, min), le(x!, max)))];
  },
};

/** Clamps every element into [min, max]; either bound may be omitted. The gradient passes inside the range. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new ConfigError("clamp", "at least one of min or max must not be None");
  }
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new ConfigError("clamp", `bounds must not be NaN (got min=${lo}, max=${hi})`);
  return run(CLAMP, [x], { min: lo, max: hi });
}

const CAST: OpRecord<DType> = {
  name: "ToCopyBackward0",
  forward(ctx, [x], dtype) {
    const out = alloc(dtype, x!.shape);
    kernels().map1(x!.data, out.data, (v) => castValue(dtype, v, "to"));
    ctx.values.from = x!.dtype;
    return out;
  },
  backward(ctx, [g]) {
    return [toDType(g!, ctx.values.from as DType)];
  },
};

/** A copy in another dtype (the tensor itself when the dtype is already `dtype`, as PyTorch's `to`). */
export function toDType(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : run(CAST, [x], dtype);
}
