// One lane of `log256_ps` and `sincos256_ps` from aten/src/ATen/native/cpu/avx_mathfun.h
// (Cephes-derived float32 polynomials by Pommier/Garberoglio), which PyTorch's float32
// `normal_fill_16_AVX2` uses instead of libm. Every step rounds to float32 as the vector code
// does, and each multiply feeding an add is fused as GCC fuses it in the shipped x86-64 wheels
// (`-mfma`, `-ffp-contract=fast`): contraction takes the multiply that is the add's FIRST
// operand, e.g. `add(mul(y, z), mul(e, q1))` becomes `fma(y, z, fl(e·q1))`. The contraction
// pattern follows two public reimplementations that are checked bit for bit against PyTorch
// 2.x wheels (a Rust port in a ProteinMPNN reimplementation and a Zig port for ComfyUI noise).

import { fmaF32 } from "./fma.js";

const fr = Math.fround;
const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

function toBits(x: number): number {
  f32[0] = x;
  return bits[0]!;
}

function fromBits(b: number): number {
  bits[0] = b;
  return f32[0]!;
}

// log256_ps constants (_PS256_CONST: double literals stored as float).
const MIN_NORM_POS = fromBits(0x00800000);
const SQRTHF = fr(0.707106781186547524);
const LOG_P0 = fr(7.0376836292e-2);
const LOG_P1 = fr(-1.151461031e-1);
const LOG_P2 = fr(1.167699874e-1);
const LOG_P3 = fr(-1.2420140846e-1);
const LOG_P4 = fr(1.4249322787e-1);
const LOG_P5 = fr(-1.6668057665e-1);
const LOG_P6 = fr(2.0000714765e-1);
const LOG_P7 = fr(-2.4999993993e-1);
const LOG_P8 = fr(3.3333331174e-1);
const LOG_Q1 = fr(-2.1219444e-4);
const LOG_Q2 = fr(0.693359375);

/** `log256_ps`, one lane: natural log of a float32 (NaN for x <= 0). */
export function logPs(x0: number): number {
  if (!(x0 > 0)) return NaN;
  const b = toBits(x0 < MIN_NORM_POS ? MIN_NORM_POS : x0);
  // Exponent, and the mantissa moved into [0.5, 1).
  let e = (b >>> 23) - 0x7f + 1;
  let x = fromBits((b & ~0x7f800000) | 0x3f000000);
  // if (x < SQRTHF) { e -= 1; x = x + x - 1 } else { x = x - 1 }, branch-free as in the source.
  const mask = x < SQRTHF;
  const tmp = mask ? x : 0;
  x = fr(x - 1);
  if (mask) e -= 1;
  x = fr(x + tmp);
  const z = fr(x * x);
  let y = LOG_P0;
  y = fmaF32(y, x, LOG_P1);
  y = fmaF32(y, x, LOG_P2);
  y = fmaF32(y, x, LOG_P3);
  y = fmaF32(y, x, LOG_P4);
  y = fmaF32(y, x, LOG_P5);
  y = fmaF32(y, x, LOG_P6);
  y = fmaF32(y, x, LOG_P7);
  y = fmaF32(y, x, LOG_P8);
  y = fr(y * x);
  y = fmaF32(y, z, fr(e * LOG_Q1));
  y = fmaF32(-z, 0.5, y);
  x = fr(x + y);
  return fmaF32(e, LOG_Q2, x);
}

// sincos256_ps constants.
const MINUS_DP1 = fr(-0.78515625);
const MINUS_DP2 = fr(-2.4187564849853515625e-4);
const MINUS_DP3 = fr(-3.77489497744594108e-8);
const SIN_P0 = fr(-1.9515295891e-4);
const SIN_P1 = fr(8.3321608736e-3);
const SIN_P2 = fr(-1.6666654611e-1);
const COS_P0 = fr(2.443315711809948e-5);
const COS_P1 = fr(-1.388731625493765e-3);
const COS_P2 = fr(4.166664568298827e-2);
const FOPI = fr(1.27323954473516); // 4 / pi

/** Result slots of {@link sincosPs}, reused to avoid an allocation per call. */
export const sincosOut = { sin: 0, cos: 0 };

/** `sincos256_ps`, one lane: sets `sincosOut.sin` and `sincosOut.cos` of a float32 angle. */
export function sincosPs(x0: number): void {
  const signIn = x0 < 0 || Object.is(x0, -0);
  let x = Math.abs(x0);
  // Octant: j = (int(|x| · 4/pi) + 1) & ~1 (cvttps truncates).
  let j = Math.trunc(fr(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  const swapSignSin = (j & 4) !== 0;
  const polyMask = (j & 2) === 0;
  // Extended-precision modular arithmetic: x = ((x - y·DP1) - y·DP2) - y·DP3.
  x = fmaF32(y, MINUS_DP1, x);
  x = fmaF32(y, MINUS_DP2, x);
  x = fmaF32(y, MINUS_DP3, x);
  const signCos = (~(j - 2) & 4) !== 0;
  const signSin = signIn !== swapSignSin;
  const z = fr(x * x);
  // Cosine polynomial (0 <= x <= pi/4).
  let yc = fmaF32(COS_P0, z, COS_P1);
  yc = fmaF32(yc, z, COS_P2);
  yc = fr(yc * z);
  yc = fmaF32(yc, z, -fr(z * 0.5));
  yc = fr(yc + 1);
  // Sine polynomial.
  let ys = fmaF32(SIN_P0, z, SIN_P1);
  ys = fmaF32(ys, z, SIN_P2);
  ys = fr(ys * z);
  ys = fmaF32(ys, x, x);
  // Select through masks and +0 additions exactly as the vector code does.
  const ysin2 = polyMask ? ys : 0;
  const ysin1 = polyMask ? 0 : yc;
  const s = fr(ysin1 + ysin2);
  const c = fr(fr(yc - ysin1) + fr(ys - ysin2));
  sincosOut.sin = signSin ? -s : s;
  sincosOut.cos = signCos ? -c : c;
}
