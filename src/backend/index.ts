// Which backend the ops use. The JS reference is always there; faster backends register
// themselves (or are registered by the user: `registerBackend`). Nothing is chosen or compiled
// at import: the default is chosen at the first op (or the first call below that needs it) —
// the WebAssembly kernels where the runtime has SIMD, else the JS reference; in Node,
// RNNKIT_BACKEND=js|wasm overrides (the test suite runs both). Ops reach the chosen backend's
// kernels through `kernels()`, which fills what it lacks from the JS reference (dispatch.ts).
import { ConfigError } from "../errors.js";
import { currentKernels } from "./dispatch.js";
import type { Backend, Kernels } from "./kernels.js";
import { activate, activeBackend, registered, registeredNames } from "./registry.js";
import { wasmBackend, wasmThreadsReady } from "./wasm/index.js";

/** The backend registered as `name`; the built-in ones register at the first look-up. */
function lookup(name: string): Backend {
  if (registered(name) === undefined) wasmBackend(); // registers "wasm" where supported
  const b = registered(name);
  if (b === undefined) {
    throw new ConfigError("setBackend", `unknown backend '${name}' (available: ${registeredNames().join(", ")})`, {
      expected: registeredNames(), actual: name,
    });
  }
  return b;
}

/** The backend in use, choosing the default the first time: RNNKIT_BACKEND where set, else
 * wasm where the runtime supports it, else the JS reference. */
function chosen(): Backend {
  const now = activeBackend();
  if (now !== null) return now;
  const requested = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.RNNKIT_BACKEND;
  const b = requested !== undefined && requested !== "" ? lookup(requested) : (wasmBackend() ?? lookup("js"));
  activate(b);
  return b;
}

/** The kernels of the backend in use (the first call chooses the default backend). */
export function kernels(): Kernels {
  if (activeBackend() === null) chosen();
  return currentKernels();
}

/** The backend the ops call now. */
export function backend(): Backend {
  return chosen();
}

/** Asks every registered backend to drop what it keeps derived from `arrays` (Module.dispose);
 * compiles nothing (a backend never registered has nothing cached). */
export function releaseCached(arrays: readonly ArrayLike<number>[]): void {
  for (const name of registeredNames()) registered(name)?.releaseCached?.(arrays);
}

/** Names of the registered backends (the built-in ones included). */
export function availableBackends(): string[] {
  wasmBackend(); // registers "wasm" where the runtime supports it
  return registeredNames();
}

/** Chooses the backend by name; returns the previous one's name (the default's, if none was chosen). */
export function setBackend(name: string): string {
  const b = lookup(name);
  const prev = chosen().name;
  activate(b);
  return prev;
}

/**
 * Starts the worker threads that large calls may use now, rather than in the background at the
 * first large call, and resolves with the number of threads a large call gets: 1 where threads
 * are off or unsupported, or the WebAssembly backend is not in use. Never rejects.
 */
export function threadsReady(): Promise<number> {
  chosen();
  return wasmThreadsReady().catch(() => 1);
}

export { registerBackend } from "./registry.js";
export type * from "./kernels.js";
export { GATES, rnnWorkspaceSize } from "./kernels.js";
/** The error function, a scalar helper of the JS reference (gelu uses it), not a kernel. */
export { erf } from "./js/erf.js";
export { setNumThreads, numThreads } from "./threads/config.js";
export { jsBackend } from "./js/index.js";
