// Which WebAssembly SIMD level this runtime runs, found by validating tiny probe modules, and
// the user's override (RNNKIT_WASM in Node; useWasmFeature in index.ts everywhere).
import { ConfigError } from "../../errors.js";

/** A kernel build: relaxed SIMD (fused multiply-add), plain 128-bit SIMD, or none (JS reference). */
export type WasmLevel = "relaxed" | "simd" | "off";

/** What a user may ask for: a level, or "auto" for the best the runtime validates. */
export type WasmRequest = WasmLevel | "auto";

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
const TYPE_V128 = [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b]; // one type: () -> v128
const ONE_FUNC = [0x03, 0x02, 0x01, 0x00]; // one function of type 0
const SPLAT0 = [0x41, 0x00, 0xfd, 0x0f]; // i32.const 0; i8x16.splat

/** A module with one function () -> v128 whose body (no locals) is `body` then `end`. */
function probe(body: number[]): Uint8Array<ArrayBuffer> {
  const fn = [0x00, ...body, 0x0b];
  const code = [0x01, fn.length, ...fn];
  return new Uint8Array([...HEADER, ...TYPE_V128, ...ONE_FUNC, 0x0a, code.length, ...code]);
}

/** i8x16.splat: any 128-bit SIMD. */
const SIMD_PROBE = probe(SPLAT0);
/** f32x4.relaxed_madd (0xfd 0x105) on three vectors: the instruction the relaxed build relies on. */
const RELAXED_PROBE = probe([...SPLAT0, ...SPLAT0, ...SPLAT0, 0xfd, 0x85, 0x02]);

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

/** The best level the runtime validates: relaxed SIMD (Chromium; Node 20 only with
 * --experimental-wasm-relaxed-simd), plain SIMD, or "off" where SIMD or WebAssembly is missing. */
export function detectWasmLevel(): WasmLevel {
  if (!validates(SIMD_PROBE)) return "off";
  return validates(RELAXED_PROBE) ? "relaxed" : "simd";
}

const REQUESTS: readonly WasmRequest[] = ["auto", "relaxed", "simd", "off"];

/** Parses a request (the RNNKIT_WASM value; empty means auto), naming the source in errors. */
export function parseWasmRequest(value: string, source: string): WasmRequest {
  const v = value.trim().toLowerCase();
  if (v === "") return "auto";
  if (!(REQUESTS as readonly string[]).includes(v)) {
    throw new ConfigError(source, `must be one of ${REQUESTS.join(", ")} (got '${value}')`, { expected: REQUESTS, actual: value });
  }
  return v as WasmRequest;
}

/** The RNNKIT_WASM environment variable where there is a `process` (Node), else "auto". */
export function envWasmRequest(): WasmRequest {
  const env = typeof process === "object" && process !== null ? process.env : undefined;
  return parseWasmRequest(env?.["RNNKIT_WASM"] ?? "", "RNNKIT_WASM");
}

/** The level a request resolves to on a runtime that supports `detected`; throws when a level
 * above what the runtime validates is asked for explicitly. */
export function resolveWasmLevel(request: WasmRequest, detected: WasmLevel, source: string): WasmLevel {
  if (request === "auto") return detected;
  const rank: Record<WasmLevel, number> = { off: 0, simd: 1, relaxed: 2 };
  if (rank[request] > rank[detected]) {
    const hint = request === "relaxed" ? " (Node 20 needs --experimental-wasm-relaxed-simd)" : "";
    throw new ConfigError(source, `'${request}' was asked for but this runtime supports only '${detected}'${hint}`, {
      expected: detected, actual: request,
    });
  }
  return request;
}
