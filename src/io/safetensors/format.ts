// The safetensors format's constants, as huggingface/safetensors (safetensors/src/tensor.rs)
// defines them: the dtypes with their bit sizes and their order, the header limits, and the
// name of every check the reader makes.
import { FormatError } from "../../errors.js";

/** Bytes of the little-endian u64 header length that opens a file (`N_LEN`). */
export const N_LEN = 8;

/** The largest header a reader accepts, in bytes (`MAX_HEADER_SIZE`). */
export const MAX_HEADER_SIZE = 100_000_000;

/**
 * Every dtype the reference knows, in the order of its `Dtype` enum ("increasing alignment
 * order"): the writer sorts tensors by this order, descending, then by name. Value: bits per element.
 */
export const SAFETENSORS_DTYPES = {
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  F8_E4M3FNUZ: 8, F8_E5M2FNUZ: 8, I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32,
  F32: 32, C64: 64, F64: 64, I64: 64, U64: 64,
} as const;

/** A dtype name as it appears in a header's `dtype` field. */
export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPES;

const ORDER = Object.keys(SAFETENSORS_DTYPES) as SafetensorsDType[];

/** The reference's `Dtype` order: sorting by it descending puts the widest alignment first. */
export function dtypeRank(d: SafetensorsDType): number {
  return ORDER.indexOf(d);
}

export function isSafetensorsDType(x: unknown): x is SafetensorsDType {
  return typeof x === "string" && Object.hasOwn(SAFETENSORS_DTYPES, x);
}

/**
 * Which check of the reader failed: `FormatError.reason` of every error `loadSafetensors` raises.
 * - `too-short`: fewer than 8 bytes (the reference's HeaderTooSmall)
 * - `header-too-large`: header length over 100,000,000 (HeaderTooLarge)
 * - `header-beyond-file`: header length past the end of the buffer (InvalidHeaderLength)
 * - `invalid-utf8`: the header is not UTF-8 (InvalidHeader)
 * - `invalid-json` / `duplicate-key` / `header-not-object`: the header's JSON (InvalidHeaderDeserialization)
 * - `invalid-tensor-info`: an entry lacks or mistypes `dtype`, `shape` or `data_offsets`
 * - `unknown-dtype`: a dtype the format does not define
 * - `unsupported-dtype`: a dtype of the format that rnnkit cannot hold (C64, F8_*, F6_*, F4)
 * - `invalid-shape`: a dimension that is negative, fractional or not a number
 * - `shape-overflow`: numel × bits overflows 64 bits (ValidationOverflow)
 * - `offsets-start` / `offsets-gap` / `offsets-overlap` / `offsets-reversed`: data_offsets that do
 *   not tile the data from 0 (InvalidOffset)
 * - `byte-size`: end − start ≠ numel × dtype size (TensorInvalidInfo, MisalignedSlice)
 * - `offsets-beyond-buffer` / `trailing-bytes`: the data ends after / before the buffer does
 *   (MetadataIncompleteBuffer)
 * - `invalid-metadata`: `__metadata__` is not an object of string values
 * - `value-out-of-range`: an I64 or U64 value past |x| ≤ 2^53 − 1 (e.g. 2^53 + 1), which rnnkit's int64 cannot
 */
export type SafetensorsErrorReason =
  | "too-short" | "header-too-large" | "header-beyond-file" | "invalid-utf8" | "invalid-json"
  | "duplicate-key" | "header-not-object" | "invalid-tensor-info" | "unknown-dtype" | "unsupported-dtype"
  | "invalid-shape" | "shape-overflow" | "offsets-start" | "offsets-gap" | "offsets-overlap"
  | "offsets-reversed" | "byte-size" | "offsets-beyond-buffer" | "trailing-bytes" | "invalid-metadata"
  | "value-out-of-range";

/** A FormatError of the safetensors reader. */
export function formatError(op: string, reason: SafetensorsErrorReason, message: string, expected?: unknown, actual?: unknown): FormatError {
  return new FormatError(op, message, { reason, expected, actual });
}
