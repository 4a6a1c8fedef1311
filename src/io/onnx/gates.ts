// The gate reorderings between PyTorch's and ONNX's recurrent weights — the only place they are
// written. PyTorch stacks gate blocks as LSTM i,f,g,o and GRU r,z,n (nn/rnn/modes.ts); ONNX as
// LSTM i,o,f,c and GRU z,r,h. RNN has one block.
import { cat, chunk } from "../../autograd/ops/join.js";
import type { RnnMode } from "../../nn/rnn/modes.js";
import { fromData, type Tensor } from "../../tensor/tensor.js";

/** For each ONNX gate block, the PyTorch block it holds. */
const TORCH_BLOCK_OF_ONNX: Readonly<Record<RnnMode, readonly number[]>> = {
  RNN_TANH: [0],
  RNN_RELU: [0],
  LSTM: [0, 3, 1, 2], // ONNX i, o, f, c ← PyTorch i, f, g, o
  GRU: [1, 0, 2], // ONNX z, r, h ← PyTorch r, z, n
};

/** Moves the gate row blocks of `data` (G blocks of `block` values each) so that out block k = in block order[k]. */
function permuteBlocks(data: ArrayLike<number>, order: readonly number[], out: Float32Array | Float64Array, outOffset: number): void {
  const block = data.length / order.length;
  order.forEach((src, dst) => {
    for (let k = 0; k < block; k++) out[outOffset + dst * block + k] = data[src * block + k]!;
  });
}

/**
 * PyTorch-ordered weights (G·H, *) or biases (G·H) of every direction, reordered to ONNX's gate
 * order and stacked along a new leading axis: (D, G·H, *) — or, for `concatLast`, each
 * direction's tensors joined along their single axis first, as ONNX's B = [Wb, Rb] (D, 2·G·H).
 */
export function toOnnxGates(mode: RnnMode, perDirection: readonly (readonly Tensor[])[]): Tensor {
  const order = TORCH_BLOCK_OF_ONNX[mode];
  const first = perDirection[0]![0]!;
  const rowSize = perDirection[0]!.reduce((n, t) => n + t.numel(), 0);
  const out = first.dtype === "float64" ? new Float64Array(rowSize * perDirection.length) : new Float32Array(rowSize * perDirection.length);
  let o = 0;
  for (const parts of perDirection) {
    for (const t of parts) {
      permuteBlocks(t.data, order, out, o);
      o += t.numel();
    }
  }
  const inner = perDirection[0]!.length === 1 ? first.shape : [rowSize];
  return fromData(out, [perDirection.length, ...inner], first.dtype);
}

/**
 * The inverse, as differentiable ops: one direction's ONNX-ordered weights (G·H, *) or biases
 * (G·H) — a slice of W, R or a half of B — with the gate blocks in PyTorch's order, so that
 * gradients reach the ONNX tensor they came from.
 */
export function torchOrderRows(mode: RnnMode, rows: Tensor): Tensor {
  const order = TORCH_BLOCK_OF_ONNX[mode];
  if (order.length === 1) return rows;
  const blocks = chunk(rows, order.length, 0);
  const torch = new Array<Tensor>(order.length);
  order.forEach((src, dst) => (torch[src] = blocks[dst]!));
  return cat(torch, 0);
}
