// Kernel: the elementwise part of one backward step of each mode, over the n rows of a step:
// gradients of the pre-activation gates from the saved activated gates (workspace layout of
// kernels.ts) and the running state gradients dh (n, P) / dc (n, H).
import { tanh4 } from "./activation";
import { loadN, storeN } from "./simd";

/** RNN: dG (n, H) = dh ⊙ act'(h), h the saved output (n, H); relu' is 1 where h > 0. */
export function rnn_cells_grad(relu: bool, len: i32, h: usize, dh: usize, dG: usize): void {
  const one = f32x4.splat(1);
  for (let k = 0; k < len; k += 4) {
    const w = len - k, o = <usize>k << 2;
    const hv = loadN(h + o, w), d = loadN(dh + o, w);
    const v = relu ? v128.and(d, f32x4.gt(hv, f32x4.splat(0))) : f32x4.mul(d, f32x4.sub(one, f32x4.mul(hv, hv)));
    storeN(dG + o, v, w);
  }
}

/**
 * LSTM. g: saved i,f,g,o rows (n, 4H); c: c_t rows (n, H); cPrev(i): c_{t−1} row i, from
 * `cPrevA` for i < nPrev else from `cPrevB` (c0); dOut (n, stride dStride): gradient of
 * o⊙tanh(c); dc (n, H): in dc_t, out dc_{t−1}; dG (n, 4H) written; hPre (n, H): o⊙tanh(c)
 * written when not 0 (kept for the projection's weight gradient).
 */
export function lstm_cells_grad(
  n: i32, H: i32, g: usize, c: usize, cPrevA: usize, nPrev: i32, cPrevB: usize,
  dOut: usize, dStride: i32, dc: usize, dG: usize, hPre: usize,
): void {
  const hB = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 4, dgi = dG + <usize>i * hB * 4;
    const ci = c + <usize>i * hB, dci = dc + <usize>i * hB;
    const cpi = i < nPrev ? cPrevA + <usize>i * hB : cPrevB + <usize>i * hB;
    const di = dOut + ((<usize>i * <usize>dStride) << 2);
    for (let j = 0; j < H; j += 4) {
      const w = H - j, o = <usize>j << 2;
      const ig = loadN(gi + o, w), fg = loadN(gi + hB + o, w);
      const gg = loadN(gi + 2 * hB + o, w), og = loadN(gi + 3 * hB + o, w);
      const tc = tanh4(loadN(ci + o, w));
      const dO = loadN(di + o, w);
      const dcv = f32x4.add(loadN(dci + o, w), f32x4.mul(f32x4.mul(dO, og), f32x4.sub(one, f32x4.mul(tc, tc))));
      storeN(dgi + o, f32x4.mul(f32x4.mul(dcv, gg), f32x4.mul(ig, f32x4.sub(one, ig))), w);
      storeN(dgi + hB + o, f32x4.mul(f32x4.mul(dcv, loadN(cpi + o, w)), f32x4.mul(fg, f32x4.sub(one, fg))), w);
      storeN(dgi + 2 * hB + o, f32x4.mul(f32x4.mul(dcv, ig), f32x4.sub(one, f32x4.mul(gg, gg))), w);
      storeN(dgi + 3 * hB + o, f32x4.mul(f32x4.mul(dO, tc), f32x4.mul(og, f32x4.sub(one, og))), w);
      storeN(dci + o, f32x4.mul(dcv, fg), w);
      if (hPre != 0) storeN(hPre + <usize>i * hB + o, f32x4.mul(og, tc), w);
    }
  }
}

/**
 * GRU. g: saved r,z,n rows (n, 3H); hn: saved W_hn·h + b_hn rows (n, H); hPrev (n, H);
 * dh (n, H): in dh_t, out the direct path z⊙dh_t (W_hh's part is added by the caller);
 * dGx (n, 3H) feeds W_ih and x, dGh (n, 3H) feeds W_hh and h: they differ in the n block.
 */
export function gru_cells_grad(n: i32, H: i32, g: usize, hn: usize, hPrev: usize, dh: usize, dGx: usize, dGh: usize): void {
  const hB = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 3, xi = dGx + <usize>i * hB * 3, hi = dGh + <usize>i * hB * 3;
    const ni = hn + <usize>i * hB, pi = hPrev + <usize>i * hB, di = dh + <usize>i * hB;
    for (let j = 0; j < H; j += 4) {
      const w = H - j, o = <usize>j << 2;
      const r = loadN(gi + o, w), z = loadN(gi + hB + o, w), nv = loadN(gi + 2 * hB + o, w);
      const d = loadN(di + o, w);
      const dan = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(nv, nv)));
      const dr = f32x4.mul(f32x4.mul(dan, loadN(ni + o, w)), f32x4.mul(r, f32x4.sub(one, r)));
      const dz = f32x4.mul(f32x4.mul(d, f32x4.sub(loadN(pi + o, w), nv)), f32x4.mul(z, f32x4.sub(one, z)));
      storeN(xi + o, dr, w);
      storeN(xi + hB + o, dz, w);
      storeN(xi + 2 * hB + o, dan, w);
      storeN(hi + o, dr, w);
      storeN(hi + hB + o, dz, w);
      storeN(hi + 2 * hB + o, f32x4.mul(dan, r), w);
      storeN(di + o, f32x4.mul(d, z), w);
    }
  }
}
