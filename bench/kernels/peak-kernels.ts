// AssemblyScript kernels for peak.mjs (compiled there, in memory): the core's multiply-add
// ceiling, and the 4×8 GEMM tile with A read by broadcasting loads or as broadcast vectors.

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** n iterations of 8 independent multiply-add chains on registers: no memory at all. */
export function chains8(n: i32, x: f32): f32 {
  const a = f32x4.splat(x), b = f32x4.splat(0.999);
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  for (let i = 0; i < n; i++) {
    c0 = madd(a, b, c0); c1 = madd(a, b, c1); c2 = madd(a, b, c2); c3 = madd(a, b, c3);
    c4 = madd(a, b, c4); c5 = madd(a, b, c5); c6 = madd(a, b, c6); c7 = madd(a, b, c7);
  }
  return f32x4.extract_lane(f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7))), 0);
}

/** The same with 10 chains (more independent work in flight than FMA latency × 2 pipes). */
export function chains10(n: i32, x: f32): f32 {
  const a = f32x4.splat(x), b = f32x4.splat(0.999);
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0;
  for (let i = 0; i < n; i++) {
    c0 = madd(a, b, c0); c1 = madd(a, b, c1); c2 = madd(a, b, c2); c3 = madd(a, b, c3); c4 = madd(a, b, c4);
    c5 = madd(a, b, c5); c6 = madd(a, b, c6); c7 = madd(a, b, c7); c8 = madd(a, b, c8); c9 = madd(a, b, c9);
  }
  return f32x4.extract_lane(f32x4.add(f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7))), f32x4.add(c8, c9)), 0);
}

/** reps × a 4×8 tile over k steps of panels in L1; A values `aStep` bytes apart per row,
 * read by a broadcasting load (splat = 1) or as whole vectors (splat = 0, aStep = 16). */
@inline function tile(reps: i32, k: i32, a0: usize, b0: usize, aStep: usize, splat: bool): f32 {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (let r = 0; r < reps; r++) {
    let a = a0, b = b0;
    for (let p = 0; p < k; p++) {
      const x0 = v128.load(b), x1 = v128.load(b, 16);
      let av = splat ? v128.load32_splat(a) : v128.load(a);
      c00 = madd(av, x0, c00); c01 = madd(av, x1, c01);
      av = splat ? v128.load32_splat(a + aStep) : v128.load(a + aStep);
      c10 = madd(av, x0, c10); c11 = madd(av, x1, c11);
      av = splat ? v128.load32_splat(a + 2 * aStep) : v128.load(a + 2 * aStep);
      c20 = madd(av, x0, c20); c21 = madd(av, x1, c21);
      av = splat ? v128.load32_splat(a + 3 * aStep) : v128.load(a + 3 * aStep);
      c30 = madd(av, x0, c30); c31 = madd(av, x1, c31);
      a += 4 * aStep; b += 32;
    }
  }
  return f32x4.extract_lane(f32x4.add(f32x4.add(f32x4.add(c00, c01), f32x4.add(c10, c11)), f32x4.add(f32x4.add(c20, c21), f32x4.add(c30, c31))), 0);
}

export function tile_splat(reps: i32, k: i32, a: usize, b: usize): f32 {
  return tile(reps, k, a, b, 4, true);
}

export function tile_vector(reps: i32, k: i32, a: usize, b: usize): f32 {
  return tile(reps, k, a, b, 16, false);
}
