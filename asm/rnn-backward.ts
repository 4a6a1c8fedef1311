// Kernel: fused backward (backpropagation through time) of one recurrent layer in one
// direction, the steps walked in the reverse of the forward's order. The loop carries only the
// recurrent gradient; weight gradients and dx are large GEMMs after it, as the JS reference
// (src/backend/js/rnn-backward.ts) and cuDNN do them.
//
//   per step t (rows r0 .. r0+n; the step before it in forward order has rows rp .. rp+nPrev):
//     hPrev[rows] = y[rp rows] (i < nPrev) or h0 rows        (N, P) kept for dW_hh
//     dh (B, P) += dy[rows]
//     LSTM with projection: dhAll[rows] = dh; dhPre (n, H) = dh · W_hr
//     cells (rnn-cells-grad.ts): dGx, dGh (N, G·H) rows; dc, and the GRU's direct dh path
//     dh[0 .. n) = dGh[rows] · W_hh  (GRU: += onto the direct path)
//   after the loop, every gradient accumulated (+=):
//     dh0 += dh, dc0 += dc, dW_ih += dGxᵀ·x, dx += dGx·W_ih, dW_hh += dGhᵀ·hPrev,
//     dW_hr += dhAllᵀ·hPreAll, db_ih += Σ_rows dGx, db_hh += Σ_rows dGh
//
// Packed weights (pack.ts): wihT = W_ih as op(B) (G·H × I), whhT = W_hh (G·H × P),
// whrT = W_hr (P × H) or 0. Pointers to absent inputs (dy, dhN, dcN, c0) and outputs
// (dbIh, dbHh, dWhr, dc0) are 0. scratch: rnn_backward_scratch_bytes(...) bytes.
import { gemm, gemm_scratch_bytes } from "./gemm";
import { packed_b_bytes, pack_b } from "./pack";
import { GRU, LSTM, RNN_RELU, gatesOf, region } from "./rnn-common";
import { gru_cells_grad, lstm_cells_grad, rnn_cells_grad } from "./rnn-cells-grad";
import { add_column_sums, add_into } from "./simd";

/**
 * Scratch bytes of rnn_backward, its regions in the order carved: row offsets (T + 1 int32),
 * dh (B, P), dc (B, H), dGx (N, G·H), dGh (N, G·H, GRU only), hPrev (N, P), hPreAll (N, H),
 * dhAll (N, P), dhPre (B, H) (the last three with a projection), a packed B operand, GEMM.
 */
export function rnn_backward_scratch_bytes(mode: i32, T: i32, N: i32, B: i32, I: i32, H: i32, P: i32, proj: bool): i32 {
  const GH = gatesOf(mode) * H;
  let bytes = region(T + 1) + region(B * P) + region(B * H) + region(N * GH) + region(N * P);
  if (mode == GRU) bytes += region(N * GH);
  if (proj) bytes += region(N * H) + region(N * P) + region(B * H);
  const packed = max(packed_b_bytes(N, I), max(packed_b_bytes(N, P), proj ? packed_b_bytes(N, H) : 0));
  return <i32>bytes + packed + gemm_scratch_bytes();
}

export function rnn_backward(
  mode: i32, T: i32, B: i32, I: i32, H: i32, P: i32, reverse: bool, bs: usize,
  x: usize, h0: usize, c0: usize, y: usize, ws: usize, dy: usize, dhN: usize, dcN: usize,
  wihT: usize, whhT: usize, whrT: usize,
  dx: usize, dWih: usize, dWhh: usize, dbIh: usize, dbHh: usize, dWhr: usize, dh0: usize, dc0: usize,
  scratch: usize,
): void {
  const GH = gatesOf(mode) * H;
  const proj = whrT != 0;
  // Row offsets first: N is their last entry.
  const off = scratch;
  store<i32>(off, 0);
  for (let t = 0; t < T; t++) store<i32>(off + (<usize>(t + 1) << 2), load<i32>(off + (<usize>t << 2)) + load<i32>(bs + (<usize>t << 2)));
  const N = load<i32>(off + (<usize>T << 2));
  const dh = off + region(T + 1);
  const dc = dh + region(B * P);
  const dGx = dc + region(B * H);
  const hPrev = dGx + region(N * GH);
  let p = hPrev + region(N * P);
  let dGh = dGx;
  if (mode == GRU) { dGh = p; p += region(N * GH); }
  let hPreAll: usize = 0, dhAll: usize = 0, dhPre: usize = 0;
  if (proj) { hPreAll = p; dhAll = p + region(N * H); dhPre = dhAll + region(N * P); p = dhPre + region(B * H); }
  const packed = p;
  const gs = packed + <usize>max(packed_b_bytes(N, I), max(packed_b_bytes(N, P), proj ? packed_b_bytes(N, H) : 0));

  const extra = ws + <usize>N * <usize>GH * 4; // LSTM c_t / GRU hn, (N, H)
  const rowB = <usize>GH << 2, pB = <usize>P << 2, hB = <usize>H << 2;
  if (dhN != 0) memory.copy(dh, dhN, <usize>B * pB); else memory.fill(dh, 0, <usize>B * pB);
  if (mode == LSTM) { if (dcN != 0) memory.copy(dc, dcN, <usize>B * hB); else memory.fill(dc, 0, <usize>B * hB); }

  for (let s = T - 1; s >= 0; s--) {
    const t = reverse ? T - 1 - s : s;
    const n = load<i32>(bs + (<usize>t << 2));
    const r0 = load<i32>(off + (<usize>t << 2));
    const tp = reverse ? t + 1 : t - 1;
    const hasPrev = tp >= 0 && tp < T;
    const nPrev = hasPrev ? load<i32>(bs + (<usize>tp << 2)) : 0;
    const rp = hasPrev ? load<i32>(off + (<usize>tp << 2)) : 0;
    const fromY = min(n, nPrev);
    memory.copy(hPrev + <usize>r0 * pB, y + <usize>rp * pB, <usize>fromY * pB);
    memory.copy(hPrev + <usize>(r0 + fromY) * pB, h0 + <usize>fromY * pB, <usize>(n - fromY) * pB);
    if (dy != 0) add_into(dh, dy + <usize>r0 * pB, n * P);
    const g = ws + <usize>r0 * rowB;
    if (mode == LSTM) {
      let dOut = dh, dStride = P;
      if (proj) {
        memory.copy(dhAll + <usize>r0 * pB, dh, <usize>n * pB);
        gemm(n, H, P, dh, P, 1, whrT, dhPre, H, 1, 0, gs);
        dOut = dhPre;
        dStride = H;
      }
      lstm_cells_grad(n, H, g, extra + <usize>r0 * hB, extra + <usize>rp * hB, nPrev, c0, dOut, dStride, dc,
        dGx + <usize>r0 * rowB, proj ? hPreAll + <usize>r0 * hB : 0);
    } else if (mode == GRU) {
      gru_cells_grad(n, H, g, extra + <usize>r0 * hB, hPrev + <usize>r0 * pB, dh, dGx + <usize>r0 * rowB, dGh + <usize>r0 * rowB);
    } else {
      rnn_cells_grad(mode == RNN_RELU, n * H, g, dh, dGx + <usize>r0 * rowB);
    }
    gemm(n, P, GH, dGh + <usize>r0 * rowB, GH, 1, whhT, dh, P, 1, mode == GRU ? 1 : 0, gs);
  }
  add_into(dh0, dh, B * P);
  if (mode == LSTM && dc0 != 0) add_into(dc0, dc, B * H);

  pack_b(N, I, x, I, 1, packed);
  gemm(GH, I, N, dGx, 1, GH, packed, dWih, I, 1, 1, gs);
  gemm(N, I, GH, dGx, GH, 1, wihT, dx, I, 1, 1, gs);
  pack_b(N, P, hPrev, P, 1, packed);
  gemm(GH, P, N, dGh, 1, GH, packed, dWhh, P, 1, 1, gs);
  if (proj && dWhr != 0) {
    pack_b(N, H, hPreAll, H, 1, packed);
    gemm(P, H, N, dhAll, 1, P, packed, dWhr, H, 1, 1, gs);
  }
  if (dbIh != 0) add_column_sums(dbIh, dGx, N, GH);
  if (dbHh != 0) add_column_sums(dbHh, dGh, N, GH);
}
