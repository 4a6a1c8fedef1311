// Indexing by tensors: gather, indexSelect, embedding lookups, where and maskedFill, plus the
// scatter-adds their backward passes need.
import { DTypeError, IndexError, ShapeError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { promoteTypes } from "../../tensor/dtype.js";
import { broadcastShapes, broadcastStrides, numel, stridesOf, wrapDim, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, operands, requireIndex, type TensorLike } from "./helpers.js";
import { expand } from "./view.js";
import { sumTo } from "./reduce.js";

function checkIndex(op: string, v: number, size: number, dim: number): number {
  if (v < -size || v >= size) {
    throw new IndexError(op, `index ${v} is out of bounds for dimension ${dim} with size ${size}`, {
      expected: `[${-size}, ${size - 1}]`, actual: v,
    });
  }
  return v < 0 ? v + size : v;
}

/** A tensor of `shape`, zeros except `src` added at `index` along `dim` (scatter_add into zeros). */
export function scatterInto(shape: Shape, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = alloc(src.dtype, shape);
  kernels().scatterAddAlong(index.shape, src.data, index.data, dim, out.data, stridesOf(shape));
  return out;
}

const GATHER: OpRecord<number> = {
  name: "GatherBackward0",
  forward(ctx, [x, index], dim) {
    const out = alloc(x!.dtype, index!.shape);
    const size = x!.shape[dim]!;
    const ix = Float64Array.from(index!.data, (v) => checkIndex("gather", v, size, dim));
    kernels().gatherAlong(index!.shape, x!.data, stridesOf(x!.shape), dim, ix, out.data);
    ctx.save(index!);
    return out;
  },
  backward(ctx, [g], dim) {
    const [index] = ctx.saved;
    return [scatterInto(ctx.inputShapes[0]!, dim, normaliseIndex(index!, ctx.inputShapes[0]![dim]!), g!), null];
  },
};

function normaliseIndex(index: Tensor, size: number): Tensor {
  const out = alloc(index.dtype, index.shape);
  kernels().wrapIndices(index.data, size, out.data); // checked by the forward pass
  return out;
}

/** out[i][j] = x[index[i][j]][j] (dim 0) — picks along `dim` with an index of the same rank. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex("gather", index);
  const d = wrapDim("gather", dim, x.ndim);
  if (index.ndim !== x.ndim) {
    throw new ShapeError("gather", `index tensor must have the same number of dimensions as input (expected ${x.ndim}, got ${index.ndim})`, {
      expected: x.ndim, actual: index.ndim,
    });
  }
  for (let k = 0; k < x.ndim; k++) {
    if (k !== d && index.shape[k]! > x.shape[k]!) {
      throw new ShapeError("gather", `size of index ${fmtShape(index.shape)} does not fit input ${fmtShape(x.shape)} at dimension ${k}`, {
        expected: `<= ${x.shape[k]}`, actual: index.shape[k],
      });
    }
  }
  return run(GATHER, [x, index], d);
}

const INDEX_SELECT: OpRecord<number> = {
  name: "IndexSelectBackward0",
  forward(ctx, [x, index], dim) {
    const shape = [...x!.shape];
    shape[dim] = index!.numel();
    const out = alloc(x!.dtype, shape);
    const outer = numel(x!.shape.slice(0, dim));
    const inner = numel(x!.shape.slice(dim + 1));
    const size = x!.shape[dim]!;
    const ix = Array.from(index!.data, (v) => checkIndex("indexSelect", v, size, dim));
    kernels().selectRows(x!.data, outer, size, inner, ix, out.data);
    ctx.values.index = ix;
    return out;
  },
  backward(ctx, [g], dim) {
    const shape = ctx.inputShapes[0]!;
    const ix = ctx.values.index as number[];
    const out = alloc(g!.dtype, shape);
    const outer = numel(shape.slice(0, dim));
    const inner = numel(shape.slice(dim + 1));
    kernels().addRows(g!.data, outer, shape[dim]!, inner, ix, out.data, null);
    return [out, null];
  },
};

/** Selects entries along `dim` by a 1-D integer index tensor (rows may repeat). */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex("indexSelect", index);
  if (index.ndim > 1) {
    throw new ShapeError("indexSelect", `index must be 0- or 1-dimensional (got shape ${fmtShape(index.shape)})`, { expected: 1, actual: index.ndim });
  }
  return run(INDEX_SELECT, [x, index], wrapDim("indexSelect", dim, x.ndim));
}

const EMBEDDING: OpRecord<number | null> = {
  name: "EmbeddingBackward0",
  forward(ctx, [weight, indices]) {
    const [rows, width] = weight!.shape as [number, number];
    const out = alloc(weight!.dtype, [...indices!.shape, width]);
    const ix = Array.from(indices!.data, (v) => checkIndex("embedding", v, rows, 0));
    kernels().selectRows(weight!.data, 1, rows, width, ix, out.data);
    ctx.values.index = ix;
    return out;
  },
  backward(ctx, [g], paddingIdx) {
    const [rows, width] = ctx.inputShapes[0]! as [number, number];
    const out = alloc(g!.dtype, [rows, width]);
    // The padding row gets no gradient.
    kernels().addRows(g!.data, 1, rows, width, ctx.values.index as number[], out.data, paddingIdx);
    return [out, null];
  },
};

/** Rows of `weight` (numEmbeddings, D) picked by integer `indices`: shape [...indices.shape, D]. */
export function embedding(weight: Tensor, indices: Tensor, paddingIdx: number | null = null): Tensor {
  requireIndex("embedding", indices, "indices");
  if (weight.ndim !== 2) {
    throw new ShapeError("embedding", `weight must be 2-D (numEmbeddings, embeddingDim) (got shape ${fmtShape(weight.shape)})`, {
      expected: 2, actual: weight.ndim,
    });
  }
  return run(EMBEDDING, [weight, indices], paddingIdx);
}

const WHERE: OpRecord<void> = {
  name: "WhereBackward0",
  forward(ctx, [cond, a, b]) {
    const shape = broadcastShapes("where", broadcastShapes("where", cond!.shape, a!.shape), b!.shape);
    const c = expand(cond!, shape).data;
    const out = alloc(promoteTypes(a!.dtype, b!.dtype), shape);
    let k = 0;
    kernels().map2(shape, a!.data, broadcastStrides(a!.shape, shape), b!.data, broadcastStrides(b!.shape, shape), out.data,
      (x, y) => (c[k++] !== 0 ? x : y));
    ctx.save(cond!);
    return out;
  },
  backward(ctx, [g]) {
    const [cond] = ctx.saved;
    const shapes = ctx.inputShapes;
    return [
      null,
      ctx.needsInputGrad[1] ? sumTo(where(cond!, g!, 0), shapes[1]!) : null,
      ctx.needsInputGrad[2] ? sumTo(where(cond!, 0, g!), shapes[2]!) : null,
    ];
  },
};

/** Elementwise `cond ? a : b`, broadcasting all three. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== "bool") {
    throw new DTypeError("where", `condition must be a bool tensor (got ${cond.dtype})`, { expected: "bool", actual: cond.dtype });
  }
  const [x, y] = operands(a, b);
  return run(WHERE, [cond, x, y], undefined);
}

const MASKED_FILL: OpRecord<number> = {
  name: "MaskedFillBackward0",
  forward(ctx, [x, mask], value) {
    const m = expand(mask!, x!.shape).data;
    const out = alloc(x!.dtype, x!.shape);
    kernels().fillMasked(x!.data, m, value, out.data);
    ctx.save(mask!);
    return out;
  },
  backward(ctx, [g]) {
    const [mask] = ctx.saved;
    return [where(mask!, 0, g!), null];
  },
};

/** A copy of x with `value` wherever the bool `mask` (broadcast to x's shape) is true. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (mask.dtype !== "bool") {
    throw new DTypeError("maskedFill", `mask must be a bool tensor (got ${mask.dtype})`, { expected: "bool", actual: mask.dtype });
  }
  broadcastShapes("maskedFill", mask.shape, x.shape);
  return run(MASKED_FILL, [x, mask], value);
}
