// Reference fused forward of one recurrent layer in one direction over all time steps.
// The input projection of every step is one matrix product; only W_hh·h loops over time.
//
//   RNN : h' = act(W_ih x + b_ih + W_hh h + b_hh)
//   LSTM: i,f,g,o = σ,σ,tanh,σ(W_ih x + b_ih + W_hh h + b_hh);  c' = f⊙c + i⊙g;
//         h' = o⊙tanh(c'), then h' = W_hr h' with a projection
//   GRU : r,z = σ(W_i{r,z} x + b_i{r,z} + W_h{r,z} h + b_h{r,z});
//         n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn));  h' = (1−z)⊙n + z⊙h
import { GATES, rowStarts, type RnnForwardArgs } from "../kernels.js";
import { sigmoid } from "./activation.js";
import { gemm } from "./gemm.js";
import { addBiasRows, scratch } from "./rnn-rows.js";

export function rnnForward(args: RnnForwardArgs): void {
  const { dims, w, x, y } = args;
  const { mode, T, B, I, H, P } = dims;
  const G = GATES[mode];
  const GH = G * H;
  const off = rowStarts(dims);
  const N = off[T]!;
  // gates (N, G·H): first the input projection, then, step by step, the activated gates.
  const gates = args.workspace ?? scratch(x, N * GH);
  const extra = args.workspace; // LSTM c_t / GRU W_hn·h + b_hn, after the gates, if kept
  const extraBase = N * GH;
  gemm({ transA: false, transB: true, m: N, n: GH, k: I, alpha: 1, a: x, aOffset: 0, lda: I,
    b: w.wIh, bOffset: 0, ldb: I, beta: 0, c: gates, cOffset: 0, ldc: GH });
  addBiasRows(gates, 0, N, GH, w.bIh);

  const h = scratch(x, B * P); // (B, P) running hidden state
  h.set(args.h0.subarray(0, B * P));
  const c = mode === "LSTM" ? scratch(x, B * H) : null; // (B, H) running cell state
  if (c !== null) c.set(args.c0!.subarray(0, B * H));
  const hh = scratch(x, B * GH); // (B, G·H) recurrent projection of one step
  const hPre = w.wHr !== null ? scratch(x, B * H) : null; // (B, H) LSTM output before projection

  for (let s = 0; s < T; s++) {
    const t = dims.reverse ? T - 1 - s : s;
    const n = dims.batchSizes[t]!;
    const r0 = off[t]!;
    gemm({ transA: false, transB: true, m: n, n: GH, k: P, alpha: 1, a: h, aOffset: 0, lda: P,
      b: w.wHh, bOffset: 0, ldb: P, beta: 0, c: hh, cOffset: 0, ldc: GH });
    addBiasRows(hh, 0, n, GH, w.bHh);
    for (let i = 0; i < n; i++) {
      const gi = (r0 + i) * GH; // this row's gates
      const hi = i * GH;
      switch (mode) {
        case "RNN_TANH":
        case "RNN_RELU":
          for (let j = 0; j < H; j++) {
            const a = gates[gi + j]! + hh[hi + j]!;
            const v = mode === "RNN_TANH" ? Math.tanh(a) : Math.max(a, 0);
            gates[gi + j] = v;
            h[i * P + j] = v;
          }
          break;
        case "LSTM": {
          const cOut = extra !== null ? extraBase + (r0 + i) * H : -1;
          for (let j = 0; j < H; j++) {
            const ig = sigmoid(gates[gi + j]! + hh[hi + j]!);
            const fg = sigmoid(gates[gi + H + j]! + hh[hi + H + j]!);
            const gg = Math.tanh(gates[gi + 2 * H + j]! + hh[hi + 2 * H + j]!);
            const og = sigmoid(gates[gi + 3 * H + j]! + hh[hi + 3 * H + j]!);
            gates[gi + j] = ig;
            gates[gi + H + j] = fg;
            gates[gi + 2 * H + j] = gg;
            gates[gi + 3 * H + j] = og;
            const cv = fg * c![i * H + j]! + ig * gg;
            c![i * H + j] = cv;
            if (cOut >= 0) extra![cOut + j] = cv;
            const hv = og * Math.tanh(c![i * H + j]!);
            if (hPre !== null) hPre[i * H + j] = hv;
            else h[i * P + j] = hv;
          }
          break;
        }
        case "GRU": {
          const nOut = extra !== null ? extraBase + (r0 + i) * H : -1;
          for (let j = 0; j < H; j++) {
            const rg = sigmoid(gates[gi + j]! + hh[hi + j]!);
            const zg = sigmoid(gates[gi + H + j]! + hh[hi + H + j]!);
            const hn = hh[hi + 2 * H + j]!;
            const ng = Math.tanh(gates[gi + 2 * H + j]! + rg * hn);
            gates[gi + j] = rg;
            gates[gi + H + j] = zg;
            gates[gi + 2 * H + j] = ng;
            if (nOut >= 0) extra![nOut + j] = hn;
            h[i * P + j] = (1 - zg) * ng + zg * h[i * P + j]!;
          }
          break;
        }
      }
    }
    if (hPre !== null) {
      gemm({ transA: false, transB: true, m: n, n: P, k: H, alpha: 1, a: hPre, aOffset: 0, lda: H,
        b: w.wHr!, bOffset: 0, ldb: H, beta: 0, c: h, cOffset: 0, ldc: P });
    }
    y.set(h.subarray(0, n * P), r0 * P);
  }
  args.hN.set(h);
  if (args.cN !== null && c !== null) args.cN.set(c);
}

