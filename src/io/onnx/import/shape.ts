// ONNX's shape and indexing ops (Transpose, Squeeze, Unsqueeze, Reshape, Concat, Slice, Split,
// Gather, GatherElements, Expand, Shape) as rnnkit ops, with ONNX's conventions: negative axes,
// 0 and −1 in Reshape, clamped Slice bounds and negative steps, bidirectional Expand.
import { cat, expand, gather, indexSelect, permute, reshape, slice, split, unsqueeze } from "../../../autograd/ops/index.js";
import { broadcastShapes } from "../../../tensor/shape.js";
import { fromData, type Tensor } from "../../../tensor/tensor.js";
import { intsOf, type NodeInfo, type Prepare } from "./node.js";

const int64 = (values: readonly number[], shape: readonly number[] = [values.length]) => fromData(Float64Array.from(values), shape, "int64");

function axis(node: NodeInfo, a: number, ndim: number): number {
  const r = a < 0 ? a + ndim : a;
  if (!Number.isInteger(r) || r < 0 || r >= ndim) node.invalid(`axis ${a} is out of range for rank ${ndim}`, { expected: `[${-ndim}, ${ndim - 1}]`, actual: a });
  return r;
}

/** Axes from the attribute (before `inputFrom`) or from input 1. */
function axesOf(node: NodeInfo, ins: readonly (Tensor | null)[], inputFrom: number): number[] | null {
  if (node.opset < inputFrom) return node.ints("axes");
  const t = ins[1];
  return t === null || t === undefined ? null : intsOf(t);
}

const transpose: Prepare = (node) => {
  node.only("perm");
  const perm = node.ints("perm");
  return (ins) => {
    const x = node.input(ins, 0);
    return [permute(x, perm ?? x.shape.map((_, i) => x.ndim - 1 - i))];
  };
};

const squeezeOp: Prepare = (node) => {
  node.only(...(node.opset < 13 ? ["axes"] : []));
  return (ins) => {
    const x = node.input(ins, 0);
    const given = axesOf(node, ins, 13);
    const axes = given === null ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : given.map((a) => axis(node, a, x.ndim));
    for (const a of axes) if (x.shape[a] !== 1) node.invalid(`cannot squeeze axis ${a} of size ${x.shape[a]}`, { actual: x.shape });
    return [reshape(x, x.shape.filter((_, i) => !axes.includes(i)))];
  };
};

const unsqueezeOp: Prepare = (node) => {
  node.only(...(node.opset < 13 ? ["axes"] : []));
  return (ins) => {
    const x = node.input(ins, 0);
    const given = axesOf(node, ins, 13) ?? node.invalid("needs axes");
    const rank = x.ndim + given.length;
    const axes = given.map((a) => axis(node, a, rank)).sort((a, b) => a - b);
    let y = x;
    for (const a of axes) y = unsqueeze(y, a);
    return [y];
  };
};

const reshapeOp: Prepare = (node) => {
  if (node.opset < 5) node.unsupported(`Reshape of opset ${node.opset} (the shape as an attribute)`);
  node.only("allowzero");
  const allowZero = node.int("allowzero", 0) === 1;
  return (ins) => {
    const x = node.input(ins, 0);
    const shape = intsOf(node.input(ins, 1)).map((d, i) => (d === 0 && !allowZero ? x.shape[i] ?? node.invalid(`shape[${i}] = 0 copies a dim the input does not have`) : d));
    return [reshape(x, shape)];
  };
};

const concat: Prepare = (node) => {
  if (node.opset < 4) node.unsupported(`Concat of opset ${node.opset} (an optional axis)`);
  node.only("axis");
  const a = node.int("axis");
  return (ins) => {
    const xs = ins.map((t, k) => t ?? node.input(ins, k));
    return [cat(xs, axis(node, a, xs[0]!.ndim))];
  };
};

/** Indices start, start+step, … of one axis, clamped as ONNX's Slice clamps them. */
function sliceIndices(size: number, start: number, end: number, step: number): number[] {
  const norm = (v: number) => (v < 0 ? v + size : v);
  const out: number[] = [];
  if (step > 0) {
    const s = Math.min(Math.max(norm(start), 0), size);
    const e = Math.min(Math.max(norm(end), 0), size);
    for (let i = s; i < e; i += step) out.push(i);
  } else {
    const s = Math.min(Math.max(norm(start), -1), size - 1);
    const e = Math.min(Math.max(norm(end), -1), size - 1);
    for (let i = s; i > e; i += step) out.push(i);
  }
  return out;
}

const sliceOp: Prepare = (node) => {
  if (node.opset < 10) node.unsupported(`Slice of opset ${node.opset} (bounds as attributes)`);
  node.only();
  return (ins) => {
    let y = node.input(ins, 0);
    const starts = intsOf(node.input(ins, 1));
    const ends = intsOf(node.input(ins, 2));
    const axes = ins[3] === null || ins[3] === undefined ? starts.map((_, i) => i) : intsOf(ins[3]);
    const steps = ins[4] === null || ins[4] === undefined ? starts.map(() => 1) : intsOf(ins[4]);
    axes.forEach((a0, k) => {
      const a = axis(node, a0, y.ndim);
      const step = steps[k]!;
      if (step === 0) node.invalid("slice step cannot be 0");
      const size = y.shape[a]!;
      // Clamp infinities (INT64_MAX arrives as a huge double) before the arithmetic.
      const bound = (v: number) => Math.max(Math.min(v, size + 1), -size - 1);
      if (step > 0) {
        const s = bound(starts[k]!);
        const e = bound(ends[k]!);
        y = slice(y, a, s < 0 ? Math.max(s + size, 0) : s, e < 0 ? Math.max(e + size, 0) : e, step);
      } else {
        y = indexSelect(y, a, int64(sliceIndices(size, bound(starts[k]!), bound(ends[k]!), step)));
      }
    });
    return [y];
  };
};

const splitOp: Prepare = (node) => {
  node.only("axis", ...(node.opset < 13 ? ["split"] : []), ...(node.opset >= 18 ? ["num_outputs"] : []));
  const a0 = node.int("axis", 0);
  return (ins) => {
    const x = node.input(ins, 0);
    const a = axis(node, a0, x.ndim);
    const size = x.shape[a]!;
    let sizes = node.opset < 13 ? node.ints("split") : ins[1] === null || ins[1] === undefined ? null : intsOf(ins[1]);
    if (sizes === null) {
      const n = node.opset >= 18 ? node.int("num_outputs", node.outputs.length) : node.outputs.length;
      const chunk = Math.ceil(size / n);
      sizes = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, size - i * chunk)));
    }
    if (sizes.reduce((p, s) => p + s, 0) !== size) node.invalid(`split sizes [${sizes.join(", ")}] do not add up to ${size}`, { expected: size, actual: sizes });
    return split(x, sizes, a);
  };
};

/**
 * Gather and GatherElements: index tensors of any shape along `axis`, negative indices counting
 * from the end; `pick` gets the indices made non-negative (and checked against the axis).
 */
const indexing = (pick: (x: Tensor, axis: number, indices: readonly number[], index: Tensor) => Tensor): Prepare => (node) => {
  node.only("axis");
  const a0 = node.int("axis", 0);
  return (ins) => {
    const x = node.input(ins, 0);
    const idx = node.input(ins, 1);
    const a = axis(node, a0, x.ndim);
    const size = x.shape[a]!;
    const flat = intsOf(idx).map((i) => {
      if (i < -size || i >= size) node.invalid(`index ${i} is out of range for axis ${a} of size ${size}`, { expected: `[${-size}, ${size - 1}]`, actual: i });
      return i < 0 ? i + size : i;
    });
    return [pick(x, a, flat, idx)];
  };
};

const gatherOp = indexing((x, a, flat, idx) => reshape(indexSelect(x, a, int64(flat)), [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)]));
const gatherElements = indexing((x, a, flat, idx) => gather(x, a, int64(flat, idx.shape)));

const expandOp: Prepare = (node) => {
  node.only();
  return (ins) => {
    const x = node.input(ins, 0);
    const target = broadcastShapes("Expand", x.shape, intsOf(node.input(ins, 1)));
    return [expand(x, target)];
  };
};

const shapeOp: Prepare = (node) => {
  node.only("start", "end");
  return (ins) => {
    const x = node.input(ins, 0);
    const r = x.ndim;
    const clampAxis = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
    const s = clampAxis(node.int("start", 0));
    const e = clampAxis(node.int("end", r));
    return [int64(x.shape.slice(s, Math.max(s, e)))];
  };
};

export const SHAPE_OPS: Readonly<Record<string, Prepare>> = {
  Transpose: transpose,
  Squeeze: squeezeOp,
  Unsqueeze: unsqueezeOp,
  Reshape: reshapeOp,
  Concat: concat,
  Slice: sliceOp,
  Split: splitOp,
  Gather: gatherOp,
  GatherElements: gatherElements,
  Expand: expandOp,
  Shape: shapeOp,
};
