// Reference matrix product: plain loops, ordered so the innermost loop walks memory
// contiguously. Readable first; the WebAssembly backend is the fast one.
import type { GemmArgs } from "../kernels.js";

/** `C = alpha · op(A) · op(B) + beta · C`, row-major (see GemmArgs). */
export function gemm(g: GemmArgs): void {
  const { m, n, k, a, b, c, lda, ldb, ldc, aOffset, bOffset, cOffset, alpha } = g;
  if (g.beta === 0) {
    for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  }
  if (m === 0 || n === 0 || k === 0) return;
  if (!g.transB) {
    // C[i,:] += A[i,p] · B[p,:] — B rows are contiguous.
    for (let i = 0; i < m; i++) {
      const ci = cOffset + i * ldc;
      for (let p = 0; p < k; p++) {
        const av = alpha * (g.transA ? a[aOffset + p * lda + i]! : a[aOffset + i * lda + p]!);
        const bp = bOffset + p * ldb;
        for (let j = 0; j < n; j++) c[ci + j] += av * b[bp + j]!;
      }
    }
  } else {
    // C[i,j] += dot(A[i,:], B[j,:]) — both operands walk a contiguous row of B.
    for (let i = 0; i < m; i++) {
      const ci = cOffset + i * ldc;
      for (let j = 0; j < n; j++) {
        const bj = bOffset + j * ldb;
        let s = 0;
        if (g.transA) for (let p = 0; p < k; p++) s += a[aOffset + p * lda + i]! * b[bj + p]!;
        else {
          const ai = aOffset + i * lda;
          for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
        }
        c[ci + j] += alpha * s;
      }
    }
  }
}
