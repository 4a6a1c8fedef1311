// Writing by index: scatter and scatterAdd (along a dimension, the inverse of gather) and
// indexPut (x[indices] = values, advanced indexing on the leading dimensions, optionally adding).
import { IndexError, ShapeError, fmtShape } from "../../errors.js";
import { kernels, type Kernels } from "../../backend/index.js";
import { broadcastShapes, broadcastStrides, numel, stridesOf, wrapDim } from "../../tensor/shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, requireIndex, scalarLike } from "./helpers.js";
import { sumTo } from "./reduce.js";
import { toDType } from "./unary.js";

function normalised(op: string, index: Tensor, size: number, dim: number): Float64Array {
  const out = new Float64Array(index.numel());
  const bad = kernels().wrapIndices(index.data, size, out);
  if (bad >= 0) {
    const v = index.data[bad]!;
    throw new IndexError(op, `index ${v} is out of bounds for dimension ${dim} with size ${size}`, { expected: `[${-size}, ${size - 1}]`, actual: v });
  }
  return out;
}

interface ScatterParams { readonly dim: number; readonly add: boolean; readonly index: Tensor }

const SCATTER: OpRecord<ScatterParams> = {
  name: "ScatterBackward0",
  forward(ctx, [x, src], { dim, add, index }) {
    const out = alloc(x!.dtype, x!.shape);
    out.data.set(x!.data);
    const ix = normalised(add ? "scatterAdd" : "scatter", index, x!.shape[dim]!, dim);
    const at = kernels().scatterOffsets(index.shape, ix, dim, stridesOf(x!.shape), stridesOf(src!.shape));
    kernels().putAt(out.data, at.target, src!.ndim === 0 ? src!.data[0]! : src!.data, at.source, 1, add);
    ctx.values.at = at;
    return out;
  },
  backward(ctx, [g], { add }) {
    const at = ctx.values.at as ReturnType<Kernels["scatterOffsets"]>;
    const shapes = ctx.inputShapes;
    let gx: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      gx = alloc(g!.dtype, g!.shape);
      gx.data.set(g!.data);
      if (!add) kernels().putAt(gx.data, at.target, 0, at.source, 1, false); // overwritten elements get none
    }
    let gs: Tensor | null = null;
    if (ctx.needsInputGrad[1]) {
      gs = alloc(g!.dtype, shapes[1]!);
      kernels().takeAt(g!.data, at.target, gs.data, at.source, 1);
    }
    return [gx, gs];
  },
};

function scatterImpl(op: string, x: Tensor, dim: number, index: Tensor, src: Tensor | number, add: boolean): Tensor {
  requireIndex(op, index);
  const d = wrapDim(op, dim, x.ndim);
  const s = src instanceof Tensor ? src : scalarLike(src, x);
  if (index.ndim !== x.ndim || (src instanceof Tensor && s.ndim !== x.ndim)) {
    throw new ShapeError(op, `index, input and src must have the same number of dimensions (got ${index.ndim}, ${x.ndim} and ${s.ndim})`, {
      expected: x.ndim, actual: [index.ndim, s.ndim],
    });
  }
  for (let k = 0; k < x.ndim; k++) {
    if ((k !== d && index.shape[k]! > x.shape[k]!) || (s.ndim > 0 && index.shape[k]! > s.shape[k]!)) {
      throw new ShapeError(op, `index ${fmtShape(index.shape)} must not be larger than src ${fmtShape(s.shape)} in any dimension, nor than input ${fmtShape(x.shape)} apart from dimension ${d}`, {
        expected: `<= ${fmtShape(s.shape)}`, actual: fmtShape(index.shape),
      });
    }
  }
  return run(add ? { ...SCATTER, name: "ScatterAddBackward0" } : SCATTER, [x, toDType(s, x.dtype)], { dim: d, add, index });
}

/**
 * A copy of x with `src[i][j]` written at `[index[i][j]][j]` (dim 0; likewise for other dims), as
 * `Tensor.scatter`; `src` a tensor (at least index's size) or a number. Where indices repeat, the
 * last write wins. Gradients: x's where it was not overwritten; src's gathered at the index.
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  return scatterImpl("scatter", x, dim, index, src, false);
}

/** As {@link scatter}, but adding: repeated indices accumulate (the gradient of gather). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterImpl("scatterAdd", x, dim, index, src, true);
}

/** `at`: the offset of each written block, over the broadcast index shape `slots`; `lead`: how many dims are indexed. */
interface IndexPutParams { readonly accumulate: boolean; readonly at: Float64Array; readonly lead: number; readonly slots: readonly number[] }

const INDEX_PUT: OpRecord<IndexPutParams> = {
  name: "IndexPutBackward0",
  forward(_ctx, [x, values], { accumulate, at, lead, slots }) {
    const out = alloc(x!.dtype, x!.shape);
    out.data.set(x!.data);
    const block = numel(x!.shape.slice(lead));
    const full = [...slots, ...x!.shape.slice(lead)];
    const v = alloc(x!.dtype, full);
    kernels().stridedCopy(full, values!.data, broadcastStrides(values!.shape, full), 0, v.data);
    kernels().putAt(out.data, at, v.data, at.map((_, i) => i * block), block, accumulate);
    return out;
  },
  backward(ctx, [g], { accumulate, at, lead, slots }) {
    const shapes = ctx.inputShapes;
    const block = numel(shapes[0]!.slice(lead));
    let gx: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      gx = alloc(g!.dtype, g!.shape);
      gx.data.set(g!.data);
      if (!accumulate) kernels().putAt(gx.data, at, 0, at, block, false);
    }
    let gv: Tensor | null = null;
    if (ctx.needsInputGrad[1]) {
      const full = [...slots, ...shapes[0]!.slice(lead)];
      const taken = alloc(g!.dtype, full);
      kernels().takeAt(g!.data, at, taken.data, at.map((_, i) => i * block), block);
      gv = sumTo(taken, shapes[1]!);
    }
    return [gx, gv];
  },
};

/**
 * A copy of x with `values` written at `x[indices[0], indices[1], …]` — PyTorch's
 * `x.index_put(indices, values, accumulate)`, i.e. `x[i, j] = values`: integer index tensors
 * for the leading dimensions (broadcast together to a shape S), or one bool mask over them;
 * values broadcast to S + x.shape[indices.length:]. `accumulate` adds, so repeated indices sum;
 * otherwise the last write wins. Gradients: x's where not overwritten (all of it when
 * accumulating); values' read back at the indices.
 */
export function indexPut(x: Tensor, indices: readonly Tensor[], values: Tensor | number, accumulate = false): Tensor {
  const ix = indices.length === 1 && indices[0]!.dtype === "bool" ? maskIndices(x, indices[0]!) : indices;
  if (ix.length === 0 || ix.length > x.ndim) {
    throw new IndexError("indexPut", `expected 1 to ${x.ndim} index tensors for a tensor of shape ${fmtShape(x.shape)} (got ${ix.length})`, {
      expected: [1, x.ndim], actual: ix.length,
    });
  }
  ix.forEach((t) => requireIndex("indexPut", t, "indices"));
  const slots = ix.map((t) => t.shape).reduce((a, b) => broadcastShapes("indexPut", a, b), [] as number[]);
  const strides = stridesOf(x.shape);
  const at = new Float64Array(numel(slots));
  ix.forEach((t, k) => {
    const size = x.shape[k]!;
    const v = normalised("indexPut", t, size, k);
    const spread = new Float64Array(at.length);
    kernels().stridedCopy(slots, v, broadcastStrides(t.shape, slots), 0, spread);
    const flat = [at.length];
    kernels().arith2("mul", flat, spread, [1], Float64Array.of(strides[k]!), [0], spread);
    kernels().arith2("add", flat, at, [1], spread, [1], at); // at += spread · stride
  });
  const v = values instanceof Tensor ? toDType(values, x.dtype) : toDType(scalarLike(values, x), x.dtype);
  broadcastShapes("indexPut", v.shape, [...slots, ...x.shape.slice(ix.length)]);
  return run(INDEX_PUT, [x, v], { accumulate, at, lead: ix.length, slots });
}

/** The integer indices of the true elements of a bool mask over x's leading dimensions. */
function maskIndices(x: Tensor, mask: Tensor): Tensor[] {
  if (mask.ndim > x.ndim || mask.shape.some((s, k) => s !== x.shape[k])) {
    throw new ShapeError("indexPut", `the mask of shape ${fmtShape(mask.shape)} does not match the leading dimensions of ${fmtShape(x.shape)}`, {
      expected: fmtShape(x.shape.slice(0, mask.ndim)), actual: fmtShape(mask.shape),
    });
  }
  const strides = stridesOf(mask.shape);
  const hits: number[] = [];
  mask.data.forEach((m, i) => { if (m !== 0) hits.push(i); });
  return mask.shape.map((_, k) => {
    const t = alloc("int64", [hits.length]);
    hits.forEach((h, i) => (t.data[i] = Math.floor(h / strides[k]!) % mask.shape[k]!));
    return t;
  });
}
