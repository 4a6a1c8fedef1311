// Small pieces every op file uses: allocating outputs, turning numbers into tensors,
// and summing a broadcast gradient back to an input's shape.
import { DTypeError } from "../../errors.js";
import { allocate, castValue, isFloating, promoteWithScalar, type DType } from "../../tensor/dtype.js";
import { numel, type Shape } from "../../tensor/shape.js";
import { fromData, Tensor } from "../../tensor/tensor.js";
import { kernels } from "../../backend/index.js";
import type { OpRecord } from "../op.js";
import { expectTensor } from "../../tensor/expect.js";

/** A tensor operand or a plain number (a scalar that takes the other operand's dtype, as in PyTorch). */
export type TensorLike = Tensor | number;

/** A new zero-filled tensor. */
export function alloc(dtype: DType, shape: Shape): Tensor {
  return fromData(allocate(dtype, numel(shape)), shape, dtype);
}

/** A 0-d tensor holding `v` in the dtype PyTorch gives `other op v`. */
export function scalarLike(v: number, other: Tensor): Tensor {
  const dtype = promoteWithScalar(other.dtype, v);
  const data = allocate(dtype, 1);
  data[0] = castValue(dtype, v);
  return fromData(data, [], dtype);
}

/** Both operands as tensors: a number takes its dtype from the tensor operand. */
export function operands(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  if (a instanceof Tensor) return [a, scalarLike(b as number, a)];
  if (b instanceof Tensor) return [scalarLike(a, b), b];
  throw new DTypeError("operands", "at least one operand must be a tensor", { actual: [a, b] });
}

/** The dtype a float-valued op (exp, log, tanh, …) computes in: integers become float32. */
export function floatDType(t: Tensor): DType {
  return isFloating(t.dtype) ? t.dtype : "float32";
}

/** Requires a floating tensor, naming the op in the error. */
export function requireFloat(op: string, t: Tensor, what = "input"): void {
  expectTensor(op, t, what);
  if (!isFloating(t.dtype)) {
    throw new DTypeError(op, `${what} must be a floating point tensor (got ${t.dtype})`, { expected: "float32 or float64", actual: t.dtype });
  }
}

/** Requires an integer tensor (int32 or int64) of indices. */
export function requireIndex(op: string, t: Tensor, what = "index"): void {
  expectTensor(op, t, what);
  if (t.dtype !== "int64" && t.dtype !== "int32") {
    throw new DTypeError(op, `${what} must be an integer tensor (int64 or int32, got ${t.dtype})`, { expected: "int64", actual: t.dtype });
  }
}

/** The (outer, size, inner) view of `shape` around `dim`, for kernels that walk lines along it; a 0-d tensor is one line of one. */
export function linesAround(shape: Shape, dim: number): [number, number, number] {
  if (shape.length === 0) return [1, 1, 1];
  return [numel(shape.slice(0, dim)), shape[dim]!, numel(shape.slice(dim + 1))];
}

/** Where a strided view reads its input: the walk's shape, strides and first offset. */
export interface StridedWalk {
  readonly outShape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * A record for an op that reads a strided walk of its input (a slice, a diagonal): the forward
 * copies the walk out, the backward adds the gradient back along it. `resultShape` reshapes the
 * copy (e.g. to drop a dimension of size 1).
 */
export function stridedRecord<P>(
  name: string, walk: (shape: Shape, params: P) => StridedWalk, resultShape?: (walkShape: readonly number[], params: P) => number[],
): OpRecord<P> {
  return {
    name,
    forward(_ctx, [x], p) {
      const { outShape, strides, offset } = walk(x!.shape, p);
      const out = alloc(x!.dtype, resultShape?.(outShape, p) ?? outShape);
      kernels().stridedCopy(outShape, x!.data, strides, offset, out.data);
      return out;
    },
    backward(ctx, [g], p) {
      const shape = ctx.inputShapes[0]!;
      const { outShape, strides, offset } = walk(shape, p);
      const out = alloc(g!.dtype, shape);
      kernels().stridedAdd(outShape, g!.data, out.data, strides, offset);
      return [out];
    },
  };
}
