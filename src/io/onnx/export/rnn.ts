// Lowering of a recurrent stack (RNN, LSTM, GRU) as torch.onnx.export does it (symbolic_opset9
// `_generic_rnn`): batch-first input transposed to time-major, one ONNX RNN/LSTM/GRU node per
// layer with both directions in it, W/R/B in ONNX's gate order, the initial states sliced per
// layer and the final ones concatenated, Y (T, D, B, H) reshaped back to (T, B, D·H).
import { UnsupportedError } from "../../../errors.js";
import type { RNNBase } from "../../../nn/rnn/base.js";
import { GRU, RNN } from "../../../nn/rnn/layers.js";
import { PackedSequence } from "../../../nn/rnn/packing.js";
import type { Tensor } from "../../../tensor/tensor.js";
import { toOnnxGates } from "../gates.js";
import { attr } from "../proto.js";
import type { GraphBuilder, Sym } from "./graph.js";

/** A packed batch as ONNX sees it: padded time-major data (T, B, *) and int32 sequence_lens (B). */
export interface PackedValue {
  readonly data: string;
  readonly lengths: string;
  /** Dynamic dims of the padded data. */
  readonly syms: readonly Sym[];
}

const OP_TYPE = { RNN_TANH: "RNN", RNN_RELU: "RNN", LSTM: "LSTM", GRU: "GRU" } as const;

/**
 * Adds the nodes of `rnn` applied to `input` with initial states `hx` (null, h0, or [h0, c0]),
 * and binds the values of `result` — what the module's forward returned for the traced inputs.
 */
export function lowerRnn(
  g: GraphBuilder, packed: Map<PackedSequence, PackedValue>, path: string, rnn: RNNBase,
  input: Tensor | PackedSequence, hx: Tensor | readonly Tensor[] | null | undefined, result: readonly unknown[],
): void {
  const op = OP_TYPE[rnn.mode];
  const where = `exportOnnx (${path === "" ? "model" : path}: ${op})`;
  if (rnn.projSize > 0) throw new UnsupportedError(where, `projSize=${rnn.projSize}: ONNX's LSTM has no projection`, { actual: rnn.projSize });
  const D = rnn.bidirectional ? 2 : 1;
  const H = rnn.hiddenSize;
  let x: string;
  let seqLens = "";
  let xs: readonly Sym[]; // dynamic dims of the time-major input (T, B, I)
  if (input instanceof PackedSequence) {
    const p = packed.get(input);
    if (p === undefined) {
      throw new UnsupportedError(where, "a PackedSequence built inside forward cannot be traced; pass it as an example input (it becomes padded data and lengths)");
    }
    ({ data: x, lengths: seqLens, syms: xs } = p);
  } else {
    if (input.ndim !== 3) throw new UnsupportedError(where, `unbatched input (shape [${input.shape.join(",")}]) is not exported; give a batch of one`, { actual: input.shape });
    const s = g.symsOf(input);
    x = g.nameOf(input);
    xs = s;
    if (rnn.batchFirst) {
      x = g.node("Transpose", [x], 1, [attr.ints("perm", [1, 0, 2])])[0]!;
      xs = [s[1]!, s[0]!, s[2]!];
    }
  }
  const states = hx === null || hx === undefined ? [] : hx instanceof Array ? [...hx] : [hx as Tensor];
  const stateNames = states.map((t) => g.nameOf(t));

  const hNs: string[] = [];
  const cNs: string[] = [];
  for (let l = 0; l < rnn.numLayers; l++) {
    const dirs = Array.from({ length: D }, (_, d) => rnn.layerWeights(l, d));
    const prefix = `${path === "" ? "" : `${path}.`}`;
    const W = g.initializer(`${prefix}W_l${l}`, toOnnxGates(rnn.mode, dirs.map((w) => [w.wIh])));
    const R = g.initializer(`${prefix}R_l${l}`, toOnnxGates(rnn.mode, dirs.map((w) => [w.wHh])));
    const B = rnn.bias ? g.initializer(`${prefix}B_l${l}`, toOnnxGates(rnn.mode, dirs.map((w) => [w.bIh!, w.bHh!]))) : "";
    // Layer l's initial states are rows l·D … l·D+D−1 of the stacked (D·L, B, *) states.
    const initial = stateNames.map((s) => g.node("Slice", [s, g.int64([l * D]), g.int64([l * D + D]), g.int64([0])])[0]!);
    const attrs = [attr.int("hidden_size", H), attr.string("direction", D === 2 ? "bidirectional" : "forward")];
    if (rnn instanceof RNN) attrs.push(attr.strings("activations", Array<string>(D).fill(rnn.nonlinearity === "tanh" ? "Tanh" : "Relu")));
    if (rnn instanceof GRU) attrs.push(attr.int("linear_before_reset", rnn.linearBeforeReset ? 1 : 0));
    const outs = g.node(op, [x, W, R, B, seqLens, initial[0] ?? "", initial[1] ?? ""], rnn.mode === "LSTM" ? 3 : 2, attrs);
    hNs.push(outs[1]!);
    if (outs[2] !== undefined) cNs.push(outs[2]);
    // Y (T, D, B, H) → (T, B, D·H): the next layer's input or the stack's output.
    x = D === 2
      ? g.node("Reshape", [g.node("Transpose", [outs[0]!], 1, [attr.ints("perm", [0, 2, 1, 3])])[0]!, g.int64([0, 0, -1])])[0]!
      : g.node("Squeeze", [outs[0]!, g.int64([1])])[0]!;
  }
  const joined = (names: string[]) => (names.length === 1 ? names[0]! : g.node("Concat", names, 1, [attr.int("axis", 0)])[0]!);
  const stateSyms: Sym[] = [null, xs[1]!, null];

  const [output, finals] = result as [Tensor | PackedSequence, Tensor | readonly Tensor[]];
  const finalTensors = finals instanceof Array ? finals : [finals as Tensor];
  g.bind(finalTensors[0]!, joined(hNs), stateSyms);
  if (finalTensors[1] !== undefined) g.bind(finalTensors[1], joined(cNs), stateSyms);
  const ys: Sym[] = [xs[0]!, xs[1]!, null];
  if (output instanceof PackedSequence) {
    packed.set(output, { data: x, lengths: seqLens, syms: ys });
  } else if (rnn.batchFirst) {
    g.bind(output, g.node("Transpose", [x], 1, [attr.ints("perm", [1, 0, 2])])[0]!, [ys[1]!, ys[0]!, null]);
  } else {
    g.bind(output, x, ys);
  }
}
