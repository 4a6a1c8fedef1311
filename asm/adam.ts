// Kernel: one Adam update in place, float32, 4 lanes — torch's `_single_tensor_adam` without
// weight decay or AMSGrad, rounded exactly as the JS reference (src/backend/js/adam.ts):
//
//   g  = ±grad
//   m ← lerp(m, g, w1)                 m + w1·(g − m) if |w1| < ½, else g + (w1 − 1)·(g − m)
//   v ← β2·v + (1 − β2)·g·g
//   θ ← θ + (−step)·m / (√v / √(1 − β2ᵗ) + ε)
//
// Every f32 operation here is correctly rounded, as is JavaScript's Math.fround of the double
// operation on float32 values (a double has more than 2·24 + 2 bits), so the two agree bit for
// bit. The lerp is the exception: PyTorch's CPU kernel evaluates `m + w·d` with its product and
// sum in one expression, which the reference rounds once in double and once to float32; here it
// runs in f64x2 lanes the same way. No fused multiply-add, in either build.

/** One float32 lerp lane pair: f32(a + w·d) with the product exact and the sum rounded in double. */
@inline function lerpHalf(a: v128, w: v128, d: v128): v128 {
  return f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(a), f64x2.mul(w, f64x2.promote_low_f32x4(d))));
}

/** The high two float lanes moved to the low two. */
@inline function high(x: v128): v128 {
  return i32x4.shuffle(x, x, 2, 3, 0, 1);
}

/**
 * The update over n floats at byte offsets p (θ), g (gradient), m (first moment), v (second
 * moment). sign is −1 to maximize; w1 = 1 − β1, b2 = β2, c2 = 1 − β2, bc2 = √(1 − β2ᵗ),
 * negStep = −lr / (1 − β1ᵗ), each already a float32 value.
 */
export function adam_f32(
  n: i32, p: usize, g: usize, m: usize, v: usize,
  sign: f32, w1: f32, b2: f32, c2: f32, bc2: f32, eps: f32, negStep: f32,
): void {
  const small = abs(w1) < 0.5;
  // lerp(m, g, w1) = base + w·d with (base, w, d) = (m, w1, g − m) or (g, w1 − 1, g − m).
  const w: f64 = small ? <f64>w1 : <f64>(w1 - 1);
  const sv = f32x4.splat(sign), wv = f64x2.splat(w), b2v = f32x4.splat(b2), c2v = f32x4.splat(c2);
  const bc2v = f32x4.splat(bc2), epsv = f32x4.splat(eps), stepv = f32x4.splat(negStep);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = f32x4.mul(sv, v128.load(g + o));
    const mi = v128.load(m + o);
    const d = f32x4.sub(gi, mi);
    const base = small ? mi : gi;
    const mNew = i32x4.shuffle(lerpHalf(base, wv, d), lerpHalf(high(base), wv, high(d)), 0, 1, 4, 5);
    v128.store(m + o, mNew);
    const vNew = f32x4.add(f32x4.mul(v128.load(v + o), b2v), f32x4.mul(f32x4.mul(c2v, gi), gi));
    v128.store(v + o, vNew);
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vNew), bc2v), epsv);
    v128.store(p + o, f32x4.add(v128.load(p + o), f32x4.div(f32x4.mul(stepv, mNew), denom)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = sign * load<f32>(g + o);
    const mi = load<f32>(m + o);
    const d = gi - mi;
    const mNew = <f32>((small ? <f64>mi : <f64>gi) + w * <f64>d);
    store<f32>(m + o, mNew);
    const vNew = load<f32>(v + o) * b2 + c2 * gi * gi;
    store<f32>(v + o, vNew);
    store<f32>(p + o, load<f32>(p + o) + negStep * mNew / (sqrt<f32>(vNew) / bc2 + eps));
  }
}
