// Kernel: elementwise activations on 4 float lanes, and their loops over a buffer.
//
//   exp:     Cephes' expf — n = round(y·log2 e), r = y − n·ln 2 (two-part ln 2), a degree-6
//            polynomial in r, times 2^n built in the exponent bits; y clamped to [−87.3, 88.3]
//            so that 2^n stays a normal number.
//   sigmoid: 1 / (1 + exp(−x)); 0 below x = −88 (the true value is a denormal there).
//   tanh:    |x| < 0.55: x + x³·P(x²), P a degree-4 least-squares fit of relative error
//            (3e-9 in real arithmetic); otherwise (1 − e)/(1 + e) with e = exp(−2|x|) ∈ (0, 1],
//            which saturates to exactly ±1 and loses no accuracy to cancellation. The sign is
//            copied from x, so tanh(−0) = −0.
// Measured against Math.tanh / the JS sigmoid over float32 inputs in [−20, 20]: tanh ≤ 9e-8
// absolute and 1.5e-7 relative, sigmoid ≤ 1.5e-7 relative. NaN in gives NaN out: the clamps
// use pmin/pmax with x first, which return x when it is NaN.
import { loadN, madd, storeN } from "./simd";

@inline function exp4(y: v128): v128 {
  y = f32x4.pmax(f32x4.pmin(y, f32x4.splat(88.3)), f32x4.splat(-87.3));
  const n = f32x4.nearest(f32x4.mul(y, f32x4.splat(1.44269504088896341)));
  let r = madd(n, f32x4.splat(-0.693359375), y);
  r = madd(n, f32x4.splat(2.12194440e-4), r);
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  p = madd(p, f32x4.mul(r, r), f32x4.add(r, f32x4.splat(1)));
  // 2^n: n + 127 in the exponent field. NaN converts to 0, and p carries the NaN.
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

@inline export function sigmoid4(x: v128): v128 {
  const s = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))));
  return v128.andnot(s, f32x4.lt(x, f32x4.splat(-88)));
}

@inline export function tanh4(x: v128): v128 {
  const sign = v128.and(x, i32x4.splat(0x80000000));
  const ax = f32x4.abs(x);
  // Small |x|: ax + ax·u·P(u), u = x².
  const u = f32x4.mul(ax, ax);
  let p = f32x4.splat(-0.0063564958733233175);
  p = madd(p, u, f32x4.splat(0.021127241415371874));
  p = madd(p, u, f32x4.splat(-0.05386507907406488));
  p = madd(p, u, f32x4.splat(0.13332699682015392));
  p = madd(p, u, f32x4.splat(-0.3333332060761366));
  const small = madd(f32x4.mul(ax, u), p, ax);
  // Large |x|: (1 − e)/(1 + e).
  const e = exp4(f32x4.mul(ax, f32x4.splat(-2)));
  const one = f32x4.splat(1);
  const large = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  const t = v128.bitselect(small, large, f32x4.lt(ax, f32x4.splat(0.55)));
  return v128.or(t, sign);
}

@inline export function relu4(x: v128): v128 {
  return f32x4.max(x, f32x4.splat(0)); // NaN-propagating, like Math.max
}

export const TANH = 0;
export const SIGMOID = 1;
export const RELU = 2;

/** out[i] = f(x[i]) for i < n, f by `kind` (TANH, SIGMOID, RELU); out may be x. */
export function activation(kind: i32, x: usize, out: usize, n: i32): void {
  if (kind == TANH) for (let i = 0; i < n; i += 4) { const o = <usize>i << 2; storeN(out + o, tanh4(loadN(x + o, n - i)), n - i); }
  else if (kind == SIGMOID) for (let i = 0; i < n; i += 4) { const o = <usize>i << 2; storeN(out + o, sigmoid4(loadN(x + o, n - i)), n - i); }
  else for (let i = 0; i < n; i += 4) { const o = <usize>i << 2; storeN(out + o, relu4(loadN(x + o, n - i)), n - i); }
}

/** The reference for benchmarks: scalar tanh of AssemblyScript's math library. */
export function tanh_naive(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), Mathf.tanh(load<f32>(x + (<usize>i << 2))));
}
