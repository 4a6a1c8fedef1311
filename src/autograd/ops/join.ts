// Joining and cutting along a dimension: cat, stack, split, chunk, slice/narrow, select, unbind.
import { IndexError, ShapeError, ValueError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { promoteTypes } from "../../tensor/dtype.js";
import { numel, stridesOf, wrapDim } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, runMulti, type OpRecord } from "../op.js";
import { alloc, stridedRecord } from "./helpers.js";
import { unsqueeze } from "./view.js";

const CAT: OpRecord<number> = {
  name: "CatBackward0",
  forward(_ctx, xs, dim) {
    const first = xs[0]!;
    const shape = [...first.shape];
    shape[dim] = xs.reduce((a, t) => a + t.shape[dim]!, 0);
    const out = alloc(xs.map((t) => t.dtype).reduce(promoteTypes), shape);
    const outer = numel(shape.slice(0, dim));
    const inner = numel(shape.slice(dim + 1));
    const kern = kernels();
    let at = 0;
    for (const t of xs) {
      const rows = t.shape[dim]! * inner; // one input's block per outer index
      kern.copyBlocks(t.data, rows, rows, outer, out.data, at * inner, shape[dim]! * inner);
      at += t.shape[dim]!;
    }
    return out;
  },
  backward(ctx, [g], dim) {
    const sizes = ctx.inputShapes.map((s) => s[dim]!);
    return splitSizes(g!, sizes, dim);
  },
};

/** Concatenates tensors along an existing dimension. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("cat", "expected a non-empty list of tensors");
  const ref = tensors[0]!;
  const d = wrapDim("cat", dim, ref.ndim);
  tensors.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => k !== d && s !== ref.shape[k])) {
      throw new ShapeError("cat", `sizes of tensors must match except in dimension ${d}: tensor 0 has shape ${fmtShape(ref.shape)}, tensor ${i} has shape ${fmtShape(t.shape)}`, {
        expected: fmtShape(ref.shape), actual: fmtShape(t.shape),
      });
    }
  });
  return run(CAT, tensors, d);
}

/** Stacks tensors of equal shape along a new dimension. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("stack", "expected a non-empty list of tensors");
  const ref = tensors[0]!;
  const d = wrapDim("stack", dim, ref.ndim + 1);
  tensors.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => s !== ref.shape[k])) {
      throw new ShapeError("stack", `expects each tensor to be equal size, but got ${fmtShape(ref.shape)} at entry 0 and ${fmtShape(t.shape)} at entry ${i}`, {
        expected: fmtShape(ref.shape), actual: fmtShape(t.shape),
      });
    }
  });
  return run({ ...CAT, name: "StackBackward0" }, tensors.map((t) => unsqueeze(t, d)), d);
}

interface SliceParams { readonly dim: number; readonly start: number; readonly step: number; readonly length: number }

function sliceGeometry(shape: readonly number[], { dim, start, step, length }: SliceParams) {
  const strides = stridesOf(shape);
  const outShape = [...shape];
  outShape[dim] = length;
  return { outShape, strides: strides.map((s, i) => (i === dim ? s * step : s)), offset: start * strides[dim]! };
}

function sliceRecord(name: string, drop: boolean): OpRecord<SliceParams> {
  return stridedRecord(name, sliceGeometry, drop ? (shape, p) => shape.filter((_, i) => i !== p.dim) : undefined);
}

const SLICE = sliceRecord("SliceBackward0", false);
const SELECT = sliceRecord("SelectBackward0", true);

/** Elements start, start+step, … below end along `dim` (Python's x[..., start:end:step]); negative bounds count from the end. */
export function slice(x: Tensor, dim: number, start = 0, end = Infinity, step = 1): Tensor {
  const d = wrapDim("slice", dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0) throw new ValueError("slice", `step must be a positive integer (got ${step})`, { actual: step });
  const size = x.shape[d]!;
  const clampBound = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = clampBound(start);
  const e = Math.max(clampBound(end), s);
  return run(SLICE, [x], { dim: d, start: s, step, length: Math.ceil((e - s) / step) });
}

/** `length` elements from `start` along `dim`; unlike slice, out-of-range bounds are an error. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = wrapDim("narrow", dim, x.ndim);
  const size = x.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (s < 0 || length < 0 || s + length > size || !Number.isInteger(s) || !Number.isInteger(length)) {
    throw new IndexError("narrow", `start (${start}) + length (${length}) exceeds dimension size (${size}) of dim ${d}`, {
      expected: `<= ${size}`, actual: s + length,
    });
  }
  return run(SLICE, [x], { dim: d, start: s, step: 1, length });
}

/** The sub-tensor at `index` along `dim`, with that dimension removed. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  const d = wrapDim("select", dim, x.ndim);
  const size = x.shape[d]!;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError("select", `index ${index} out of range for tensor of size ${fmtShape(x.shape)} at dimension ${d}`, {
      expected: `[${-size}, ${size - 1}]`, actual: index,
    });
  }
  return run(SELECT, [x], { dim: d, start: index < 0 ? index + size : index, step: 1, length: 1 });
}

const SPLIT: OpRecord<{ readonly dim: number; readonly sizes: readonly number[] }> = {
  name: "SplitWithSizesBackward0",
  forward(_ctx, [x], { dim, sizes }) {
    let at = 0;
    return sizes.map((n) => {
      const piece = SLICE.forward(_ctx, [x!], { dim, start: at, step: 1, length: n }) as Tensor;
      at += n;
      return piece;
    });
  },
  backward(_ctx, grads, { dim }) {
    return [cat(grads, dim)];
  },
};

function splitSizes(x: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  return runMulti(SPLIT, [x], { dim, sizes });
}

/**
 * Splits into pieces along `dim`: of `splitSize` each (the last may be smaller), or of the
 * given sizes, which must add up to the dimension's size.
 */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  const d = wrapDim("split", dim, x.ndim);
  const size = x.shape[d]!;
  if (typeof splitSize === "number") {
    if (!Number.isInteger(splitSize) || splitSize <= 0) {
      throw new ValueError("split", `splitSize must be a positive integer (got ${splitSize})`, { actual: splitSize });
    }
    const sizes: number[] = [];
    for (let at = 0; at < size; at += splitSize) sizes.push(Math.min(splitSize, size - at));
    return splitSizes(x, sizes.length > 0 ? sizes : [0], d);
  }
  const total = splitSize.reduce((a, b) => a + b, 0);
  if (total !== size || splitSize.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new ShapeError("split", `split sizes ${fmtShape(splitSize)} must sum to the size of dimension ${d} (${size})`, {
      expected: size, actual: total,
    });
  }
  return splitSizes(x, splitSize, d);
}

/** Splits into `chunks` pieces of ceil(size / chunks) along `dim` (fewer if the size is small). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new ValueError("chunk", `chunks must be a positive integer (got ${chunks})`, { actual: chunks });
  const d = wrapDim("chunk", dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[d]! / chunks)), d);
}

/** All slices along `dim`, each with that dimension removed. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = wrapDim("unbind", dim, x.ndim);
  return Array.from({ length: x.shape[d]! }, (_, i) => select(x, d, i));
}
