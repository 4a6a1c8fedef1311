// The fused multiply-add emulation against exact rational arithmetic (BigInt).

import assert from "node:assert/strict";
import { test } from "node:test";

import { fmaF32, fmaF64 } from "../../src/random/fma.js";

/** A finite double as an exact fraction m · 2^e (m a bigint). */
function toExact(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (exp === 0) return { m: sign * frac, e: -1074 };
  return { m: sign * (frac | (1n << 52n)), e: exp - 1075 };
}

/** Exact a·b + c rounded to nearest-even with `p` significant bits (no overflow/underflow). */
function exactFma(a: number, b: number, c: number, p: number): number {
  const A = toExact(a);
  const B = toExact(b);
  const C = toExact(c);
  let m = A.m * B.m;
  let e = A.e + B.e;
  let cm = C.m;
  const ce = C.e;
  if (ce < e) {
    m <<= BigInt(e - ce);
    e = ce;
  } else {
    cm <<= BigInt(ce - e);
  }
  m += cm;
  if (m === 0n) return 0;
  const neg = m < 0n;
  if (neg) m = -m;
  const len = m.toString(2).length;
  if (len > p) {
    const shift = BigInt(len - p);
    const q = m >> shift;
    const r = m - (q << shift);
    const half = 1n << (shift - 1n);
    let rounded = q;
    if (r > half || (r === half && (q & 1n) === 1n)) rounded += 1n;
    m = rounded;
    e += Number(shift);
  }
  const value = Number(m) * 2 ** e;
  return neg ? -value : value;
}

/** A deterministic stream of awkward doubles: mixed magnitudes, near-cancellations. */
function* cases(n: number): Generator<[number, number, number]> {
  let s = 0x12345678;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < n; i++) {
    const a = (next() - 0.5) * 2 ** Math.floor(next() * 20 - 10);
    const b = (next() - 0.5) * 2 ** Math.floor(next() * 20 - 10);
    const c = i % 3 === 0 ? -(a * b) * (1 + (next() - 0.5) * 2 ** -20) : (next() - 0.5) * 2 ** Math.floor(next() * 20 - 10);
    yield [a, b, c];
  }
}

test("fmaF64 rounds a·b + c once, like C's fma", () => {
  assert.equal(fmaF64(0.1, 10, -1), 5.551115123125783e-17); // the classic: 0.1 * 10 - 1 is 0 unfused
  for (const [a, b, c] of cases(20000)) {
    assert.equal(fmaF64(a, b, c), exactFma(a, b, c, 53), `fma(${a}, ${b}, ${c})`);
  }
});

test("fmaF32 rounds a·b + c once to float32, like C's fmaf", () => {
  const f = Math.fround;
  assert.equal(fmaF32(f(0.1), 10, -1), f(0.1) * 10 - 1); // exact in float32
  // A double-rounding trap: a·b + c = 1 + 2^-23 + 2^-24 - 2^-70 rounds to the float32 midpoint
  // 1 + 2^-23 + 2^-24 as a double, and ties-to-even would then give 1 + 2^-22; fmaf gives 1 + 2^-23.
  const a = 2 ** -24 * (1 + 2 ** -23);
  const b = 1 - 2 ** -23;
  const c = 1 + 2 ** -23;
  assert.equal(f(a * b + c), 1 + 2 ** -22);
  assert.equal(fmaF32(a, b, c), 1 + 2 ** -23);
  assert.equal(fmaF32(-a, b, -c), -(1 + 2 ** -23));
  for (const [a0, b0, c0] of cases(20000)) {
    const a = f(a0);
    const b = f(b0);
    const c = f(c0);
    assert.equal(fmaF32(a, b, c), f(exactFma(a, b, c, 24)), `fmaf(${a}, ${b}, ${c})`);
  }
});
