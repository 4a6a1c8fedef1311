// Option parsers for the CLI: each turns a string into a checked value or throws commander's
// InvalidArgumentError, which commander prints as one line.
import { InvalidArgumentError } from "commander";

export const int = (min: number) => (v: string): number => {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer >= ${min}, got '${v}'.`);
  return n;
};

export const number = (min: number, max = Infinity, exclusiveMin = false) => (v: string): number => {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < min || (exclusiveMin && n === min) || n > max) {
    throw new InvalidArgumentError(`expected a number ${exclusiveMin ? ">" : ">="} ${min}${max < Infinity ? ` and <= ${max}` : ""}, got '${v}'.`);
  }
  return n;
};

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration such as 90s, 15m, 1.5h (no unit: seconds) → milliseconds. */
export function duration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  const ms = m === null ? NaN : Number(m[1]) * UNITS[m[2] ?? "s"]!;
  if (!(ms > 0)) throw new InvalidArgumentError(`expected a duration such as 90s, 15m or 1h, got '${v}'.`);
  return ms;
}
