// Batch-1 LSTM forward (T = 100, I = H) on 1 and 2 threads with the size thresholds lifted, hot
// (calls back to back: the worker spins between them) and cold (20 ms apart: the worker sleeps),
// µs per call — the measurements behind the thresholds in src/backend/wasm/parallel.ts. Then the
// fixed cost of one call at T = 1 (where a cell stepped call by call pays it every step).
//   node bench/kernels/batch1.mjs
import { GATES } from "../../build/src/backend/kernels.js";
import { setNumThreads, threadsReady } from "../../build/src/backend/index.js";
import { wasmBackend, wasmFeature } from "../../build/src/backend/wasm/index.js";
import { thresholds } from "../../build/src/backend/wasm/parallel.js";
import { lcg, table, timeMs } from "./timing.mjs";

const wasm = wasmBackend(); // the WebAssembly backend (null where WebAssembly is missing)

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function layer(T, H) {
  const GH = GATES.LSTM * H;
  const dims = { mode: "LSTM", T, B: 1, I: H, H, P: H, batchSizes: new Int32Array(T).fill(1), reverse: false };
  const w = { wIh: lcg(GH * H, 1, 0.1), wHh: lcg(GH * H, 2, 0.1), bIh: lcg(GH, 3), bHh: lcg(GH, 4), wHr: null };
  return { dims, w, versions: { wIh: 1, wHh: 1 }, x: lcg(T * H, 5), h0: lcg(H, 6), c0: lcg(H, 7),
    y: new Float32Array(T * H), hN: new Float32Array(H), cN: new Float32Array(H), workspace: null };
}

const saved = { ...thresholds };
thresholds.callFlops = 0;
thresholds.stepFlops = 0;
const rows = [["H (kFLOP/step)", "hot 1 thread", "hot 2 threads", "cold 1 thread", "cold 2 threads"]];
for (const H of [16, 32, 48, 64, 96, 128]) {
  const args = layer(100, H);
  const hot = { 1: [], 2: [] }, cold = { 1: [], 2: [] };
  for (const n of [1, 2, 1, 2]) {
    setNumThreads(n);
    await threadsReady();
    hot[n].push(timeMs(() => wasm.rnnForward(args), { repeats: 7, minMs: 50 }));
    const c = [];
    for (let i = 0; i < 9; i++) {
      await sleep(20);
      const t0 = performance.now();
      wasm.rnnForward(args);
      c.push(performance.now() - t0);
    }
    cold[n].push(c.sort((a, b) => a - b)[4]);
  }
  const us = (a) => (Math.min(...a) * 1000).toFixed(0);
  rows.push([`${H} (${(8 * H * H / 1000).toFixed(0)})`, us(hot[1]), us(hot[2]), us(cold[1]), us(cold[2])]);
}
Object.assign(thresholds, saved);
console.log(`batch-1 LSTM forward, T = 100, wasm build ${wasmFeature()}: µs per call (best of two medians)`);
table(rows);

setNumThreads(1);
const calls = [["T = 1, B = 1", "µs per call"]];
for (const H of [8, 64]) {
  const args = layer(1, H);
  calls.push([`H = ${H}`, (timeMs(() => wasm.rnnForward(args), { repeats: 9, minMs: 100 }) * 1000).toFixed(2)]);
}
console.log("\none call of a single step (versioned weights, one thread)");
table(calls);
