// Kernel: the elementwise part of one forward step of each mode, over the n rows of a step and
// one slice of hs hidden units (all H of them with one thread; see rnn-forward.ts).
//
// `g` points at the slice's first column in the step's first row of gates: rows of G·H floats,
// gate k at +k·H (the workspace layout of kernels.ts). It holds W_ih·x + W_hh·h + biases on
// entry (GRU: the n gate without W_hn·h) and the activated gates on exit. Every other pointer
// is at the slice's first column too; row strides are in floats. 4 lanes of j at a time; the
// tail of a slice takes the first hs mod 4 lanes.
import { relu4, sigmoid4, tanh4 } from "./activation";
import { loadN, madd, storeN } from "./simd";

/** RNN: g := act(g); hOut rows (stride hStride) := the same. */
export function rnn_cells(relu: bool, n: i32, hs: i32, H: i32, g: usize, hOut: usize, hStride: i32): void {
  for (let i = 0; i < n; i++) {
    const gi = g + ((<usize>i * <usize>H) << 2), hi = hOut + ((<usize>i * <usize>hStride) << 2);
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const x = loadN(gi + o, w);
      const v = relu ? relu4(x) : tanh4(x);
      storeN(gi + o, v, w);
      storeN(hi + o, v, w);
    }
  }
}

/**
 * LSTM: i,f,g,o = σ,σ,tanh,σ(gates); c (stride H) := f⊙c + i⊙g, also written to cOut
 * (stride H); hOut rows (stride hStride) := o⊙tanh(c).
 */
export function lstm_cells(n: i32, hs: i32, H: i32, g: usize, c: usize, cOut: usize, hOut: usize, hStride: i32): void {
  const hB = <usize>H << 2;
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 4;
    const ci = c + <usize>i * hB, co = cOut + <usize>i * hB;
    const hi = hOut + ((<usize>i * <usize>hStride) << 2);
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const ig = sigmoid4(loadN(gi + o, w));
      const fg = sigmoid4(loadN(gi + hB + o, w));
      const gg = tanh4(loadN(gi + 2 * hB + o, w));
      const og = sigmoid4(loadN(gi + 3 * hB + o, w));
      storeN(gi + o, ig, w);
      storeN(gi + hB + o, fg, w);
      storeN(gi + 2 * hB + o, gg, w);
      storeN(gi + 3 * hB + o, og, w);
      const cv = madd(fg, loadN(ci + o, w), f32x4.mul(ig, gg));
      storeN(ci + o, cv, w);
      storeN(co + o, cv, w);
      storeN(hi + o, f32x4.mul(og, tanh4(cv)), w);
    }
  }
}

/**
 * GRU: r,z = σ(gates); hn (stride H) holds W_hn·h on entry, gets + b_hn (bhn may be 0);
 * n = tanh(gates_n + r⊙hn); hOut (stride H) := (1−z)⊙n + z⊙hPrev (stride H).
 */
export function gru_cells(n: i32, hs: i32, H: i32, g: usize, hn: usize, bhn: usize, hPrev: usize, hOut: usize): void {
  const hB = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 3;
    const ni = hn + <usize>i * hB, pi = hPrev + <usize>i * hB, hi = hOut + <usize>i * hB;
    for (let j = 0; j < hs; j += 4) {
      const w = hs - j, o = <usize>j << 2;
      const rg = sigmoid4(loadN(gi + o, w));
      const zg = sigmoid4(loadN(gi + hB + o, w));
      let hnv = loadN(ni + o, w);
      if (bhn != 0) hnv = f32x4.add(hnv, loadN(bhn + o, w));
      const ng = tanh4(madd(rg, hnv, loadN(gi + 2 * hB + o, w)));
      storeN(gi + o, rg, w);
      storeN(gi + hB + o, zg, w);
      storeN(gi + 2 * hB + o, ng, w);
      storeN(ni + o, hnv, w);
      storeN(hi + o, madd(zg, loadN(pi + o, w), f32x4.mul(f32x4.sub(one, zg), ng)), w);
    }
  }
}
