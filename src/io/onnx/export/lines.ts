// Lowerings of the ops that work along one dim or on the last two: cumsum (CumSum), tril and
// triu (Trilu), and max/min along a dim with their indices, which argmax and argmin are
// (ArgMax/ArgMin and GatherElements, with rnnkit's and torch's rule for ties and NaN).
import { UnsupportedError } from "../../../errors.js";
import { isFloating } from "../../../tensor/dtype.js";
import { fromData } from "../../../tensor/tensor.js";
import { attr, ONNX_TYPE } from "../proto.js";
import type { GraphBuilder } from "./graph.js";
import { sameDims, type Lower } from "./lower.js";

/** A 0-d int64 constant (CumSum's axis, Trilu's k). */
const int64Scalar = (g: GraphBuilder, base: string, v: number) => g.initializer(base, fromData(Float64Array.of(v), [], "int64"));

/** out[…, j, …] = Σ_{i ≤ j} x[…, i, …] (or i ≥ j, the backward's reverse scan): CumSum, not exclusive. */
const cumsum: Lower = (g, t) => {
  const { dim, reverse } = t.params as { dim: number; reverse: boolean };
  sameDims(g, t, "CumSum", [g.nameOf(t.inputs[0]!), int64Scalar(g, "const_axis", dim)], [attr.int("exclusive", 0), attr.int("reverse", reverse ? 1 : 0)]);
};

/** tril (upper 0) and triu (upper 1) with k = diagonal: Trilu, opset 14. */
const triangle: Lower = (g, t) => {
  const { diagonal, upper } = t.params as { diagonal: number; upper: boolean };
  sameDims(g, t, "Trilu", [g.nameOf(t.inputs[0]!), int64Scalar(g, "const_k", diagonal)], [attr.int("upper", upper ? 1 : 0)]);
};

/**
 * [values, indices] of the max (min) along `dim`. The index is the first extreme (ArgMax/ArgMin
 * with select_last_index 0), unless the line holds a NaN: then it is the first NaN, as in rnnkit
 * and torch (ONNX leaves NaN to the runtime) — Where(any NaN, ArgMax(IsNaN(x)), ArgMax(x)).
 * The values are x at those indices (GatherElements), so they always agree with the indices.
 */
const extreme: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const { dim, keepdim, max } = t.params as { dim: number; keepdim: boolean; max: boolean };
  if (x.ndim === 0) throw new UnsupportedError("exportOnnx", `${t.op.name} of a 0-d tensor: ONNX's ArgMax needs a dim`, { actual: x.shape });
  const xn = g.nameOf(x);
  const along = [attr.int("axis", dim), attr.int("keepdims", 1), attr.int("select_last_index", 0)];
  let index = g.node(max ? "ArgMax" : "ArgMin", [xn], 1, along)[0]!;
  if (isFloating(x.dtype)) {
    const nan = g.node("Cast", [g.node("IsNaN", [xn])[0]!], 1, [attr.int("to", ONNX_TYPE.float32)])[0]!;
    const anyNan = g.node("Cast", [g.node("ReduceMax", [nan], 1, [attr.ints("axes", [dim]), attr.int("keepdims", 1)])[0]!], 1, [attr.int("to", ONNX_TYPE.bool)])[0]!;
    index = g.node("Where", [anyNan, g.node("ArgMax", [nan], 1, along)[0]!, index])[0]!;
  }
  let values = g.node("GatherElements", [xn, index], 1, [attr.int("axis", dim)])[0]!;
  const xs = g.symsOf(x);
  if (!keepdim) {
    const axes = g.int64([dim]);
    values = g.node("Squeeze", [values, axes])[0]!;
    index = g.node("Squeeze", [index, axes])[0]!;
  }
  const syms = keepdim ? xs.map((s, i) => (i === dim ? null : s)) : xs.filter((_, i) => i !== dim);
  g.bind(t.outputs[0]!, values, syms);
  g.bind(t.outputs[1]!, index, syms);
};

export const LINES: Readonly<Record<string, Lower>> = {
  CumsumBackward0: cumsum,
  TrilBackward0: triangle,
  TriuBackward0: triangle,
  MaxBackward0: extreme,
  MinBackward0: extreme,
};
