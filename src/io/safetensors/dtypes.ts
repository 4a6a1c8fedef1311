// How safetensors dtypes map to rnnkit's and back: the bytes of one tensor decoded into a
// storage array (a view on the file where alignment allows), and a tensor encoded as bytes.
//
// Read:  F32 → float32, F64 → float64, F16 and BF16 → float32 (exact: every half is a float),
//        I64 and U32, U64 → int64 (exact doubles; a value past int64's |x| ≤ 2^53 − 1, such as 2^53 + 1,
//        is an error), I32 → int32,
//        I16, U16, I8, U8 → int32, BOOL → bool. C64, F8_*, F6_*, F4 → an error.
// Write: float32 → F32, float64 → F64, int64 → I64, int32 → I32, bool → BOOL.
import type { DType, TypedArray } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { formatError, type SafetensorsDType } from "./format.js";
import { FormatError } from "../../errors.js";

/** Whether this machine stores numbers little-endian, as the format does (views need it). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** rnnkit's dtype for each safetensors dtype it reads. */
const READ_AS: Partial<Record<SafetensorsDType, DType>> = {
  F32: "float32", F64: "float64", F16: "float32", BF16: "float32", I64: "int64", U64: "int64", U32: "int64",
  I32: "int32", I16: "int32", U16: "int32", I8: "int32", U8: "int32", BOOL: "bool",
};

/** The safetensors dtype each rnnkit dtype is written as. */
export const WRITE_AS: Record<DType, SafetensorsDType> = { float32: "F32", float64: "F64", int64: "I64", int32: "I32", bool: "BOOL" };

/** rnnkit's dtype for a safetensors dtype, or undefined for one it cannot hold. */
export function readDType(d: SafetensorsDType): DType | undefined {
  return READ_AS[d];
}

/**
 * The `n` elements of dtype `d` starting at `bytes[0]`, as a storage array of rnnkit's dtype. F32,
 * F64 and I32 at an aligned address are views on `bytes` (no copy); everything else is copied.
 */
export function decode(op: string, name: string, d: SafetensorsDType, bytes: Uint8Array, n: number): TypedArray {
  const { buffer, byteOffset } = bytes;
  const view = new DataView(buffer, byteOffset, bytes.byteLength);
  if (LITTLE_ENDIAN) {
    if (d === "F32" && byteOffset % 4 === 0) return new Float32Array(buffer, byteOffset, n);
    if (d === "F64" && byteOffset % 8 === 0) return new Float64Array(buffer, byteOffset, n);
    if (d === "I32" && byteOffset % 4 === 0) return new Int32Array(buffer, byteOffset, n);
  }
  const read = reader(d, view);
  if (read === undefined) throw formatError(op, "unsupported-dtype", `tensor '${name}' has dtype ${d}, which rnnkit cannot hold`, Object.keys(READ_AS), d);
  const out = d === "F32" || d === "F16" || d === "BF16" ? new Float32Array(n)
    : d === "F64" || d === "I64" || d === "U64" || d === "U32" ? new Float64Array(n)
    : d === "BOOL" ? new Uint8Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = read(i);
  if (d === "I64" || d === "U64") checkExact(op, name, out as Float64Array, view, d);
  return out;
}

function reader(d: SafetensorsDType, v: DataView): ((i: number) => number) | undefined {
  switch (d) {
    case "F32": return (i) => v.getFloat32(4 * i, true);
    case "F64": return (i) => v.getFloat64(8 * i, true);
    case "F16": return (i) => halfToFloat(v.getUint16(2 * i, true));
    case "BF16": return (i) => bf16ToFloat(v.getUint16(2 * i, true));
    case "I64": return (i) => Number(v.getBigInt64(8 * i, true));
    case "U64": return (i) => Number(v.getBigUint64(8 * i, true));
    case "U32": return (i) => v.getUint32(4 * i, true);
    case "I32": return (i) => v.getInt32(4 * i, true);
    case "I16": return (i) => v.getInt16(2 * i, true);
    case "U16": return (i) => v.getUint16(2 * i, true);
    case "I8": return (i) => v.getInt8(i);
    case "U8": return (i) => v.getUint8(i);
    case "BOOL": return (i) => (v.getUint8(i) !== 0 ? 1 : 0);
    default: return undefined;
  }
}

/** A 64-bit integer read as a double must be one int64 holds (|v| ≤ 2^53 − 1), or it is an error, not a rounding. */
function checkExact(op: string, name: string, out: Float64Array, v: DataView, d: "I64" | "U64"): void {
  for (let i = 0; i < out.length; i++) {
    if (Number.isSafeInteger(out[i]!)) continue;
    const raw = d === "I64" ? v.getBigInt64(8 * i, true) : v.getBigUint64(8 * i, true);
    throw formatError(op, "value-out-of-range", `tensor '${name}' (${d}) holds ${raw} at index ${i}, which rnnkit's int64 (integers with |x| ≤ 2^53 − 1) cannot hold`,
      "an integer with |x| <= 2^53 - 1", raw);
  }
}

/** IEEE 754 binary16 bits to the number they denote. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** bfloat16 bits (the top half of a float32) to the number they denote. */
export function bf16ToFloat(h: number): number {
  u32[0] = h << 16;
  return f32[0]!;
}

/** A tensor's elements as little-endian bytes of `WRITE_AS[dtype]`; int64 values must be exact integers in int64's range. */
export function encode(op: string, name: string, t: Tensor): Uint8Array {
  const data = t.data;
  if (t.dtype === "int64") {
    const out = new BigInt64Array(data.length);
    data.forEach((x, i) => {
      if (!Number.isSafeInteger(x)) {
        throw new FormatError(op, `int64 tensor '${name}' holds ${x} at index ${i}, which is not an integer in int64's range (|x| <= 2^53 - 1)`, {
          reason: "value-out-of-range", expected: "an integer with |x| <= 2^53 - 1", actual: x,
        });
      }
      out[i] = BigInt(x);
    });
    return littleEndian(out, 8);
  }
  return littleEndian(data, data.BYTES_PER_ELEMENT);
}

/** The bytes of a typed array in little-endian order (a view on a little-endian machine). */
function littleEndian(a: TypedArray | BigInt64Array, size: number): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN || size === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let k = 0; k < size; k++) out[i + k] = bytes[i + size - 1 - k]!;
  return out;
}
