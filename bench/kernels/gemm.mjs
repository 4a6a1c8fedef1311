// GEMM GFLOP/s: the WebAssembly kernel alone (operands already in its memory, B packed), the
// backend call (copies in and out; B packed every call, or cached by version), the module's
// plain-loop gemm_naive, and the JS reference. Shapes M×N×K as x (M×K) · Wᵀ (K×N): batches of
// 32 and 1600 rows, and batch 1 (GEMV).
//   node bench/kernels/gemm.mjs
import { jsBackend } from "../../build/src/backend/js/index.js";
import { wasmBackend, wasmFeature, wasmRuntime } from "../../build/src/backend/wasm/index.js";
import { referenceRuntime } from "../../build/test/helpers/reference-wasm.js";
import { lcg, table, timeMs } from "./timing.mjs";

const wasm = wasmBackend(); // the WebAssembly backend (null where WebAssembly is missing)

const reference = referenceRuntime(); // gemm_naive lives in the reference build only (simd)

const rows = [["M×N×K", "kernel GFLOP/s", "backend (B cached)", "backend (B packed per call)", "naive wasm", "JS reference", "kernel / JS"]];
for (const [m, n, k] of [[32, 1024, 512], [1, 1024, 256], [32, 1024, 256], [1600, 1024, 256]]) {
  const flop = 2 * m * n * k;
  const gf = (ms) => (flop / ms / 1e6).toFixed(1);
  const w = lcg(n * k, 2, 0.05);
  const args = (bVersion) => ({ transA: false, transB: true, m, n, k, alpha: 1, a: lcg(m * k, 1), aOffset: 0, lda: k,
    b: w, bOffset: 0, ldb: k, beta: 0, c: new Float32Array(m * n), cOffset: 0, ldc: n, bVersion });
  // The kernel alone: operands placed once in the heap's arena.
  const { kernels, heap, cache } = wasmRuntime();
  const [bp] = cache.ensure([{ src: w, offset: 0, k, n, rs: 1, cs: k, version: 1 }]);
  const a = heap.copyIn(lcg(m * k, 1)), c = heap.alloc(m * n * 4), s = heap.alloc(kernels.gemm_scratch_bytes());
  const kernel = timeMs(() => kernels.gemm(m, n, k, a, k, 1, bp, c, n, 1, 0, s));
  const rh = reference.heap;
  rh.reset();
  const ra = rh.copyIn(lcg(m * k, 1)), rc = rh.alloc(m * n * 4), bRaw = rh.copyIn(w);
  const naive = timeMs(() => reference.kernels.gemm_naive(m, n, k, ra, k, 1, bRaw, 1, k, rc, n, 1, 0), { repeats: 3, minMs: 50 });
  const cached = args(1), uncached = args(undefined), ref = args(undefined);
  const tCached = timeMs(() => wasm.gemm(cached));
  const tPacked = timeMs(() => wasm.gemm(uncached));
  const tJs = timeMs(() => jsBackend.gemm(ref), { repeats: 3, minMs: 200 });
  rows.push([`${m}×${n}×${k}`, gf(kernel), gf(tCached), gf(tPacked), gf(naive), gf(tJs), `${(tJs / kernel).toFixed(0)}×`]);
}
console.log(`gemm, wasm build: ${wasmFeature()} (median of 7; GFLOP/s = 2·M·N·K / time)`);
table(rows);
