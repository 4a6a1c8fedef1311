// Comparisons and logical ops: bool results, never differentiable, so no graph is recorded.
import { kernels } from "../../backend/index.js";
import { broadcastShapes, broadcastStrides } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { alloc, operands, type TensorLike } from "./helpers.js";

function compare(op: string, a: TensorLike, b: TensorLike, f: (x: number, y: number) => boolean): Tensor {
  const [x, y] = operands(a, b);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const out = alloc("bool", shape);
  kernels().map2(shape, x.data, broadcastStrides(x.shape, shape), y.data, broadcastStrides(y.shape, shape), out.data,
    (p, q) => (f(p, q) ? 1 : 0));
  return out;
}

export const eq = (a: TensorLike, b: TensorLike): Tensor => compare("eq", a, b, (x, y) => x === y);
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare("ne", a, b, (x, y) => x !== y);
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare("lt", a, b, (x, y) => x < y);
export const le = (a: TensorLike, b: TensorLike): Tensor => compare("le", a, b, (x, y) => x <= y);
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare("gt", a, b, (x, y) => x > y);
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare("ge", a, b, (x, y) => x >= y);
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => compare("logicalAnd", a, b, (x, y) => x !== 0 && y !== 0);
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => compare("logicalOr", a, b, (x, y) => x !== 0 || y !== 0);

function test(x: Tensor, f: (v: number) => boolean): Tensor {
  const out = alloc("bool", x.shape);
  kernels().map1(x.data, out.data, (v) => (f(v) ? 1 : 0));
  return out;
}

export const logicalNot = (x: Tensor): Tensor => test(x, (v) => v === 0);
export const isnan = (x: Tensor): Tensor => test(x, Number.isNaN);
export const isinf = (x: Tensor): Tensor => test(x, (v) => v === Infinity || v === -Infinity);
export const isfinite = (x: Tensor): Tensor => test(x, Number.isFinite);
