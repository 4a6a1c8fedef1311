// Tensors and options in optimizer and scheduler state dicts: plain JSON values, so
// `JSON.parse(JSON.stringify(opt.stateDict()))` loads back to the same bits.
import { StateError, fmtShape } from "../errors.js";
import { allocate, castValue, isFloating, type FloatDType } from "../tensor/dtype.js";
import { fromData, type Tensor } from "../tensor/tensor.js";

/** A number in JSON: NaN and ±Infinity as strings, since JSON has neither. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A tensor in a state dict: its dtype, its shape and its values in row-major order. */
export interface SerializedTensor {
  readonly dtype: FloatDType;
  readonly shape: number[];
  readonly data: JsonNumber[];
}

export function toJsonNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

export function fromJsonNumber(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return null;
}

export function serializeTensor(t: Tensor): SerializedTensor {
  return { dtype: t.dtype as FloatDType, shape: [...t.shape], data: Array.from(t.data, toJsonNumber) };
}

/**
 * A serialized tensor back as a tensor of `like`'s shape and dtype (values are cast to it, as
 * PyTorch casts loaded optimizer state to the parameter's dtype); a StateError naming `where` otherwise.
 */
export function deserializeTensor(op: string, where: string, value: unknown, like: Tensor): Tensor {
  const v = value as Partial<SerializedTensor> | null;
  if (typeof v !== "object" || v === null || !Array.isArray(v.shape) || !Array.isArray(v.data) ||
      typeof v.dtype !== "string" || !isFloating(v.dtype as FloatDType)) {
    throw new StateError(op, `${where} must be a serialized tensor { dtype, shape, data } (got ${JSON.stringify(value)?.slice(0, 80)})`, {
      expected: "{ dtype: 'float32' | 'float64', shape: number[], data: number[] }", actual: value,
    });
  }
  const shape = v.shape;
  if (shape.length !== like.ndim || shape.some((s, i) => s !== like.shape[i])) {
    throw new StateError(op, `${where} has shape ${fmtShape(shape as number[])}, but the parameter has shape ${fmtShape(like.shape)}`, {
      expected: fmtShape(like.shape), actual: shape,
    });
  }
  if (v.data.length !== like.numel()) {
    throw new StateError(op, `${where} has ${v.data.length} values for shape ${fmtShape(like.shape)} (expected ${like.numel()})`, {
      expected: like.numel(), actual: v.data.length,
    });
  }
  const data = allocate(like.dtype, like.numel());
  v.data.forEach((x, i) => {
    const n = fromJsonNumber(x);
    if (n === null) {
      throw new StateError(op, `${where}.data[${i}] is not a number (got ${JSON.stringify(x)})`, { expected: "number", actual: x });
    }
    data[i] = castValue(like.dtype, n);
  });
  return fromData(data, like.shape, like.dtype);
}

/** A deep copy of an option value (arrays such as `betas` are copied). */
export function cloneOption<V>(v: V): V {
  return (Array.isArray(v) ? [...v] : v) as V;
}
