// Correctly rounded fused multiply-add in plain JavaScript numbers, for float32 and float64.
// PyTorch's x86-64 kernels are compiled with `-mfma` and GCC's default `-ffp-contract=fast`,
// so `a * b + c` in its sampling code is one rounding, not two; these reproduce that.
//
// float32: the product of two float32s is exact in a double, so only the rounding of the sum
// to double can mislead the final rounding to float32, and only at a float32 midpoint; there
// the exact error of the sum (Knuth's TwoSum) decides. float64: Boldo & Melquiond's emulation
// ("Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd",
// IEEE TC 2008) — exact product (Dekker/Veltkamp), exact sum, tail rounded to odd.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the low 32-bit word of a double in `u32` (0 on little-endian hosts). */
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** `s` rounded to odd, given `s = RN(x)` and the exact error `err = x - s`. */
function toOdd(s: number, err: number): number {
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if ((u32[LO]! & 1) === 1) return s;
  // Step one ulp towards the exact value: away from zero when err has the sign of s.
  const away = s > 0 === err > 0;
  if (away) {
    if (u32[LO] === 0xffffffff) {
      u32[LO] = 0;
      u32[HI] = u32[HI]! + 1;
    } else u32[LO] = u32[LO]! + 1;
  } else if (u32[LO] === 0) {
    u32[LO] = 0xffffffff;
    u32[HI] = u32[HI]! - 1;
  } else u32[LO] = u32[LO]! - 1;
  return f64[0]!;
}

/** `a + b` rounded to odd (Knuth's TwoSum gives the exact error). */
function addToOdd(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return toOdd(s, err);
}

/** `fmaf(a, b, c)`: `a · b + c` rounded once to float32. `a`, `b`, `c` must be float32 values. */
export function fmaF32(a: number, b: number, c: number): number {
  // a·b has at most 48 significant bits: exact; s = RN53(a·b + c). RN24(s) is RN24(exact)
  // unless s sits exactly halfway between two float32s (midpoints are doubles, so any other s
  // is at least an ulp53 from one, and the exact value is within half an ulp53 of s). s is a
  // midpoint exactly when 2s - r, the float32 on the other side, is a float32 too.
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  const other = s + (s - r);
  if (other === r || Math.fround(other) !== other) return r;
  return fmaF32Tie(p, c, s, r, other);
}

/** The rare case of {@link fmaF32}, s a midpoint: the exact error of `p + c` picks the side. */
function fmaF32Tie(p: number, c: number, s: number, r: number, other: number): number {
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0 || (r + other) / 2 !== s) return r;
  return err > 0 === other > r ? other : r;
}

const SPLIT = 134217729; // 2^27 + 1

/** `fma(a, b, c)`: `a · b + c` rounded once to float64 (no overflow or underflow assumed). */
export function fmaF64(a: number, b: number, c: number): number {
  const uh = a * b;
  if (!Number.isFinite(uh)) return uh + c;
  // Exact product uh + ul (Dekker).
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const ul = al * bl - (uh - ah * bh - al * bh - ah * bl);
  // Exact sum th + tl = c + uh.
  const th = c + uh;
  const bb = th - c;
  const tl = c - (th - bb) + (uh - bb);
  return th + addToOdd(tl, ul);
}
