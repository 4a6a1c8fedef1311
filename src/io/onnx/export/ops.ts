// Lowering of traced ops to ONNX nodes, one entry per op record (keyed by the record's name, as
// the trace reports it). Each entry binds the op's outputs to ONNX values and says which of
// their dims are dynamic; an op that cannot be lowered without pinning a dynamic axis throws.
import { UnsupportedError } from "../../../errors.js";
import type { TracedOp } from "../../../autograd/trace.js";
import type { DType } from "../../../tensor/dtype.js";
import { fromData, type Tensor } from "../../../tensor/tensor.js";
import { attr, ONNX_TYPE } from "../proto.js";
import type { GraphBuilder, Sym } from "./graph.js";
import { asType, broadcastSyms, elementwise, sameDims, scalar, type Lower } from "./lower.js";
import { ACTIVATIONS } from "./activations.js";
import { LINES } from "./lines.js";
import { SORTING } from "./sorting.js";

/** Refuses an op that fixes the size of a dynamic dim (a slice of it, a split, a reshape that must invent it). */
function pinned(op: string, t: TracedOp, what: string): never {
  throw new UnsupportedError("exportOnnx", `${t.op.name} (${op}) ${what}; export that axis as static (leave it out of dynamicAxes)`, {
    actual: t.inputs[0]?.shape,
  });
}

/** Whether a reshape only removes and inserts dims of size 1 (never a dynamic one). */
function onlyUnitDims(inShape: readonly number[], xs: readonly Sym[], outShape: readonly number[]): boolean {
  if (inShape.some((d, i) => d === 1 && xs[i] !== null)) return false;
  const a = inShape.filter((d) => d !== 1);
  const b = outShape.filter((d) => d !== 1);
  return a.length === b.length && a.every((d, i) => d === b[i]) && xs.some((s) => s !== null);
}

/** A reshape that only moves unit dims: Squeeze the input's, Unsqueeze the output's, so dynamic dims pass through. */
function unitReshape(g: GraphBuilder, x: Tensor, out: Tensor, xs: readonly Sym[]): void {
  const squeezed = x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  const inserted = out.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  let name = g.nameOf(x);
  if (squeezed.length > 0) name = g.node("Squeeze", [name, g.int64(squeezed)])[0]!;
  if (inserted.length > 0) name = g.node("Unsqueeze", [name, g.int64(inserted)])[0]!;
  const kept = xs.filter((_, i) => x.shape[i] !== 1);
  let k = 0;
  g.bind(out, name, out.shape.map((d) => (d === 1 ? null : kept[k++]!)));
}

/**
 * Reshape to the traced shape. With dynamic dims in the input: a reshape that only moves unit
 * dims becomes Squeeze/Unsqueeze; otherwise a dim equal to the input's dim at the same index
 * and dynamic there is copied (0), one remaining dim may absorb the dynamic rest (−1), and a
 * reshape that would pin a dynamic axis is refused.
 */
const reshape: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const out = t.outputs[0]!;
  const xs = g.symsOf(x);
  if (onlyUnitDims(x.shape, xs, out.shape)) return unitReshape(g, x, out, xs);
  const target: number[] = [...out.shape];
  const syms: Sym[] = out.shape.map(() => null);
  if (xs.some((s) => s !== null)) {
    const free: number[] = [];
    let copied = 0;
    out.shape.forEach((size, i) => {
      if (i < x.ndim && xs[i] !== null && x.shape[i] === size) {
        target[i] = 0;
        syms[i] = xs[i]!;
        copied++;
      } else if (!(i < x.ndim && xs[i] === null && x.shape[i] === size)) free.push(i);
    });
    const remaining = xs.filter((s) => s !== null).length - copied;
    if (remaining > 0) {
      if (free.length !== 1) pinned("Reshape", t, `reshapes [${x.shape.join(",")}] to [${out.shape.join(",")}] across a dynamic axis`);
      target[free[0]!] = -1;
      syms[free[0]!] = xs.filter((s, i) => s !== null && !(i < out.ndim && target[i] === 0)).join("*");
    }
  }
  const [name] = g.node("Reshape", [g.nameOf(x), g.int64(target)]);
  g.bind(out, name!, syms);
};

/** Unsqueeze/Squeeze records (views under their own names): the same rule as reshape. */
const squeezeLike: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const out = t.outputs[0]!;
  if (out.ndim === x.ndim) return g.bind(out, g.node("Identity", [g.nameOf(x)])[0]!, g.symsOf(x));
  reshape(g, t);
};

const permute: Lower = (g, t) => {
  const perm = t.params as readonly number[];
  const xs = g.symsOf(t.inputs[0]!);
  const [name] = g.node("Transpose", [g.nameOf(t.inputs[0]!)], 1, [attr.ints("perm", perm)]);
  g.bind(t.outputs[0]!, name!, perm.map((p) => xs[p]!));
};

const concat: Lower = (g, t) => {
  const axis = t.params as number;
  const out = t.outputs[0]!;
  const [name] = g.node("Concat", t.inputs.map((x) => g.nameOf(x)), 1, [attr.int("axis", axis)]);
  const syms = out.shape.map((_, i) => {
    const all = t.inputs.map((x) => g.symsOf(x)[i] ?? null);
    if (i === axis) return all.some((s) => s !== null) ? t.inputs.map((x, k) => all[k] ?? String(x.shape[i])).join("+") : null;
    return all.find((s) => s !== null) ?? null;
  });
  g.bind(out, name!, syms);
};

/** Cat and stack share a record name with reshapes recorded under those names (reshapeAs): the params tell them apart. */
const catOrReshape: Lower = (g, t) => (Array.isArray(t.params) ? reshape(g, t) : concat(g, t));

interface SliceParams { readonly dim: number; readonly start: number; readonly step: number; readonly length: number }

function sliceLower(drop: boolean): Lower {
  return (g, t) => {
    const p = t.params as SliceParams;
    const x = t.inputs[0]!;
    const xs = g.symsOf(x);
    const out = t.outputs[0]!;
    const whole = p.start === 0 && p.step === 1 && p.length === x.shape[p.dim];
    if (xs[p.dim] !== null && !(whole && !drop)) pinned(drop ? "Gather" : "Slice", t, `indexes dynamic axis ${p.dim}`);
    let name: string;
    if (drop) {
      const index = g.initializer("const_index", fromData(Float64Array.of(p.start), [], "int64"));
      name = g.node("Gather", [g.nameOf(x), index], 1, [attr.int("axis", p.dim)])[0]!;
    } else {
      const end = p.start + (p.length - 1) * p.step + 1;
      name = g.node("Slice", [g.nameOf(x), g.int64([p.start]), g.int64([p.length === 0 ? p.start : end]), g.int64([p.dim]), g.int64([p.step])])[0]!;
    }
    g.bind(out, name, drop ? xs.filter((_, i) => i !== p.dim) : xs);
  };
}

const split: Lower = (g, t) => {
  const { dim, sizes } = t.params as { dim: number; sizes: readonly number[] };
  const x = t.inputs[0]!;
  const xs = g.symsOf(x);
  if (xs[dim] !== null) pinned("Split", t, `splits dynamic axis ${dim}`);
  const names = g.node("Split", [g.nameOf(x), g.int64(sizes)], sizes.length, [attr.int("axis", dim)]);
  t.outputs.forEach((o, k) => g.bind(o, names[k]!, xs));
};

/** Expand: 1 where the input's dim is dynamic (ONNX's Expand broadcasts both ways, so the input's size wins). */
const expand: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const out = t.outputs[0]!;
  const xs = g.symsOf(x);
  const lead = out.ndim - x.ndim;
  const target = out.shape.map((s, i) => (i >= lead && xs[i - lead] !== null ? 1 : s));
  const [name] = g.node("Expand", [g.nameOf(x), g.int64(target)]);
  g.bind(out, name!, out.shape.map((_, i) => (i >= lead ? xs[i - lead]! : null)));
};

/** x (N, in) · Wᵀ (+ b): Gemm; the 3-D batched products of matmul: MatMul. */
const product: Lower = (g, t) => {
  const [x, w, b] = t.inputs as [Tensor, Tensor, Tensor | undefined];
  const out = t.outputs[0]!;
  const xs = g.symsOf(x);
  if (x.ndim === 2) {
    const ins = [g.nameOf(x), g.nameOf(w), ...(b === undefined ? [] : [g.nameOf(b)])];
    const [name] = g.node("Gemm", ins, 1, [attr.int("transB", 1)]);
    return g.bind(out, name!, [xs[0]!, g.symsOf(w)[0]!]);
  }
  const [name] = g.node("MatMul", [g.nameOf(x), g.nameOf(w)]);
  g.bind(out, name!, [xs[0]!, xs[1]!, g.symsOf(w)[2]!]);
};

const gatherRows = (axisOf: (t: TracedOp) => number): Lower => (g, t) => {
  const [data, index] = t.inputs as [Tensor, Tensor];
  const axis = axisOf(t);
  const [name] = g.node("Gather", [g.nameOf(data), g.nameOf(index)], 1, [attr.int("axis", axis)]);
  const ds = g.symsOf(data);
  g.bind(t.outputs[0]!, name!, [...ds.slice(0, axis), ...g.symsOf(index), ...ds.slice(axis + 1)]);
};

const reduceSum: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const { dims, keepdim } = t.params as { dims: readonly number[]; keepdim: boolean };
  const [name] = g.node("ReduceSum", [g.nameOf(x), g.int64(dims)], 1, [attr.int("keepdims", keepdim ? 1 : 0)]);
  const xs = g.symsOf(x);
  g.bind(t.outputs[0]!, name!, keepdim ? xs.map((s, i) => (dims.includes(i) ? null : s)) : xs.filter((_, i) => !dims.includes(i)));
};

const clamp: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const { min, max } = t.params as { min: number | null; max: number | null };
  const bound = (v: number | null) => (v === null || !Number.isFinite(v) ? "" : g.initializer("const_clip", scalar(v, x.dtype)));
  sameDims(g, t, "Clip", [g.nameOf(x), bound(min), bound(max)]);
};

const maskedFill: Lower = (g, t) => {
  const [x, mask] = t.inputs as [Tensor, Tensor];
  const value = g.initializer("const_fill", scalar(t.params as number, x.dtype));
  const [name] = g.node("Where", [g.nameOf(mask), value, g.nameOf(x)]);
  g.bind(t.outputs[0]!, name!, broadcastSyms(g, [x, mask], t.outputs[0]!));
};

const where: Lower = (g, t) => {
  const out = t.outputs[0]!;
  const [c, a, b] = t.inputs as [Tensor, Tensor, Tensor];
  const [name] = g.node("Where", [g.nameOf(c), asType(g, a, out.dtype), asType(g, b, out.dtype)]);
  g.bind(out, name!, broadcastSyms(g, t.inputs, out));
};

const softmaxLike = (opType: string): Lower => (g, t) => sameDims(g, t, opType, [g.nameOf(t.inputs[0]!)], [attr.int("axis", t.params as number)]);

/** A comparison or logical op: ONNX wants one operand type, so mixed operands meet in float64. */
function comparison(opType: string, negate = false): Lower {
  return (g, { inputs, outputs }) => {
    const [a, b] = inputs as [Tensor, Tensor];
    const common: DType = a.dtype === b.dtype ? a.dtype : "float64";
    let [name] = g.node(opType, [asType(g, a, common), asType(g, b, common)]);
    if (negate) [name] = g.node("Not", [name!]);
    g.bind(outputs[0]!, name!, broadcastSyms(g, inputs, outputs[0]!));
  };
}

/** isfinite(x) = not(isnan(x) or isinf(x)). */
const isFinite: Lower = (g, t) => {
  const x = g.nameOf(t.inputs[0]!);
  sameDims(g, t, "Not", [g.node("Or", [g.node("IsNaN", [x])[0]!, g.node("IsInf", [x])[0]!])[0]!]);
};

/** Every op record export knows, by the name the trace reports. */
export const LOWERINGS: Readonly<Record<string, Lower>> = {
  AddBackward0: elementwise("Add"),
  SubBackward0: elementwise("Sub"),
  MulBackward0: elementwise("Mul"),
  DivBackward0: elementwise("Div"),
  PowBackward1: elementwise("Pow"),
  PowBackward0: (g, t) => sameDims(g, t, "Pow", [g.nameOf(t.inputs[0]!), g.initializer("const_exponent", scalar(t.params as number, t.inputs[0]!.dtype))]),
  MaximumBackward0: elementwise("Max"),
  MinimumBackward0: elementwise("Min"),
  NegBackward0: elementwise("Neg"),
  ExpBackward0: elementwise("Exp"),
  LogBackward0: elementwise("Log"),
  SqrtBackward0: elementwise("Sqrt"),
  AbsBackward0: elementwise("Abs"),
  SignBackward0: elementwise("Sign"),
  TanhBackward0: elementwise("Tanh"),
  SigmoidBackward0: elementwise("Sigmoid"),
  ReluBackward0: elementwise("Relu"),
  CloneBackward0: elementwise("Identity"),
  ...ACTIVATIONS,
  ...LINES,
  ...SORTING,
  eq: comparison("Equal"),
  ne: comparison("Equal", true),
  lt: comparison("Less"),
  le: comparison("LessOrEqual"),
  gt: comparison("Greater"),
  ge: comparison("GreaterOrEqual"),
  logicalAnd: elementwise("And"), // operands cast to bool (the output's type): x ≠ 0
  logicalOr: elementwise("Or"),
  logicalNot: elementwise("Not"),
  isnan: (g, t) => sameDims(g, t, "IsNaN", [g.nameOf(t.inputs[0]!)]),
  isinf: (g, t) => sameDims(g, t, "IsInf", [g.nameOf(t.inputs[0]!)]),
  isfinite: isFinite,
  WhereBackward0: where,
  MaskedFillBackward0: maskedFill,
  ClampBackward1: clamp,
  ToCopyBackward0: (g, t) => sameDims(g, t, "Cast", [g.nameOf(t.inputs[0]!)], [attr.int("to", ONNX_TYPE[t.params as DType])]),
  SoftmaxBackward0: softmaxLike("Softmax"),
  LogSoftmaxBackward0: softmaxLike("LogSoftmax"),
  ViewBackward0: reshape,
  UnsqueezeBackward0: squeezeLike,
  SqueezeBackward0: squeezeLike,
  SqueezeBackward1: squeezeLike,
  StackBackward0: catOrReshape,
  CatBackward0: catOrReshape,
  PermuteBackward0: permute,
  TransposeBackward0: permute,
  ExpandBackward0: expand,
  SliceBackward0: sliceLower(false),
  SelectBackward0: sliceLower(true),
  SplitWithSizesBackward0: split,
  AddmmBackward0: product,
  MmBackward0: product,
  BmmBackward0: product,
  SumBackward0: (g, t) => {
    const [name] = g.node("ReduceSum", [g.nameOf(t.inputs[0]!)], 1, [attr.int("keepdims", 0)]);
    g.bind(t.outputs[0]!, name!, []);
  },
  SumBackward1: reduceSum,
  EmbeddingBackward0: (g, t) => {
    // embedding(weight, indices): rows of the table, like Gather(weight, indices, axis 0).
    const [weight, indices] = t.inputs as [Tensor, Tensor];
    const [name] = g.node("Gather", [g.nameOf(weight), g.nameOf(indices)], 1, [attr.int("axis", 0)]);
    g.bind(t.outputs[0]!, name!, [...g.symsOf(indices), null]);
  },
  IndexSelectBackward0: gatherRows((t) => t.params as number),
  GatherBackward0: (g, t) => {
    const [x, index] = t.inputs as [Tensor, Tensor];
    const [name] = g.node("GatherElements", [g.nameOf(x), g.nameOf(index)], 1, [attr.int("axis", t.params as number)]);
    g.bind(t.outputs[0]!, name!, g.symsOf(index));
  },
};
