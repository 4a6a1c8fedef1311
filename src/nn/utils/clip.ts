// Gradient clipping, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (torch/nn/utils/clip_grad.py):
// gradients are scaled or clamped in place.
import { ConfigError, ValueError, describeValue } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { inPlace } from "../../autograd/inplace.js";
import { noGrad } from "../../autograd/mode.js";
import { allocate, castValue, promoteTypes, type DType } from "../../tensor/dtype.js";
import { fromData, Tensor } from "../../tensor/tensor.js";
import { expectTensor } from "../../tensor/expect.js";

export interface ClipGradNormOptions {
  /** Throw if the total norm is NaN or ±inf instead of scaling by it (default false; torch: `error_if_nonfinite`). */
  readonly errorIfNonfinite?: boolean;
}

function gradsOf(op: string, parameters: Tensor | Iterable<Tensor>): Tensor[] {
  const iterable = typeof (parameters as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === "function";
  if (!(parameters instanceof Tensor) && (!iterable || typeof parameters === "string")) {
    throw new ConfigError(op, `parameters must be a Tensor or an iterable of Tensors (got ${describeValue(parameters)})`, { expected: "Tensor or Iterable<Tensor>", actual: parameters });
  }
  const list = parameters instanceof Tensor ? [parameters] : [...parameters];
  list.forEach((p, i) => expectTensor(op, p, `parameters[${i}]`));
  return list.flatMap((p) => (p.grad === null ? [] : [p.grad]));
}

/**
 * Scales the gradients of `parameters` in place so that their total norm is at most `maxNorm`,
 * and returns that total norm (before clipping) as a 0-d tensor. As PyTorch:
 *
 *     total = ‖(‖g_1‖_p, …, ‖g_k‖_p)‖_p                   (the norm of the per-gradient norms)
 *     coef  = min(maxNorm / (total + 1e-6), 1);  g_i ← g_i · coef
 *
 * `normType` is p: any positive number, Infinity (max |g|), -Infinity or 0. Parameters without a
 * gradient are skipped; with none, the norm is 0. Unlike PyTorch, a NaN or negative maxNorm is a
 * ConfigError rather than gradients silently made NaN or flipped.
 */
export function clipGradNorm(parameters: Tensor | Iterable<Tensor>, maxNorm: number, normType = 2, opts: ClipGradNormOptions = {}): Tensor {
  if (typeof maxNorm !== "number" || !(maxNorm >= 0)) {
    throw new ConfigError("clipGradNorm", `maxNorm must be a number >= 0 (got ${maxNorm})`, { expected: ">= 0", actual: maxNorm });
  }
  if (typeof normType !== "number" || Number.isNaN(normType) || (normType < 0 && normType !== -Infinity)) {
    throw new ConfigError("clipGradNorm", `normType must be a number >= 0, Infinity or -Infinity (got ${normType})`, { expected: ">= 0 or ±Infinity", actual: normType });
  }
  const grads = gradsOf("clipGradNorm", parameters);
  if (grads.length === 0) return fromData(allocate("float32", 1), [], "float32");
  // Each gradient's norm in its own dtype, then the norm of those, in their promoted dtype.
  const norms = grads.map((g) => castValue(g.dtype, kernels().vectorNorm(g.data, normType)));
  const dtype: DType = grads.reduce<DType>((d, g) => promoteTypes(d, g.dtype), grads[0]!.dtype);
  const r = (x: number): number => castValue(dtype, x);
  const total = r(kernels().vectorNorm(norms, normType));
  if (opts.errorIfNonfinite === true && !Number.isFinite(total)) {
    throw new ValueError("clipGradNorm", `The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
      "To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite: false", { expected: "a finite norm", actual: total });
  }
  // clip_coef = max_norm / (total_norm + 1e-6), where float / tensor is tensor.reciprocal() * float
  const coef = r(r(1 / r(total + r(1e-6))) * r(maxNorm));
  const clamped = Number.isNaN(coef) ? coef : Math.min(coef, 1);
  noGrad(() => {
    for (const g of grads) {
      inPlace("clipGradNorm", g, (d) => kernels().map1(d, d, (v) => castValue(g.dtype, v * clamped)));
    }
  });
  const out = allocate(dtype, 1);
  out[0] = total;
  return fromData(out, [], dtype);
}

/** Clamps every gradient of `parameters` into [−clipValue, clipValue] in place (torch.nn.utils.clip_grad_value_). */
export function clipGradValue(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  if (typeof clipValue !== "number" || !(clipValue >= 0)) {
    throw new ConfigError("clipGradValue", `clipValue must be a number >= 0 (got ${clipValue})`, { expected: ">= 0", actual: clipValue });
  }
  noGrad(() => {
    for (const g of gradsOf("clipGradValue", parameters)) {
      const lo = castValue(g.dtype, -clipValue);
      const hi = castValue(g.dtype, clipValue);
      inPlace("clipGradValue", g, (d) => kernels().map1(d, d, (v) => (Number.isNaN(v) ? v : Math.min(Math.max(v, lo), hi))));
    }
  });
}
