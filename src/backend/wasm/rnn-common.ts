// What the recurrent wrappers share: mode numbers as asm/rnn-common.ts numbers them, and the
// optional weight versions a caller may pass so that packed weights are reused across calls.
import type { RnnDims, RnnMode, RnnWeights, WeightVersions } from "../kernels.js";
import type { PackRequest } from "./weight-cache.js";

export const MODE: Readonly<Record<RnnMode, number>> = { RNN_TANH: 0, RNN_RELU: 1, LSTM: 2, GRU: 3 };

export type { WeightVersions };

/** N = Σ batchSizes: the packed rows. */
export function totalRows(dims: RnnDims): number {
  let n = 0;
  for (let t = 0; t < dims.T; t++) n += dims.batchSizes[t]!;
  return n;
}

/** The forward's packed operands: W_ihᵀ (I × G·H); W_hhᵀ (P × G·H), for a GRU split into its
 * r,z rows (P × 2H) and its n rows (P × H); W_hrᵀ (H × P). */
export function forwardPacks(dims: RnnDims, w: RnnWeights<Float32Array>, v: WeightVersions | undefined): PackRequest[] {
  const { mode, I, H, P } = dims;
  const GH = (mode === "LSTM" ? 4 : mode === "GRU" ? 3 : 1) * H;
  const reqs: PackRequest[] = [{ src: w.wIh, offset: 0, k: I, n: GH, rs: 1, cs: I, version: v?.wIh }];
  if (mode === "GRU") {
    reqs.push({ src: w.wHh, offset: 0, k: P, n: 2 * H, rs: 1, cs: P, version: v?.wHh });
    reqs.push({ src: w.wHh, offset: 2 * H * P, k: P, n: H, rs: 1, cs: P, version: v?.wHh });
  } else {
    reqs.push({ src: w.wHh, offset: 0, k: P, n: GH, rs: 1, cs: P, version: v?.wHh });
  }
  if (w.wHr !== null) reqs.push({ src: w.wHr, offset: 0, k: H, n: P, rs: 1, cs: H, version: v?.wHr });
  return reqs;
}

/** The backward's packed operands, the weights as stored: W_ih (G·H × I), W_hh (G·H × P), W_hr (P × H). */
export function backwardPacks(dims: RnnDims, w: RnnWeights<Float32Array>, v: WeightVersions | undefined): PackRequest[] {
  const { mode, I, H, P } = dims;
  const GH = (mode === "LSTM" ? 4 : mode === "GRU" ? 3 : 1) * H;
  const reqs: PackRequest[] = [
    { src: w.wIh, offset: 0, k: GH, n: I, rs: I, cs: 1, version: v?.wIh },
    { src: w.wHh, offset: 0, k: GH, n: P, rs: P, cs: 1, version: v?.wHh },
  ];
  if (w.wHr !== null) reqs.push({ src: w.wHr, offset: 0, k: P, n: H, rs: H, cs: 1, version: v?.wHr });
  return reqs;
}
