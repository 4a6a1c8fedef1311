// In-place writes (`zero_`, `fill_`, `copy_`, `add_`, …): for parameter updates and
// initialisation, never recorded in a graph. Each bumps the storage version, so a backward
// that needs the old values fails loudly instead of computing garbage.
import { AutogradError, ShapeError, fmtShape } from "../errors.js";
import { castValue } from "../tensor/dtype.js";
import { broadcastShapes, broadcastStrides, sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { kernels } from "../backend/index.js";
import { isGradEnabled } from "./mode.js";
import { traceInPlace } from "./trace.js";

/** Refuses an in-place write autograd could not account for, and bumps the version after `write`. */
export function inPlace(op: string, t: Tensor, write: (data: Tensor["data"]) => void): Tensor {
  if (isGradEnabled() && t.requiresGrad) {
    throw new AutogradError(op, t.isLeaf
      ? "a leaf tensor that requires grad is being used in an in-place operation; wrap it in noGrad(() => …)"
      : "in-place operations on tensors that are part of a graph are not supported; use the out-of-place op");
  }
  traceInPlace(op, t);
  write(t.data);
  t.storage.version++;
  return t;
}

/** Elementwise in-place update t[i] = f(t[i], other[i]) with `other` broadcast to t's shape. */
export function combineInPlace(op: string, t: Tensor, other: Tensor | number, f: (x: number, y: number) => number): Tensor {
  const dtype = t.dtype;
  if (typeof other === "number") {
    return inPlace(op, t, (d) => kernels().map1(d, d, (x) => castValue(dtype, f(x, other), op)));
  }
  const shape = broadcastShapes(op, t.shape, other.shape);
  if (!sameShape(shape, t.shape)) {
    throw new ShapeError(op, `output with shape ${fmtShape(t.shape)} doesn't match the broadcast shape ${fmtShape(shape)}`, {
      expected: fmtShape(t.shape), actual: fmtShape(shape),
    });
  }
  return inPlace(op, t, (d) => {
    kernels().map2(shape, d, broadcastStrides(t.shape, shape), other.data, broadcastStrides(other.shape, shape), d, (x, y) => castValue(dtype, f(x, y), op));
  });
}

export function fill_(t: Tensor, value: number): Tensor {
  return inPlace("fill_", t, (d) => d.fill(castValue(t.dtype, value, "fill_")));
}

export function zero_(t: Tensor): Tensor {
  return fill_(t, 0);
}

/** Copies `src` (broadcast to t's shape, converted to t's dtype) into t. */
export function copy_(t: Tensor, src: Tensor): Tensor {
  return combineInPlace("copy_", t, src, (_x, y) => y);
}

