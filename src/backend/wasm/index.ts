// The WebAssembly SIMD backend ("wasm"): float32 kernels in WebAssembly (asm/), float64 calls
// delegated to the JS reference. The build is chosen at load — relaxed SIMD where the runtime
// validates it, else plain SIMD, else none (wasmBackend is null) — and can be overridden with
// RNNKIT_WASM=off|simd|relaxed|auto in Node or useWasmFeature() anywhere. Large calls run on
// several threads where the runtime allows it (parallel.ts, threads/).
//
// Importing this module registers the backend (when supported) under the name "wasm"; it does
// not make it the default.
import { backend, registerBackend } from "../index.js";
import { onThreadsReady } from "../threads/config.js";
import { jsBackend } from "../js/index.js";
import type { Activation, AdamArgs, Backend, FloatArray, GemmArgs, RnnBackwardArgs, RnnForwardArgs } from "../kernels.js";
import { activation } from "./activation.js";
import { adamFloat32 } from "./adam.js";
import { detectWasmLevel, envWasmRequest, parseWasmRequest, resolveWasmLevel, type WasmLevel, type WasmRequest } from "./features.js";
import { gemm, type WasmGemmArgs } from "./gemm.js";
import { instantiate, type WasmRuntime } from "./instance.js";
import { rnnBackward, type WasmRnnBackwardArgs } from "./rnn-backward.js";
import { rnnForward, type WasmRnnForwardArgs } from "./rnn-forward.js";

export type { WasmLevel, WasmRequest } from "./features.js";
export type { WasmGemmArgs } from "./gemm.js";
export type { WasmRnnForwardArgs } from "./rnn-forward.js";
export type { WasmRnnBackwardArgs } from "./rnn-backward.js";
export type { WeightVersions } from "./rnn-common.js";
export type { WasmRuntime } from "./instance.js";

let runtime: WasmRuntime | null = null;
/** Each build instantiated so far: switching back to one keeps its heap, cache and threads. */
const runtimes = new Map<WasmLevel, WasmRuntime>();

const f32 = (a: FloatArray): a is Float32Array => a instanceof Float32Array;

/** The backend object. With no runtime (level "off") every call goes to the JS reference. */
const backendObject: Backend = {
  name: "wasm",
  gemm(g: GemmArgs): void {
    if (runtime !== null && f32(g.a) && f32(g.b) && f32(g.c)) gemm(runtime, g as WasmGemmArgs);
    else jsBackend.gemm(g);
  },
  activation(kind: Activation, x: FloatArray, out: FloatArray, n: number): void {
    if (runtime !== null && f32(x) && f32(out)) activation(runtime, kind, x, out, n);
    else jsBackend.activation(kind, x, out, n);
  },
  rnnForward(args: RnnForwardArgs): void {
    if (runtime !== null && f32(args.x)) rnnForward(runtime, args as WasmRnnForwardArgs);
    else jsBackend.rnnForward(args);
  },
  rnnBackward(args: RnnBackwardArgs): void {
    if (runtime !== null && f32(args.x)) rnnBackward(runtime, args as WasmRnnBackwardArgs);
    else jsBackend.rnnBackward(args);
  },
  adamFloat32(args: AdamArgs): void {
    if (runtime !== null) adamFloat32(runtime, args);
    else jsBackend.adamFloat32(args);
  },
};

/** The WebAssembly backend, or null where the runtime has no SIMD or it was turned off. */
export let wasmBackend: Backend | null = null;

/** The kernel build in use: "relaxed", "simd", or "off" (JS reference). */
export function wasmFeature(): WasmLevel {
  return runtime?.level ?? "off";
}

/** The best build this runtime validates (probe modules), whatever is in use. */
export function detectWasmFeature(): WasmLevel {
  return detectWasmLevel();
}

/**
 * Switches the kernel build: "auto" (the best supported), "relaxed", "simd" or "off". Asking
 * for more than the runtime supports throws a ConfigError. Returns the level now in use.
 * Each build has its own heap, weight cache and worker threads, kept when switching away.
 */
export function useWasmFeature(request: WasmRequest | string, source = "useWasmFeature"): WasmLevel {
  const level = resolveWasmLevel(parseWasmRequest(request, source), detectWasmLevel(), source);
  if (level === wasmFeature()) return level;
  if (level === "off") runtime = null;
  else {
    runtime = runtimes.get(level) ?? instantiate(level);
    runtimes.set(level, runtime);
  }
  wasmBackend = runtime === null ? null : backendObject;
  if (wasmBackend !== null) registerBackend(wasmBackend);
  return level;
}

/** The instantiated build (kernels, heap, weight cache) for tests and benchmarks, or null. */
export function wasmRuntime(): WasmRuntime | null {
  return runtime;
}

/** Bytes of WebAssembly memory the backend holds now (0 when off). */
export function wasmMemoryBytes(): number {
  return runtime?.heap.memory.buffer.byteLength ?? 0;
}

/** What the WebAssembly kernels' memory holds, in bytes: its size, the most its heap has held
 * at once, and the packed weights cached now (all 0 when the backend is off). */
export interface WasmMemoryStats {
  readonly memoryBytes: number;
  readonly peakBytes: number;
  readonly weightCacheBytes: number;
}

export function wasmMemoryStats(): WasmMemoryStats {
  if (runtime === null) return { memoryBytes: 0, peakBytes: 0, weightCacheBytes: 0 };
  return { memoryBytes: wasmMemoryBytes(), peakBytes: runtime.heap.peakBytes, weightCacheBytes: runtime.heap.cacheBytes };
}

// Workers start only for this backend: with another in use (RNNKIT_BACKEND=js) no call needs them.
onThreadsReady(() => (runtime !== null && backend() === backendObject ? runtime.threads.ready() : Promise.resolve(1)));

// At load: the environment's request, else the best build the runtime validates. A runtime
// that refuses to compile it synchronously (old Chromium main threads allow 4 KB) gets none.
{
  const request = envWasmRequest();
  try {
    useWasmFeature(request, "RNNKIT_WASM");
  } catch (e) {
    if (request !== "auto") throw e;
    runtime = null;
    wasmBackend = null;
  }
}
