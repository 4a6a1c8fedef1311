// Spread and size: var and std (with Bessel's `correction`), and the vector p-norm. var and std are
// compositions; norm is a record, for PyTorch's gradient at 0 (0, where the composition gives NaN).
import { ConfigError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { requireFloat } from "./helpers.js";
import { div, mul, pow, sub } from "./binary.js";
import { eq, isnan, logicalOr, ne } from "./compare.js";
import { dimsOf, maxDim, minDim, reducedShape, sum } from "./reduce.js";
import { abs, sign, sqrt, toDType } from "./unary.js";
import { maskedFill, where } from "./gather.js";
import { reshape } from "./view.js";
import { checkOptions, type OptionSpec } from "../../options.js";

const MOMENT_OPTIONS: OptionSpec = { correction: "number", keepdim: "boolean" };

export interface MomentOptions {
  /** Subtracted from the count in the divisor: 1 (default) the unbiased estimate, 0 the population variance. */
  readonly correction?: number;
  readonly keepdim?: boolean;
}

/**
 * Variance over `dim` (all elements when omitted): Σ (x − mean)² / max(0, N − correction), as
 * `torch.var(x, dim, correction=…, keepdim=…)` (N − correction ≤ 0 gives inf or NaN, as there).
 */
export function variance(x: Tensor, dim?: number | readonly number[], opts: MomentOptions = {}): Tensor {
  requireFloat("var", x);
  checkOptions("var", opts, MOMENT_OPTIONS);
  const dims = dimsOf("var", dim, x.ndim);
  const n = dims.reduce((a, d) => a * x.shape[d]!, 1);
  const centred = sub(x, div(sum(x, dims, true), n));
  return div(sum(mul(centred, centred), dims, opts.keepdim ?? false), Math.max(0, n - (opts.correction ?? 1)));
}

/** Standard deviation, the square root of {@link variance}. */
export function std(x: Tensor, dim?: number | readonly number[], opts: MomentOptions = {}): Tensor {
  requireFloat("std", x);
  checkOptions("std", opts, MOMENT_OPTIONS);
  return sqrt(variance(x, dim, opts));
}

interface NormParams { readonly p: number; readonly dims: number[]; readonly keepdim: boolean }

/** Σ|x|^p over dims then ^(1/p), with the limits p = ±∞ (max/min |x|) and p = 0 (the count of nonzeros). */
function normValue(x: Tensor, { p, dims, keepdim }: NormParams): Tensor {
  const a = abs(x);
  let out: Tensor;
  if (p === Infinity || p === -Infinity) {
    out = a;
    for (const d of dims) out = (p > 0 ? maxDim : minDim)(out, d, true)[0];
    if (!keepdim) out = reshape(out, reducedShape(x.shape, dims, false));
  } else if (p === 0) {
    out = toDType(sum(ne(x, 0), dims, keepdim), x.dtype);
  } else if (p === 1) {
    out = sum(a, dims, keepdim);
  } else if (p === 2) {
    out = sqrt(sum(mul(x, x), dims, keepdim));
  } else {
    out = pow(sum(pow(a, p), dims, keepdim), 1 / p);
  }
  return out;
}

const NORM: OpRecord<NormParams> = {
  name: "NormBackward1",
  forward(ctx, [x], params) {
    const out = normValue(x!, params);
    ctx.save(x!, out);
    return out;
  },
  // ATen's norm_backward (torch/csrc/autograd/FunctionsManual.cpp), with 0 where the norm is 0.
  backward(ctx, [g], { p, dims, keepdim }) {
    const [x, n] = ctx.saved;
    const kept = reducedShape(x!.shape, dims, true);
    const norm = keepdim ? n! : reshape(n!, kept);
    const grad = keepdim ? g! : reshape(g!, kept);
    if (p === 0) return [mul(x!, 0)];
    if (p === 1) return [mul(sign(x!), grad)];
    if (p === Infinity || p === -Infinity) {
      const a = abs(x!);
      const mask = logicalOr(eq(a, norm), isnan(a));
      return [mul(sign(x!), mul(div(grad, sum(mask, dims, true)), mask))];
    }
    if (p < 1) {
      const scaled = mul(sign(x!), maskedFill(pow(abs(x!), p - 1), eq(x!, 0), 0));
      return [mul(mul(scaled, grad), pow(norm, 1 - p))];
    }
    const scaled = p < 2 ? mul(sign(x!), pow(abs(x!), p - 1)) : p === 2 ? x! : mul(x!, pow(abs(x!), p - 2));
    const scale = where(eq(norm, 0), 0, div(grad, p === 2 ? norm : pow(norm, p - 1)));
    return [mul(scaled, scale)];
  },
};

/**
 * The vector p-norm over `dim` (all elements when omitted), as `torch.norm(x, p, dim, keepdim)`
 * with a number p or "fro" (= 2): (Σ|x|^p)^(1/p), max|x| for ∞, min|x| for −∞, the count of
 * nonzeros for 0. The gradient is 0 where the norm is 0, as in PyTorch.
 */
export function norm(x: Tensor, p: number | "fro" = 2, dim?: number | readonly number[], keepdim = false): Tensor {
  requireFloat("norm", x);
  const pv = p === "fro" ? 2 : p;
  if (typeof pv !== "number" || Number.isNaN(pv)) {
    throw new ConfigError("norm", `p must be a number or 'fro' (got ${String(p)})`, { expected: "number | 'fro'", actual: p });
  }
  return run(NORM, [x], { p: pv, dims: dimsOf("norm", dim, x.ndim), keepdim });
}
