// Kernel: one row of op(A) times packed B — the batch-1 case (GEMV) and the rows of a GEMM
// left over below the last full 4-row panel.
//
//   a: k floats of one row of op(A), `aStep` bytes apart (64 inside a packed 4-row A panel)
//   b: the first of `panels` packed 8-column B panels (pack.ts), `panelBytes` apart, each
//      read from its row kk onward (k rows of 8 floats)
//   c: the C row, n ≤ 8·panels columns
//
// Three panels at a time: 6 accumulators. More made V8 spill registers in the prototype.
import { madd } from "./simd";
import { storeRow8 } from "./tile";

export function gemv_row(
  k: i32, a: usize, aStep: usize, b: usize, panelBytes: usize, panels: i32,
  c: usize, n: i32, alpha: f32, acc: bool,
): void {
  const al = f32x4.splat(alpha);
  let q = 0;
  for (; q + 3 <= panels; q += 3) {
    kernel1x24(k, a, aStep, b + <usize>q * panelBytes, panelBytes, c + (<usize>q << 5), n - (q << 3), al, acc);
  }
  for (; q < panels; q++) {
    kernel1x8(k, a, aStep, b + <usize>q * panelBytes, c + (<usize>q << 5), n - (q << 3), al, acc);
  }
}

/** 1×24 tile over three panels; `cols` counts the valid columns from the first one. */
@inline function kernel1x24(k: i32, a: usize, aStep: usize, b: usize, panelBytes: usize, c: usize, cols: i32, al: v128, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
  const s2 = panelBytes << 1;
  for (let p = 0; p < k; p++) {
    const av = v128.load32_splat(a);
    c0 = madd(av, v128.load(b), c0);
    c1 = madd(av, v128.load(b, 16), c1);
    c2 = madd(av, v128.load(b + panelBytes), c2);
    c3 = madd(av, v128.load(b + panelBytes, 16), c3);
    c4 = madd(av, v128.load(b + s2), c4);
    c5 = madd(av, v128.load(b + s2, 16), c5);
    a += aStep;
    b += 32;
  }
  storeRow8(c, c0, c1, cols, al, acc);
  storeRow8(c + 32, c2, c3, cols - 8, al, acc);
  storeRow8(c + 64, c4, c5, cols - 16, al, acc);
}

/** 1×8 tile over one panel. */
@inline function kernel1x8(k: i32, a: usize, aStep: usize, b: usize, c: usize, cols: i32, al: v128, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
  // Two independent chains per half: even and odd k.
  let p = 0;
  for (; p + 2 <= k; p += 2) {
    const a0 = v128.load32_splat(a);
    const a1 = v128.load32_splat(a + aStep);
    c0 = madd(a0, v128.load(b), c0);
    c1 = madd(a0, v128.load(b, 16), c1);
    c2 = madd(a1, v128.load(b, 32), c2);
    c3 = madd(a1, v128.load(b, 48), c3);
    a += aStep << 1;
    b += 64;
  }
  if (p < k) {
    const a0 = v128.load32_splat(a);
    c0 = madd(a0, v128.load(b), c0);
    c1 = madd(a0, v128.load(b, 16), c1);
  }
  storeRow8(c, f32x4.add(c0, c2), f32x4.add(c1, c3), cols, al, acc);
}
