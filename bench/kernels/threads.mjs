// Fused recurrent layers on 1 and 2 threads (setNumThreads), forward and backward, at the
// benchmark's sizes: I = H = 256, T = 50, B = 32 for each mode, and batch-1 streaming LSTM
// (I = H = 64, T = 100, B = 1). Weights versioned (cached), as the module layers pass them.
//   node bench/kernels/threads.mjs [--relaxed-simd: add --experimental-wasm-relaxed-simd]
import { jsBackend } from "../../build/src/backend/js/index.js";
import { GATES } from "../../build/src/backend/kernels.js";
import { setNumThreads, threadsReady } from "../../build/src/backend/index.js";
import { wasmBackend, wasmFeature } from "../../build/src/backend/wasm/index.js";
import { forwardArgs } from "./layers.mjs";
import { lcg, table, timeMs } from "./timing.mjs";

const wasm = wasmBackend(); // the WebAssembly backend (null where WebAssembly is missing)

/** The layer's forward arguments, and a backward's (its workspace filled by the JS reference). */
function layer(mode, size) {
  const { T, B, I, H } = size, N = T * B, GH = GATES[mode] * H, lstm = mode === "LSTM";
  const { fwd, inference } = forwardArgs(mode, size);
  const grads = { dx: new Float32Array(N * I), dWih: new Float32Array(GH * I), dWhh: new Float32Array(GH * H),
    dbIh: new Float32Array(GH), dbHh: new Float32Array(GH), dWhr: null, dh0: new Float32Array(B * H), dc0: lstm ? new Float32Array(B * H) : null };
  jsBackend.rnnForward(fwd);
  const bwd = { dims: fwd.dims, w: fwd.w, versions: fwd.versions, x: fwd.x, h0: fwd.h0, c0: fwd.c0, y: fwd.y, workspace: fwd.workspace,
    dy: lcg(N * H, 8), dhN: null, dcN: null, grads };
  return { fwd, bwd, inference };
}

const sizes = [
  ["LSTM", { T: 50, B: 32, I: 256, H: 256 }], ["GRU", { T: 50, B: 32, I: 256, H: 256 }], ["RNN_TANH", { T: 50, B: 32, I: 256, H: 256 }],
  ["LSTM", { T: 100, B: 1, I: 64, H: 64 }],
];
const rows = [["case", "1 thread ms", "2 threads ms", "speedup"]];
const filter = process.argv[2];
for (const [mode, size] of sizes) {
  const label = `${mode} T=${size.T} B=${size.B} I=H=${size.H}`;
  if (filter !== undefined && !label.includes(filter)) continue;
  const { bwd, inference } = layer(mode, size);
  const big = size.B > 1;
  const opts = big ? { repeats: 7, minMs: 300 } : { repeats: 9, minMs: 100 };
  for (const [what, fn] of [["forward ", () => wasm.rnnForward(inference)], ["backward", () => wasm.rnnBackward(bwd)]]) {
    const t = [];
    for (const n of [1, 2, 1, 2]) {
      setNumThreads(n);
      await threadsReady();
      t.push(timeMs(fn, opts));
    }
    const t1 = Math.min(t[0], t[2]), t2 = Math.min(t[1], t[3]);
    rows.push([`${what} ${label}`, t1.toFixed(3), t2.toFixed(3), `${(t1 / t2).toFixed(2)}×`]);
  }
}
console.log(`fused layers, wasm build ${wasmFeature()}: 1 vs 2 threads (best of two medians each; versioned weights)`);
table(rows);
