// Elementwise binary ops with broadcasting: add, sub, mul, div, pow, maximum, minimum.
// Each record gives the forward function of two numbers and the gradient of each operand.
import { kernels } from "../../backend/index.js";
import type { Arith } from "../../backend/kernels.js";
import { promoteTypes, type DType } from "../../tensor/dtype.js";
import { broadcastShapes, broadcastStrides } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Ctx } from "../node.js";
import { run, type OpRecord } from "../op.js";
import { alloc, operands, type TensorLike } from "./helpers.js";
import { sumTo } from "./reduce.js";
import { where } from "./gather.js";
import { eq, ge, gt, logicalAnd, lt } from "./compare.js";
import { log, neg } from "./unary.js";

interface BinarySpec {
  readonly name: string;
  /** The function of two numbers — or, for the arithmetic ops, its name (ARITH). */
  readonly f: ((x: number, y: number) => number) | Arith;
  /** Result dtype from the promoted operand dtype (default: the promoted dtype). */
  readonly dtype?: (promoted: DType) => DType;
  /** Gradients of a and b (before summing to their shapes), given g = dL/d(out). */
  readonly grad: (g: Tensor, a: Tensor, b: Tensor, out: Tensor, ctx: Ctx) => [Tensor | null, Tensor | null];
  /** Whether the backward needs the output (exp-like rules). */
  readonly savesOutput?: boolean;
}

export function binaryRecord(spec: BinarySpec): OpRecord<string> {
  return {
    name: spec.name,
    forward(ctx, [a, b], op) {
      const shape = broadcastShapes(op, a!.shape, b!.shape);
      const promoted = promoteTypes(a!.dtype, b!.dtype);
      const out = alloc(spec.dtype?.(promoted) ?? promoted, shape);
      const sa = broadcastStrides(a!.shape, shape), sb = broadcastStrides(b!.shape, shape);
      if (typeof spec.f === "string") kernels().arith2(spec.f, shape, a!.data, sa, b!.data, sb, out.data);
      else kernels().map2(shape, a!.data, sa, b!.data, sb, out.data, spec.f);
      ctx.save(a!, b!);
      if (spec.savesOutput === true) ctx.save(out);
      return out;
    },
    backward(ctx, [g]) {
      const [a, b, out] = ctx.saved;
      const [ga, gb] = spec.grad(g!, a!, b!, out ?? g!, ctx);
      return [
        ctx.needsInputGrad[0] && ga !== null ? sumTo(ga, a!.shape) : null,
        ctx.needsInputGrad[1] && gb !== null ? sumTo(gb, b!.shape) : null,
      ];
    },
  };
}

const toFloat = (d: DType): DType => (d === "float64" ? "float64" : "float32");

const ADD = binaryRecord({ name: "AddBackward0", f: "add", grad: (g) => [g, g] });
const SUB = binaryRecord({ name: "SubBackward0", f: "sub", grad: (g) => [g, neg(g)] });
const MUL = binaryRecord({ name: "MulBackward0", f: "mul", grad: (g, a, b) => [mul(g, b), mul(g, a)] });
const DIV = binaryRecord({
  name: "DivBackward0", f: "div", dtype: toFloat,
  grad: (g, a, b) => [div(g, b), neg(div(mul(g, a), mul(b, b)))],
});
const POW = binaryRecord({
  name: "PowBackward1", f: Math.pow, savesOutput: true,
  grad: (g, a, b, out) => [
    // d/da a^b = b·a^(b-1), 0 where b = 0 (PyTorch masks it so 0^0 does not give NaN)
    where(eq(b, 0), 0, mul(g, mul(b, pow(a, sub(b, 1))))),
    // d/db a^b = a^b·log(a), 0 where a = 0 and b ≥ 0
    where(logicalAnd(eq(a, 0), ge(b, 0)), 0, mul(g, mul(out, log(a)))),
  ],
});
const MAXIMUM = binaryRecord({
  name: "MaximumBackward0", f: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y)),
  // ties split the gradient evenly, as PyTorch does
  grad: (g, a, b) => [mul(g, add(gt(a, b), mul(eq(a, b), 0.5))), mul(g, add(lt(a, b), mul(eq(a, b), 0.5)))],
});
const MINIMUM = binaryRecord({
  name: "MinimumBackward0", f: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y)),
  grad: (g, a, b) => [mul(g, add(lt(a, b), mul(eq(a, b), 0.5))), mul(g, add(gt(a, b), mul(eq(a, b), 0.5)))],
});

export const add = (a: TensorLike, b: TensorLike): Tensor => run(ADD, operands(a, b), "add");
export const sub = (a: TensorLike, b: TensorLike): Tensor => run(SUB, operands(a, b), "sub");
export const mul = (a: TensorLike, b: TensorLike): Tensor => run(MUL, operands(a, b), "mul");
/** True division: integer operands give a float result. */
export const div = (a: TensorLike, b: TensorLike): Tensor => run(DIV, operands(a, b), "div");
export const maximum = (a: TensorLike, b: TensorLike): Tensor => run(MAXIMUM, operands(a, b), "maximum");
export const minimum = (a: TensorLike, b: TensorLike): Tensor => run(MINIMUM, operands(a, b), "minimum");

const POW_SCALAR: OpRecord<number> = {
  name: "PowBackward0",
  forward(ctx, [a], e) {
    const out = alloc(Number.isInteger(e) ? a!.dtype : toFloat(a!.dtype), a!.shape);
    const x = a!.data;
    const o = out.data;
    kernels().powScalar(x, e, o);
    ctx.save(a!);
    return out;
  },
  backward(ctx, [g], e) {
    const [a] = ctx.saved;
    return [e === 0 ? mul(g!, 0) : mul(g!, mul(pow(a!, e - 1), e))];
  },
};

/** a^b, elementwise; b a number or a tensor (broadcast). */
export function pow(a: Tensor, b: TensorLike): Tensor {
  return typeof b === "number" ? run(POW_SCALAR, [a], b) : run(POW, operands(a, b), "pow");
}
