// The fused-layer arguments the kernel benchmarks time: a seeded layer of any mode, the
// forward that keeps a workspace for a backward, and the inference forward that keeps none.
// Weights versioned (cached), as the module layers pass them.
import { rnnWorkspaceSize, GATES } from "../../build/src/backend/kernels.js";
import { lcg } from "./timing.mjs";

/** Forward arguments of a one-direction layer of `mode` with I inputs and H units over T steps of batch B. */
export function forwardArgs(mode, { T, B, I, H }) {
  const N = T * B, GH = GATES[mode] * H, k = 1 / Math.sqrt(H), lstm = mode === "LSTM";
  const dims = { mode, T, B, I, H, P: H, batchSizes: new Int32Array(T).fill(B), reverse: false };
  const w = { wIh: lcg(GH * I, 1, k), wHh: lcg(GH * H, 2, k), bIh: lcg(GH, 3, k), bHh: lcg(GH, 4, k), wHr: null };
  const versions = { wIh: 1, wHh: 1 };
  const fwd = { dims, w, versions, x: lcg(N * I, 5), h0: lcg(B * H, 6), c0: lstm ? lcg(B * H, 7) : null, y: new Float32Array(N * H),
    hN: new Float32Array(B * H), cN: lstm ? new Float32Array(B * H) : null, workspace: new Float32Array(rnnWorkspaceSize(dims)) };
  return { fwd, inference: { ...fwd, workspace: null } };
}
