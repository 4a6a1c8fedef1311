// A readable recurrent layer built from ordinary ops, step by step. It is slow and records
// a graph node per op, but each line is an equation of the layer's documentation; the fused
// kernels are tested against it, values and gradients.
import { rowStarts, type RnnDims } from "../../backend/kernels.js";
import { add, mul, sub } from "../../autograd/ops/binary.js";
import { cat, chunk, narrow } from "../../autograd/ops/join.js";
import { linear } from "../../autograd/ops/matmul.js";
import { relu, sigmoid, tanh } from "../../autograd/ops/unary.js";
import type { RnnLayerWeights } from "../../autograd/ops/rnn.js";
import type { Tensor } from "../../tensor/tensor.js";

/** Same contract as the fused `rnnLayer`: x (N, I) packed rows → [y (N, P), hN (B, P), cN (B, H)?]. */
export function rnnLayerReference(dims: RnnDims, x: Tensor, h0: Tensor, c0: Tensor | null, w: RnnLayerWeights): Tensor[] {
  return referenceLayer(dims, x, h0, c0, w, true);
}

/**
 * A GRU layer with the reset gate applied before the hidden product (ONNX's
 * linear_before_reset = 0): n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn). No fused kernel
 * computes this form; this readable path is the implementation. Contract as `rnnLayer`.
 */
export function gruLayerResetFirst(dims: RnnDims, x: Tensor, h0: Tensor, c0: Tensor | null, w: RnnLayerWeights): Tensor[] {
  return referenceLayer(dims, x, h0, c0, w, false);
}

function referenceLayer(dims: RnnDims, x: Tensor, h0: Tensor, c0: Tensor | null, w: RnnLayerWeights, linearBeforeReset: boolean): Tensor[] {
  const { T, B, mode, batchSizes } = dims;
  const offsets = rowStarts(dims);
  let h = h0;
  let c = c0;
  const ys: Tensor[] = new Array<Tensor>(T);
  for (let s = 0; s < T; s++) {
    const t = dims.reverse ? T - 1 - s : s;
    const n = batchSizes[t]!;
    const xt = narrow(x, 0, offsets[t]!, n); // (n, I)
    const hp = narrow(h, 0, 0, n); // (n, P): rows n… belong to sequences not in this step
    const gi = linear(xt, w.wIh, w.bIh); // W_ih x + b_ih
    const gh = linear(hp, w.wHh, w.bHh); // W_hh h + b_hh
    let hNew: Tensor;
    let cNew: Tensor | null = null;
    switch (mode) {
      case "RNN_TANH":
        hNew = tanh(add(gi, gh));
        break;
      case "RNN_RELU":
        hNew = relu(add(gi, gh));
        break;
      case "LSTM": {
        const [i, f, g, o] = chunk(add(gi, gh), 4, 1) as [Tensor, Tensor, Tensor, Tensor];
        cNew = add(mul(sigmoid(f), narrow(c!, 0, 0, n)), mul(sigmoid(i), tanh(g))); // c' = f⊙c + i⊙g
        hNew = mul(sigmoid(o), tanh(cNew)); // h' = o⊙tanh(c')
        if (w.wHr !== null) hNew = linear(hNew, w.wHr); // h' = W_hr h'
        break;
      }
      case "GRU": {
        const [ir, iz, inn] = chunk(gi, 3, 1) as [Tensor, Tensor, Tensor];
        const [hr, hz, hn] = chunk(gh, 3, 1) as [Tensor, Tensor, Tensor];
        const r = sigmoid(add(ir, hr));
        const z = sigmoid(add(iz, hz));
        const H = dims.H;
        const nGate = linearBeforeReset
          ? tanh(add(inn, mul(r, hn))) // n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))
          : tanh(add(inn, linear(mul(r, hp), narrow(w.wHh, 0, 2 * H, H), w.bHh === null ? null : narrow(w.bHh, 0, 2 * H, H)))); // n = tanh(W_in x + b_in + W_hn(r⊙h) + b_hn)
        hNew = add(mul(sub(1, z), nGate), mul(z, hp)); // h' = (1−z)⊙n + z⊙h
        break;
      }
    }
    ys[t] = hNew;
    h = n < B ? cat([hNew, narrow(h, 0, n, B - n)], 0) : hNew;
    if (cNew !== null) c = n < B ? cat([cNew, narrow(c!, 0, n, B - n)], 0) : cNew;
  }
  const y = cat(ys, 0);
  return c === null || c0 === null ? [y, h] : [y, h, c];
}
