// Writing a register tile back to C: C = alpha·acc (+ C when accumulating), for the full
// 8-column width of a packed B panel or only its first `cols` columns at the right edge.
import { loadN, storeN } from "./simd";

/** One tile row of 8 columns (v0: columns 0..3, v1: 4..7), at most `cols` of them stored. */
@inline export function storeRow8(c: usize, v0: v128, v1: v128, cols: i32, al: v128, acc: bool): void {
  v0 = f32x4.mul(v0, al);
  v1 = f32x4.mul(v1, al);
  if (cols >= 8) {
    if (acc) {
      v0 = f32x4.add(v0, v128.load(c));
      v1 = f32x4.add(v1, v128.load(c, 16));
    }
    v128.store(c, v0);
    v128.store(c, v1, 16);
    return;
  }
  storeTail(c, v0, cols, acc);
  if (cols > 4) storeTail(c + 16, v1, cols - 4, acc);
}

@inline function storeTail(c: usize, v: v128, w: i32, acc: bool): void {
  if (acc) v = f32x4.add(v, loadN(c, w));
  storeN(c, v, w);
}
