// einsum over any equation, by rewriting it into ops that have gradients: repeated labels of an
// operand become diagonals, labels used nowhere else are summed out, operands are contracted in
// pairs by one batched matrix product each (permute → reshape → bmm → reshape), and the result is
// permuted into the output's order. Also `diagonal`, which the rewriting needs.
import { ShapeError, ValueError, fmtShape } from "../../errors.js";
import { stridesOf, wrapDim } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run } from "../op.js";
import { stridedRecord } from "./helpers.js";
import { bmm } from "./matmul.js";
import { sum } from "./reduce.js";
import { expand, permute, reshape } from "./view.js";

interface DiagonalParams { readonly offset: number; readonly dim1: number; readonly dim2: number }

/** The output shape and the strided walk of the input that reads the diagonal. */
function diagonalGeometry(shape: readonly number[], { offset, dim1, dim2 }: DiagonalParams) {
  const strides = stridesOf(shape);
  const length = Math.max(0, offset >= 0 ? Math.min(shape[dim1]!, shape[dim2]! - offset) : Math.min(shape[dim1]! + offset, shape[dim2]!));
  const keep = shape.map((_, i) => i).filter((i) => i !== dim1 && i !== dim2);
  const start = length === 0 ? 0 : offset >= 0 ? offset * strides[dim2]! : -offset * strides[dim1]!;
  return {
    outShape: [...keep.map((i) => shape[i]!), length],
    strides: [...keep.map((i) => strides[i]!), strides[dim1]! + strides[dim2]!],
    offset: start,
  };
}

const DIAGONAL = stridedRecord("DiagonalBackward0", diagonalGeometry);

/**
 * The diagonal of x over dims dim1 and dim2 (offset > 0 above the main diagonal, < 0 below), as
 * `torch.diagonal`: those dims removed and the diagonal appended as the last dimension.
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const d1 = wrapDim("diagonal", dim1, x.ndim);
  const d2 = wrapDim("diagonal", dim2, x.ndim);
  if (d1 === d2) throw new ShapeError("diagonal", `dim1 and dim2 cannot be the same dimension (got ${dim1} and ${dim2})`, { actual: [dim1, dim2] });
  return run(DIAGONAL, [x], { offset, dim1: d1, dim2: d2 });
}

/** An operand with one label per dimension. */
interface Term { t: Tensor; labels: string[] }

function parse(equation: string, operands: readonly Tensor[]): { terms: Term[]; output: string[] } {
  const eq = equation.replace(/\s+/g, "");
  const [lhs, rhs] = eq.split("->") as [string, string | undefined];
  const inputs = lhs.split(",");
  if (inputs.length !== operands.length) {
    throw new ValueError("einsum", `the equation has ${inputs.length} operands but ${operands.length} tensors were given ('${equation}')`, {
      expected: inputs.length, actual: operands.length,
    });
  }
  const bad = /[^a-zA-Z.]/.exec(eq.replace("->", "").replace(/,/g, ""));
  if (bad !== null) throw new ValueError("einsum", `invalid character '${bad[0]}' in equation '${equation}'`, { actual: bad[0] });
  const ellipsis = Math.max(0, ...inputs.map((s, i) => (s.includes("...") ? operands[i]!.ndim - s.replace("...", "").length : 0)));
  const spread = (s: string, rank: number): string[] => {
    const parts = s.split("...");
    if (parts.length > 2) throw new ValueError("einsum", `more than one ellipsis in '${s}'`, { actual: s });
    if (parts.length === 1) return [...s];
    return [...parts[0]!, ...Array.from({ length: rank }, (_, k) => `…${ellipsis - rank + k}`), ...parts[1]!];
  };
  const terms = inputs.map((s, i) => {
    const t = operands[i]!;
    const rank = s.includes("...") ? t.ndim - s.replace("...", "").length : 0;
    const labels = spread(s, rank);
    if (rank < 0 || labels.length !== t.ndim) {
      throw new ShapeError("einsum", `operand ${i} has ${t.ndim} dimensions (shape ${fmtShape(t.shape)}) but its subscripts '${s}' name ${labels.length}`, {
        expected: labels.length, actual: t.ndim,
      });
    }
    return { t, labels };
  });
  const all = terms.flatMap((term) => term.labels);
  let output: string[];
  if (rhs === undefined) {
    const dots = Array.from({ length: ellipsis }, (_, k) => `…${k}`);
    output = [...dots, ...[...new Set(all)].filter((l) => !l.startsWith("…") && all.filter((m) => m === l).length === 1).sort()];
  } else {
    output = spread(rhs, ellipsis);
    for (const l of output) {
      if (!all.includes(l)) throw new ValueError("einsum", `output subscript '${l}' appears in no operand of '${equation}'`, { actual: l });
      if (output.filter((m) => m === l).length > 1) throw new ValueError("einsum", `output subscript '${l}' appears more than once in '${equation}'`, { actual: l });
    }
  }
  return { terms, output };
}

/** Each label's size: equal in every operand, or 1 there (broadcast). */
function labelSizes(terms: readonly Term[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const { t, labels } of terms) {
    labels.forEach((l, d) => {
      const s = t.shape[d]!;
      const prev = sizes.get(l);
      if (prev !== undefined && prev !== s && prev !== 1 && s !== 1) {
        throw new ShapeError("einsum", `subscript '${l}' has size ${s} in one operand and ${prev} in another`, { expected: prev, actual: s });
      }
      sizes.set(l, prev === undefined || prev === 1 ? s : prev);
    });
  }
  return sizes;
}

/** Repeated labels → diagonals, broadcast dims expanded, labels needed nowhere else summed out. */
function prepare(term: Term, sizes: Map<string, number>, elsewhere: ReadonlySet<string>): Term {
  let { t, labels } = term;
  for (let d = 0; d < labels.length; d++) {
    const e = labels.indexOf(labels[d]!, d + 1);
    if (e >= 0) {
      const l = labels[d]!;
      t = diagonal(t, 0, d, e);
      labels = [...labels.filter((_, k) => k !== d && k !== e), l];
      d = -1;
    }
  }
  t = expand(t, labels.map((l) => sizes.get(l)!));
  const drop = labels.map((l, d) => (elsewhere.has(l) ? -1 : d)).filter((d) => d >= 0);
  if (drop.length > 0) {
    t = sum(t, drop);
    labels = labels.filter((_, d) => !drop.includes(d));
  }
  return { t, labels };
}

/** The contraction of two terms over their shared labels not in `keep`, by one bmm. */
function contract(a: Term, b: Term, keep: ReadonlySet<string>, sizes: Map<string, number>): Term {
  const shared = a.labels.filter((l) => b.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  const inner = shared.filter((l) => !keep.has(l));
  const aOnly = a.labels.filter((l) => !shared.includes(l));
  const bOnly = b.labels.filter((l) => !shared.includes(l));
  const size = (ls: string[]) => ls.reduce((n, l) => n * sizes.get(l)!, 1);
  const order = (term: Term, ls: string[]) => permute(term.t, ls.map((l) => term.labels.indexOf(l)));
  const a3 = reshape(order(a, [...batch, ...aOnly, ...inner]), [size(batch), size(aOnly), size(inner)]);
  const b3 = reshape(order(b, [...batch, ...inner, ...bOnly]), [size(batch), size(inner), size(bOnly)]);
  const labels = [...batch, ...aOnly, ...bOnly];
  return { t: reshape(bmm(a3, b3), labels.map((l) => sizes.get(l)!)), labels };
}

/**
 * Einstein summation, as `torch.einsum(equation, *operands)`: "ij,jk->ik" (matmul),
 * "bij,bjk->bik" (batched), "ij->ji", "i,j->ij" (outer), "ii->" (trace), "ii->i" (diagonal),
 * "ij->" (sum), "...ij,...jk->...ik" (ellipsis broadcast), any number of operands. Without
 * "->" the output is the labels that appear once, in alphabetical order. Floating operands.
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  const { terms, output } = parse(equation, operands);
  const sizes = labelSizes(terms);
  const out = new Set(output);
  const rest = (from: number) => new Set([...out, ...terms.slice(from).flatMap((term) => term.labels)]);
  const elsewhereOf = (i: number) => new Set([...out, ...terms.filter((_, k) => k !== i).flatMap((term) => term.labels)]);
  let cur = prepare(terms[0]!, sizes, elsewhereOf(0));
  for (let i = 1; i < terms.length; i++) cur = contract(cur, prepare(terms[i]!, sizes, elsewhereOf(i)), rest(i + 1), sizes);
  const extra = cur.labels.map((l, d) => (out.has(l) ? -1 : d)).filter((d) => d >= 0);
  if (extra.length > 0) cur = { t: sum(cur.t, extra), labels: cur.labels.filter((l) => out.has(l)) };
  return permute(cur.t, output.map((l) => cur.labels.indexOf(l)));
}
