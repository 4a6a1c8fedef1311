// Reductions: sum, mean, max/min (with indices), argmax/argmin, logsumexp — and sumTo,
// which folds a broadcast gradient back to an operand's shape.
import { IndexError } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { isFloating } from "../../tensor/dtype.js";
import { numel, sameShape, stridesOf, wrapDim, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, runMulti, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";
import { add, div, sub } from "./binary.js";
import { exp, log } from "./unary.js";
import { detach, expand, reshape } from "./view.js";
import { maskedFill, scatterInto } from "./gather.js";
import { isinf } from "./compare.js";

/** Normalises `dim` (a number, a list, or undefined for all) to a sorted list of dims. */
export function dimsOf(op: string, dim: number | readonly number[] | undefined, ndim: number): number[] {
  if (dim === undefined) return [...Array(ndim).keys()];
  const list = typeof dim === "number" ? [dim] : [...dim];
  const out = [...new Set(list.map((d) => wrapDim(op, d, ndim)))].sort((a, b) => a - b);
  if (out.length !== list.length) {
    throw new IndexError(op, `dim ${JSON.stringify(dim)} appears multiple times in the list of dims`, { actual: dim });
  }
  return out;
}

export function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!dims.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

interface SumParams { readonly dims: number[]; readonly keepdim: boolean }

function sumRecord(name: string): OpRecord<SumParams> {
  return {
    name,
    forward(_ctx, [x], { dims, keepdim }) {
      const dtype = isFloating(x!.dtype) ? x!.dtype : "int64";
      const kept = reducedShape(x!.shape, dims, true);
      const strides = stridesOf(kept).map((s, i) => (dims.includes(i) ? 0 : s));
      const out = alloc(dtype, reducedShape(x!.shape, dims, keepdim));
      kernels().reduceSum(x!.shape, x!.data, strides, out.data);
      return out;
    },
    backward(ctx, [g], { dims }) {
      const shape = ctx.inputShapes[0]!;
      return [expand(reshape(g!, reducedShape(shape, dims, true)), shape)];
    },
  };
}

const SUM_ALL = sumRecord("SumBackward0");
const SUM_DIMS = sumRecord("SumBackward1");

/** Sum over `dim` (all dimensions when omitted); `keepdim` keeps reduced dims as size 1. */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const dims = dimsOf("sum", dim, x.ndim);
  return run(dim === undefined ? SUM_ALL : SUM_DIMS, [x], { dims, keepdim });
}

/** Mean over `dim` (all dimensions when omitted). */
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const dims = dimsOf("mean", dim, x.ndim);
  let count = 1;
  for (const d of dims) count *= x.shape[d]!;
  return div(sum(x, dim, keepdim), count);
}

/** Sums a gradient of a broadcast result back to `shape` (the operand's shape). */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  const s = dims.length > 0 ? sum(g, dims, true) : g;
  return reshape(s, shape);
}

interface ExtremeParams { readonly dim: number; readonly keepdim: boolean; readonly max: boolean }

function extremeRecord(name: string): OpRecord<ExtremeParams> {
  return {
    name,
    forward(ctx, [x], { dim, keepdim, max }) {
      const shape = x!.shape;
      const size = shape[dim]!;
      if (size === 0) {
        throw new IndexError(max ? "max" : "min", `cannot reduce over dimension ${dim} of size 0 (shape [${shape.join(",")}])`);
      }
      const outer = numel(shape.slice(0, dim));
      const inner = numel(shape.slice(dim + 1));
      const outShape = reducedShape(shape, [dim], keepdim);
      const values = alloc(x!.dtype, outShape);
      const indices = alloc("int64", outShape);
      kernels().reduceExtreme(x!.data, outer, size, inner, values.data, indices.data, max);
      ctx.values.indices = indices;
      return [values, indices];
    },
    backward(ctx, [g], { dim }) {
      const shape = ctx.inputShapes[0]!;
      const kept = reducedShape(shape, [dim], true);
      return [scatterInto(shape, dim, reshape(ctx.values.indices as Tensor, kept), reshape(g!, kept))];
    },
  };
}

const MAX = extremeRecord("MaxBackward0");
const MIN = extremeRecord("MinBackward0");

/** Values and indices of the maximum along `dim` (the first one on ties; NaN wins). */
export function maxDim(x: Tensor, dim: number, keepdim = false): [Tensor, Tensor] {
  const [v, i] = runMulti(MAX, [x], { dim: wrapDim("max", dim, x.ndim), keepdim, max: true });
  return [v!, i!];
}

/** Values and indices of the minimum along `dim`. */
export function minDim(x: Tensor, dim: number, keepdim = false): [Tensor, Tensor] {
  const [v, i] = runMulti(MIN, [x], { dim: wrapDim("min", dim, x.ndim), keepdim, max: false });
  return [v!, i!];
}

/** The maximum of all elements, a 0-d tensor. */
export function maxAll(x: Tensor): Tensor {
  if (x.numel() === 0) throw new IndexError("max", "the input has no elements; specify a dim");
  return maxDim(reshape(x, [x.numel()]), 0)[0];
}

/** The minimum of all elements, a 0-d tensor. */
export function minAll(x: Tensor): Tensor {
  if (x.numel() === 0) throw new IndexError("min", "the input has no elements; specify a dim");
  return minDim(reshape(x, [x.numel()]), 0)[0];
}

/** Index of the maximum along `dim`, or in the flattened tensor when `dim` is omitted. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return dim === undefined ? maxDim(reshape(x, [x.numel()]), 0)[1] : maxDim(x, dim, keepdim)[1];
}

/** Index of the minimum along `dim`, or in the flattened tensor when `dim` is omitted. */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return dim === undefined ? minDim(reshape(x, [x.numel()]), 0)[1] : minDim(x, dim, keepdim)[1];
}

/** log(Σ exp(x)) over `dim`, stable: the maximum is subtracted first (and 0 where it is ±inf). */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const dims = dimsOf("logsumexp", dim, x.ndim);
  let m = detach(x);
  for (const d of dims) m = maxDim(m, d, true)[0];
  m = maskedFill(m, isinf(m), 0);
  const out = add(log(sum(exp(sub(x, m)), dims, true)), m);
  return keepdim ? out : reshape(out, reducedShape(x.shape, dims, false));
}
