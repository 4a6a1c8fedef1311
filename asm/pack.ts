// Packing of GEMM operands into the panel layouts that the micro-kernels stream through.
//
// An operand is addressed by strides counted in floats: element (i, j) of op(X) sits at
// x + 4·(i·rs + j·cs) — rs = ld, cs = 1 for a row-major operand; rs = 1, cs = ld for a
// transposed one.
//
//   op(B) (K×N) → NR = 8 column panels, each stored row by row, zero-padded past N:
//       packedB[(q·K + p)·8 + jj] = op(B)[p, 8q + jj]            (⌈N/8⌉·K·8 floats)
//   op(A) (M×K) → MR = 4 row panels, each stored column by column, zero-padded past M, and
//   every value broadcast to a whole vector:
//       packedA[((r·K + p)·4 + ii)·4 + lane] = op(A)[4r + ii, p]  (⌈M/4⌉·K·16 floats)
//   The micro-kernel then reads A with plain vector loads. A broadcasting load
//   (v128.load32_splat, vbroadcastss) takes a slot on the floating-point pipes that also run
//   the multiply-adds; on this machine's Zen 4 cores it held the 4×8 tile to 5 cycles per k
//   step instead of 4 (bench/kernels/README.md).
import { loadN, storeTransposed4 } from "./simd";
import { part_hi, part_lo } from "./sync";

/** Bytes of op(B) (k × n) packed into 8-column panels. */
export function packed_b_bytes(k: i32, n: i32): i32 {
  return ((n + 7) >> 3) * k * 32;
}

/** Packs op(B) (k × n) at b with strides (rs, cs) into 8-column panels at out. */
export function pack_b(k: i32, n: i32, b: usize, rs: i32, cs: i32, out: usize): void {
  const rsB = <usize>rs << 2, csB = <usize>cs << 2;
  for (let q = 0; q < n; q += 8) {
    const cols = min(8, n - q);
    const panel = out + <usize>q * <usize>k * 4; // (q/8)·k·32 bytes
    let p = 0;
    if (cs == 1) {
      // Rows of op(B) are contiguous: copy 8 floats per row.
      for (; p < k; p++) {
        const src = b + <usize>p * rsB + (<usize>q << 2);
        const dst = panel + (<usize>p << 5);
        v128.store(dst, loadN(src, cols));
        v128.store(dst, cols > 4 ? loadN(src + 16, cols - 4) : f32x4.splat(0), 16);
      }
      continue;
    }
    if (rs == 1 && cols == 8) {
      // Columns of op(B) are contiguous (B stored transposed): 4×4 transposes.
      for (; p + 4 <= k; p += 4) {
        for (let g = 0; g < 8; g += 4) {
          const src = b + <usize>(q + g) * csB + (<usize>p << 2);
          storeTransposed4(panel + (<usize>p << 5) + (<usize>g << 2), 32,
            v128.load(src), v128.load(src + csB), v128.load(src + 2 * csB), v128.load(src + 3 * csB));
        }
      }
    }
    // Any stride, the tails of the transposed case.
    for (; p < k; p++) {
      const dst = panel + (<usize>p << 5);
      for (let jj = 0; jj < 8; jj++) {
        store<f32>(dst + (<usize>jj << 2), jj < cols ? load<f32>(b + <usize>p * rsB + <usize>(q + jj) * csB) : 0);
      }
    }
  }
}

/** Packs op(A) (m × k) at a with strides (rs, cs) into 4-row panels of broadcast values at out. */
export function pack_a(m: i32, k: i32, a: usize, rs: i32, cs: i32, out: usize): void {
  const rsA = <usize>rs << 2, csA = <usize>cs << 2;
  for (let r = 0; r < m; r += 4) {
    const rows = min(4, m - r);
    const panel = out + (<usize>r * <usize>k << 4); // (r/4)·k·64 bytes
    const src = a + <usize>r * rsA;
    for (let p = 0; p < k; p++) {
      const dst = panel + (<usize>p << 6), s = src + <usize>p * csA;
      v128.store(dst, v128.load32_splat(s));
      v128.store(dst, rows > 1 ? v128.load32_splat(s + rsA) : f32x4.splat(0), 16);
      v128.store(dst, rows > 2 ? v128.load32_splat(s + 2 * rsA) : f32x4.splat(0), 32);
      v128.store(dst, rows > 3 ? v128.load32_splat(s + 3 * rsA) : f32x4.splat(0), 48);
    }
  }
}

/** Thread tid's share of `pack_b` when nt threads pack one operand: whole 8-column panels. */
export function pack_b_part(k: i32, n: i32, b: usize, rs: i32, cs: i32, out: usize, nt: i32, tid: i32): void {
  const panels = (n + 7) >> 3;
  const q0 = part_lo(panels, nt, tid, 1), q1 = part_hi(panels, nt, tid, 1);
  if (q1 <= q0) return;
  const j0 = q0 << 3;
  pack_b(k, min(n, q1 << 3) - j0, b + ((<usize>j0 * <usize>cs) << 2), rs, cs, out + <usize>q0 * (<usize>k << 5));
}
