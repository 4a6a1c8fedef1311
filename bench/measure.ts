// Timing: warm-up runs, then repeats until both a minimum count and a time budget are reached;
// the median and the minimum of the repeats are reported. A peer whose first run already takes
// longer than the cap is skipped, so one slow implementation cannot stall the whole run.
import { performance } from "node:perf_hooks";

export interface MeasureOptions {
  /** Warm-up runs (the first of which is also the cap probe). */
  readonly warmup: number;
  readonly minRepeats: number;
  readonly maxRepeats: number;
  /** Keep repeating (up to maxRepeats) until the repeats have taken this long in total. */
  readonly budgetMs: number;
  /** Skip when the first warm-up run takes longer than this. */
  readonly capMs: number;
}

export type Timing =
  | { readonly status: "ok"; readonly medianMs: number; readonly minMs: number; readonly repeats: number; readonly samplesMs: number[] }
  | { readonly status: "capped"; readonly firstRunMs: number };

export function fullOptions(capMs: number): MeasureOptions {
  return { warmup: 2, minRepeats: 5, maxRepeats: 200, budgetMs: 3000, capMs };
}

export function quickOptions(capMs: number): MeasureOptions {
  return { warmup: 1, minRepeats: 3, maxRepeats: 3, budgetMs: 0, capMs };
}

function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, "gc");
  if (typeof gc === "function") gc();
}

async function timeOnce(fn: () => void | Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function measure(fn: () => void | Promise<void>, o: MeasureOptions): Promise<Timing> {
  collectGarbage();
  const first = await timeOnce(fn);
  if (first > o.capMs) return { status: "capped", firstRunMs: first };
  // A slow peer gets fewer warm-ups: one run already warmed it if it takes over a quarter of the budget.
  const warm = first > o.budgetMs / 4 ? 0 : o.warmup - 1;
  for (let i = 0; i < warm; i++) await fn();
  collectGarbage();
  const samples: number[] = [];
  let total = 0;
  while (samples.length < o.minRepeats || (total < o.budgetMs && samples.length < o.maxRepeats)) {
    const ms = await timeOnce(fn);
    samples.push(ms);
    total += ms;
  }
  return { status: "ok", medianMs: median(samples), minMs: Math.min(...samples), repeats: samples.length, samplesMs: samples };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
