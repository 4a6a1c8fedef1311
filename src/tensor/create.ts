// Creation of tensors from data and of constant tensors: tensor, zeros, ones, full, arange,
// eye, oneHot and the *Like variants. Random creation lives in random.ts.
import { ConfigError, DTypeError, IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocate, castValue, isDType, isFloating, type DType, type TypedArray } from "./dtype.js";
import { checkNumel, checkShape, checkSize, numel, type Shape } from "./shape.js";
import { fromData, Tensor, type NestedArray } from "./tensor.js";
import { expectTensor } from "./expect.js";
import { checkOptions, type OptionSpec } from "../options.js";

/** The options every creation function accepts (the dtype is checked by checkDType), for checkOptions. */
export const TENSOR_OPTIONS: OptionSpec = { dtype: "any", requiresGrad: "boolean" };

export interface TensorOptions {
  /** Element type; inferred from the data when omitted (float32 for constants). */
  readonly dtype?: DType;
  /** Record operations on the tensor so `backward()` can compute its gradient. */
  readonly requiresGrad?: boolean;
}

/** What `tensor()` accepts: a number, a boolean, nested arrays of them, or a typed array. */
export type TensorData = NestedArray | Float32Array | Float64Array | Int32Array | Uint8Array;

/** A shape as an array, or a single size for a 1-D tensor. */
export type ShapeLike = Shape | number;

export function toShape(op: string, shape: ShapeLike): number[] {
  return checkShape(op, typeof shape === "number" ? [shape] : shape);
}

export function checkDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new DTypeError(op, `unknown dtype ${JSON.stringify(dtype)}`, {
      expected: "float32 | float64 | int32 | int64 | bool", actual: dtype,
    });
  }
  return dtype;
}

function make(op: string, data: TypedArray, shape: Shape, dtype: DType, opts: TensorOptions): Tensor {
  if (opts.requiresGrad === true && !isFloating(dtype)) {
    throw new DTypeError(op, `only tensors of floating point dtype can require gradients (got ${dtype})`, {
      expected: "float32 or float64", actual: dtype,
    });
  }
  return fromData(data, shape, dtype, opts.requiresGrad ?? false);
}

/** The dtype a typed array gives, by its tag, so arrays from another realm (a vm context, an iframe) count too. */
function typedArrayDType(a: TensorData): DType | null {
  if (!ArrayBuffer.isView(a)) return null;
  switch (Object.prototype.toString.call(a)) {
    case "[object Float32Array]": return "float32";
    case "[object Float64Array]": return "float64";
    case "[object Int32Array]": return "int32";
    case "[object Uint8Array]": return "bool";
  }
  throw new DTypeError("tensor", `typed arrays of type ${Object.prototype.toString.call(a).slice(8, -1)} are not supported (use Float32Array, Float64Array, Int32Array or Uint8Array)`, {
    expected: "Float32Array | Float64Array | Int32Array | Uint8Array", actual: Object.prototype.toString.call(a),
  });
}

/**
 * A new tensor holding a copy of `data`. Nested arrays must be rectangular. JavaScript has
 * no separate integer literals (`2.0 === 2`), so numbers give float32 — where `torch.tensor`
 * would infer int64 from Python ints — and all booleans give bool; pass
 * `{ dtype: "int64" }` for class indices and lengths. A typed array keeps its type
 * (pass `shape` to give it more than one dimension).
 */
export function tensor(data: TensorData, opts: TensorOptions & { readonly shape?: Shape } = {}): Tensor {
  checkOptions("tensor", opts, { ...TENSOR_OPTIONS, shape: "any" });
  const fromArray = typedArrayDType(data);
  if (fromArray !== null) {
    const arr = data as Float32Array | Float64Array | Int32Array | Uint8Array;
    const shape = opts.shape !== undefined ? checkShape("tensor", opts.shape) : [arr.length];
    if (numel(shape) !== arr.length) {
      throw new ShapeError("tensor", `shape ${fmtShape(shape)} does not fit ${arr.length} elements`, {
        expected: arr.length, actual: shape,
      });
    }
    const dtype = opts.dtype !== undefined ? checkDType("tensor", opts.dtype) : fromArray;
    const out = allocate(dtype, arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = castValue(dtype, arr[i]!, "tensor");
    return make("tensor", out, shape, dtype, opts);
  }
  const shape: number[] = [];
  let level: NestedArray = data as NestedArray;
  const seen = new Set<unknown>();
  while (Array.isArray(level)) {
    if (seen.has(level)) throw new ShapeError("tensor", `the nested array contains itself at depth ${shape.length}`, { actual: "a cyclic array" });
    seen.add(level);
    shape.push(level.length);
    level = level[0] as NestedArray;
  }
  checkNumel("tensor", shape);
  // Depth first with an explicit stack (no recursion, so any rank works), children in order.
  const flat: (number | boolean)[] = [];
  const todo: [NestedArray, number][] = [[data as NestedArray, 0]];
  while (todo.length > 0) {
    const [x, dim] = todo.pop()!;
    if (dim === shape.length) {
      if (typeof x !== "number" && typeof x !== "boolean") {
        throw new ShapeError("tensor", `expected a number or a boolean at depth ${dim} (got ${Array.isArray(x) ? "an array" : typeof x})`, {
          expected: "number", actual: x,
        });
      }
      flat.push(x);
      continue;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new ShapeError("tensor", `expected sequence of length ${shape[dim]} at dim ${dim} (got ${Array.isArray(x) ? x.length : typeof x})`, {
        expected: shape[dim], actual: Array.isArray(x) ? x.length : x,
      });
    }
    for (let i = x.length - 1; i >= 0; i--) todo.push([x[i] as NestedArray, dim + 1]);
  }
  let dtype = opts.dtype !== undefined ? checkDType("tensor", opts.dtype) : undefined;
  if (dtype === undefined) {
    dtype = flat.length > 0 && flat.every((v) => typeof v === "boolean") ? "bool" : "float32";
  }
  const out = allocate(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = castValue(dtype, Number(flat[i]), "tensor");
  return make("tensor", out, opts.shape !== undefined ? checkShape("tensor", opts.shape) : shape, dtype, opts);
}

/** A tensor of `shape` filled with `value`: float32 for a number, bool for a boolean, unless `dtype` is given. */
export function full(shape: ShapeLike, value: number | boolean, opts: TensorOptions = {}): Tensor {
  checkOptions("full", opts, TENSOR_OPTIONS);
  const s = toShape("full", shape);
  const dtype = opts.dtype !== undefined ? checkDType("full", opts.dtype) : typeof value === "boolean" ? "bool" : "float32";
  const data = allocate(dtype, numel(s));
  const v = castValue(dtype, Number(value), "full");
  if (v !== 0) data.fill(v);
  return make("full", data, s, dtype, opts);
}

export function zeros(shape: ShapeLike, opts: TensorOptions = {}): Tensor {
  checkOptions("zeros", opts, TENSOR_OPTIONS);
  return full(shape, 0, { ...opts, dtype: opts.dtype ?? "float32" });
}

export function ones(shape: ShapeLike, opts: TensorOptions = {}): Tensor {
  checkOptions("ones", opts, TENSOR_OPTIONS);
  return full(shape, 1, { ...opts, dtype: opts.dtype ?? "float32" });
}

export function zerosLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  checkOptions("zerosLike", opts, TENSOR_OPTIONS);
  expectTensor("zerosLike", t);
  return zeros(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

export function onesLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  checkOptions("onesLike", opts, TENSOR_OPTIONS);
  expectTensor("onesLike", t);
  return ones(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

export function fullLike(t: Tensor, value: number | boolean, opts: TensorOptions = {}): Tensor {
  checkOptions("fullLike", opts, TENSOR_OPTIONS);
  expectTensor("fullLike", t);
  return full(t.shape, value, { ...opts, dtype: opts.dtype ?? t.dtype });
}

/**
 * `arange(end)` or `arange(start, end, step = 1)`: values `start + i·step` below `end`.
 * int64 when every argument is an integer, else float32 (PyTorch's rule).
 */
export function arange(start: number, end?: number, step = 1, opts: TensorOptions = {}): Tensor {
  checkOptions("arange", opts, TENSOR_OPTIONS);
  if (end === undefined) [start, end] = [0, start];
  for (const [name, v] of [["start", start], ["end", end], ["step", step]] as const) {
    if (!Number.isFinite(v)) throw new ValueError("arange", `${name} must be finite (got ${v})`, { actual: v });
  }
  if (step === 0) throw new ValueError("arange", "step must be nonzero", { actual: step });
  if ((end - start) / step < 0) {
    throw new ValueError("arange", `upper bound and larger bound inconsistent with step sign (start=${start}, end=${end}, step=${step})`);
  }
  const n = checkSize("arange", "the number of elements", Math.ceil((end - start) / step));
  const dtype = opts.dtype ?? ([start, end, step].every(Number.isInteger) ? "int64" : "float32");
  const data = allocate(checkDType("arange", dtype), n);
  for (let i = 0; i < n; i++) data[i] = castValue(dtype, start + i * step, "arange");
  return make("arange", data, [n], dtype, opts);
}

/** The n×m identity (m = n by default). */
export function eye(n: number, m = n, opts: TensorOptions = {}): Tensor {
  checkOptions("eye", opts, TENSOR_OPTIONS);
  const s = checkShape("eye", [n, m]);
  const dtype = checkDType("eye", opts.dtype ?? "float32");
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make("eye", data, s, dtype, opts);
}

/**
 * One-hot encoding of integer class indices: shape `[...indices.shape, numClasses]`, int64
 * as `torch.nn.functional.one_hot` (pass `dtype` for floats). `numClasses = -1` infers
 * `max(indices) + 1`.
 */
export function oneHot(indices: Tensor, numClasses = -1, opts: { readonly dtype?: DType } = {}): Tensor {
  checkOptions("oneHot", opts, { dtype: "any" });
  expectTensor("oneHot", indices, "indices");
  if (indices.dtype !== "int64" && indices.dtype !== "int32") {
    throw new DTypeError("oneHot", `indices must be an integer tensor (got ${indices.dtype})`, {
      expected: "int64 or int32", actual: indices.dtype,
    });
  }
  const idx = indices.data;
  let max = -1;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < 0) throw new IndexError("oneHot", `class values must be non-negative (got ${v})`, { actual: v });
    max = Math.max(max, v);
  }
  const classes = numClasses === -1 ? max + 1 : numClasses;
  if (!Number.isInteger(classes) || classes < 1 && idx.length > 0) {
    throw new ConfigError("oneHot", `numClasses must be a positive integer or -1 (got ${numClasses})`, { actual: numClasses });
  }
  if (max >= classes) {
    throw new IndexError("oneHot", `class values must be smaller than numClasses (got ${max} with numClasses=${classes})`, {
      expected: `< ${classes}`, actual: max,
    });
  }
  const dtype = checkDType("oneHot", opts.dtype ?? "int64");
  checkNumel("oneHot", [...indices.shape, classes]);
  const data = allocate(dtype, idx.length * classes);
  for (let i = 0; i < idx.length; i++) data[i * classes + idx[i]!] = 1;
  return make("oneHot", data, [...indices.shape, classes], dtype, {});
}
