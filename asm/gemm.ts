// Kernel: C (m×n, row stride ldc floats) = alpha·op(A)·op(B) + beta·C, beta ∈ {0, 1}, with
// op(B) pre-packed into 8-column panels (pack.ts) and op(A) read through strides (rsA, csA).
//
// Blocking (GotoBLAS/BLIS): K in blocks of KC so a B panel slice (KC×8 floats, 8 KB) stays in
// L1; M in blocks of MC whose A block is packed into 4-row panels in `scratch` (MC×KC floats,
// 64 KB, L2). Inside a block: for each B panel, for each 4-row A panel, a 4×8 register tile —
// 8 accumulators, 2 B vectors, 1 broadcast A value. Rows below the last full 4-row panel
// take the one-row kernel (gemv.ts). beta = 0 overwrites C without reading it.
//
// gemm_naive is the plain triple loop the optimised kernel is held to.
import { pack_a } from "./pack";
import { gemv_row } from "./gemv";
import { madd } from "./simd";
import { storeRow8 } from "./tile";

const KC = 256;
const MC = 64;

/** Bytes of scratch that `gemm` needs (the packed A block). */
export function gemm_scratch_bytes(): i32 {
  return MC * KC * 4;
}

export function gemm(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, bp: usize,
  c: usize, ldc: i32, alpha: f32, beta: i32, scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcB = <usize>ldc << 2;
  if (k <= 0) {
    if (beta == 0) for (let i = 0; i < m; i++) memory.fill(c + <usize>i * ldcB, 0, <usize>n << 2);
    return;
  }
  const panels = (n + 7) >> 3;
  const panelBytes = <usize>k << 5;
  const al = f32x4.splat(alpha);
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    const acc = kk > 0 || beta != 0;
    for (let ii = 0; ii < m; ii += MC) {
      const mc = min(MC, m - ii);
      pack_a(mc, kc, a + ((<usize>ii * <usize>rsA + <usize>kk * <usize>csA) << 2), rsA, csA, scratch);
      const full = mc & ~3;
      const cBlock = c + <usize>ii * ldcB;
      for (let q = 0; q < panels; q++) {
        const b = bp + <usize>q * panelBytes + (<usize>kk << 5);
        const cols = n - (q << 3);
        for (let r = 0; r < full; r += 4) {
          kernel4x8(kc, scratch + <usize>r * <usize>kc * 4, b, cBlock + <usize>r * ldcB + (<usize>q << 5), ldcB, cols, al, acc);
        }
      }
      // The 1..3 rows left: the last A panel, 16 bytes between columns.
      const last = scratch + <usize>full * <usize>kc * 4;
      for (let r = full; r < mc; r++) {
        gemv_row(kc, last + (<usize>(r - full) << 2), 16, bp + (<usize>kk << 5), panelBytes, panels,
          cBlock + <usize>r * ldcB, n, alpha, acc);
      }
    }
  }
}

/** 4×8 tile: a is a packed 4-row A panel, b a packed 8-column B panel, both from row kk. */
@inline function kernel4x8(k: i32, a: usize, b: usize, c: usize, ldcB: usize, cols: i32, al: v128, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += 16;
    b += 32;
  }
  storeRow8(c, c00, c01, cols, al, acc);
  storeRow8(c + ldcB, c10, c11, cols, al, acc);
  storeRow8(c + 2 * ldcB, c20, c21, cols, al, acc);
  storeRow8(c + 3 * ldcB, c30, c31, cols, al, acc);
}

/** The reference: same arguments as `gemm` but B unpacked, through strides (rsB, csB). */
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
