// Test helpers: safetensors files assembled by hand from the specification (u64 LE header
// length, the header's JSON text as given, then the data), independent of rnnkit's writer.
import assert from "node:assert/strict";
import { FormatError } from "../../src/index.js";

/** A file of `header` (JSON text, used verbatim, not padded) and `data`; `n` overrides the length field. */
export function assemble(header: string, data: Uint8Array | number[] = [], n?: bigint): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, n ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

/** The bytes of a Rust byte-string literal such as `b"<\x00{\"a\":1}"` (escapes \x.., \", \\ only). */
export function rustBytes(literal: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < literal.length; i++) {
    if (literal[i] === "\\") {
      const c = literal[i + 1]!;
      if (c === "x") {
        out.push(parseInt(literal.slice(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.push(c.charCodeAt(0));
        i += 1;
      }
    } else {
      out.push(literal.charCodeAt(i));
    }
  }
  return new Uint8Array(out);
}

/** Asserts that `fn` throws a FormatError of `reason`. */
export function assertFormatError(fn: () => unknown, reason: string, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected a FormatError, got ${String(e)}`);
    assert.equal(e.code, "ERR_FORMAT");
    assert.equal(e.reason, reason, e.message);
    if (message !== undefined) assert.match(e.message, message);
    return true;
  });
}

/** Float32 values as little-endian bytes. */
export function f32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}
