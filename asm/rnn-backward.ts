// Kernel: fused backward (backpropagation through time) of one recurrent layer in one
// direction, run by nt threads (sync.ts), the steps walked in the reverse of the forward's
// order. The loop carries only the recurrent gradient; weight gradients and dx are large GEMMs
// after it, as the JS reference (src/backend/js/rnn-backward.ts) and cuDNN do them.
//
//   before the loop: hPrev (N, P) — the h each step started from: y of the step before, or h0
//   per step t (rows r0 .. r0+n), thread s owning the hidden units [s0, s1):
//     dh (B, P) += dy[rows]; its columns come from the sum of every thread's part below
//     LSTM with projection: dhAll[rows] = dh; dhPre (n, hs) = dh · W_hr[:, s0:s1]
//     cells (rnn-cells-grad.ts) on the slice: dG (N, G·H) rows; dc; the GRU's direct dh path
//     part_s (n, P) = dG_slice (n, G·hs) · W_hh[slice rows] (+ the GRU's direct path); barrier
//   so dh of the next step is Σ_s part_s (one thread: dh itself, no parts). Part buffers
//   alternate between steps, so a part is never written while another thread sums it.
//   after the loop, each product split between the threads, every gradient accumulated (+=):
//     dh0 += dh, dc0 += dc, dW_ih += dGxᵀ·x, dx += dGx·W_ih (dx = 0: not wanted), dW_hh += dGhᵀ·hPrev,
//     dW_hr += dhAllᵀ·hPreAll, db_ih += Σ_rows dGx, db_hh += Σ_rows dGh
//
// plan: nt records of PLAN_INTS int32 — s0, s1, the packed W_hh slice (G·hs × P: the rows
// [g·H + s0, g·H + s1) of every gate block g, gathered, as op(B)), p0, p1 (the columns of dh
// this thread writes out with a projection), the packed W_hr[:, s0:s1] (P × hs) or 0.
// wihT = W_ih packed as op(B) (G·H × I). Pointers to absent inputs (dy, dhN, dcN) and outputs
// (dbIh, dbHh, dWhr, dc0) are 0; c0 is zeros when absent. scratch: rnn_backward_scratch_bytes.
import { gemm, gemm_part, gemm_scratch_bytes } from "./gemm";
import { packed_b_bytes, pack_b_part } from "./pack";
import { GRU, LSTM, RNN_RELU, copyRows, gatesOf, region } from "./rnn-modes";
import { gru_cells_grad, lstm_cells_grad, rnn_cells_grad } from "./rnn-cells-grad";
import { PLAN_INTS } from "./rnn-forward";
import { add_into } from "./simd";
import { barrier, part_hi, part_lo } from "./sync";

/** Per-thread scratch: row offsets (T + 1 int32), dh (B, P), dc (B, H), dhPre (B, H), the
 * slice's gate gradients (B, G·H), the GEMM's packed A. */
function perThreadBytes(mode: i32, T: i32, B: i32, H: i32, P: i32): usize {
  return region(T + 1) + region(B * P) + 2 * region(B * H) + region(B * gatesOf(mode) * H) + <usize>gemm_scratch_bytes();
}

/** Shared scratch: dGx (N, G·H), dGh (GRU), hPrev (N, P), hPreAll (N, H) and dhAll (N, P) with
 * a projection, the parts (2·nt × (B, P)) with threads, x, hPrev and hPreAll packed. */
function sharedBytes(mode: i32, N: i32, B: i32, I: i32, H: i32, P: i32, proj: bool, nt: i32): usize {
  const GH = gatesOf(mode) * H;
  let bytes = region(N * GH) + region(N * P);
  if (mode == GRU) bytes += region(N * GH);
  if (proj) bytes += region(N * H) + region(N * P);
  if (nt > 1) bytes += <usize>(2 * nt) * region(B * P);
  bytes += region(packed_b_bytes(N, I) >> 2) + region(packed_b_bytes(N, P) >> 2);
  if (proj) bytes += region(packed_b_bytes(N, H) >> 2);
  return bytes;
}

export function rnn_backward_scratch_bytes(mode: i32, T: i32, N: i32, B: i32, I: i32, H: i32, P: i32, proj: bool, nt: i32): i32 {
  return <i32>(sharedBytes(mode, N, B, I, H, P, proj, nt) + <usize>nt * perThreadBytes(mode, T, B, H, P));
}

export function rnn_backward(
  mode: i32, T: i32, B: i32, I: i32, H: i32, P: i32, reverse: bool, bs: usize,
  x: usize, h0: usize, c0: usize, y: usize, ws: usize, dy: usize, dhN: usize, dcN: usize,
  wihT: usize, plan: usize,
  dx: usize, dWih: usize, dWhh: usize, dbIh: usize, dbHh: usize, dWhr: usize, dh0: usize, dc0: usize,
  scratch: usize, nt: i32, sync: usize, tid: i32,
): void {
  const G = gatesOf(mode), GH = G * H;
  const proj = P != H;
  const rowB = <usize>GH << 2, pB = <usize>P << 2, hB = <usize>H << 2;
  let N = 0;
  for (let t = 0; t < T; t++) N += load<i32>(bs + (<usize>t << 2));
  const extra = ws + <usize>N * rowB; // LSTM c_t / GRU hn, (N, H)

  // Shared regions, in the order of sharedBytes.
  const dGx = scratch;
  const hPrev = dGx + region(N * GH);
  let p = hPrev + region(N * P);
  let dGh = dGx;
  if (mode == GRU) { dGh = p; p += region(N * GH); }
  let hPreAll: usize = 0, dhAll: usize = 0;
  if (proj) { hPreAll = p; dhAll = p + region(N * H); p = dhAll + region(N * P); }
  const parts = p;
  const partB = region(B * P);
  if (nt > 1) p += <usize>(2 * nt) * partB;
  const packedX = p;
  const packedH = packedX + region(packed_b_bytes(N, I) >> 2);
  const packedHp = packedH + region(packed_b_bytes(N, P) >> 2);
  // This thread's regions.
  const off = scratch + sharedBytes(mode, N, B, I, H, P, proj, nt) + <usize>tid * perThreadBytes(mode, T, B, H, P);
  const dh = off + region(T + 1);
  const dc = dh + region(B * P);
  const dhPre = dc + region(B * H);
  const dLoc = dhPre + region(B * H);
  const gs = dLoc + region(B * GH);

  const rec = plan + <usize>tid * PLAN_INTS * 4;
  const s0 = load<i32>(rec), hs = load<i32>(rec, 4) - s0, whh = <usize>load<i32>(rec, 8);
  const p0 = load<i32>(rec, 12), ps = load<i32>(rec, 16) - p0, whr = <usize>load<i32>(rec, 20);
  const sOff = <usize>s0 << 2;
  // Columns of dh this thread sums (what its cells and the projection read) and writes out.
  const a0 = proj ? 0 : s0, as = proj ? P : hs;
  const w0 = proj ? p0 : s0, wsz = proj ? ps : hs;

  store<i32>(off, 0);
  for (let t = 0; t < T; t++) store<i32>(off + (<usize>(t + 1) << 2), load<i32>(off + (<usize>t << 2)) + load<i32>(bs + (<usize>t << 2)));
  if (dhN != 0) memory.copy(dh, dhN, <usize>B * pB); else memory.fill(dh, 0, <usize>B * pB);
  if (mode == LSTM) { if (dcN != 0) memory.copy(dc, dcN, <usize>B * hB); else memory.fill(dc, 0, <usize>B * hB); }
  // hPrev for this thread's share of the steps.
  for (let t = part_lo(T, nt, tid, 1); t < part_hi(T, nt, tid, 1); t++) {
    const n = load<i32>(bs + (<usize>t << 2)), r0 = load<i32>(off + (<usize>t << 2));
    const tp = reverse ? t + 1 : t - 1;
    const hasPrev = tp >= 0 && tp < T;
    const fromY = hasPrev ? min(n, load<i32>(bs + (<usize>tp << 2))) : 0;
    const rp = hasPrev ? load<i32>(off + (<usize>tp << 2)) : 0;
    memory.copy(hPrev + <usize>r0 * pB, y + <usize>rp * pB, <usize>fromY * pB);
    memory.copy(hPrev + <usize>(r0 + fromY) * pB, h0 + <usize>fromY * pB, <usize>(n - fromY) * pB);
  }
  barrier(sync, nt, tid);

  let nDone = 0; // rows of the step processed before this one (whose parts are pending)
  for (let s = T - 1; s >= 0; s--) {
    const t = reverse ? T - 1 - s : s;
    const n = load<i32>(bs + (<usize>t << 2));
    const r0 = load<i32>(off + (<usize>t << 2));
    const tp = reverse ? t + 1 : t - 1;
    const hasPrev = tp >= 0 && tp < T;
    const nPrev = hasPrev ? load<i32>(bs + (<usize>tp << 2)) : 0;
    const rp = hasPrev ? load<i32>(off + (<usize>tp << 2)) : 0;
    if (nt > 1) sumParts(dh, parts + <usize>((s + 1) & 1) * <usize>nt * partB, partB, nt, nDone, pB, <usize>a0 << 2, <usize>as << 2);
    if (dy != 0) addRows(dh + (<usize>a0 << 2), dy + <usize>r0 * pB + (<usize>a0 << 2), n, P, as);
    const g = ws + <usize>r0 * rowB + sOff;
    const local = nt > 1;
    const dL = local ? dLoc : dGh + <usize>r0 * rowB;
    if (hs > 0) {
      if (mode == LSTM) {
        let dOut = dh + sOff, dStride = P;
        if (proj) {
          if (ps > 0) copyRows(dhAll + <usize>r0 * pB + (<usize>p0 << 2), dh + (<usize>p0 << 2), n, pB, <usize>ps << 2);
          gemm(n, hs, P, dh, P, 1, whr, dhPre, hs, 1, 0, gs);
          dOut = dhPre;
          dStride = hs;
        }
        lstm_cells_grad(n, hs, H, g, extra + <usize>r0 * hB + sOff, extra + <usize>rp * hB + sOff, nPrev, c0 + sOff,
          dOut, dStride, dc + sOff, dGx + <usize>r0 * rowB + sOff, dL, local, proj ? hPreAll + <usize>r0 * hB + sOff : 0);
      } else if (mode == GRU) {
        gru_cells_grad(n, hs, H, g, extra + <usize>r0 * hB + sOff, hPrev + <usize>r0 * pB + sOff, dh + sOff,
          dGx + <usize>r0 * rowB + sOff, dGh + <usize>r0 * rowB + sOff, dL, local);
      } else {
        rnn_cells_grad(mode == RNN_RELU, n, hs, H, g, dh + sOff, P, dGx + <usize>r0 * rowB + sOff, dL, local);
      }
    } else if (proj && ps > 0) {
      copyRows(dhAll + <usize>r0 * pB + (<usize>p0 << 2), dh + (<usize>p0 << 2), n, pB, <usize>ps << 2);
    }
    if (nt == 1) {
      gemm(n, P, GH, dL, GH, 1, whh, dh, P, 1, mode == GRU ? 1 : 0, gs);
    } else {
      const part = parts + <usize>(s & 1) * <usize>nt * partB + <usize>tid * partB;
      if (hs > 0) gemm(n, P, G * hs, dL, G * hs, 1, whh, part, P, 1, 0, gs);
      else memory.fill(part, 0, <usize>n * pB);
      if (mode == GRU && hs > 0) addRows(part + sOff, dh + sOff, n, P, hs);
    }
    barrier(sync, nt, tid);
    nDone = n;
  }
  if (nt > 1) sumParts(dh, parts, partB, nt, nDone, pB, <usize>a0 << 2, <usize>as << 2);
  if (wsz > 0) addRows(dh0 + (<usize>w0 << 2), dh + (<usize>w0 << 2), B, P, wsz);
  if (mode == LSTM && dc0 != 0 && hs > 0) addRows(dc0 + sOff, dc + sOff, B, H, hs);

  pack_b_part(N, I, x, I, 1, packedX, nt, tid);
  pack_b_part(N, P, hPrev, P, 1, packedH, nt, tid);
  if (proj && dWhr != 0) pack_b_part(N, H, hPreAll, H, 1, packedHp, nt, tid);
  barrier(sync, nt, tid);
  gemm_part(GH, I, N, dGx, 1, GH, packedX, dWih, I, 1, 1, gs, nt, tid);
  if (dx != 0) gemm_part(N, I, GH, dGx, GH, 1, wihT, dx, I, 1, 1, gs, nt, tid);
  gemm_part(GH, P, N, dGh, 1, GH, packedH, dWhh, P, 1, 1, gs, nt, tid);
  if (proj && dWhr != 0) gemm_part(P, H, N, dhAll, 1, P, packedHp, dWhr, H, 1, 1, gs, nt, tid);
  const b0 = part_lo(GH, nt, tid, 4), bw = part_hi(GH, nt, tid, 4) - b0;
  if (bw > 0) {
    for (let r = 0; r < N; r++) {
      if (dbIh != 0) add_into(dbIh + (<usize>b0 << 2), dGx + <usize>r * rowB + (<usize>b0 << 2), bw);
      if (dbHh != 0) add_into(dbHh + (<usize>b0 << 2), dGh + <usize>r * rowB + (<usize>b0 << 2), bw);
    }
  }
  barrier(sync, nt, tid);
}

/** dh rows [0, rows), columns [from, from + bytes) := Σ of the nt parts (each (B, P)) at `at`. */
function sumParts(dh: usize, at: usize, partB: usize, nt: i32, rows: i32, pB: usize, from: usize, bytes: usize): void {
  if (bytes == 0) return;
  const w = <i32>(bytes >> 2);
  for (let i = 0; i < rows; i++) {
    const d = dh + <usize>i * pB + from, src = at + <usize>i * pB + from;
    memory.copy(d, src, bytes);
    for (let k = 1; k < nt; k++) add_into(d, src + <usize>k * partB, w);
  }
}

/** dst rows (stride `stride` floats) += src rows (same stride), `w` floats of `rows` rows. */
@inline function addRows(dst: usize, src: usize, rows: i32, stride: i32, w: i32): void {
  for (let i = 0; i < rows; i++) add_into(dst + ((<usize>i * <usize>stride) << 2), src + ((<usize>i * <usize>stride) << 2), w);
}
