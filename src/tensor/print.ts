// Printing as PyTorch prints (torch/_tensor_str.py): 4 decimals, a common width, integer
// and scientific modes, summarised past 1000 elements, and the dtype/grad_fn suffixes.
import { ConfigError, describeValue } from "../errors.js";
import { checkOptions } from "../options.js";
import type { DType } from "./dtype.js";
import { torchName } from "./dtype.js";
import { stridesOf } from "./shape.js";
import type { Tensor } from "./tensor.js";

/** What each print option holds: precision 0–100 (as toFixed), the others non-negative integers. */
const PRINT_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  precision: [0, 100], threshold: [0, Number.MAX_SAFE_INTEGER], edgeitems: [0, 1e6], linewidth: [1, Number.MAX_SAFE_INTEGER],
};

/**
 * PyTorch's defaults: `torch.set_printoptions(precision=4, threshold=1000, edgeitems=3, linewidth=80)`.
 * `legacyGradFnNames` prints backward names as PyTorch 1.0–1.9 did (`StackBackward` for
 * `StackBackward0`), to compare with output published from those versions.
 */
export const printOptions: PrintOptions = checkedOptions<PrintOptions>({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, legacyGradFnNames: false });

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  legacyGradFnNames: boolean;
}

/**
 * The options object, checked at assignment: an unknown name (with the nearest known one) or a
 * value printing cannot use is a ConfigError there, rather than a RangeError at the next print.
 */
function checkedOptions<O extends object>(initial: O): O {
  const spec = Object.fromEntries(Object.keys(initial).map((k) => [k, PRINT_LIMITS[k] === undefined ? "boolean" : "integer"] as const));
  return new Proxy({ ...initial }, {
    set(target, key, v: unknown) {
      const name = String(key);
      checkOptions("printOptions", { [name]: v }, spec, { where: "printOptions" });
      const range = PRINT_LIMITS[name];
      if (range !== undefined && !((v as number) >= range[0] && (v as number) <= range[1])) {
        throw new ConfigError("printOptions", `${name} must be an integer in [${range[0]}, ${range[1]}] (got ${describeValue(v)})`, {
          expected: range, actual: v,
        });
      }
      (target as Record<string, unknown>)[name] = v;
      return true;
    },
  });
}

/**
 * Backward nodes whose names had no overload index before PyTorch 1.10, which appended one to
 * every name. Only names confirmed from published 1.x output are listed.
 */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  StackBackward0: "StackBackward",
};

/** Python's `'{:.Nf}'.format(x)`: correctly rounded, exact ties to even (toFixed rounds them up). */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const extra = 30;
  const exact = x.toFixed(Math.min(100, digits + extra)); // the exact decimal expansion, for a tie test
  const cut = exact.length - extra;
  if (/^50*$/.test(exact.slice(cut))) {
    const kept = exact.endsWith(".", cut) ? exact.slice(0, cut - 1) : exact.slice(0, cut);
    if (Number(kept[kept.length - 1]) % 2 === 0) return kept;
  }
  return x.toFixed(digits);
}

/** Python's `'{:.Ne}'.format(x)`: at least two exponent digits. */
export function formatSci(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  return x.toExponential(digits).replace(/e([+-])(\d)$/, "e$10$2");
}

/** Python's `f"{value}"` of an int or a bool. */
function formatInt(dtype: DType, v: number): string {
  return dtype === "bool" ? (v !== 0 ? "True" : "False") : String(v);
}

interface Formatter {
  width: number;
  format(v: number): string;
}

function makeFormatter(dtype: DType, values: ArrayLike<number>): Formatter {
  const { precision } = printOptions;
  if (dtype !== "float32" && dtype !== "float64") {
    let width = 1;
    for (let i = 0; i < values.length; i++) width = Math.max(width, formatInt(dtype, values[i]!).length);
    return { width, format: (v) => formatInt(dtype, v).padStart(width) };
  }
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v !== 0) finite.push(v);
  }
  let width = 1;
  let intMode = true;
  let sciMode = false;
  if (finite.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      min = Math.min(min, Math.abs(v));
      max = Math.max(max, Math.abs(v));
      if (v !== Math.ceil(v)) intMode = false;
    }
    if (intMode) {
      sciMode = max / min > 1000 || max > 1e8;
      for (const v of finite) width = Math.max(width, sciMode ? formatSci(v, precision).length : formatFixed(v, 0).length + 1);
    } else {
      sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
      for (const v of finite) width = Math.max(width, (sciMode ? formatSci(v, precision) : formatFixed(v, precision)).length);
    }
  } else {
    intMode = true; // PyTorch keeps int_mode when there is no non-zero finite value
  }
  const format = (v: number): string => {
    let s: string;
    if (sciMode) s = formatSci(v, precision);
    else if (intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
    else s = formatFixed(v, precision);
    return s.padStart(width);
  };
  return { width, format };
}

/** The elements PyTorch looks at to choose a format when it summarises. */
function summarisedValues(data: ArrayLike<number>, shape: readonly number[]): number[] {
  const { edgeitems } = printOptions;
  const strides = stridesOf(shape);
  const out: number[] = [];
  const walk = (dim: number, offset: number): void => {
    while (dim < shape.length && shape[dim] === 1) dim++; // size-1 dims add no depth (rank 20,000 works)
    if (dim === shape.length) {
      out.push(data[offset]!);
      return;
    }
    const n = shape[dim]!;
    const idx = n > 2 * edgeitems
      ? [...Array(edgeitems).keys(), ...Array.from({ length: edgeitems }, (_, i) => n - edgeitems + i)]
      : [...Array(n).keys()];
    for (const i of idx) walk(dim + 1, offset + i * strides[dim]!);
  };
  walk(0, 0);
  return out;
}

function tensorStr(t: Tensor, indent: number): string {
  const data = t.data;
  const shape = t.shape;
  if (t.numel() === 0) return "[]";
  const summarize = t.numel() > printOptions.threshold;
  const fmt = makeFormatter(t.dtype, summarize ? summarisedValues(data, shape) : data);
  const strides = stridesOf(shape);
  const { edgeitems, linewidth } = printOptions;

  const vector = (offset: number, ind: number): string => {
    const n = shape[shape.length - 1]!;
    const perLine = Math.max(1, Math.floor((linewidth - ind) / (fmt.width + 2)));
    let items: string[];
    if (summarize && n > 2 * edgeitems) {
      items = [];
      for (let i = 0; i < edgeitems; i++) items.push(fmt.format(data[offset + i]!));
      items.push(" ...");
      for (let i = n - edgeitems; i < n; i++) items.push(fmt.format(data[offset + i]!));
    } else {
      items = Array.from({ length: n }, (_, i) => fmt.format(data[offset + i]!));
    }
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
    return "[" + lines.join(",\n" + " ".repeat(ind + 1)) + "]";
  };

  // Recursion only over dims of size ≥ 2 (at most 31 of them, since numel < 2^31): a run of
  // size-1 dims is a run of brackets, so a rank-20,000 tensor does not overflow the stack.
  const rec = (dim: number, offset: number, ind: number): string => {
    let ones = 0;
    while (dim < shape.length - 1 && shape[dim] === 1) [dim, ind, ones] = [dim + 1, ind + 1, ones + 1];
    if (ones > 0) return "[".repeat(ones) + rec(dim, offset, ind) + "]".repeat(ones);
    if (dim === shape.length - 1) return vector(offset, ind);
    const n = shape[dim]!;
    const slices: string[] = [];
    const sub = (i: number) => rec(dim + 1, offset + i * strides[dim]!, ind + 1);
    if (summarize && n > 2 * edgeitems) {
      for (let i = 0; i < edgeitems; i++) slices.push(sub(i));
      slices.push("...");
      for (let i = n - edgeitems; i < n; i++) slices.push(sub(i));
    } else {
      for (let i = 0; i < n; i++) slices.push(sub(i));
    }
    const rank = shape.length - dim;
    return "[" + slices.join("," + "\n".repeat(rank - 1) + " ".repeat(ind + 1)) + "]";
  };

  if (shape.length === 0) return fmt.format(data[0]!);
  return rec(0, 0, indent);
}

/** `tensor([...], dtype=..., grad_fn=<...>)`, as `repr(t)` prints in PyTorch. */
export function formatTensor(t: Tensor): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (t.numel() === 0) {
    if (t.ndim !== 1) suffixes.push(`size=(${t.shape.join(", ")})`);
    if (t.dtype !== "float32") suffixes.push(`dtype=${torchName(t.dtype)}`);
    body = "[]";
  } else {
    if (t.dtype === "float64" || t.dtype === "int32") suffixes.push(`dtype=${torchName(t.dtype)}`);
    body = tensorStr(t, indent);
  }
  if (t.gradFn !== null) {
    const name = printOptions.legacyGradFnNames ? LEGACY_NAMES[t.gradFn.name] ?? t.gradFn.name : t.gradFn.name;
    suffixes.push(`grad_fn=<${name}>`);
  }
  else if (t.requiresGrad) suffixes.push("requires_grad=True");

  let out = prefix + body;
  let lastLineLen = out.length - out.lastIndexOf("\n") + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > printOptions.linewidth) {
      out += ",\n" + " ".repeat(indent) + s;
      lastLineLen = indent + s.length;
    } else {
      out += ", " + s;
      lastLineLen += s.length + 2;
    }
  }
  return out + ")";
}
