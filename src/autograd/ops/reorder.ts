// Reordering and repeating elements: flip, roll, repeat and tile. flip is a record (a strided
// copy with negative strides); roll, repeat and tile are compositions of slices, cat and expand.
import { ShapeError, ValueError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { stridesOf } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";
import { dimsOf } from "./reduce.js";
import { cat, narrow } from "./join.js";
import { expand, flatten, reshape } from "./view.js";

const FLIP: OpRecord<readonly number[]> = {
  name: "FlipBackward0",
  forward(_ctx, [x], dims) {
    const out = alloc(x!.dtype, x!.shape);
    const strides = stridesOf(x!.shape);
    let offset = 0;
    for (const d of dims) {
      if (x!.shape[d]! > 0) offset += (x!.shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
    kernels().stridedCopy(x!.shape, x!.data, strides, offset, out.data);
    return out;
  },
  backward: (_ctx, [g], dims) => [run(FLIP, [g!], dims)],
};

/** x with the order of elements reversed along each of `dims`. Shapes: any → same. */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  return run(FLIP, [x], dimsOf("flip", dims, x.ndim));
}

/**
 * x shifted by `shifts` along `dims`, elements that fall off the end coming back at the start,
 * as `torch.roll`; without dims, the flattened tensor is rolled and the shape restored.
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const s = typeof shifts === "number" ? [shifts] : [...shifts];
  if (dims === undefined) {
    if (s.length !== 1) throw new ShapeError("roll", `without dims, shifts must be one number (got ${fmtShape(s)})`, { expected: 1, actual: s.length });
    return reshape(roll(flatten(x), s[0]!, 0), x.shape);
  }
  const d = typeof dims === "number" ? [dims] : [...dims];
  if (d.length !== s.length) {
    throw new ShapeError("roll", `shifts and dims must have the same length (got ${s.length} and ${d.length})`, { expected: d.length, actual: s.length });
  }
  let out = x;
  d.forEach((dim, i) => {
    const size = out.shape[dimsOf("roll", dim, out.ndim)[0]!]!;
    if (size === 0) return;
    const k = ((s[i]! % size) + size) % size;
    if (k !== 0) out = cat([narrow(out, dim, size - k, k), narrow(out, dim, 0, size - k)], dim);
  });
  return out;
}

/**
 * x repeated `sizes[i]` times along each dimension, as `Tensor.repeat`: sizes has at least
 * x.ndim entries (extra ones add leading dimensions). Shape: (…, sᵢ·rᵢ, …).
 */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new ShapeError("repeat", `number of repeat dims can not be smaller than number of dimensions of tensor (got ${sizes.length} for shape ${fmtShape(x.shape)})`, {
      expected: `>= ${x.ndim}`, actual: sizes.length,
    });
  }
  if (sizes.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new ValueError("repeat", `repeats must be non-negative integers (got ${fmtShape(sizes)})`, { actual: sizes });
  }
  const shape = [...new Array<number>(sizes.length - x.ndim).fill(1), ...x.shape];
  // (s0, s1, …) viewed as (1, s0, 1, s1, …), expanded to (r0, s0, r1, s1, …), merged pairwise
  const spread = reshape(x, shape.flatMap((s) => [1, s]));
  const grown = expand(spread, shape.flatMap((s, i) => [sizes[i]!, s]));
  return reshape(grown, shape.map((s, i) => s * sizes[i]!));
}

/** `torch.tile`: repeat with `dims` padded by leading 1s when it has fewer entries than x has dimensions. */
export function tile(x: Tensor, dims: readonly number[]): Tensor {
  return repeat(x, [...new Array<number>(Math.max(0, x.ndim - dims.length)).fill(1), ...dims]);
}
