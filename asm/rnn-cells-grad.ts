// Kernel: the elementwise part of one backward step of each mode, over the n rows of a step and
// one slice of hs hidden units (see rnn-backward.ts): gradients of the pre-activation gates from
// the saved activated gates (workspace layout of kernels.ts) and the running state gradients.
//
// Every pointer is at the slice's first column; global buffers have rows of G·H floats with
// gate k at +k·H (or of H floats), and row strides in floats are given where they vary. The
// gate gradients go to dG (global layout, for the weight gradients) and, when `local`, also to
// dL: rows of G·hs floats, gate k at +k·hs — the slice's operand of the product with W_hh.
import { tanh4 } from "./activation";
import { loadN, storeN } from "./simd";

/** RNN: dG = dh ⊙ act'(h), h the saved output (stride H); relu' is 1 where h > 0. dh: stride dStride. */
export function rnn_cells_grad(relu: bool, n: i32, hs: i32, H: i32, h: usize, dh: usize, dStride: i32, dG: usize, dL: usize, local: bool): void {
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const hi = h + ((<usize>i * <usize>H) << 2), di = dh + ((<usize>i * <usize>dStride) << 2);
    const gi = dG + ((<usize>i * <usize>H) << 2), li = dL + ((<usize>i * <usize>hs) << 2);
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const hv = loadN(hi + o, w), d = loadN(di + o, w);
      const v = relu ? v128.and(d, f32x4.gt(hv, f32x4.splat(0))) : f32x4.mul(d, f32x4.sub(one, f32x4.mul(hv, hv)));
      storeN(gi + o, v, w);
      if (local) storeN(li + o, v, w);
    }
  }
}

/**
 * LSTM. g: saved i,f,g,o rows; c: c_t rows (stride H); cPrev(i): c_{t−1} row i, from `cPrevA`
 * for i < nPrev else from `cPrevB` (c0) (stride H); dOut (stride dStride): gradient of
 * o⊙tanh(c); dc (stride H): in dc_t, out dc_{t−1}; dG, dL written; hPre (stride H): o⊙tanh(c)
 * written when not 0 (kept for the projection's weight gradient).
 */
export function lstm_cells_grad(
  n: i32, hs: i32, H: i32, g: usize, c: usize, cPrevA: usize, nPrev: i32, cPrevB: usize,
  dOut: usize, dStride: i32, dc: usize, dG: usize, dL: usize, local: bool, hPre: usize,
): void {
  const hB = <usize>H << 2, sB = <usize>hs << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 4, dgi = dG + <usize>i * hB * 4, dli = dL + <usize>i * sB * 4;
    const ci = c + <usize>i * hB, dci = dc + <usize>i * hB;
    const cpi = i < nPrev ? cPrevA + <usize>i * hB : cPrevB + <usize>i * hB;
    const di = dOut + ((<usize>i * <usize>dStride) << 2);
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const ig = loadN(gi + o, w), fg = loadN(gi + hB + o, w);
      const gg = loadN(gi + 2 * hB + o, w), og = loadN(gi + 3 * hB + o, w);
      const tc = tanh4(loadN(ci + o, w));
      const dO = loadN(di + o, w);
      const dcv = f32x4.add(loadN(dci + o, w), f32x4.mul(f32x4.mul(dO, og), f32x4.sub(one, f32x4.mul(tc, tc))));
      const di_ = f32x4.mul(f32x4.mul(dcv, gg), f32x4.mul(ig, f32x4.sub(one, ig)));
      const df = f32x4.mul(f32x4.mul(dcv, loadN(cpi + o, w)), f32x4.mul(fg, f32x4.sub(one, fg)));
      const dg = f32x4.mul(f32x4.mul(dcv, ig), f32x4.sub(one, f32x4.mul(gg, gg)));
      const do_ = f32x4.mul(f32x4.mul(dO, tc), f32x4.mul(og, f32x4.sub(one, og)));
      storeN(dgi + o, di_, w);
      storeN(dgi + hB + o, df, w);
      storeN(dgi + 2 * hB + o, dg, w);
      storeN(dgi + 3 * hB + o, do_, w);
      if (local) {
        storeN(dli + o, di_, w);
        storeN(dli + sB + o, df, w);
        storeN(dli + 2 * sB + o, dg, w);
        storeN(dli + 3 * sB + o, do_, w);
      }
      storeN(dci + o, f32x4.mul(dcv, fg), w);
      if (hPre != 0) storeN(hPre + <usize>i * hB + o, f32x4.mul(og, tc), w);
    }
  }
}

/**
 * GRU. g: saved r,z,n rows; hn: saved W_hn·h + b_hn rows (stride H); hPrev (stride H);
 * dh (stride H): in dh_t, out the direct path z⊙dh_t (W_hh's part is added by the caller);
 * dGx feeds W_ih and x, dGh (and dL) feed W_hh and h: they differ in the n block.
 */
export function gru_cells_grad(
  n: i32, hs: i32, H: i32, g: usize, hn: usize, hPrev: usize, dh: usize, dGx: usize, dGh: usize, dL: usize, local: bool,
): void {
  const hB = <usize>H << 2, sB = <usize>hs << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 3, xi = dGx + <usize>i * hB * 3, hi = dGh + <usize>i * hB * 3;
    const li = dL + <usize>i * sB * 3;
    const ni = hn + <usize>i * hB, pi = hPrev + <usize>i * hB, di = dh + <usize>i * hB;
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const r = loadN(gi + o, w), z = loadN(gi + hB + o, w), nv = loadN(gi + 2 * hB + o, w);
      const d = loadN(di + o, w);
      const dan = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(nv, nv)));
      const dr = f32x4.mul(f32x4.mul(dan, loadN(ni + o, w)), f32x4.mul(r, f32x4.sub(one, r)));
      const dz = f32x4.mul(f32x4.mul(d, f32x4.sub(loadN(pi + o, w), nv)), f32x4.mul(z, f32x4.sub(one, z)));
      const dhn = f32x4.mul(dan, r);
      storeN(xi + o, dr, w);
      storeN(xi + hB + o, dz, w);
      storeN(xi + 2 * hB + o, dan, w);
      storeN(hi + o, dr, w);
      storeN(hi + hB + o, dz, w);
      storeN(hi + 2 * hB + o, dhn, w);
      if (local) {
        storeN(li + o, dr, w);
        storeN(li + sB + o, dz, w);
        storeN(li + 2 * sB + o, dhn, w);
      }
      storeN(di + o, f32x4.mul(d, z), w);
    }
  }
}
