// The model's inputs: each day's four measurements and the season (sine and cosine of the day
// of year), standardised with the training days' means and deviations only.
import { tensor, type Tensor } from "../../src/index.js";
import type { Day, Sample } from "./data.js";

/** Features per day: max, min, precipitation, wind, sin and cos of the day of year. */
export const FEATURES = 6;

function raw(day: Day): number[] {
  const d = new Date(`${day.date}T00:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const angle = (2 * Math.PI * ((d.getTime() - start) / 86_400_000)) / 365.25;
  return [day.tempMax, day.tempMin, Math.log1p(day.precipitation), day.wind, Math.sin(angle), Math.cos(angle)];
}

/** Per-feature mean and standard deviation. */
export interface Standardizer {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** The statistics of days[0 … end) — pass the first test day so no test day contributes. */
export function fitStandardizer(days: readonly Day[], end: number): Standardizer {
  const rows = days.slice(0, end).map(raw);
  const mean = Array.from({ length: FEATURES }, (_, j) => rows.reduce((a, r) => a + r[j]!, 0) / rows.length);
  const std = mean.map((m, j) => Math.sqrt(rows.reduce((a, r) => a + (r[j]! - m) ** 2, 0) / rows.length) || 1);
  return { mean, std };
}

/**
 * A batch of samples as tensors: inputs (B, T=window, F) standardised, and targets (B) — the
 * target day's maximum, standardised with the maximum's statistics.
 */
export function batchOf(days: readonly Day[], samples: readonly Sample[], window: number, s: Standardizer): { x: Tensor; y: Tensor } {
  const x = new Float32Array(samples.length * window * FEATURES);
  const y = new Float32Array(samples.length);
  samples.forEach(({ target }, b) => {
    for (let t = 0; t < window; t++) {
      const f = raw(days[target - window + t]!);
      for (let j = 0; j < FEATURES; j++) x[(b * window + t) * FEATURES + j] = (f[j]! - s.mean[j]!) / s.std[j]!;
    }
    y[b] = (days[target]!.tempMax - s.mean[0]!) / s.std[0]!;
  });
  return { x: tensor(x, { shape: [samples.length, window, FEATURES] }), y: tensor(y) };
}
