// Activation ns/element: the SIMD kernels alone (in WebAssembly memory), the backend call
// (copies in and out), AssemblyScript's scalar Mathf.tanh, and the JS reference (Math.tanh).
//   node bench/kernels/activation.mjs
import { jsBackend } from "../../build/src/backend/js/index.js";
import { wasmBackend, wasmFeature, wasmRuntime } from "../../build/src/backend/wasm/index.js";
import { referenceRuntime } from "../../build/test/helpers/reference-wasm.js";
import { lcg, table, timeMs } from "./timing.mjs";

const wasm = wasmBackend(); // the WebAssembly backend (null where WebAssembly is missing)

const n = 1 << 16;
const x = lcg(n, 1, 6), out = new Float32Array(n);
const { kernels, heap } = wasmRuntime();
heap.reset();
const p = heap.copyIn(x), q = heap.alloc(n * 4);
const ns = (ms) => ((ms * 1e6) / n).toFixed(2);
const rows = [["activation", "kernel ns/elem", "backend ns/elem", "JS reference ns/elem", "JS / kernel"]];
for (const kind of ["tanh", "sigmoid", "relu"]) {
  const k = timeMs(() => kernels[`${kind}_f32`](p, q, n));
  const b = timeMs(() => wasm.activation(kind, x, out, n));
  const j = timeMs(() => jsBackend.activation(kind, x, out, n));
  rows.push([kind, ns(k), ns(b), ns(j), `${(j / k).toFixed(0)}×`]);
}
const reference = referenceRuntime(); // tanh_naive lives in the reference build only
const rp = reference.heap.copyIn(x), rq = reference.heap.alloc(n * 4);
const scalar = timeMs(() => reference.kernels.tanh_naive(rp, rq, n));
rows.push(["tanh, scalar Mathf.tanh in wasm", ns(scalar), "", "", ""]);
console.log(`activations over ${n} float32 in [-6, 6), wasm build: ${wasmFeature()} (median of 7)`);
table(rows);
