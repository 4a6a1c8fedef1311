// Comparisons and logical ops: bool results, never differentiable (records whose outputs get no
// gradient, so no graph is kept).
import { kernels } from "../../backend/index.js";
import { broadcastShapes, broadcastStrides } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, operands, type TensorLike } from "./helpers.js";

/** A comparison as an op record (bool outputs get no gradient), so that a tracer sees it as any op. */
function record(op: string, f: (x: number, y: number) => boolean): OpRecord<void> {
  return {
    name: op,
    forward(_ctx, [x, y]) {
      const shape = broadcastShapes(op, x!.shape, y!.shape);
      const out = alloc("bool", shape);
      kernels().map2(shape, x!.data, broadcastStrides(x!.shape, shape), y!.data, broadcastStrides(y!.shape, shape), out.data,
        (p, q) => (f(p, q) ? 1 : 0));
      return out;
    },
    backward: () => [null, null],
  };
}

const records = new Map<string, OpRecord<void>>();

function compare(op: string, a: TensorLike, b: TensorLike, f: (x: number, y: number) => boolean): Tensor {
  let r = records.get(op);
  if (r === undefined) records.set(op, (r = record(op, f)));
  return run(r, operands(a, b), undefined);
}

export const eq = (a: TensorLike, b: TensorLike): Tensor => compare("eq", a, b, (x, y) => x === y);
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare("ne", a, b, (x, y) => x !== y);
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare("lt", a, b, (x, y) => x < y);
export const le = (a: TensorLike, b: TensorLike): Tensor => compare("le", a, b, (x, y) => x <= y);
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare("gt", a, b, (x, y) => x > y);
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare("ge", a, b, (x, y) => x >= y);
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => compare("logicalAnd", a, b, (x, y) => x !== 0 && y !== 0);
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => compare("logicalOr", a, b, (x, y) => x !== 0 || y !== 0);

function testRecord(op: string, f: (v: number) => boolean): OpRecord<void> {
  return {
    name: op,
    forward(_ctx, [x]) {
      const out = alloc("bool", x!.shape);
      kernels().map1(x!.data, out.data, (v) => (f(v) ? 1 : 0));
      return out;
    },
    backward: () => [null],
  };
}

const NOT = testRecord("logicalNot", (v) => v === 0);
const ISNAN = testRecord("isnan", Number.isNaN);
const ISINF = testRecord("isinf", (v) => v === Infinity || v === -Infinity);
const ISFINITE = testRecord("isfinite", Number.isFinite);

export const logicalNot = (x: Tensor): Tensor => run(NOT, [x], undefined);
export const isnan = (x: Tensor): Tensor => run(ISNAN, [x], undefined);
export const isinf = (x: Tensor): Tensor => run(ISINF, [x], undefined);
export const isfinite = (x: Tensor): Tensor => run(ISFINITE, [x], undefined);
