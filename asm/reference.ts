// Plain-loop references of the optimised kernels, for tests and benchmarks only: built into a
// module of their own (scripts/build-wasm.mjs, entry asm/reference-index.ts), never into the
// production binary.

/** The reference GEMM: the same arguments as `gemm` but B unpacked, through strides (rsB, csB). */
export function gemm_naive(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32, alpha: f32, beta: i32,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s: f32 = 0;
      for (let p = 0; p < k; p++) {
        s += load<f32>(a + ((<usize>i * rsA + <usize>p * csA) << 2)) * load<f32>(b + ((<usize>p * rsB + <usize>j * csB) << 2));
      }
      const cp = c + ((<usize>i * ldc + j) << 2);
      store<f32>(cp, alpha * s + (beta != 0 ? load<f32>(cp) : 0));
    }
  }
}

/** Scalar tanh of AssemblyScript's math library, the benchmarks' baseline for tanh_f32. */
export function tanh_naive(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), Mathf.tanh(load<f32>(x + (<usize>i << 2))));
}
