// Kernel: the elementwise part of one forward step of each mode, over the n rows of a step.
// `g` points at the step's first row of gates (n, G·H): it holds W_ih·x + W_hh·h + biases on
// entry and the activated gates on exit (the workspace layout of kernels.ts). 4 lanes of j at a
// time; the tail of a row takes the first H mod 4 lanes.
import { relu4, sigmoid4, tanh4 } from "./activation";
import { loadN, madd, storeN } from "./simd";

/** RNN: g (n, H) := act(g); h (n, H) := the same (P = H, rows contiguous). */
export function rnn_cells(relu: bool, n: i32, H: i32, g: usize, h: usize): void {
  const len = n * H;
  for (let k = 0; k < len; k += 4) {
    const w = len - k, o = <usize>k << 2;
    const x = loadN(g + o, w);
    const v = relu ? relu4(x) : tanh4(x);
    storeN(g + o, v, w);
    storeN(h + o, v, w);
  }
}

/**
 * LSTM: i,f,g,o = σ,σ,tanh,σ(gates); c (n, H) := f⊙c + i⊙g, also written to cOut (n, H);
 * hOut rows (stride hStride floats) := o⊙tanh(c).
 */
export function lstm_cells(n: i32, H: i32, g: usize, c: usize, cOut: usize, hOut: usize, hStride: i32): void {
  const hB = <usize>H << 2;
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 4;
    const ci = c + <usize>i * hB, co = cOut + <usize>i * hB;
    const hi = hOut + ((<usize>i * <usize>hStride) << 2);
    for (let j = 0; j < H; j += 4) {
      const w = H - j, o = <usize>j << 2;
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
 * GRU: r,z = σ(gates); hn (n, H) holds W_hn·h on entry, gets + b_hn (bhn may be 0);
 * n = tanh(gates_n + r⊙hn); h (n, H) := (1−z)⊙n + z⊙h.
 */
export function gru_cells(n: i32, H: i32, g: usize, hn: usize, bhn: usize, h: usize): void {
  const hB = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i++) {
    const gi = g + <usize>i * hB * 3;
    const ni = hn + <usize>i * hB, hi = h + <usize>i * hB;
    for (let j = 0; j < H; j += 4) {
      const w = H - j, o = <usize>j << 2;
      const rg = sigmoid4(loadN(gi + o, w));
      const zg = sigmoid4(loadN(gi + hB + o, w));
      let hnv = loadN(ni + o, w);
      if (bhn != 0) hnv = f32x4.add(hnv, loadN(bhn + o, w));
      const ng = tanh4(madd(rg, hnv, loadN(gi + 2 * hB + o, w)));
      storeN(gi + o, rg, w);
      storeN(gi + hB + o, zg, w);
      storeN(gi + 2 * hB + o, ng, w);
      storeN(ni + o, hnv, w);
      storeN(hi + o, madd(zg, loadN(hi + o, w), f32x4.mul(f32x4.sub(one, zg), ng)), w);
    }
  }
}
