// Where a fused forward's time goes, for the bench's cases 1–4 on one thread: the whole layer
// (Backend.rnnForward as inference calls it: weights cached, no workspace kept) against its
// parts timed alone with the same shapes — the input projection (one GEMM of N×G·H×I), the
// recurrent products (T GEMMs of B×G·H×H), the gate activations (T × the cells' sigmoid and
// tanh counts) — and the rest (packing h, bias adds, the state update, copies in and out of
// the heap) as layer − parts.
//   node bench/kernels/breakdown.mjs
import { setNumThreads } from "../../build/src/backend/index.js";
import { GATES } from "../../build/src/backend/kernels.js";
import { wasmBackend, wasmFeature, wasmRuntime } from "../../build/src/backend/wasm/index.js";
import { forwardArgs } from "./layers.mjs";
import { lcg, table, timeMs } from "./timing.mjs";

setNumThreads(1);
const wasm = wasmBackend();
const { kernels, heap, cache } = wasmRuntime();

// How many sigmoids and tanhs a step's cells take per hidden unit.
const ACTIVATIONS = {
  LSTM: { sigmoids: 3, tanhs: 2 },
  GRU: { sigmoids: 2, tanhs: 1 },
  RNN_TANH: { sigmoids: 0, tanhs: 1 },
};
const CASES = [
  ["1. LSTM I=H=256 T=50 B=32", "LSTM", { T: 50, B: 32, I: 256, H: 256 }],
  ["2. GRU, same sizes", "GRU", { T: 50, B: 32, I: 256, H: 256 }],
  ["3. tanh RNN, same sizes", "RNN_TANH", { T: 50, B: 32, I: 256, H: 256 }],
  ["4. LSTM I=H=64 T=100 B=1", "LSTM", { T: 100, B: 1, I: 64, H: 64 }],
];

function layerMs(mode, size) {
  const { inference } = forwardArgs(mode, size);
  return timeMs(() => wasm.rnnForward(inference), { repeats: 9, minMs: 200 });
}

function partsMs(mode, { T, B, I, H }) {
  const { sigmoids, tanhs } = ACTIVATIONS[mode], GH = GATES[mode] * H, N = T * B;
  heap.reset();
  const [wih, whh] = cache.ensure([
    { src: lcg(GH * I, 1), offset: 0, k: I, n: GH, rs: 1, cs: I, version: 101 },
    { src: lcg(GH * H, 2), offset: 0, k: H, n: GH, rs: 1, cs: H, version: 102 },
  ]);
  const x = heap.copyIn(lcg(N * I, 5)), h = heap.copyIn(lcg(B * H, 6));
  const ws = heap.alloc(N * GH * 4), s = heap.alloc(kernels.gemm_scratch_bytes());
  const act = heap.copyIn(lcg(B * H * Math.max(sigmoids, tanhs), 7, 4));
  const opts = { repeats: 9, minMs: 200 };
  const input = timeMs(() => kernels.gemm(N, GH, I, x, I, 1, wih, ws, GH, 1, 0, s), opts);
  const recurrent = timeMs(() => {
    for (let t = 0; t < T; t++) kernels.gemm(B, GH, H, h, H, 1, whh, ws + t * B * GH * 4, GH, 1, 1, s);
  }, opts);
  const activations = timeMs(() => {
    for (let t = 0; t < T; t++) {
      if (sigmoids > 0) kernels.sigmoid_f32(act, act, sigmoids * B * H);
      kernels.tanh_f32(act, act, tanhs * B * H);
    }
  }, opts);
  return { input, recurrent, activations };
}

const pct = (part, whole) => `${(100 * part / whole).toFixed(0)} %`;
const rows = [["case", "layer ms", "input GEMM", "recurrent GEMMs", "activations", "rest", "GEMM GFLOP/s"]];
for (const [label, mode, size] of CASES) {
  const layer = layerMs(mode, size);
  const { input, recurrent, activations } = partsMs(mode, size);
  const rest = layer - input - recurrent - activations;
  const flop = 2 * size.T * size.B * GATES[mode] * size.H * (size.I + size.H);
  rows.push([label, layer.toFixed(3), `${input.toFixed(3)} (${pct(input, layer)})`, `${recurrent.toFixed(3)} (${pct(recurrent, layer)})`,
    `${activations.toFixed(3)} (${pct(activations, layer)})`, `${rest.toFixed(3)} (${pct(rest, layer)})`,
    (flop / (input + recurrent) / 1e6).toFixed(1)]);
}
console.log(`forward time by part, wasm build: ${wasmFeature()}, one thread (medians, ms)`);
table(rows);
