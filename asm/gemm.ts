// Kernel: C (m×n, row stride ldc floats) = alpha·op(A)·op(B) + beta·C, beta ∈ {0, 1}, with
// op(B) pre-packed into 8-column panels (pack.ts) and op(A) read through strides (rsA, csA).
//
// Blocking (GotoBLAS/BLIS): K in blocks of KC so a B panel slice (KC×8 floats, 8 KB) stays in
// L1; M in blocks of MC whose A block is packed into 4-row panels of broadcast values in
// `scratch` (MC×KC vectors, 256 KB, L2; pack.ts). Inside a block: for each B panel, for each
// 4-row A panel, a 4×8 register tile — 8 accumulators, 2 B vectors, 1 A vector. Rows below
// the last full 4-row panel take the one-row kernel (gemv.ts). beta = 0 overwrites C without
// reading it.
//
// Larger tiles do not pay under V8: it loads a tile's A values ahead of the first multiply-add,
// so a 6×8 tile (12 accumulators + 2 B + 6 A > 15 registers) spills and ran at 16 GFLOP/s
// where 4×8 runs at 30 in the relaxed build (bench/kernels/README.md).
//
// gemm_naive (reference.ts, not in the production build) is the plain triple loop the optimised
// kernel is held to.
import { pack_a } from "./pack";
import { gemv_row } from "./gemv";
import { madd } from "./simd";
import { barrier, part_hi, part_lo } from "./sync";
import { storeRow8 } from "./tile";

const KC = 256;
const MC = 64;

/** Bytes of scratch that `gemm` needs (the packed A block, one vector per value). */
export function gemm_scratch_bytes(): i32 {
  return MC * KC * 16;
}

export function gemm(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, bp: usize,
  c: usize, ldc: i32, alpha: f32, beta: i32, scratch: usize,
): void {
  gemm_groups(m, n, k, a, rsA, csA, bp, c, ldc, alpha, beta, scratch, 1, 0);
}

/**
 * `gemm` over `groups` column groups of n columns each: op(B) is the groups packed one after
 * another (each zero-padded to whole panels, as pack_b leaves it), and group g's columns of C
 * start at `c + g·groupBytes`. A is packed once for all of them. This is how one thread's slice
 * of hidden units is multiplied straight into its columns of every gate block (rnn-forward.ts).
 */
export function gemm_groups(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, bp: usize,
  c: usize, ldc: i32, alpha: f32, beta: i32, scratch: usize, groups: i32, groupBytes: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcB = <usize>ldc << 2;
  if (k <= 0) {
    if (beta == 0) {
      for (let i = 0; i < m; i++) {
        for (let g = 0; g < groups; g++) memory.fill(c + <usize>i * ldcB + <usize>g * groupBytes, 0, <usize>n << 2);
      }
    }
    return;
  }
  const pg = (n + 7) >> 3; // panels per group
  const panels = pg * groups;
  const panelBytes = <usize>k << 5;
  if (m == 1) {
    // One row (a batch-1 step): the row as it is stored, no packing.
    for (let kk = 0; kk < k; kk += KC) {
      for (let g = 0; g < groups; g++) {
        gemv_row(min(KC, k - kk), a + ((<usize>kk * <usize>csA) << 2), <usize>csA << 2, bp + <usize>(g * pg) * panelBytes + (<usize>kk << 5),
          panelBytes, pg, c + <usize>g * groupBytes, n, alpha, kk > 0 || beta != 0);
      }
    }
    return;
  }
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
        const g = q / pg, qq = q - g * pg;
        const b = bp + <usize>q * panelBytes + (<usize>kk << 5);
        const cq = cBlock + <usize>g * groupBytes + (<usize>qq << 5);
        const cols = n - (qq << 3);
        for (let r = 0; r < full; r += 4) {
          kernel4x8(kc, scratch + (<usize>r * <usize>kc << 4), b, cq + <usize>r * ldcB, ldcB, cols, al, acc);
        }
      }
      // The 1..3 rows left: the last A panel, 64 bytes between columns.
      const last = scratch + (<usize>full * <usize>kc << 4);
      for (let r = full; r < mc; r++) {
        for (let g = 0; g < groups; g++) {
          gemv_row(kc, last + (<usize>(r - full) << 4), 64, bp + <usize>(g * pg) * panelBytes + (<usize>kk << 5), panelBytes, pg,
            cBlock + <usize>r * ldcB + <usize>g * groupBytes, n, alpha, acc);
        }
      }
    }
  }
}

/** 4×8 tile: a is a packed 4-row A panel (broadcast values), b a packed 8-column B panel,
 * both from row kk.
 * (Unrolling k by two was 5 % faster alone and 15 % slower inlined here: V8 spills.) */
@inline function kernel4x8(k: i32, a: usize, b: usize, c: usize, ldcB: usize, cols: i32, al: v128, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load(a, 16);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load(a, 32);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load(a, 48);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += 64;
    b += 32;
  }
  storeRow8(c, c00, c01, cols, al, acc);
  storeRow8(c + ldcB, c10, c11, cols, al, acc);
  storeRow8(c + 2 * ldcB, c20, c21, cols, al, acc);
  storeRow8(c + 3 * ldcB, c30, c31, cols, al, acc);
}

/**
 * `gemm` shared by nt threads (see sync.ts): C's rows split into blocks of 4, or — when C has
 * fewer rows than columns (a GEMV) — its 8-column panels. Thread tid packs A into its own
 * scratch at `scratch + tid · gemm_scratch_bytes()`; it returns when every thread is done.
 */
export function gemm_mt(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, bp: usize,
  c: usize, ldc: i32, alpha: f32, beta: i32, scratch: usize, nt: i32, sync: usize, tid: i32,
): void {
  gemm_part(m, n, k, a, rsA, csA, bp, c, ldc, alpha, beta, scratch + <usize>tid * <usize>gemm_scratch_bytes(), nt, tid);
  barrier(sync, nt, tid);
}

/** Thread tid's part of a GEMM shared by nt threads (no barrier): its rows, or its panels. */
export function gemm_part(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, bp: usize,
  c: usize, ldc: i32, alpha: f32, beta: i32, scratch: usize, nt: i32, tid: i32,
): void {
  if (nt <= 1) {
    gemm(m, n, k, a, rsA, csA, bp, c, ldc, alpha, beta, scratch);
  } else if (m >= n) {
    const r0 = part_lo(m, nt, tid, 4), r1 = part_hi(m, nt, tid, 4);
    gemm(r1 - r0, n, k, a + ((<usize>r0 * <usize>rsA) << 2), rsA, csA, bp, c + ((<usize>r0 * <usize>ldc) << 2), ldc, alpha, beta, scratch);
  } else {
    const panels = (n + 7) >> 3;
    const q0 = part_lo(panels, nt, tid, 1), q1 = part_hi(panels, nt, tid, 1);
    const j0 = q0 << 3, j1 = min(n, q1 << 3);
    gemm(m, j1 - j0, k, a, rsA, csA, bp + <usize>q0 * (<usize>k << 5), c + (<usize>j0 << 2), ldc, alpha, beta, scratch);
  }
}
