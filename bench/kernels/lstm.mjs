// Fused LSTM layer, forward and backward, WebAssembly against the JS reference: I = H = 256,
// T = 50, B = 32 (the brief's size), and batch-1 streaming (T = 1, B = 1) where packing the
// weights on every call is most of the work — with and without weight versions (cache).
//   node bench/kernels/lstm.mjs
import { jsBackend } from "../../build/src/backend/js/index.js";
import { rnnWorkspaceSize } from "../../build/src/backend/kernels.js";
import { wasmBackend, wasmFeature } from "../../build/src/backend/wasm/index.js";
import { lcg, table, timeMs } from "./timing.mjs";

const wasm = wasmBackend(); // the WebAssembly backend (null where WebAssembly is missing)

function layer({ T, B, I, H }) {
  const N = T * B, GH = 4 * H, k = 1 / Math.sqrt(H);
  const dims = { mode: "LSTM", T, B, I, H, P: H, batchSizes: new Int32Array(T).fill(B), reverse: false };
  const w = { wIh: lcg(GH * I, 1, k), wHh: lcg(GH * H, 2, k), bIh: lcg(GH, 3, k), bHh: lcg(GH, 4, k), wHr: null };
  const fwd = { dims, w, x: lcg(N * I, 5), h0: lcg(B * H, 6), c0: lcg(B * H, 7), y: new Float32Array(N * H),
    hN: new Float32Array(B * H), cN: new Float32Array(B * H), workspace: new Float32Array(rnnWorkspaceSize(dims)) };
  const grads = { dx: new Float32Array(N * I), dWih: new Float32Array(GH * I), dWhh: new Float32Array(GH * H),
    dbIh: new Float32Array(GH), dbHh: new Float32Array(GH), dWhr: null, dh0: new Float32Array(B * H), dc0: new Float32Array(B * H) };
  jsBackend.rnnForward(fwd);
  const bwd = { dims, w, x: fwd.x, h0: fwd.h0, c0: fwd.c0, y: fwd.y, workspace: fwd.workspace, dy: lcg(N * H, 8),
    dhN: null, dcN: null, grads };
  const flop = 2 * N * GH * (I + H); // the matrix products of the forward; the backward does twice that
  return { fwd, bwd, flop };
}

const versions = { wIh: 1, wHh: 1 };
const rows = [["case", "wasm ms", "wasm, versioned ms", "JS ms", "JS / wasm", "wasm GFLOP/s"]];
for (const size of [{ T: 50, B: 32, I: 256, H: 256 }, { T: 1, B: 1, I: 256, H: 256 }]) {
  const { fwd, bwd, flop } = layer(size);
  const big = size.T * size.B > 1;
  const opts = big ? { repeats: 5, minMs: 200 } : {};
  const jsOpts = big ? { repeats: 3, minMs: 1 } : {};
  const label = `T=${size.T} B=${size.B} I=${size.I} H=${size.H}`;
  const f = timeMs(() => wasm.rnnForward(fwd), opts);
  const fv = timeMs(() => wasm.rnnForward({ ...fwd, versions }), opts);
  const fj = timeMs(() => jsBackend.rnnForward(fwd), jsOpts);
  rows.push([`forward  ${label}`, f.toFixed(3), fv.toFixed(3), fj.toFixed(3), `${(fj / f).toFixed(1)}×`, (flop / f / 1e6).toFixed(1)]);
  const b = timeMs(() => wasm.rnnBackward(bwd), opts);
  const bv = timeMs(() => wasm.rnnBackward({ ...bwd, versions }), opts);
  const bj = timeMs(() => jsBackend.rnnBackward(bwd), jsOpts);
  rows.push([`backward ${label}`, b.toFixed(3), bv.toFixed(3), bj.toFixed(3), `${(bj / b).toFixed(1)}×`, (2 * flop / b / 1e6).toFixed(1)]);
}
console.log(`fused LSTM layer, wasm build: ${wasmFeature()} (medians; GFLOP/s counts the matrix products only)`);
table(rows);
