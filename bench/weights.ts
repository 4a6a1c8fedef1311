// The weights every peer gets: rnnkit's, read from its state dict in PyTorch's layout, and the
// gate-block reorderings and transposes that ONNX and TensorFlow.js need.
import type { CaseSpec } from "./cases.js";
import { GATES } from "./cases.js";

/** One layer's weights in PyTorch's layout and gate order (LSTM i,f,g,o; GRU r,z,n). */
export interface LayerWeights {
  /** (G·H, I) */ readonly wIh: Float32Array;
  /** (G·H, H) */ readonly wHh: Float32Array;
  /** (G·H) */ readonly bIh: Float32Array;
  /** (G·H) */ readonly bHh: Float32Array;
}

/** Something with PyTorch's state-dict keys whose values expose their elements. */
export type StateLike = Record<string, { readonly data: ArrayLike<number> }>;

export function weightsFromState(c: CaseSpec, state: StateLike): LayerWeights {
  const G = GATES[c.mode];
  const get = (key: string, n: number): Float32Array => {
    const t = state[key];
    if (t === undefined) throw new Error(`bench: state dict has no '${key}' (keys: ${Object.keys(state).join(", ")})`);
    if (t.data.length !== n) throw new Error(`bench: '${key}' has ${t.data.length} elements, expected ${n}`);
    return Float32Array.from(t.data);
  };
  return {
    wIh: get("weight_ih_l0", G * c.H * c.I),
    wHh: get("weight_hh_l0", G * c.H * c.H),
    bIh: get("bias_ih_l0", G * c.H),
    bHh: get("bias_hh_l0", G * c.H),
  };
}

/**
 * Gate blocks of a (G·H, cols) matrix (or a G·H vector, cols = 1) in a new order:
 * output block k is input block `order[k]`.
 */
export function reorderGates(m: Float32Array, H: number, cols: number, order: readonly number[]): Float32Array {
  const block = H * cols;
  const out = new Float32Array(order.length * block);
  order.forEach((src, k) => out.set(m.subarray(src * block, (src + 1) * block), k * block));
  return out;
}

/** The transpose of a row-major (rows, cols) matrix. */
export function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

/** (T, B, F) time-major ⇄ (B, T, F) batch-major; the same function swaps the first two axes either way. */
export function swapTB(x: Float32Array, d0: number, d1: number, F: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < d0; i++) {
    for (let j = 0; j < d1; j++) out.set(x.subarray((i * d1 + j) * F, (i * d1 + j + 1) * F), (j * d0 + i) * F);
  }
  return out;
}
