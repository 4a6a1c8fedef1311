// The safetensors reader: every check of the reference's `SafeTensors::read_metadata` and
// `Metadata::validate`, each a FormatError with its own `reason`, made before any tensor is built.
import type { StateDict } from "../../nn/module.js";
import { fromData } from "../../tensor/tensor.js";
import { decode, readDType } from "./dtypes.js";
import {
  MAX_HEADER_SIZE, N_LEN, SAFETENSORS_DTYPES, formatError, isSafetensorsDType, type SafetensorsDType,
} from "./format.js";
import { parseJson, type JsonObject } from "./json.js";
import { ConfigError, describeValue } from "../../errors.js";

const OP = "loadSafetensors";
const U64_MAX = (1n << 64n) - 1n;

/** What a safetensors file holds: its tensors (in file order), its metadata, each tensor's stored dtype. */
export interface SafetensorsContents {
  /** Tensors by name, as `Module.loadStateDict` takes them. */
  readonly tensors: StateDict;
  /** The header's `__metadata__` (string → string), or null if the file has none. */
  readonly metadata: Record<string, string> | null;
  /** The dtype each tensor had in the file (`"F16"` for a half tensor read as float32). */
  readonly dtypes: Record<string, SafetensorsDType>;
}

interface Entry {
  readonly name: string;
  readonly dtype: SafetensorsDType;
  readonly shape: number[];
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Reads a safetensors file's bytes: tensors by name (F32, F64 and I32 tensors at aligned offsets
 * are views on `bytes`, so writing into one writes into the buffer), its metadata and stored dtypes.
 * Any file the reference implementation rejects throws a FormatError whose `reason` names the check
 * (see {@link SafetensorsErrorReason}); nothing is allocated from the header's numbers before they
 * are checked against the buffer. In a browser: `readSafetensors(await response.arrayBuffer())`.
 */
export function readSafetensors(bytes: Uint8Array | ArrayBuffer): SafetensorsContents {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new ConfigError(OP, `bytes must be a Uint8Array or an ArrayBuffer (got ${describeValue(bytes)})`, { expected: "Uint8Array | ArrayBuffer", actual: bytes });
  }
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (buf.byteLength < N_LEN) {
    throw formatError(OP, "too-short", `a safetensors file has at least ${N_LEN} bytes (got ${buf.byteLength})`, N_LEN, buf.byteLength);
  }
  const n = new DataView(buf.buffer, buf.byteOffset, N_LEN).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_SIZE)) {
    throw formatError(OP, "header-too-large", `header length ${n} is over the limit of ${MAX_HEADER_SIZE} bytes`, MAX_HEADER_SIZE, n);
  }
  const headerLen = Number(n);
  if (N_LEN + headerLen > buf.byteLength) {
    throw formatError(OP, "header-beyond-file", `header length ${headerLen} runs past the end of the ${buf.byteLength}-byte buffer`,
      buf.byteLength - N_LEN, headerLen);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf.subarray(N_LEN, N_LEN + headerLen));
  } catch {
    throw formatError(OP, "invalid-utf8", "header is not valid UTF-8");
  }
  const header = parseJson(text, OP);
  if (!(header instanceof Map)) throw formatError(OP, "header-not-object", "header must be a JSON object", "object", typeof header);
  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  for (const [name, info] of header) {
    if (name === "__metadata__") metadata = readMetadata(info);
    else entries.push(readEntry(name, info));
  }
  // As the reference: order by offsets, then the offsets must tile the data from 0.
  entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const dataLen = validateLayout(entries);
  const dataStart = N_LEN + headerLen;
  if (BigInt(dataStart) + dataLen !== BigInt(buf.byteLength)) {
    const past = BigInt(dataStart) + dataLen > BigInt(buf.byteLength);
    throw formatError(OP, past ? "offsets-beyond-buffer" : "trailing-bytes",
      past ? `the tensors' data ends at byte ${BigInt(dataStart) + dataLen}, past the end of the ${buf.byteLength}-byte buffer`
        : `${BigInt(buf.byteLength) - BigInt(dataStart) - dataLen} bytes after the last tensor's data`,
      BigInt(dataStart) + dataLen, buf.byteLength);
  }
  for (const e of entries) {
    if (readDType(e.dtype) === undefined) {
      throw formatError(OP, "unsupported-dtype", `tensor '${e.name}' has dtype ${e.dtype}, which rnnkit cannot hold`, "F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL", e.dtype);
    }
  }
  const tensors: StateDict = {};
  const dtypes: Record<string, SafetensorsDType> = {};
  for (const e of entries) {
    const at = dataStart + Number(e.start);
    const numel = e.shape.reduce((a, b) => a * b, 1);
    const data = decode(OP, e.name, e.dtype, buf.subarray(at, dataStart + Number(e.end)), numel);
    define(tensors, e.name, fromData(data, e.shape, readDType(e.dtype)!));
    define(dtypes, e.name, e.dtype);
  }
  return { tensors, metadata, dtypes };
}

/** The state dict of a safetensors file's bytes (see {@link readSafetensors}). */
export function loadSafetensors(bytes: Uint8Array | ArrayBuffer): StateDict {
  return readSafetensors(bytes).tensors;
}

/** `__metadata__`: an object of strings (null reads as absent, as serde's `Option`). */
function readMetadata(info: unknown): Record<string, string> | null {
  if (info === null) return null;
  if (!(info instanceof Map)) throw formatError(OP, "invalid-metadata", "__metadata__ must be an object of strings", "object", describe(info));
  const out: Record<string, string> = {};
  for (const [k, v] of info as JsonObject) {
    if (typeof v !== "string") throw formatError(OP, "invalid-metadata", `__metadata__.${k} must be a string (got ${describe(v)})`, "string", describe(v));
    define(out, k, v);
  }
  return out;
}

function readEntry(name: string, info: unknown): Entry {
  const bad = (what: string) => formatError(OP, "invalid-tensor-info", `tensor '${name}': ${what}`, "{ dtype, shape, data_offsets }", describe(info));
  if (!(info instanceof Map)) throw bad("entry must be an object { dtype, shape, data_offsets }");
  const m = info as JsonObject;
  const dtype = m.get("dtype");
  const shape = m.get("shape");
  const offsets = m.get("data_offsets");
  if (typeof dtype !== "string") throw bad("dtype must be a string");
  if (!Array.isArray(shape)) throw bad("shape must be an array");
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => typeof o === "bigint" && o >= 0n && o <= U64_MAX)) {
    throw bad("data_offsets must be two non-negative integers [start, end]");
  }
  if (!isSafetensorsDType(dtype)) {
    throw formatError(OP, "unknown-dtype", `tensor '${name}' has unknown dtype ${JSON.stringify(dtype)}`, Object.keys(SAFETENSORS_DTYPES), dtype);
  }
  let numel = 1n;
  for (const d of shape) {
    if (typeof d !== "bigint" || d < 0n) {
      throw formatError(OP, "invalid-shape", `tensor '${name}' has a dimension ${describe(d)}; dimensions are non-negative integers`, "non-negative integer", describe(d));
    }
    if (d > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw formatError(OP, "shape-overflow", `tensor '${name}' has a dimension ${d}, beyond the 2^53 - 1 that rnnkit's shapes hold`, "<= 2^53 - 1", d);
    }
    numel *= d;
    if (numel > U64_MAX) throw formatError(OP, "shape-overflow", `tensor '${name}': the product of shape [${shape.join(",")}] overflows 64 bits`);
  }
  if (numel * BigInt(SAFETENSORS_DTYPES[dtype]) > U64_MAX) {
    throw formatError(OP, "shape-overflow", `tensor '${name}': ${numel} elements of ${dtype} overflow 64 bits`);
  }
  // Safe: numel × size is checked against offsets that lie inside the buffer before any use.
  return { name, dtype, shape: shape.map((d) => Number(d)), start: offsets[0] as bigint, end: offsets[1] as bigint };
}

/** The reference's `Metadata::validate`: contiguous offsets from 0, each range of its tensor's size. Returns the data length. */
function validateLayout(entries: readonly Entry[]): bigint {
  let at = 0n;
  for (const e of entries) {
    if (e.start !== at) {
      const reason = at === 0n ? "offsets-start" : e.start > at ? "offsets-gap" : "offsets-overlap";
      const what = reason === "offsets-start" ? "the first tensor's data must start at offset 0"
        : reason === "offsets-gap" ? `a gap: the previous tensor ends at ${at}` : `it overlaps the previous tensor, which ends at ${at}`;
      throw formatError(OP, reason, `tensor '${e.name}' has data_offsets [${e.start},${e.end}]: ${what}`, at, e.start);
    }
    if (e.end < e.start) {
      throw formatError(OP, "offsets-reversed", `tensor '${e.name}' has data_offsets [${e.start},${e.end}]: end before start`, `>= ${e.start}`, e.end);
    }
    const bits = e.shape.reduce((a, d) => a * BigInt(d), 1n) * BigInt(SAFETENSORS_DTYPES[e.dtype]);
    if (bits % 8n !== 0n || e.end - e.start !== bits / 8n) {
      throw formatError(OP, "byte-size", `tensor '${e.name}' of dtype ${e.dtype} and shape [${e.shape.join(",")}] takes ${bits / 8n} bytes${bits % 8n !== 0n ? ` and ${bits % 8n} bits` : ""}, but data_offsets [${e.start},${e.end}] hold ${e.end - e.start}`,
        bits / 8n, e.end - e.start);
    }
    at = e.end;
  }
  return at;
}

/** Sets a key of a plain record, `__proto__` included. */
function define<V>(o: Record<string, V>, k: string, v: V): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A JSON value for a message, short (bigints and Maps included, which JSON.stringify refuses). */
function describe(v: unknown): string {
  if (typeof v === "bigint") return String(v);
  if (v instanceof Map) return "an object";
  if (Array.isArray(v)) return `[${v.slice(0, 8).map(describe).join(",")}${v.length > 8 ? ",…" : ""}]`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
