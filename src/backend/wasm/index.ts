// The WebAssembly SIMD backend ("wasm"): float32 kernels in WebAssembly (asm/); every other
// kernel and type runs on the JS reference (the dispatcher, ../dispatch.ts). The build is chosen
// at first use, not at import — relaxed SIMD where the runtime validates it, else plain SIMD, else
// none (wasmBackend() is null) — and can be overridden with RNNKIT_WASM=off|simd|relaxed|auto in
// Node or useWasmFeature() anywhere. Large calls run on several threads where the runtime allows
// it (parallel.ts, threads/).
//
// Importing this module does nothing; its first use compiles the build and registers the backend
// (when supported) under the name "wasm", without making it the default (../index.ts does).
import { activeBackend, registerBackend, registeredNames } from "../registry.js";
import type { Activation, AdamArgs, Backend, CoreKernels, FloatArray, GemmArgs, RnnBackwardArgs, RnnForwardArgs } from "../kernels.js";
import { activation } from "./activation.js";
import { adamFloat32 } from "./adam.js";
import { detectWasmLevel, envWasmRequest, parseWasmRequest, resolveWasmLevel, type WasmLevel, type WasmRequest } from "./features.js";
import { gemm, type WasmGemmArgs } from "./gemm.js";
import { instantiate, type WasmRuntime } from "./instance.js";
import { rnnBackward, type WasmRnnBackwardArgs } from "./rnn-backward.js";
import { rnnForward, type WasmRnnForwardArgs } from "./rnn-forward.js";
import { PackTooLarge } from "./weight-cache.js";
import { jsBackend } from "../js/index.js";

export type { WasmLevel, WasmRequest } from "./features.js";
export type { WasmGemmArgs } from "./gemm.js";
export type { WasmRnnForwardArgs } from "./rnn-forward.js";
export type { WasmRnnBackwardArgs } from "./rnn-backward.js";
export type { WeightVersions } from "./rnn-plan.js";
export type { WasmRuntime } from "./instance.js";

let runtime: WasmRuntime | null = null;
/** Each build instantiated so far: switching back to one keeps its heap, cache and threads. */
const runtimes = new Map<WasmLevel, WasmRuntime>();

/** The backend object: float32 kernels (the dispatcher sends other types to the JS reference).
 * Registered while a build runs; turned "off", an object without kernels takes its place. */
const backendObject: Backend & CoreKernels = {
  name: "wasm",
  dtypes: { gemm: ["float32"], activation: ["float32"], rnnForward: ["float32"], rnnBackward: ["float32"], adamFloat32: ["float32"] },
  gemm: (g: GemmArgs) => orReference(() => gemm(runtime!, g as WasmGemmArgs), () => jsBackend.gemm(g)),
  activation: (kind: Activation, x: FloatArray, out: FloatArray, n: number) => activation(runtime!, kind, x as Float32Array, out as Float32Array, n),
  rnnForward: (args: RnnForwardArgs) => orReference(() => rnnForward(runtime!, args as WasmRnnForwardArgs), () => jsBackend.rnnForward(args)),
  rnnBackward: (args: RnnBackwardArgs) => orReference(() => rnnBackward(runtime!, args as WasmRnnBackwardArgs), () => jsBackend.rnnBackward(args)),
  adamFloat32: (args: AdamArgs) => adamFloat32(runtime!, args),
  releaseCached: (arrays) => {
    const f32 = arrays.filter((a): a is Float32Array => a instanceof Float32Array);
    for (const r of runtimes.values()) r.cache.release(f32);
  },
};

/** Runs `wasm`, or — when its weights are too large to pack (PackTooLarge, thrown before any
 * output is written) — `reference`, the JS kernel, for this call. */
function orReference(wasm: () => void, reference: () => void): void {
  try {
    wasm();
  } catch (e) {
    if (!(e instanceof PackTooLarge)) throw e;
    runtime!.heap.reset();
    reference();
  }
}

let loaded = false;

/** At first use: the environment's request, else the best build the runtime validates. A
 * runtime that refuses to compile it synchronously (old Chromium main threads allow 4 KB) gets none. */
function load(): void {
  if (loaded) return;
  loaded = true;
  const request = envWasmRequest();
  try {
    useWasmFeature(request, "RNNKIT_WASM");
  } catch (e) {
    if (request !== "auto") throw e;
    runtime = null;
  }
}

/** The WebAssembly backend, or null where the runtime has no SIMD or it was turned off (the
 * first call compiles the build). */
export function wasmBackend(): (Backend & CoreKernels) | null {
  load();
  return runtime === null ? null : backendObject;
}

/** The kernel build in use: "relaxed", "simd", or "off" (JS reference). */
export function wasmFeature(): WasmLevel {
  load();
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
  loaded = true; // an explicit choice replaces the environment's
  const level = resolveWasmLevel(parseWasmRequest(request, source), detectWasmLevel(), source);
  if (level === (runtime?.level ?? "off")) return level;
  if (level === "off") runtime = null;
  else {
    runtime = runtimes.get(level) ?? instantiate(level);
    runtimes.set(level, runtime);
  }
  if (runtime !== null) registerBackend(backendObject);
  else if (registeredNames().includes("wasm")) registerBackend({ name: "wasm" }); // every call to the JS reference
  return level;
}

/** The instantiated build (kernels, heap, weight cache) for tests and benchmarks, or null. */
export function wasmRuntime(): WasmRuntime | null {
  load();
  return runtime;
}

/** Bytes of WebAssembly memory the backend holds now (0 when off). */
export function wasmMemoryBytes(): number {
  load();
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
  load();
  if (runtime === null) return { memoryBytes: 0, peakBytes: 0, weightCacheBytes: 0 };
  return { memoryBytes: wasmMemoryBytes(), peakBytes: runtime.heap.peakBytes, weightCacheBytes: runtime.heap.cacheBytes };
}

/** Starts this backend's workers when it is the one in use (threadsReady, ../index.ts); else 1.
 * With another backend in use (RNNKIT_BACKEND=js) no call needs them. */
export function wasmThreadsReady(): Promise<number> {
  return runtime !== null && activeBackend() === backendObject ? runtime.threads.ready() : Promise.resolve(1);
}
