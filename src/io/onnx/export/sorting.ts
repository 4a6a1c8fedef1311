// Lowerings of sort and topk to ONNX's TopK, only where its order is rnnkit's (and torch's):
// TopK breaks ties by the lower index, which is a stable sort — torch.sort(stable=True), and
// std::sort's order for lines of up to 16 elements; topk's own order (nth_element, partial
// sort) is index order only for lines of up to 3. Elsewhere export refuses, naming the fix.
import { UnsupportedError } from "../../../errors.js";
import type { TracedOp } from "../../../autograd/trace.js";
import { isFloating } from "../../../tensor/dtype.js";
import type { Tensor } from "../../../tensor/tensor.js";
import { attr, ONNX_TYPE } from "../proto.js";
import type { GraphBuilder } from "./graph.js";
import { scalar, type Lower } from "./lower.js";

/** std::sort (introsort) leaves lines of up to 16 elements to insertion sort, which is stable. */
const STD_SORT_STABLE_UP_TO = 16;
/** nth_element (introselect) leaves lines of up to 3 elements to insertion sort. */
const NTH_ELEMENT_STABLE_UP_TO = 3;

function refuse(t: TracedOp, size: number, why: string, fix: string): never {
  throw new UnsupportedError("exportOnnx", `${t.op.name} along a dim of size ${size}: ${why}, which ONNX's TopK (ties by lower index) would not reproduce; ${fix}`, {
    expected: `a dim of size <= ${t.op.name === "SortBackward0" ? STD_SORT_STABLE_UP_TO : NTH_ELEMENT_STABLE_UP_TO}`, actual: size,
  });
}

/** TopK's k input: `k`, or the dim's runtime size (a full sort of a dynamic dim). */
function kInput(g: GraphBuilder, x: Tensor, dim: number, k: number | null): string {
  if (k !== null) return g.int64([k]);
  return g.node("Gather", [g.node("Shape", [g.nameOf(x)])[0]!, g.int64([dim])], 1, [attr.int("axis", 0)])[0]!;
}

/** A stable TopK of `value` along `axis`: [values, indices]. */
function topK(g: GraphBuilder, value: string, k: string, axis: number, largest: boolean): [string, string] {
  const [v, i] = g.node("TopK", [value, k], 2, [attr.int("axis", axis), attr.int("largest", largest ? 1 : 0), attr.int("sorted", 1)]);
  return [v!, i!];
}

/**
 * [values, indices] of x's first k along `dim` in the order of a stable sort with NaN above every
 * number. For floats two stable passes: by "is NaN" first, then by the value with NaN as +∞ — so
 * NaN and +∞ tie in the second pass and keep the first pass's order (NaN first when largest).
 */
function stableTopK(g: GraphBuilder, x: Tensor, dim: number, k: number | null, largest: boolean): [string, string] {
  const xn = g.nameOf(x);
  if (!isFloating(x.dtype)) return topK(g, xn, kInput(g, x, dim, k), dim, largest);
  const all = kInput(g, x, dim, null);
  const nan = g.node("IsNaN", [xn])[0]!;
  const [, first] = topK(g, g.node("Cast", [nan], 1, [attr.int("to", ONNX_TYPE.float32)])[0]!, all, dim, largest);
  const moved = g.node("GatherElements", [xn, first], 1, [attr.int("axis", dim)])[0]!;
  const inf = g.initializer("const_inf", scalar(Infinity, x.dtype));
  const key = g.node("Where", [g.node("IsNaN", [moved])[0]!, inf, moved])[0]!;
  const [, second] = topK(g, key, kInput(g, x, dim, k), dim, largest);
  const index = g.node("GatherElements", [first, second], 1, [attr.int("axis", dim)])[0]!;
  return [g.node("GatherElements", [xn, index], 1, [attr.int("axis", dim)])[0]!, index];
}

const sort: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const { dim, descending, stable } = t.params as { dim: number; descending: boolean; stable: boolean };
  if (x.ndim === 0) throw new UnsupportedError("exportOnnx", `${t.op.name} of a 0-d tensor: ONNX's TopK needs a dim`, { actual: x.shape });
  const size = x.shape[dim]!;
  if (!stable && (size > STD_SORT_STABLE_UP_TO || g.symsOf(x)[dim] !== null)) {
    refuse(t, size, "without stable, equal elements come out in std::sort's order", "sort with stable: true (the same values; equal ones in input order)");
  }
  const [v, i] = stableTopK(g, x, dim, null, descending);
  t.outputs.forEach((o, k) => g.bind(o, [v, i][k]!, g.symsOf(x)));
};

const topk: Lower = (g, t) => {
  const x = t.inputs[0]!;
  const { k, dim, largest } = t.params as { k: number; dim: number; largest: boolean };
  if (x.ndim === 0) throw new UnsupportedError("exportOnnx", `${t.op.name} of a 0-d tensor: ONNX's TopK needs a dim`, { actual: x.shape });
  const size = x.shape[dim]!;
  if (size > NTH_ELEMENT_STABLE_UP_TO || g.symsOf(x)[dim] !== null) {
    refuse(t, size, "topk orders and picks equal elements as torch's nth_element and partial sort do", "use sort(x, dim, largest, true) and narrow it to k (it exports)");
  }
  const [v, i] = stableTopK(g, x, dim, k, largest);
  const syms = g.symsOf(x).map((s, d) => (d === dim ? null : s));
  t.outputs.forEach((o, n) => g.bind(o, [v, i][n]!, syms));
};

export const SORTING: Readonly<Record<string, Lower>> = { SortBackward0: sort, TopkBackward0: topk };
