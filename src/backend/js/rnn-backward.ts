// Reference fused backward (backpropagation through time) of one recurrent layer in one
// direction. The loop over time only carries the recurrent gradient; the weight gradients and
// the input gradient are large matrix products after the loop, as cuDNN and ATen do them.
import { GATES, rowStarts, type FloatArray, type RnnBackwardArgs } from "../kernels.js";
import { gemm } from "./gemm.js";
import { addColumnSums, previousStep, scratch } from "./rnn-rows.js";

export function rnnBackward(args: RnnBackwardArgs): void {
  const { dims, w, x, y, workspace: ws, grads } = args;
  const { mode, T, B, I, H, P } = dims;
  const G = GATES[mode];
  const GH = G * H;
  const off = rowStarts(dims);
  const N = off[T]!;
  const cBase = N * GH; // LSTM c_t / GRU W_hn·h + b_hn in the workspace

  const dh = scratch(x, B * P); // (B, P) gradient of the running hidden state
  if (args.dhN !== null) dh.set(args.dhN.subarray(0, B * P));
  const dc = mode === "LSTM" ? scratch(x, B * H) : null; // (B, H) gradient of the running cell state
  if (dc !== null && args.dcN !== null) dc.set(args.dcN.subarray(0, B * H));
  // Gradients of the pre-activation gates, per row: dGx feeds W_ih and x, dGh feeds W_hh and
  // h_{t-1}. They differ only for the GRU's n gate, whose recurrent part is scaled by r.
  const dGx = scratch(x, N * GH); // (N, G·H)
  const dGh = mode === "GRU" ? scratch(x, N * GH) : dGx; // (N, G·H)
  const hPrev = scratch(x, N * P); // (N, P) the hidden state each row started its step from
  const hPre = w.wHr !== null ? scratch(x, B * H) : null; // (B, H) LSTM output before projection
  const dhPre = w.wHr !== null ? scratch(x, B * H) : null;

  // Walk the steps in the reverse of the order the forward ran them.
  for (let s = T - 1; s >= 0; s--) {
    const t = dims.reverse ? T - 1 - s : s;
    const n = dims.batchSizes[t]!;
    const r0 = off[t]!;
    const tp = previousStep(dims, t);
    const nPrev = tp >= 0 ? dims.batchSizes[tp]! : 0;
    for (let i = 0; i < n; i++) {
      const src = i < nPrev ? y.subarray((off[tp]! + i) * P, (off[tp]! + i + 1) * P) : args.h0.subarray(i * P, (i + 1) * P);
      hPrev.set(src, (r0 + i) * P);
    }
    if (args.dy !== null) {
      for (let k = 0; k < n * P; k++) dh[k] += args.dy[r0 * P + k]!;
    }
    switch (mode) {
      case "RNN_TANH":
      case "RNN_RELU":
        for (let k = 0; k < n * H; k++) {
          const hv = ws[r0 * GH + k]!;
          dGx[r0 * GH + k] = mode === "RNN_TANH" ? dh[k]! * (1 - hv * hv) : hv > 0 ? dh[k]! : 0;
        }
        break;
      case "LSTM":
        lstmStep(args, cBase, r0, n, tp >= 0 ? off[tp]! : -1, nPrev, dh, dc!, dGx, hPre, dhPre);
        break;
      case "GRU":
        for (let i = 0; i < n; i++) {
          const g = (r0 + i) * GH;
          for (let j = 0; j < H; j++) {
            const r = ws[g + j]!, z = ws[g + H + j]!, nv = ws[g + 2 * H + j]!;
            const hn = ws[cBase + (r0 + i) * H + j]!;
            const d = dh[i * P + j]!;
            const hp = hPrev[(r0 + i) * P + j]!;
            const dan = d * (1 - z) * (1 - nv * nv);
            const dr = dan * hn;
            dGx[g + j] = dr * r * (1 - r);
            dGx[g + H + j] = d * (hp - nv) * z * (1 - z);
            dGx[g + 2 * H + j] = dan;
            dGh[g + j] = dGx[g + j]!;
            dGh[g + H + j] = dGx[g + H + j]!;
            dGh[g + 2 * H + j] = dan * r;
            dh[i * P + j] = d * z; // the direct path h' = … + z⊙h; W_hh's part is added below
          }
        }
        break;
    }
    // dh_{t-1} (n, P) = dGh_t (n, G·H) · W_hh (G·H, P), added to the GRU's direct path.
    gemm({ transA: false, transB: false, m: n, n: P, k: GH, alpha: 1, a: dGh, aOffset: r0 * GH, lda: GH,
      b: w.wHh, bOffset: 0, ldb: P, beta: mode === "GRU" ? 1 : 0, c: dh, cOffset: 0, ldc: P });
  }
  // Rows that ended their backward walk hold the gradient of the initial state.
  addInto(grads.dh0, dh);
  if (dc !== null && grads.dc0 !== null) addInto(grads.dc0, dc);

  // dW_ih += dGxᵀ·x, dx += dGx·W_ih, dW_hh += dGhᵀ·h_prev, biases += column sums.
  gemm({ transA: true, transB: false, m: GH, n: I, k: N, alpha: 1, a: dGx, aOffset: 0, lda: GH,
    b: x, bOffset: 0, ldb: I, beta: 1, c: grads.dWih, cOffset: 0, ldc: I });
  if (grads.dx !== null) {
    gemm({ transA: false, transB: false, m: N, n: I, k: GH, alpha: 1, a: dGx, aOffset: 0, lda: GH,
      b: w.wIh, bOffset: 0, ldb: I, beta: 1, c: grads.dx, cOffset: 0, ldc: I });
  }
  gemm({ transA: true, transB: false, m: GH, n: P, k: N, alpha: 1, a: dGh, aOffset: 0, lda: GH,
    b: hPrev, bOffset: 0, ldb: P, beta: 1, c: grads.dWhh, cOffset: 0, ldc: P });
  addColumnSums(grads.dbIh, dGx, N, GH);
  addColumnSums(grads.dbHh, dGh, N, GH);
}

/** One LSTM step of the backward walk: fills dGx rows of the step, updates dh and dc in place. */
function lstmStep(
  args: RnnBackwardArgs, cBase: number, r0: number, n: number, prevRow0: number, nPrev: number,
  dh: FloatArray, dc: FloatArray, dG: FloatArray, hPre: FloatArray | null, dhPre: FloatArray | null,
): void {
  const { dims, w, workspace: ws } = args;
  const { H, P } = dims;
  const GH = 4 * H;
  let dOut = dh; // gradient of o⊙tanh(c), (n, H)
  if (hPre !== null && dhPre !== null) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < H; j++) {
        hPre[i * H + j] = ws[(r0 + i) * GH + 3 * H + j]! * Math.tanh(ws[cBase + (r0 + i) * H + j]!);
      }
    }
    // dW_hr (P, H) += dhᵀ (P, n) · hPre (n, H);  dhPre (n, H) = dh (n, P) · W_hr (P, H)
    gemm({ transA: true, transB: false, m: P, n: H, k: n, alpha: 1, a: dh, aOffset: 0, lda: P,
      b: hPre, bOffset: 0, ldb: H, beta: 1, c: args.grads.dWhr!, cOffset: 0, ldc: H });
    gemm({ transA: false, transB: false, m: n, n: H, k: P, alpha: 1, a: dh, aOffset: 0, lda: P,
      b: w.wHr!, bOffset: 0, ldb: H, beta: 0, c: dhPre, cOffset: 0, ldc: H });
    dOut = dhPre;
  }
  const outStride = hPre !== null ? H : P;
  for (let i = 0; i < n; i++) {
    const g = (r0 + i) * GH;
    const cRow = cBase + (r0 + i) * H;
    const cPrevRow = i < nPrev ? cBase + (prevRow0 + i) * H : -1;
    for (let j = 0; j < H; j++) {
      const ig = ws[g + j]!, fg = ws[g + H + j]!, gg = ws[g + 2 * H + j]!, og = ws[g + 3 * H + j]!;
      const tc = Math.tanh(ws[cRow + j]!);
      const cp = cPrevRow >= 0 ? ws[cPrevRow + j]! : args.c0![i * H + j]!;
      const dO = dOut[i * outStride + j]!;
      const dcv = dc[i * H + j]! + dO * og * (1 - tc * tc);
      dG[g + j] = dcv * gg * ig * (1 - ig);
      dG[g + H + j] = dcv * cp * fg * (1 - fg);
      dG[g + 2 * H + j] = dcv * ig * (1 - gg * gg);
      dG[g + 3 * H + j] = dO * tc * og * (1 - og);
      dc[i * H + j] = dcv * fg;
    }
  }
}

function addInto(out: FloatArray, a: FloatArray): void {
  for (let k = 0; k < a.length; k++) out[k] += a[k]!;
}
