// Kernel: fused forward of one recurrent layer in one direction over a packed sequence.
//
//   gates (N, G·H) = x (N, I) · W_ihᵀ + b_ih + b_hh        one GEMM for every step
//                    (GRU: b_hh's n block is left out — it belongs inside r⊙(W_hn·h + b_hn))
//   per step t (rows r0 .. r0+n of the packed sequence, n = batchSizes[t]):
//     gates[rows] += h (n, P) · W_hhᵀ                       GRU: only the r,z columns, and
//     hn[rows]     = h (n, P) · W_hnᵀ                       into the workspace's (N, H) block
//     elementwise cells (rnn-cells.ts) update h (B, P) / c (B, H) in place
//     LSTM with projection: h (n, P) = hPre (n, H) · W_hrᵀ
//     y[rows] = h[0 .. n)
//
// Packed weights (pack.ts, op(B) of each product): wih = W_ihᵀ (I × G·H); whh = W_hhᵀ
// (P × G·H), for a GRU only its r,z rows (P × 2H) with whhN = W_hnᵀ (P × H); whr = W_hrᵀ
// (H × P) or 0. Biases bih, bhh: (G·H) or 0.
//
// ws: the workspace of kernels.ts, (N, G·H) activated gates, then LSTM c_t / GRU W_hn·h + b_hn
// (N, H). scratch: rnn_forward_scratch_bytes(...) bytes, carved below in a fixed order.
import { gemm, gemm_scratch_bytes } from "./gemm";
import { GRU, LSTM, RNN_RELU, gatesOf, region, total_rows } from "./rnn-common";
import { gru_cells, lstm_cells, rnn_cells } from "./rnn-cells";
import { add_into } from "./simd";

/** Scratch bytes of rnn_forward: h (B, P), c (B, H), hPre (B, H), summed bias (G·H), GEMM. */
export function rnn_forward_scratch_bytes(mode: i32, B: i32, H: i32, P: i32): i32 {
  return <i32>(region(B * P) + 2 * region(B * H) + region(gatesOf(mode) * H)) + gemm_scratch_bytes();
}

export function rnn_forward(
  mode: i32, T: i32, B: i32, I: i32, H: i32, P: i32, reverse: bool, bs: usize,
  x: usize, h0: usize, c0: usize,
  wih: usize, whh: usize, whhN: usize, whr: usize, bih: usize, bhh: usize,
  y: usize, hN: usize, cN: usize, ws: usize, scratch: usize,
): void {
  const GH = gatesOf(mode) * H;
  const N = total_rows(T, bs);
  const extra = ws + <usize>N * <usize>GH * 4; // LSTM c_t / GRU hn, (N, H)
  const h = scratch;
  const c = h + region(B * P);
  const hPre = c + region(B * H);
  const bsum = hPre + region(B * H);
  const gs = bsum + region(GH);
  const rowB = <usize>GH << 2;

  gemm(N, GH, I, x, I, 1, wih, ws, GH, 1, 0, gs);
  if (bih != 0 || bhh != 0) {
    memory.fill(bsum, 0, rowB);
    if (bih != 0) add_into(bsum, bih, GH);
    if (bhh != 0) add_into(bsum, bhh, mode == GRU ? 2 * H : GH);
    for (let r = 0; r < N; r++) add_into(ws + <usize>r * rowB, bsum, GH);
  }
  memory.copy(h, h0, <usize>B * <usize>P * 4);
  if (mode == LSTM) memory.copy(c, c0, <usize>B * <usize>H * 4);

  let r0 = reverse ? N : 0;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const n = load<i32>(bs + (<usize>t << 2));
    if (reverse) r0 -= n;
    const g = ws + <usize>r0 * rowB;
    const e = extra + <usize>r0 * <usize>H * 4;
    if (mode == GRU) {
      gemm(n, 2 * H, P, h, P, 1, whh, g, GH, 1, 1, gs);
      gemm(n, H, P, h, P, 1, whhN, e, H, 1, 0, gs);
      gru_cells(n, H, g, e, bhh != 0 ? bhh + (<usize>H << 3) : 0, h);
    } else {
      gemm(n, GH, P, h, P, 1, whh, g, GH, 1, 1, gs);
      if (mode == LSTM) lstm_cells(n, H, g, c, e, whr != 0 ? hPre : h, whr != 0 ? H : P);
      else rnn_cells(mode == RNN_RELU, n, H, g, h);
    }
    if (whr != 0) gemm(n, P, H, hPre, H, 1, whr, h, P, 1, 0, gs);
    memory.copy(y + <usize>r0 * <usize>P * 4, h, <usize>n * <usize>P * 4);
    if (!reverse) r0 += n;
  }
  memory.copy(hN, h, <usize>B * <usize>P * 4);
  if (mode == LSTM) memory.copy(cN, c, <usize>B * <usize>H * 4);
}
