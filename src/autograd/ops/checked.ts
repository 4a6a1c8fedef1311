// The public form of every op: the op functions of ./index.ts behind one check of their
// arguments, declared per op in SIGNATURES (which are tensors, lists of tensors, shapes), so a
// non-tensor is a coded ShapeError naming the op, the argument and the value — never a TypeError
// from inside. The type of SIGNATURES makes a new op in ./index.ts declare its arguments here.
import { ShapeError, describeValue } from "../../errors.js";
import { expectTensor, expectTensors } from "../../tensor/expect.js";
import { Tensor } from "../../tensor/tensor.js";
import * as raw from "./index.js";

/**
 * What one argument must be: `T` a tensor, `T?` a tensor, null or undefined, `N` a tensor or a
 * number, `T[]` an array of tensors, `n[]` an array of numbers (a shape, sizes, a permutation),
 * `d` a number, an array of numbers or undefined (dims), `D` the same but required, `s` a string, `...T` the remaining
 * arguments are tensors, `*` anything (the op checks it itself).
 */
type Kind = "T" | "T?" | "N" | "T[]" | "n[]" | "d" | "D" | "s" | "...T" | "*";

/** One op's arguments, in order: `"name:kind"`, e.g. `["input:T", "dim:*", "index:T"]`. */
type Signature = readonly `${string}:${Kind}`[];

type Ops = typeof raw;

const X = "input:T";
const UNARY: Signature = [X];
const BINARY: Signature = ["input:N", "other:N"];
const DIMS: Signature = [X, "dim:d"];

/** The arguments of every public op. */
const SIGNATURES: { readonly [K in keyof Ops]: Signature } = {
  add: BINARY, sub: BINARY, mul: BINARY, div: BINARY, pow: [X, "exponent:N"], maximum: BINARY, minimum: BINARY,
  neg: UNARY, exp: UNARY, log: UNARY, sqrt: UNARY, abs: UNARY, sign: UNARY, tanh: UNARY, sigmoid: UNARY,
  logSigmoid: UNARY, relu: UNARY, clamp: UNARY, toDType: [X, "dtype:s"],
  eq: BINARY, ne: BINARY, lt: BINARY, le: BINARY, gt: BINARY, ge: BINARY, logicalAnd: BINARY, logicalOr: BINARY,
  logicalNot: UNARY, isnan: UNARY, isinf: UNARY, isfinite: UNARY,
  reshape: [X, "shape:n[]"], flatten: UNARY, squeeze: UNARY, unsqueeze: UNARY, permute: [X, "dims:n[]"],
  transpose: UNARY, expand: [X, "shape:n[]"], clone: UNARY, detach: UNARY,
  sum: DIMS, mean: DIMS, sumTo: [X, "shape:n[]"], maxDim: UNARY, minDim: UNARY, maxAll: UNARY, minAll: UNARY,
  argmax: UNARY, argmin: UNARY, logsumexp: DIMS, softmax: UNARY, logSoftmax: UNARY,
  cat: ["tensors:T[]"], stack: ["tensors:T[]"], slice: UNARY, narrow: UNARY, select: UNARY,
  split: [X, "splitSize:D"], chunk: UNARY, unbind: UNARY,
  gather: [X, "dim:*", "index:T"], indexSelect: [X, "dim:*", "index:T"], embedding: ["weight:T", "indices:T"],
  where: ["condition:T", "input:N", "other:N"], maskedFill: [X, "mask:T"],
  matmul: [X, "other:T"], linear: [X, "weight:T", "bias:T?"], bmm: [X, "mat2:T"],
  sort: UNARY, argsort: UNARY, topk: UNARY, cumsum: UNARY, cumprod: UNARY, triu: UNARY, tril: UNARY,
  all: DIMS, any: DIMS, sin: UNARY, cos: UNARY, gelu: UNARY, softplus: UNARY, leakyRelu: UNARY, elu: UNARY,
  nanToNum: UNARY, flip: [X, "dims:D"], roll: [X, "shifts:D", "dims:d"], repeat: [X, "sizes:n[]"], tile: [X, "dims:n[]"],
  variance: DIMS, std: DIMS, norm: [X, "p:*", "dim:d"],
  scatter: [X, "dim:*", "index:T", "src:N"], scatterAdd: [X, "dim:*", "index:T", "src:T"],
  indexPut: [X, "indices:T[]", "values:N"], einsum: ["equation:s", "operands:...T"], diagonal: UNARY,
};

const isNumbers = (v: unknown) => Array.isArray(v) && v.every((d) => typeof d === "number");

/** Checks one argument against its kind; throws a coded error naming the op and the argument. */
function checkArg(op: string, name: string, kind: Kind, v: unknown): void {
  const bad = (expected: string) => {
    throw new ShapeError(op, `${name} must be ${expected} (got ${describeValue(v)})`, { expected, actual: v });
  };
  switch (kind) {
    case "T": return expectTensor(op, v, name);
    case "T?": if (v !== null && v !== undefined) expectTensor(op, v, name); return;
    case "N": if (!(v instanceof Tensor) && typeof v !== "number") bad("a Tensor or a number"); return;
    case "T[]": return expectTensors(op, v, name);
    case "n[]": if (!isNumbers(v)) bad("an array of numbers"); return;
    case "d": case "D": if ((kind === "D" || v !== undefined) && typeof v !== "number" && !isNumbers(v)) bad("a number or an array of numbers"); return;
    case "s": if (typeof v !== "string") bad("a string"); return;
    default: return;
  }
}

/** `fn` behind the check of its arguments against `sig`. */
function guarded<F extends (...args: never[]) => unknown>(op: string, fn: F, sig: Signature): F {
  const parsed = sig.map((s) => s.split(":") as [string, Kind]);
  const g = (...args: unknown[]) => {
    parsed.forEach(([name, kind], i) => {
      if (kind === "...T") args.slice(i).forEach((v, j) => expectTensor(op, v, `${name}[${j}]`));
      else checkArg(op, name, kind, args[i]);
    });
    return (fn as unknown as (...a: unknown[]) => unknown)(...args);
  };
  Object.defineProperty(g, "name", { value: fn.name });
  return g as unknown as F;
}

function guardAll(): Ops {
  const out: Record<string, unknown> = {};
  for (const [op, sig] of Object.entries(SIGNATURES)) out[op] = guarded(op, raw[op as keyof Ops] as never, sig);
  return out as unknown as Ops;
}

/** The ops' names, for the test that every op of ./index.ts is exported here. */
export const CHECKED_OPS: readonly string[] = Object.keys(SIGNATURES);

export const {
  add, sub, mul, div, pow, maximum, minimum, neg, exp, log, sqrt, abs, sign, tanh, sigmoid, logSigmoid, relu, clamp,
  toDType, eq, ne, lt, le, gt, ge, logicalAnd, logicalOr, logicalNot, isnan, isinf, isfinite, reshape, flatten,
  squeeze, unsqueeze, permute, transpose, expand, clone, detach, sum, mean, sumTo, maxDim, minDim, maxAll, minAll,
  argmax, argmin, logsumexp, softmax, logSoftmax, cat, stack, slice, narrow, select, split, chunk, unbind, gather,
  indexSelect, embedding, where, maskedFill, matmul, linear, bmm, sort, argsort, topk, cumsum, cumprod, triu, tril,
  all, any, sin, cos, gelu, softplus, leakyRelu, elu, nanToNum, flip, roll, repeat, tile, variance, std, norm,
  scatter, scatterAdd, indexPut, einsum, diagonal,
} = guardAll();
export type { TensorLike, MomentOptions } from "./index.js";
