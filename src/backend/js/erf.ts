// The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, which JavaScript's Math lacks, to about 1e-15
// relative: its Maclaurin series for |x| < 2.5 and a continued fraction for erfc beyond.

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf(x); odd, ±1 beyond |x| ≈ 6, NaN for NaN. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 2.5) {
    // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  return Math.sign(x) * (1 - erfcLarge(a));
}

/** erfc(a) for a ≥ 2.5 by the continued fraction e^(−a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + …)))), Lentz's method. */
function erfcLarge(a: number): number {
  const tiny = 1e-300;
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = a + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = a + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-a * a) / (f * Math.sqrt(Math.PI));
}
