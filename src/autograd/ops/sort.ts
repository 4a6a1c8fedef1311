// Sorting along a dimension: sort, argsort and topk, each returning values and int64 indices
// in the order PyTorch's CPU kernels give (equal values included; see backend/js/sort.ts).
import { IndexError } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { wrapDim, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { runMulti, type OpRecord } from "../op.js";
import { alloc, linesAround } from "./helpers.js";
import { scatterInto } from "./gather.js";
import { reshape } from "./view.js";

/** Gradient of values picked along `dim` at `indices`: g added back at the positions they came from. */
function scatterBack(shape: Shape, dim: number, indices: Tensor, g: Tensor): Tensor {
  if (shape.length === 0) return reshape(g, []);
  return scatterInto(shape, dim, indices, g);
}

interface SortParams { readonly dim: number; readonly descending: boolean; readonly stable: boolean }

const SORT: OpRecord<SortParams> = {
  name: "SortBackward0",
  forward(ctx, [x], { dim, descending, stable }) {
    const values = alloc(x!.dtype, x!.shape);
    const indices = alloc("int64", x!.shape);
    const [outer, size, inner] = linesAround(x!.shape, dim);
    kernels().sortLines(x!.data, outer, size, inner, descending, stable, values.data, indices.data);
    ctx.values.indices = indices;
    return [values, indices];
  },
  backward(ctx, [g], { dim }) {
    return [scatterBack(ctx.inputShapes[0]!, dim, ctx.values.indices as Tensor, g!)];
  },
};

/**
 * `[values, indices]` of x sorted along `dim` (the last by default), ascending unless
 * `descending`; NaN counts as larger than every number. `stable` keeps equal elements in input
 * order; without it their order is that of std::sort, which `torch.sort` uses on the CPU (for
 * up to 16 elements a line that is input order too). Shapes: both as x; indices int64.
 */
export function sort(x: Tensor, dim = -1, descending = false, stable = false): [Tensor, Tensor] {
  const [v, i] = runMulti(SORT, [x], { dim: wrapDim("sort", dim, x.ndim), descending, stable });
  return [v!, i!];
}

/** The int64 indices that sort x along `dim` (`sort(…)[1]`). */
export function argsort(x: Tensor, dim = -1, descending = false, stable = false): Tensor {
  return sort(x, dim, descending, stable)[1];
}

interface TopkParams { readonly k: number; readonly dim: number; readonly largest: boolean; readonly sorted: boolean }

const TOPK: OpRecord<TopkParams> = {
  name: "TopkBackward0",
  forward(ctx, [x], { k, dim, largest, sorted }) {
    const shape = [...x!.shape];
    if (shape.length > 0) shape[dim] = k;
    const values = alloc(x!.dtype, shape);
    const indices = alloc("int64", shape);
    const [outer, size, inner] = linesAround(x!.shape, dim);
    kernels().topkLines(x!.data, outer, size, inner, k, largest, sorted, values.data, indices.data);
    ctx.values.indices = indices;
    return [values, indices];
  },
  backward(ctx, [g], { dim }) {
    return [scatterBack(ctx.inputShapes[0]!, dim, ctx.values.indices as Tensor, g!)];
  },
};

/**
 * `[values, indices]` of the k largest elements along `dim` (smallest with `largest = false`),
 * in order when `sorted`. Picks and orders equal values as `torch.topk` on the CPU does.
 * Shapes: x's with `dim` of size k; indices int64.
 */
export function topk(x: Tensor, k: number, dim = -1, largest = true, sorted = true): [Tensor, Tensor] {
  const d = wrapDim("topk", dim, x.ndim);
  const size = x.ndim === 0 ? 1 : x.shape[d]!;
  if (!Number.isInteger(k) || k < 0 || k > size) {
    throw new IndexError("topk", `selected index k out of range (expected k in [0, ${size}], got ${k})`, { expected: [0, size], actual: k });
  }
  const [v, i] = runMulti(TOPK, [x], { k, dim: d, largest, sorted });
  return [v!, i!];
}
