// ONNX's elementwise, product, normalisation and constant ops as rnnkit ops (differentiable
// where rnnkit's are), each prepared once per node: attributes checked at load.
import { abs, add, div, exp, log, maximum, minimum, mul, neg, pow, relu, sigmoid, sign, sqrt, sub, tanh, clamp, toDType } from "../../../autograd/ops/index.js";
import { logSoftmax, softmax, matmul, transpose, reshape, sum, where, clone } from "../../../autograd/ops/index.js";
import { eq, lt, le, gt, ge, logicalAnd, logicalOr, logicalNot, isnan } from "../../../autograd/ops/index.js";
import { isFloating, type DType } from "../../../tensor/dtype.js";
import { fromData, type Tensor } from "../../../tensor/tensor.js";
import { full } from "../../../tensor/create.js";
import { dtypeOf } from "../proto.js";
import { intsOf, type Prepare } from "./node.js";

const unary = (f: (x: Tensor) => Tensor): Prepare => (node) => {
  node.only();
  return (ins) => [f(node.input(ins, 0))];
};

/** x's values truncated toward zero, as `dtype` (ONNX's float → int conversions). */
function truncated(x: Tensor, dtype: DType): Tensor {
  return toDType(fromData(Float64Array.from(x.data, (v) => Math.trunc(v)), x.shape, "float64"), dtype);
}

/** Integer division truncates in ONNX (rnnkit's div gives floats). */
const intDiv = (a: Tensor, b: Tensor): Tensor => truncated(div(a, b), a.dtype);

const binary = (f: (a: Tensor, b: Tensor) => Tensor, ints?: (a: Tensor, b: Tensor) => Tensor): Prepare => (node) => {
  node.only();
  return (ins) => {
    const a = node.input(ins, 0);
    const b = node.input(ins, 1);
    if (a.dtype !== b.dtype) node.invalid(`inputs must have one element type (got ${a.dtype} and ${b.dtype})`, { actual: [a.dtype, b.dtype] });
    return [ints !== undefined && !isFloating(a.dtype) ? ints(a, b) : f(a, b)];
  };
};

/** Max and Min take one or more inputs. */
const variadic = (f: (a: Tensor, b: Tensor) => Tensor): Prepare => (node) => {
  node.only();
  return (ins) => [ins.map((t, k) => t ?? node.input(ins, k)).reduce((a, b) => f(a, b))];
};

const gemm: Prepare = (node) => {
  node.only("alpha", "beta", "transA", "transB");
  const alpha = node.float("alpha", 1);
  const beta = node.float("beta", 1);
  const tA = node.int("transA", 0) === 1;
  const tB = node.int("transB", 0) === 1;
  return (ins) => {
    const a = node.input(ins, 0);
    const b = node.input(ins, 1);
    let y = matmul(tA ? transpose(a, 0, 1) : a, tB ? transpose(b, 0, 1) : b);
    if (alpha !== 1) y = mul(y, alpha);
    const c = ins[2] ?? null;
    if (c !== null) y = add(y, beta === 1 ? c : mul(c, beta));
    return [y];
  };
};

/** Softmax and LogSoftmax: one axis from opset 13; before, the input is flattened to 2-D at `axis` (default 1). */
const softmaxLike = (f: (x: Tensor, dim: number) => Tensor): Prepare => (node) => {
  node.only("axis");
  const modern = node.opset >= 13;
  const axis = node.int("axis", modern ? -1 : 1);
  return (ins) => {
    const x = node.input(ins, 0);
    const a = axis < 0 ? axis + x.ndim : axis;
    if (modern) return [f(x, a)];
    const rows = x.shape.slice(0, a).reduce((p, d) => p * d, 1);
    return [reshape(f(reshape(x, [rows, -1]), 1), x.shape)];
  };
};

const cast: Prepare = (node) => {
  if (node.opset < 6) node.unsupported(`Cast of opset ${node.opset} (the type as a string)`);
  node.only("to", "saturate");
  const to = node.int("to");
  const dtype = dtypeOf(to) ?? node.unsupported(`casting to ONNX element type ${to}`, to);
  return (ins) => {
    const x = node.input(ins, 0);
    // Float → int truncates toward zero, as ONNX (and C) do.
    if (isFloating(x.dtype) && !isFloating(dtype)) {
      if (dtype === "bool") return [toDType(x, "bool")];
      return [truncated(x, dtype)];
    }
    return [toDType(x, dtype)];
  };
};

/** Clip: bounds as inputs from opset 11, as attributes before; none at all is the identity. */
const clip: Prepare = (node) => {
  const modern = node.opset >= 11;
  if (modern) node.only();
  else node.only("min", "max");
  return (ins) => {
    const x = node.input(ins, 0);
    const bound = (t: Tensor | null | undefined) => (t === null || t === undefined ? null : t.data[0]!);
    const lo = modern ? bound(ins[1]) : node.attrs.has("min") ? node.float("min", 0) : null;
    const hi = modern ? bound(ins[2]) : node.attrs.has("max") ? node.float("max", 0) : null;
    return [lo === null && hi === null ? clone(x) : clamp(x, lo, hi)];
  };
};

/** Pow: the result has the base's type (an integer base gives truncated integers). */
const powOp: Prepare = (node) => {
  node.only();
  return (ins) => {
    const a = node.input(ins, 0);
    const y = pow(a, node.input(ins, 1));
    if (y.dtype === a.dtype) return [y];
    return [isFloating(a.dtype) ? toDType(y, a.dtype) : truncated(y, a.dtype)];
  };
};

const reduceSum: Prepare = (node) => {
  node.only("keepdims", "noop_with_empty_axes", ...(node.opset < 13 ? ["axes"] : []));
  const keep = node.int("keepdims", 1) === 1;
  const noop = node.int("noop_with_empty_axes", 0) === 1;
  return (ins) => {
    const x = node.input(ins, 0);
    const given = node.opset < 13 ? node.ints("axes") : ins[1] === null || ins[1] === undefined ? null : intsOf(ins[1]);
    if (given === null || given.length === 0) return [noop ? x : keep ? reshape(sum(x), x.shape.map(() => 1)) : sum(x)];
    return [sum(x, given.map((a) => (a < 0 ? a + x.ndim : a)), keep)];
  };
};

/** Constant: a tensor from one of the value attributes. */
const constant: Prepare = (node) => {
  node.only("value", "value_float", "value_floats", "value_int", "value_ints");
  const [name, v] = [...node.attrs][0] ?? node.invalid("needs a value attribute");
  let t: Tensor;
  if (name === "value") t = v as Tensor;
  else if (name === "value_float") t = fromData(Float32Array.of(v as number), [], "float32");
  else if (name === "value_floats") t = fromData(Float32Array.from(v as number[]), [(v as number[]).length], "float32");
  else if (name === "value_int") t = fromData(Float64Array.of(v as number), [], "int64");
  else t = fromData(Float64Array.from(v as number[]), [(v as number[]).length], "int64");
  return () => [t];
};

const constantOfShape: Prepare = (node) => {
  node.only("value");
  const value = node.attrs.get("value") as Tensor | undefined;
  const dtype: DType = value?.dtype ?? "float32";
  const fill = value === undefined ? 0 : value.data[0]!;
  return (ins) => [full(intsOf(node.input(ins, 0)), fill, { dtype })];
};

const whereOp: Prepare = (node) => {
  node.only();
  return (ins) => [where(node.input(ins, 0), node.input(ins, 1), node.input(ins, 2))];
};

/** softplus(x) = log(1 + eˣ), as relu(x) + log(1 + e^−|x|) so that large |x| stays finite. */
const softplus = (x: Tensor): Tensor => add(relu(x), log(add(exp(neg(abs(x))), 1)));

const leakyRelu: Prepare = (node) => {
  node.only("alpha");
  const alpha = node.float("alpha", 0.01);
  return (ins) => {
    const x = node.input(ins, 0);
    return [where(gt(x, 0), x, mul(x, alpha))];
  };
};

/** Dropout at inference: the identity (training_mode must be absent or false); the optional mask is all true. */
const dropout: Prepare = (node) => {
  node.only("seed", ...(node.opset < 12 ? ["ratio"] : []));
  return (ins) => {
    const x = node.input(ins, 0);
    const training = ins[2];
    if (training !== null && training !== undefined && training.data[0] !== 0) node.unsupported("training_mode = true (rnnkit runs ONNX graphs for inference and training through autograd, not dropout masks)");
    return [clone(x), full(x.shape, true, { dtype: "bool" })];
  };
};

const flatten: Prepare = (node) => {
  node.only("axis");
  const a0 = node.int("axis", 1);
  return (ins) => {
    const x = node.input(ins, 0);
    const a = a0 < 0 ? a0 + x.ndim : a0;
    const rows = x.shape.slice(0, a).reduce((p, d) => p * d, 1);
    return [reshape(x, [rows, x.shape.slice(a).reduce((p, d) => p * d, 1)])];
  };
};

const isInf: Prepare = (node) => {
  node.only("detect_negative", "detect_positive");
  const neg = node.int("detect_negative", 1) === 1;
  const pos = node.int("detect_positive", 1) === 1;
  return (ins) => {
    const x = node.input(ins, 0);
    const up = eq(x, Infinity);
    const down = eq(x, -Infinity);
    return [pos && neg ? logicalOr(up, down) : pos ? up : neg ? down : full(x.shape, false, { dtype: "bool" })];
  };
};

export const MATH_OPS: Readonly<Record<string, Prepare>> = {
  Equal: binary(eq),
  Less: binary(lt),
  LessOrEqual: binary(le),
  Greater: binary(gt),
  GreaterOrEqual: binary(ge),
  And: binary(logicalAnd),
  Or: binary(logicalOr),
  Not: unary(logicalNot),
  IsNaN: unary(isnan),
  IsInf: isInf,
  Softplus: unary(softplus),
  LeakyRelu: leakyRelu,
  Dropout: dropout,
  Flatten: flatten,
  Add: binary(add),
  Sub: binary(sub),
  Mul: binary(mul),
  Div: binary(div, intDiv),
  Pow: powOp,
  Max: variadic(maximum),
  Min: variadic(minimum),
  Neg: unary(neg),
  Exp: unary(exp),
  Log: unary(log),
  Sqrt: unary(sqrt),
  Abs: unary(abs),
  Sign: unary(sign),
  Tanh: unary(tanh),
  Sigmoid: unary(sigmoid),
  Relu: unary(relu),
  Identity: unary((x) => clone(x)),
  Where: whereOp,
  Clip: clip,
  Cast: cast,
  Gemm: gemm,
  MatMul: binary(matmul),
  Softmax: softmaxLike(softmax),
  LogSoftmax: softmaxLike(logSoftmax),
  ReduceSum: reduceSum,
  Constant: constant,
  ConstantOfShape: constantOfShape,
};
