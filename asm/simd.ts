// Helpers shared by the SIMD kernels: a multiply-add that is fused in the relaxed-SIMD build,
// and loads/stores of the first w (1..4) float lanes for row tails that are not a multiple of 4.

/** c + a·b lane-wise: one fused instruction in the relaxed-SIMD build, mul + add otherwise. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Loads w floats at p (w ≥ 4 loads 4); lanes past w are 0. Reads no byte past p + 4·w. */
@inline export function loadN(p: usize, w: i32): v128 {
  if (w >= 4) return v128.load(p);
  let v = v128.load32_zero(p);
  if (w > 1) v = v128.load32_lane(p, v, 1, 4);
  if (w > 2) v = v128.load32_lane(p, v, 2, 8);
  return v;
}

/** Stores the first w lanes of v at p (w ≥ 4 stores 4). Writes no byte past p + 4·w. */
@inline export function storeN(p: usize, v: v128, w: i32): void {
  if (w >= 4) {
    v128.store(p, v);
    return;
  }
  v128.store32_lane(p, v, 0);
  if (w > 1) v128.store32_lane(p, v, 1, 4);
  if (w > 2) v128.store32_lane(p, v, 2, 8);
}

/** Transposes the 4×4 block whose rows are r0..r3 and stores its rows at p, p+s, p+2s, p+3s. */
@inline export function storeTransposed4(p: usize, s: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5); // a0 b0 a1 b1
  const t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7); // a2 b2 a3 b3
  const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5); // c0 d0 c1 d1
  const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7); // c2 d2 c3 d3
  v128.store(p, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(p + s, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(p + 2 * s, f32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(p + 3 * s, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/** out[i] += a[i] for i < n (4-lane steps, tail by lanes). */
export function add_into(out: usize, a: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const w = n - i;
    const o = out + (<usize>i << 2);
    storeN(o, f32x4.add(loadN(o, w), loadN(a + (<usize>i << 2), w)), w);
  }
}
