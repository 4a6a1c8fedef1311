// Checks of an options object against what a constructor or function accepts: an unknown name
// is an error that names the valid ones and the nearest ("did you mean numLayers?"), a value of
// the wrong type is an error naming the option. One helper for layers, losses and optimizers.
import { ConfigError, describeValue, type ErrorDetails, type RnnkitError } from "./errors.js";

/**
 * What one option accepts: a JS type, an integer, one of a list of strings, an array of n
 * numbers, or any value (checked by the caller). `undefined` is always accepted (the default).
 */
export type OptionKind =
  | "boolean" | "number" | "integer" | "string" | "function" | "object" | "any"
  | { readonly oneOf: readonly (string | number | boolean | null)[] }
  | { readonly numbers: number };

/** The `dtype` option of layers: float32 or float64. */
export const FLOAT_DTYPE: OptionKind = { oneOf: ["float32", "float64"] };

/** The options a function accepts, by name. */
export type OptionSpec = Readonly<Record<string, OptionKind>>;

type ErrorClass = new (op: string, message: string, details?: ErrorDetails) => RnnkitError;

export interface CheckOptionsSettings {
  /** How the object is called in messages (default "options"). */
  readonly where?: string;
  /** The error class to throw (default ConfigError; StateError when loading saved options). */
  readonly error?: ErrorClass;
}

/**
 * Throws unless `opts` is undefined or a plain object whose every own key is in `spec` with a
 * value of its kind. Usage, first line of a constructor:
 *
 *     checkOptions("LSTM", opts, { numLayers: "integer", bias: "boolean", dtype: { oneOf: ["float32", "float64"] } });
 */
export function checkOptions(op: string, opts: unknown, spec: OptionSpec, settings: CheckOptionsSettings = {}): void {
  const where = settings.where ?? "options";
  const Err = settings.error ?? ConfigError;
  if (typeof spec !== "object" || spec === null) {
    throw new ConfigError("checkOptions", `spec must be an object of option kinds (got ${describeValue(spec)})`, { expected: "object", actual: spec });
  }
  if (opts === undefined) return;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts)) {
    throw new Err(op, `${where} must be an object (got ${describeValue(opts)})`, { expected: "object", actual: opts });
  }
  const known = Object.keys(spec);
  for (const [name, value] of Object.entries(opts)) {
    if (!Object.hasOwn(spec, name)) {
      const near = nearest(name, known);
      throw new Err(op, `unknown option '${name}' in ${where} (${near === null ? "" : `did you mean ${near}? `}known: ${known.join(", ") || "none"})`, {
        expected: known, actual: name,
      });
    }
    const kind = spec[name]!;
    if (value === undefined || fits(value, kind)) continue;
    throw new Err(op, `${where}.${name} must be ${kindName(kind)} (got ${describeValue(value)})`, { expected: kindName(kind), actual: value });
  }
}

/** Throws a ConfigError unless `v` is an array (or, with `arrayLike`, any array-like but a string). */
export function expectArray(op: string, what: string, v: unknown, arrayLike = false): void {
  const ok = Array.isArray(v) || (arrayLike && typeof v === "object" && v !== null && typeof (v as { length?: unknown }).length === "number");
  if (!ok) throw new ConfigError(op, `${what} must be an array (got ${describeValue(v)})`, { expected: "array", actual: v });
}

function fits(v: unknown, kind: OptionKind): boolean {
  if (typeof kind === "object") {
    if ("oneOf" in kind) return kind.oneOf.includes(v as never);
    return Array.isArray(v) && v.length === kind.numbers && v.every((x) => typeof x === "number");
  }
  switch (kind) {
    case "any": return true;
    case "integer": return Number.isInteger(v);
    case "object": return typeof v === "object";
    default: return typeof v === kind;
  }
}

/** A kind in words, for messages: "a boolean", "one of 'tanh', 'relu'". */
export function kindName(kind: OptionKind): string {
  if (typeof kind === "object") {
    if ("oneOf" in kind) return `one of ${kind.oneOf.map((x) => (typeof x === "string" ? `'${x}'` : String(x))).join(", ")}`;
    return `an array of ${kind.numbers} numbers`;
  }
  return kind === "any" ? "any value" : kind === "integer" ? "an integer" : kind === "object" ? "an object" : `a ${kind}`;
}

/**
 * The known name closest to `name` (case ignored): within an edit distance of a third of its
 * length, or sharing its first 4 characters (`reduce` → `reduction`); null when none is near.
 */
function nearest(name: string, known: readonly string[]): string | null {
  const a = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const b = k.toLowerCase();
    const d = distance(a, b);
    const near = d <= Math.max(2, Math.floor(a.length / 3)) || (a.length >= 4 && b.startsWith(a.slice(0, 4)));
    if (near && d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
