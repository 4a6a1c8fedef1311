// ONNX's RNN, LSTM and GRU nodes on rnnkit's recurrent layer: each direction is one call of the
// fused kernel (or, for GRU with linear_before_reset = 0, the reference path), over rows packed
// by sequence_lens. W, R and B stay the graph's tensors; the PyTorch-order views of them are
// differentiable, so gradients reach the ONNX initializers.
import { rnnLayer, type RnnLayerWeights } from "../../../autograd/ops/rnn.js";
import { cat, indexSelect, narrow, permute, reshape, select, stack, transpose } from "../../../autograd/ops/index.js";
import type { RnnMode } from "../../../backend/kernels.js";
import { gruLayerResetFirst } from "../../../nn/rnn/reference.js";
import { zeros } from "../../../tensor/create.js";
import { fromData, type Tensor } from "../../../tensor/tensor.js";
import { torchOrderRows } from "../gates.js";
import { intsOf, type NodeInfo, type Prepare } from "./node.js";

const GATES = { RNN: 1, LSTM: 4, GRU: 3 } as const;
const DEFAULT_ACTIVATIONS = { RNN: ["tanh"], LSTM: ["sigmoid", "tanh", "tanh"], GRU: ["sigmoid", "tanh"] } as const;
const int64 = (v: readonly number[]) => fromData(Float64Array.from(v), [v.length], "int64");

/** The mode a node computes, from its op type and activations; anything but PyTorch's activations is refused. */
function modeOf(node: NodeInfo, D: number): RnnMode {
  const op = node.opType as keyof typeof GATES;
  const given = node.strings("activations")?.map((a) => a.toLowerCase());
  const per = DEFAULT_ACTIVATIONS[op];
  if (op === "RNN" && given !== undefined && given !== null) {
    if (given.length !== D || !given.every((a) => a === given[0]) || (given[0] !== "tanh" && given[0] !== "relu")) {
      node.unsupported(`activations [${given.join(", ")}] (rnnkit runs Tanh or Relu, the same in both directions)`, given);
    }
    return given[0] === "relu" ? "RNN_RELU" : "RNN_TANH";
  }
  if (given !== undefined && given !== null) {
    const expected = Array.from({ length: D }, () => per).flat();
    if (given.join() !== expected.join()) node.unsupported(`activations [${given.join(", ")}] (only the defaults [${expected.join(", ")}])`, given);
  }
  return op === "RNN" ? "RNN_TANH" : op;
}

export const prepareRecurrent: Prepare = (node) => {
  const op = node.opType as keyof typeof GATES;
  node.only("hidden_size", "direction", "layout", "activations", "activation_alpha", "activation_beta", "clip", "input_forget", "linear_before_reset");
  if (node.attrs.has("clip")) node.unsupported("attribute 'clip' (cell clipping)", node.attrs.get("clip"));
  if (node.attrs.has("activation_alpha") || node.attrs.has("activation_beta")) node.unsupported("attributes 'activation_alpha'/'activation_beta'");
  if (op === "LSTM" && node.int("input_forget", 0) !== 0) node.unsupported("attribute 'input_forget' = 1 (coupled input and forget gates)", 1);
  if (op === "LSTM" && (node.inputs[7] ?? "") !== "") node.unsupported("input P (peephole weights)", node.inputs[7]);
  if (op !== "LSTM" && node.attrs.has("input_forget")) node.unsupported("attribute 'input_forget'");
  if (op !== "GRU" && node.attrs.has("linear_before_reset")) node.unsupported("attribute 'linear_before_reset'");
  const direction = node.string("direction", "forward");
  if (!["forward", "reverse", "bidirectional"].includes(direction)) node.invalid(`direction '${direction}' (expected forward, reverse or bidirectional)`, { actual: direction });
  const D = direction === "bidirectional" ? 2 : 1;
  const layout = node.int("layout", 0);
  if (layout !== 0 && layout !== 1) node.invalid(`layout ${layout} (expected 0 or 1)`, { actual: layout });
  const H = node.int("hidden_size");
  const mode = modeOf(node, D);
  const G = GATES[op];
  const layer = op === "GRU" && node.int("linear_before_reset", 0) === 0 ? gruLayerResetFirst : rnnLayer;

  return (ins) => {
    const X = node.input(ins, 0);
    const W = node.input(ins, 1);
    const R = node.input(ins, 2);
    const Bias = ins[3] ?? null;
    if (X.ndim !== 3) node.invalid(`X must have 3 dims (got [${X.shape.join(",")}])`, { actual: X.shape });
    const x = layout === 1 ? transpose(X, 0, 1) : X; // (T, B, I)
    const [T, B, I] = x.shape as [number, number, number];
    const want = (name: string, t: Tensor | null, shape: number[]) => {
      if (t !== null && t.shape.join() !== shape.join()) node.invalid(`${name} must have shape [${shape.join(",")}] (got [${t.shape.join(",")}])`, { expected: shape, actual: t.shape });
    };
    want("W", W, [D, G * H, I]);
    want("R", R, [D, G * H, H]);
    want("B", Bias, [D, 2 * G * H]);
    const states = [ins[5] ?? null, op === "LSTM" ? ins[6] ?? null : null].map((s) => (s !== null && layout === 1 ? transpose(s, 0, 1) : s)); // (D, B, H)
    states.forEach((s, k) => want(k === 0 ? "initial_h" : "initial_c", s, [D, B, H]));

    // Sequences sorted longest first (stable), and the packed rows of each step.
    const lens = ins[4] === null || ins[4] === undefined ? Array<number>(B).fill(T) : intsOf(ins[4]);
    lens.forEach((n, b) => { if (!(n >= 1 && n <= T)) node.invalid(`sequence_lens[${b}] = ${n} must be in [1, ${T}]`, { expected: [1, T], actual: n }); });
    if (lens.length !== B) node.invalid(`sequence_lens must have ${B} values (got ${lens.length})`, { expected: B, actual: lens.length });
    const full = lens.every((n) => n === T);
    const order = [...lens.keys()].sort((a, b) => lens[b]! - lens[a]! || a - b);
    const batchSizes = Int32Array.from({ length: T }, (_, t) => lens.filter((n) => n > t).length);
    const rows: number[] = [];
    for (let t = 0; t < T; t++) for (let k = 0; k < batchSizes[t]!; k++) rows.push(t * B + order[k]!);
    const flat = reshape(x, [T * B, I]);
    const packed = full ? flat : indexSelect(flat, 0, int64(rows));
    // Where each padded (t, b) is in the packed rows; the padding reads an appended zero row.
    const where = new Array<number>(T * B).fill(rows.length);
    rows.forEach((r, k) => (where[r] = k));
    const sortIdx = int64(order);
    const unsortIdx = int64(order.map((_, b) => order.indexOf(b)));

    const ys: Tensor[] = [];
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const GH = G * H;
      const b = Bias === null ? null : select(Bias, 0, d);
      const w: RnnLayerWeights = {
        wIh: torchOrderRows(mode, select(W, 0, d)), wHh: torchOrderRows(mode, select(R, 0, d)),
        bIh: b === null ? null : torchOrderRows(mode, narrow(b, 0, 0, GH)), bHh: b === null ? null : torchOrderRows(mode, narrow(b, 0, GH, GH)),
        wHr: null,
      };
      const initial = states.map((s, k) => (k === 1 && op !== "LSTM" ? null : s === null ? zeros([B, H], { dtype: x.dtype }) : select(s, 0, d)));
      const sorted = initial.map((s) => (s === null || full ? s : indexSelect(s, 0, sortIdx)));
      const reverse = direction === "reverse" || d === 1;
      const [y, hN, cN] = layer({ mode, T, B, I, H, P: H, batchSizes, reverse }, packed, sorted[0]!, sorted[1] ?? null, w);
      ys.push(full ? reshape(y!, [T, B, H]) : reshape(indexSelect(cat([y!, zeros([1, H], { dtype: y!.dtype })], 0), 0, int64(where)), [T, B, H]));
      hs.push(full ? hN! : indexSelect(hN!, 0, unsortIdx));
      if (cN !== undefined) cs.push(full ? cN : indexSelect(cN, 0, unsortIdx));
    }
    const Y = stack(ys, 1); // (T, D, B, H)
    const finals = [stack(hs, 0), ...(cs.length > 0 ? [stack(cs, 0)] : [])]; // (D, B, H)
    if (layout === 1) return [permute(Y, [2, 0, 1, 3]), ...finals.map((f) => transpose(f, 0, 1))];
    return [Y, ...finals];
  };
};
