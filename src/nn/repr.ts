// Python's printed forms of the option values in a module's repr (`1e-05`, `(4,)`, `True`).

/** A number as Python's repr prints a float: `0.1`, `1.0`, `1e-05`. */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [m, e] = v.toExponential().split("e") as [string, string];
    const sign = e.startsWith("-") ? "-" : "+";
    return `${m}e${sign}${e.replace(/^[-+]/, "").padStart(2, "0")}`;
  }
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** A tuple of ints as Python prints it: `(4,)`, `(3, 4)`. */
export function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(", ")})`;
}

export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}
