// The safetensors writer, byte for byte as the reference's `serialize`: tensors ordered by
// dtype alignment (descending) then name, a compact JSON header padded with spaces to a
// multiple of 8, its length as a little-endian u64, then the data, contiguous and C-ordered.
import { ConfigError, describeValue } from "../../errors.js";
import { Module, type StateDict } from "../../nn/module.js";
import { Tensor } from "../../tensor/tensor.js";
import { WRITE_AS, encode } from "./dtypes.js";
import { MAX_HEADER_SIZE, N_LEN, dtypeRank, formatError } from "./format.js";
import { checkOptions } from "../../options.js";

const OP = "saveSafetensors";

export interface SaveSafetensorsOptions {
  /**
   * Free-form string → string pairs, stored as the header's `__metadata__` (written in key
   * order; omitted when not given, as `safetensors.torch.save_file(…, metadata=None)` does).
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

const utf8 = new TextEncoder();

/**
 * A safetensors file of `state` (a module's `stateDict()`, or the module itself). float32 and
 * float64 tensors are written as F32 and F64, int64 as I64 (each value must be an exact integer),
 * int32 as I32 and bool as BOOL. The bytes equal what `safetensors.torch.save_file` writes for
 * the same tensors and metadata, less the order of metadata keys (which the reference leaves to a hash map).
 */
export function saveSafetensors(state: StateDict | Module, opts: SaveSafetensorsOptions = {}): Uint8Array {
  checkOptions(OP, opts, { metadata: "object" });
  if (!(state instanceof Module) && (typeof state !== "object" || state === null || Array.isArray(state))) {
    throw new ConfigError(OP, `state must be a Module or an object of tensors by name (got ${describeValue(state)})`, { expected: "StateDict | Module", actual: state });
  }
  const dict = state instanceof Module ? state.stateDict() : state;
  const items = Object.entries(dict).map(([name, t]) => {
    if (!(t instanceof Tensor)) throw new ConfigError(OP, `state['${name}'] must be a Tensor (got ${typeof t})`, { expected: "Tensor", actual: t });
    if (name === "__metadata__") throw new ConfigError(OP, "a tensor cannot be named '__metadata__' (the header's metadata key)", { actual: name });
    checkWellFormed(name, "tensor name");
    const dtype = WRITE_AS[t.dtype];
    return { name, key: utf8.encode(name), t, dtype, bytes: encode(OP, name, t) };
  });
  items.sort((a, b) => dtypeRank(b.dtype) - dtypeRank(a.dtype) || compareBytes(a.key, b.key));
  // Built by hand: JSON.stringify of an object would move integer-like keys ("0") first.
  const fields: string[] = [];
  if (opts.metadata !== undefined) fields.push(`"__metadata__":${jsonObject(checkMetadata(opts.metadata))}`);
  let offset = 0;
  for (const { name, t, dtype, bytes } of items) {
    fields.push(`${JSON.stringify(name)}:{"dtype":"${dtype}","shape":[${t.shape.join(",")}],"data_offsets":[${offset},${offset + bytes.byteLength}]}`);
    offset += bytes.byteLength;
  }
  const json = utf8.encode(`{${fields.join(",")}}`);
  const n = Math.ceil(json.byteLength / N_LEN) * N_LEN;
  if (n > MAX_HEADER_SIZE) {
    throw formatError(OP, "header-too-large", `the header would take ${n} bytes, over the format's limit of ${MAX_HEADER_SIZE}`, MAX_HEADER_SIZE, n);
  }
  const out = new Uint8Array(N_LEN + n + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  out.set(json, N_LEN);
  out.fill(0x20, N_LEN + json.byteLength, N_LEN + n);
  let at = N_LEN + n;
  for (const { bytes } of items) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

/** Metadata as the reference's `HashMap<String, String>`: strings only; [key, value] in key order. */
function checkMetadata(metadata: Readonly<Record<string, string>>): [string, string][] {
  if (typeof metadata !== "object" || metadata === null) {
    throw new ConfigError(OP, "metadata must be an object of strings", { expected: "Record<string, string>", actual: metadata });
  }
  return Object.keys(metadata).sort().map((k) => {
    const v = metadata[k];
    if (typeof v !== "string") throw new ConfigError(OP, `metadata['${k}'] must be a string (got ${typeof v})`, { expected: "string", actual: v });
    checkWellFormed(k, "metadata key");
    checkWellFormed(v, `metadata['${k}']`);
    return [k, v];
  });
}

function jsonObject(pairs: readonly [string, string][]): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
}

/** A string with a lone surrogate has no UTF-8 form, so the reference could never read it back. */
function checkWellFormed(s: string, what: string): void {
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
    throw new ConfigError(OP, `${what} ${JSON.stringify(s)} has a lone surrogate, which UTF-8 cannot encode`, { actual: s });
  }
}

/** Rust's `String` order: bytewise on UTF-8 (differs from JS's UTF-16 order above U+FFFF). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
