// GEMM on the WebAssembly kernels: op(B) packed (cached when versioned), A and C copied into
// the arena, the kernel run (asm/gemm.ts) — split between threads when large (parallel.ts) —
// C copied back.
import type { GemmArgs } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";

/** GemmArgs with an optional version of B's contents, which lets its packed copy be reused. */
export type WasmGemmArgs = GemmArgs<Float32Array> & { readonly bVersion?: number };

/** `C = alpha · op(A) · op(B) + beta · C` (see GemmArgs), float32. */
export function gemm(rt: WasmRuntime, g: WasmGemmArgs): void {
  const { m, n, k, lda, ldb, ldc } = g;
  if (m === 0 || n === 0) return;
  const { heap, kernels } = rt;
  const [bp] = rt.cache.ensure([{
    src: g.b, offset: g.bOffset, k, n, rs: g.transB ? 1 : ldb, cs: g.transB ? ldb : 1, version: g.bVersion,
  }]);
  // A as stored: (m, k) rows of lda, or (k, m) rows of lda when transposed.
  const aSpan = k === 0 ? 0 : g.transA ? (k - 1) * lda + m : (m - 1) * lda + k;
  const a = heap.copyIn(g.a.subarray(g.aOffset, g.aOffset + aSpan));
  // C: read in when accumulating, or when its rows have gaps that must survive the copy back.
  const cSpan = (m - 1) * ldc + n;
  const cIn = g.c.subarray(g.cOffset, g.cOffset + cSpan);
  const c = g.beta !== 0 || ldc !== n ? heap.copyIn(cIn) : heap.alloc(cSpan * 4);
  const nt = rt.threads.count(2 * m * n * k, 2 * m * n * k);
  const scratch = heap.alloc(nt * kernels.gemm_scratch_bytes());
  rt.threads.run("gemm_mt", [m, n, k, a, g.transA ? 1 : lda, g.transA ? lda : 1, bp!, c, ldc, g.alpha, g.beta, scratch], nt);
  heap.copyOut(c, cSpan, g.c, g.cOffset);
}
