// Data types, their storage arrays and PyTorch's type promotion.
import { DTypeError, ValueError } from "../errors.js";

/**
 * Element types. `int64` is stored as exact doubles, so it holds the integers with
 * |x| ≤ 2^53 − 1 (`Number.MAX_SAFE_INTEGER`) rather than torch's full 64 bits, and index
 * arithmetic stays on plain numbers; `bool` is stored as bytes 0/1.
 */
export type DType = "float32" | "float64" | "int32" | "int64" | "bool";

export type FloatDType = "float32" | "float64";

/** Storage arrays by dtype. */
export interface StorageOf {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  int64: Float64Array;
  bool: Uint8Array;
}

export type TypedArray = StorageOf[DType];

export const DTYPES: readonly DType[] = ["float32", "float64", "int32", "int64", "bool"];

export function isDType(x: unknown): x is DType {
  return typeof x === "string" && (DTYPES as readonly string[]).includes(x);
}

export function isFloating(dtype: DType): dtype is FloatDType {
  return dtype === "float32" || dtype === "float64";
}

/** A new zero-filled storage array of n elements. */
export function allocate<D extends DType>(dtype: D, n: number): StorageOf[D] {
  switch (dtype) {
    case "float32":
      return new Float32Array(n) as StorageOf[D];
    case "float64":
    case "int64":
      return new Float64Array(n) as StorageOf[D];
    case "int32":
      return new Int32Array(n) as StorageOf[D];
    case "bool":
      return new Uint8Array(n) as StorageOf[D];
  }
  throw new DTypeError("allocate", `unknown dtype '${String(dtype)}'`, { expected: DTYPES, actual: dtype });
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

/** PyTorch's promotion of two tensor dtypes: bool < int32 < int64 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Result dtype of a tensor combined with a JS number, as PyTorch does with a Python scalar:
 * the tensor's dtype wins unless an integer or bool tensor meets a non-integer number, which
 * gives the default float dtype.
 */
export function promoteWithScalar(t: DType, value: number | boolean): DType {
  if (typeof value === "boolean") return t;
  if (isFloating(t)) return t;
  if (!Number.isInteger(value)) return "float32";
  return t === "bool" ? "int64" : t;
}

/** The largest magnitude an int64 tensor holds: 2^53 − 1, the last integer a double stores exactly. */
export const INT64_MAX = Number.MAX_SAFE_INTEGER;

/** The closed range of integers each integer dtype holds. */
export const INT_RANGE = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [-INT64_MAX, INT64_MAX] } as const;

/**
 * Casts a number to a value the dtype can hold. Floats round (float32); integers truncate
 * toward zero as PyTorch's casts do, and a value an integer dtype cannot hold (NaN, ±Infinity,
 * past int32's range, past ±(2^53 − 1) for int64) is a ValueError naming `op` — where C would
 * wrap or give garbage.
 */
export function castValue(dtype: DType, v: number, op = "cast"): number {
  switch (dtype) {
    case "float32":
      return Math.fround(v);
    case "float64":
      return v;
    case "int32":
    case "int64": {
      const t = Math.trunc(v);
      const [lo, hi] = INT_RANGE[dtype];
      if (!(t >= lo && t <= hi)) {
        throw new ValueError(op, `value cannot be converted to type ${dtype} without overflow (got ${v}; ${dtype} holds integers in [${lo}, ${hi}])`, {
          expected: [lo, hi], actual: v,
        });
      }
      return t === 0 ? 0 : t; // no −0 in an integer tensor
    }
    case "bool":
      return v !== 0 ? 1 : 0;
  }
}

/** PyTorch's name of a dtype, as it prints it. */
export function torchName(dtype: DType): string {
  return dtype === "bool" ? "torch.bool" : `torch.${dtype}`;
}
