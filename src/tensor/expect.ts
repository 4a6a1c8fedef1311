// The check every public entry runs on an argument that must be a tensor: a coded ShapeError
// naming the op, the argument and what was passed, instead of a TypeError from inside.
import { ShapeError, describeValue } from "../errors.js";
import { Tensor } from "./tensor.js";

/** Throws a ShapeError unless `v` is a Tensor: `gather: index must be a Tensor (got undefined)`. */
export function expectTensor(op: string, v: unknown, what = "input"): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw new ShapeError(op, `${what} must be a Tensor (got ${describeValue(v)})`, { expected: "Tensor", actual: v });
}

/** Throws a ShapeError unless `v` is an array of Tensors (the `tensors` of cat, stack, padSequence). */
export function expectTensors(op: string, v: unknown, what = "tensors"): asserts v is readonly Tensor[] {
  if (!Array.isArray(v)) throw new ShapeError(op, `${what} must be an array of Tensors (got ${describeValue(v)})`, { expected: "Tensor[]", actual: v });
  v.forEach((t, i) => expectTensor(op, t, `${what}[${i}]`));
}
