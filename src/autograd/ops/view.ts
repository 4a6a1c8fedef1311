// Shape ops: reshape/view (no copy), permute/transpose (a copy, since tensors are contiguous),
// expand, squeeze, unsqueeze, flatten, detach and clone.
import { ShapeError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { broadcastShapes, broadcastStrides, checkShape, inferShape, sameShape, stridesOf, wrapDim, type Shape } from "../../tensor/shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";
import { sumTo } from "./reduce.js";

const VIEW: OpRecord<readonly number[]> = {
  name: "ViewBackward0",
  forward: (_ctx, [x], shape) => new Tensor(x!.storage, shape, x!.dtype),
  backward: (ctx, [g]) => [reshape(g!, ctx.inputShapes[0]!)],
};

/** The same elements in a new shape (one size may be -1); shares storage, as every tensor is contiguous. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  return run(VIEW, [x], inferShape("reshape", shape, x.numel()));
}

/**
 * A reshape recorded under another backward name: the name PyTorch's graph shows for the
 * tensor at this point (e.g. an RNN output, which ATen's CPU path builds with `stack`).
 */
export function reshapeAs(x: Tensor, shape: Shape, gradFnName: string): Tensor {
  return run({ ...VIEW, name: gradFnName }, [x], inferShape("reshape", shape, x.numel()));
}

/** Flattens dimensions startDim..endDim into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = wrapDim("flatten", startDim, x.ndim);
  const e = wrapDim("flatten", endDim, x.ndim);
  if (s > e) throw new ShapeError("flatten", `startDim cannot come after endDim (got ${startDim} and ${endDim})`);
  const mid = x.shape.slice(s, e + 1).reduce((a, d) => a * d, 1);
  return reshape(x, [...x.shape.slice(0, s), mid, ...x.shape.slice(e + 1)]);
}

/** Inserts a dimension of size 1 at `dim`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim("unsqueeze", dim, x.ndim + 1);
  return run({ ...VIEW, name: "UnsqueezeBackward0" }, [x], [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Removes dimensions of size 1 (all of them, or the given one if it has size 1). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return run({ ...VIEW, name: "SqueezeBackward0" }, [x], x.shape.filter((s) => s !== 1));
  const d = wrapDim("squeeze", dim, x.ndim);
  if (x.ndim === 0 || x.shape[d] !== 1) return run({ ...VIEW, name: "SqueezeBackward1" }, [x], [...x.shape]);
  return run({ ...VIEW, name: "SqueezeBackward1" }, [x], [...x.shape.slice(0, d), ...x.shape.slice(d + 1)]);
}

function permuteRecord(name: string): OpRecord<readonly number[]> {
  return {
    name,
    forward(_ctx, [x], perm) {
      const strides = stridesOf(x!.shape);
      const out = alloc(x!.dtype, perm.map((p) => x!.shape[p]!));
      kernels().stridedCopy(out.shape, x!.data, perm.map((p) => strides[p]!), 0, out.data);
      return out;
    },
    backward(_ctx, [g], perm) {
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => (inverse[p] = i));
      return [permute(g!, inverse)];
    },
  };
}

const PERMUTE = permuteRecord("PermuteBackward0");
const TRANSPOSE = permuteRecord("TransposeBackward0");

/** Reorders dimensions: output dim i is input dim perm[i]. */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  if (perm.length !== x.ndim) {
    throw new ShapeError("permute", `number of dims don't match (expected ${x.ndim}, got ${perm.length}: ${fmtShape(perm)})`, {
      expected: x.ndim, actual: perm,
    });
  }
  const p = perm.map((d) => wrapDim("permute", d, x.ndim));
  if (new Set(p).size !== p.length) throw new ShapeError("permute", `repeated dim in ${fmtShape(perm)}`, { actual: perm });
  return run(PERMUTE, [x], p);
}

/** Swaps two dimensions. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = wrapDim("transpose", dim0, x.ndim);
  const b = wrapDim("transpose", dim1, x.ndim);
  const perm = [...Array(x.ndim).keys()];
  [perm[a], perm[b]] = [perm[b]!, perm[a]!];
  return run(TRANSPOSE, [x], perm);
}

const EXPAND: OpRecord<readonly number[]> = {
  name: "ExpandBackward0",
  forward(_ctx, [x], shape) {
    const out = alloc(x!.dtype, shape);
    kernels().stridedCopy(shape, x!.data, broadcastStrides(x!.shape, shape), 0, out.data);
    return out;
  },
  backward: (ctx, [g]) => [sumTo(g!, ctx.inputShapes[0]!)],
};

/** Repeats size-1 dimensions (and adds leading ones) to reach `shape`; -1 keeps a size. */
export function expand(x: Tensor, shape: Shape): Tensor {
  const lead = shape.length - x.ndim;
  if (lead < 0) {
    throw new ShapeError("expand", `the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`, {
      expected: `>= ${x.ndim}`, actual: shape.length,
    });
  }
  const target = checkShape("expand", shape.map((s, i) => (s === -1 && i >= lead ? x.shape[i - lead]! : s)));
  const b = broadcastShapes("expand", x.shape, target);
  if (!sameShape(b, target)) {
    throw new ShapeError("expand", `the expanded size of the tensor must match the existing size at non-singleton dimensions (tensor ${fmtShape(x.shape)}, target ${fmtShape(shape)})`, {
      expected: fmtShape(target), actual: fmtShape(x.shape),
    });
  }
  if (sameShape(target, x.shape)) return x;
  return run(EXPAND, [x], target);
}

const CLONE: OpRecord<void> = {
  name: "CloneBackward0",
  forward(_ctx, [x]) {
    const out = alloc(x!.dtype, x!.shape);
    out.data.set(x!.data);
    return out;
  },
  backward: (_ctx, [g]) => [g!],
};

/** A copy with its own storage; gradients flow through. */
export function clone(x: Tensor): Tensor {
  return run(CLONE, [x], undefined);
}

/** The same storage, cut from the graph: no gradient flows back through the result. */
export function detach(x: Tensor): Tensor {
  return new Tensor(x.storage, x.shape, x.dtype);
}
