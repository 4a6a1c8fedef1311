// The three forecasts to beat: persistence (tomorrow = today), climatology (the training years'
// mean for the day of year) and a linear autoregression on the same 30 days, fitted by least squares.
import type { Day, Sample } from "./data.js";

export const persistence = (days: readonly Day[], samples: readonly Sample[]) => samples.map(({ target }) => days[target - 1]!.tempMax);

/** Day of the year, 0 for 1 January (31 December of a leap year is 365). */
export function dayOfYear(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Math.round((t - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / 86_400_000);
}

/**
 * Climatology from days[0 … end): the mean maximum of the training days within ±`halfWidth`
 * days of the same day of year (circular, a 365-day year). With three training years a single
 * date's mean is noisy (4.45 °C RMSE here at halfWidth 0); a 21-day window gives 3.91.
 */
export function climatology(days: readonly Day[], end: number, halfWidth = 10): (date: string) => number {
  const sum = new Float64Array(366);
  const count = new Float64Array(366);
  for (const d of days.slice(0, end)) {
    sum[dayOfYear(d.date)]! += d.tempMax;
    count[dayOfYear(d.date)]! += 1;
  }
  return (date) => {
    const center = dayOfYear(date);
    let s = 0;
    let n = 0;
    for (let k = 0; k < 366; k++) {
      const dist = Math.abs(k - center);
      if (Math.min(dist, 365 - dist) <= halfWidth) {
        s += sum[k]!;
        n += count[k]!;
      }
    }
    if (n === 0) throw new Error(`climatology: no training day within ${halfWidth} days of ${date}`);
    return s / n;
  };
}

/**
 * Ordinary least squares: β minimising ‖Xβ − y‖², X (n × p) given as rows, through the normal
 * equations XᵀX β = Xᵀy solved by Cholesky in float64 (p is small and X well conditioned here).
 */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] {
  const p = rows[0]!.length;
  const a = Array.from({ length: p }, () => new Float64Array(p));
  const b = new Float64Array(p);
  rows.forEach((r, n) => {
    for (let i = 0; i < p; i++) {
      b[i]! += r[i]! * y[n]!;
      for (let j = 0; j <= i; j++) a[i]![j]! += r[i]! * r[j]!;
    }
  });
  // Cholesky: a = L Lᵀ, L stored in the lower triangle of a.
  for (let j = 0; j < p; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= a[j]![k]! ** 2;
    if (!(d > 0)) throw new Error(`leastSquares: the columns are linearly dependent (pivot ${j} is ${d})`);
    a[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < p; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= a[i]![k]! * a[j]![k]!;
      a[i]![j] = s / a[j]![j]!;
    }
  }
  const z = new Float64Array(p); // L z = b
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i]![k]! * z[k]!;
    z[i] = s / a[i]![i]!;
  }
  const beta = new Array<number>(p).fill(0); // Lᵀ β = z
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= a[k]![i]! * beta[k]!;
    beta[i] = s / a[i]![i]!;
  }
  return beta;
}

/** The regressors of an autoregression of order `lags` for the value at `target`: 1, v[t−1], …, v[t−lags]. */
export const lagRow = (values: readonly number[], target: number, lags: number) => [1, ...Array.from({ length: lags }, (_, k) => values[target - 1 - k]!)];

/** Fits v[t] ≈ β₀ + Σₖ βₖ v[t−k] on the training targets; returns the coefficients and a forecaster. */
export function fitAutoregression(values: readonly number[], trainTargets: readonly number[], lags: number) {
  const beta = leastSquares(trainTargets.map((t) => lagRow(values, t, lags)), trainTargets.map((t) => values[t]!));
  const predict = (target: number) => lagRow(values, target, lags).reduce((acc, x, i) => acc + x * beta[i]!, 0);
  return { beta, predict };
}

/** Root mean squared error. */
export function rmse(predicted: readonly number[], truth: readonly number[]): number {
  return Math.sqrt(predicted.reduce((acc, p, i) => acc + (p - truth[i]!) ** 2, 0) / predicted.length);
}
