// Kernel: fused forward of one recurrent layer in one direction over a packed sequence, run by
// nt threads (sync.ts; nt = 1 is the plain single-threaded kernel).
//
//   gates (N, G·H) = x (N, I) · W_ihᵀ + b_ih + b_hh        one GEMM for every step, rows split
//                    (GRU: b_hh's n block is left out — it belongs inside r⊙(W_hn·h + b_hn))
//   per step t (rows r0 .. r0+n of the packed sequence, n = batchSizes[t]), thread s owning the
//   hidden units [s0, s1):
//     gates[rows] += h (n, P) · W_hhᵀ, the slice's columns of every gate block (gemm_groups)
//                    GRU: only the r,z blocks; hn[rows] = h · W_hnᵀ into the workspace's (N, H)
//     elementwise cells (rnn-cells.ts) on the slice: activated gates, c (B, H), h' slice
//     LSTM with projection: barrier; h' (n, P) columns [p0, p1) = hPre (n, H) · W_hrᵀ
//     y[rows] = h' (own columns); barrier
// so one barrier per step (two with a projection), and no thread reads what another is writing:
// h is double-buffered (h of step s is read by every thread while step s+1's is written).
//
// plan: nt records of PLAN_INTS int32 — s0, s1, the packed W_hhᵀ slice (G groups of P × hs:
// the rows [g·H + s0, g·H + s1) of each gate block g as op(B), each packed on its own), p0, p1,
// the packed W_hrᵀ columns [p0, p1) (H × (p1 − p0)) or 0. wih = packed W_ihᵀ (I × G·H). Biases bih, bhh: (G·H) or 0.
// ws: the workspace of kernels.ts, (N, G·H) activated gates, then LSTM c_t / GRU W_hn·h + b_hn
// (N, H). scratch: rnn_forward_scratch_bytes(...) bytes, carved below in a fixed order.
import { gemm, gemm_groups, gemm_scratch_bytes } from "./gemm";
import { packed_b_bytes } from "./pack";
import { GRU, LSTM, RNN_RELU, copyRows, gatesOf, region } from "./rnn-modes";
import { gru_cells, lstm_cells, rnn_cells } from "./rnn-cells";
import { add_into } from "./simd";
import { barrier, part_hi, part_lo } from "./sync";

/** int32 fields of one thread's record in a plan (here and in rnn-backward.ts). */
export const PLAN_INTS = 6;

/** Per-thread scratch: the summed bias (G·H), the GEMM's packed A. */
function perThreadBytes(mode: i32, H: i32): usize {
  return region(gatesOf(mode) * H) + <usize>gemm_scratch_bytes();
}

/** Scratch bytes of rnn_forward on nt threads: two h buffers (B, P), c (B, H), hPre (B, H), then
 * each thread's region. */
export function rnn_forward_scratch_bytes(mode: i32, B: i32, H: i32, P: i32, nt: i32): i32 {
  return <i32>(2 * region(B * P) + 2 * region(B * H) + <usize>nt * perThreadBytes(mode, H));
}

export function rnn_forward(
  mode: i32, T: i32, B: i32, I: i32, H: i32, P: i32, reverse: bool, bs: usize,
  x: usize, h0: usize, c0: usize, wih: usize, plan: usize, bih: usize, bhh: usize,
  y: usize, hN: usize, cN: usize, ws: usize, scratch: usize, nt: i32, sync: usize, tid: i32,
): void {
  const G = gatesOf(mode), GH = G * H;
  let N = 0;
  for (let t = 0; t < T; t++) N += load<i32>(bs + (<usize>t << 2));
  const extra = ws + <usize>N * <usize>GH * 4; // LSTM c_t / GRU hn, (N, H)
  const pB = <usize>P << 2, hB = <usize>H << 2, rowB = <usize>GH << 2;
  const hbuf0 = scratch, hbuf1 = hbuf0 + region(B * P);
  const c = hbuf1 + region(B * P);
  const hPre = c + region(B * H);
  const bsum = hPre + region(B * H) + <usize>tid * perThreadBytes(mode, H);
  const gs = bsum + region(GH);
  const rec = plan + <usize>tid * PLAN_INTS * 4;
  const s0 = load<i32>(rec), hs = load<i32>(rec, 4) - s0, whh = <usize>load<i32>(rec, 8);
  const p0 = load<i32>(rec, 12), ps = load<i32>(rec, 16) - p0, whr = <usize>load<i32>(rec, 20);
  const proj = P != H;
  // Columns of h this thread writes: its projection columns, else its hidden units.
  const o0 = proj ? p0 : s0, os = proj ? ps : hs;
  const oB = <usize>o0 << 2, osB = <usize>os << 2;

  // Input projection and biases for this thread's rows; c starts as c0 (own units).
  const q0 = part_lo(N, nt, tid, 4), q1 = part_hi(N, nt, tid, 4);
  gemm(q1 - q0, GH, I, x + <usize>q0 * <usize>I * 4, I, 1, wih, ws + <usize>q0 * rowB, GH, 1, 0, gs);
  if (bih != 0 || bhh != 0) {
    memory.fill(bsum, 0, rowB);
    if (bih != 0) add_into(bsum, bih, GH);
    if (bhh != 0) add_into(bsum, bhh, mode == GRU ? 2 * H : GH);
    for (let r = q0; r < q1; r++) add_into(ws + <usize>r * rowB, bsum, GH);
  }
  if (mode == LSTM) copyCols(c, c0, B, hB, <usize>s0 << 2, <usize>hs << 2);
  barrier(sync, nt, tid);

  let r0 = reverse ? N : 0;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const n = load<i32>(bs + (<usize>t << 2));
    const nNext = s + 1 < T ? load<i32>(bs + (<usize>(reverse ? t - 1 : t + 1) << 2)) : 0;
    if (reverse) r0 -= n;
    const hCur = s == 0 ? h0 : (s & 1) != 0 ? hbuf0 : hbuf1;
    const hNext = (s & 1) != 0 ? hbuf1 : hbuf0;
    const g = ws + <usize>r0 * rowB + (<usize>s0 << 2);
    if (hs > 0) {
      const sOff = <usize>s0 << 2;
      if (mode == GRU) {
        const e = extra + <usize>r0 * hB + sOff;
        gemm_groups(n, hs, P, hCur, P, 1, whh, g, GH, 1, 1, gs, 2, hB);
        gemm(n, hs, P, hCur, P, 1, whh + 2 * <usize>packed_b_bytes(P, hs), e, H, 1, 0, gs);
        gru_cells(n, hs, H, g, e, bhh != 0 ? bhh + (<usize>(2 * H + s0) << 2) : 0, hCur + sOff, hNext + sOff);
      } else {
        gemm_groups(n, hs, P, hCur, P, 1, whh, g, GH, 1, 1, gs, G, hB);
        if (mode == LSTM) lstm_cells(n, hs, H, g, c + sOff, extra + <usize>r0 * hB + sOff, (proj ? hPre : hNext) + sOff, proj ? H : P);
        else rnn_cells(mode == RNN_RELU, n, hs, H, g, hNext + sOff, P);
      }
    }
    if (proj) {
      barrier(sync, nt, tid);
      if (ps > 0) gemm(n, ps, H, hPre, H, 1, whr, hNext + oB, P, 1, 0, gs);
    }
    if (os > 0) {
      copyRows(y + <usize>r0 * pB + oB, hNext + oB, n, pB, osB);
      // Rows that stop here are final; rows that start at the next step (reverse, packed) begin at h0.
      if (nNext < n) copyRows(hN + <usize>nNext * pB + oB, hNext + <usize>nNext * pB + oB, n - nNext, pB, osB);
      if (nNext > n) copyRows(hNext + <usize>n * pB + oB, h0 + <usize>n * pB + oB, nNext - n, pB, osB);
    }
    barrier(sync, nt, tid);
    if (!reverse) r0 += n;
  }
  if (mode == LSTM) copyCols(cN, c, B, hB, <usize>s0 << 2, <usize>hs << 2);
  barrier(sync, nt, tid);
}

/** Copies the columns [from, from + bytes) (in bytes) of `rows` rows `stride` bytes long. */
@inline function copyCols(dst: usize, src: usize, rows: i32, stride: usize, from: usize, bytes: usize): void {
  if (bytes > 0) copyRows(dst + from, src + from, rows, stride, bytes);
}
