// Which backend the ops use. The JS reference is always there; faster backends register
// themselves (or are registered by the user: `registerBackend`) and are chosen at load when
// the runtime supports them, overridable by the user. Ops reach the chosen backend's kernels
// through `kernels()` (dispatch.ts), which fills what it lacks from the JS reference.
import { ConfigError } from "../errors.js";
import { useKernels } from "./dispatch.js";
import type { Backend } from "./kernels.js";
import { jsBackend } from "./js/index.js";

let active: Backend = jsBackend;
const registry = new Map<string, Backend>([["js", jsBackend]]);

/** The backend the ops call now. */
export function backend(): Backend {
  return active;
}

/**
 * Makes a backend available to `setBackend` by its name: an object with a `name`, the kernels it
 * implements (any of `Kernels`) and, per kernel, the storage types it takes (`dtypes`); every
 * other call runs on the JS reference. Registering again under the name of the backend in use
 * replaces it at once (the WebAssembly backend does when its build changes).
 */
export function registerBackend(b: Backend): void {
  if (typeof b?.name !== "string" || b.name === "") {
    throw new ConfigError("registerBackend", `a backend needs a non-empty name (got ${String(b?.name)})`, { expected: "string", actual: b?.name });
  }
  registry.set(b.name, b);
  if (active.name === b.name) {
    active = b;
    useKernels(b);
  }
}

/** Asks every registered backend to drop what it keeps derived from `arrays` (Module.dispose). */
export function releaseCached(arrays: readonly ArrayLike<number>[]): void {
  for (const b of registry.values()) b.releaseCached?.(arrays);
}

/** Names of the registered backends. */
export function availableBackends(): string[] {
  return [...registry.keys()];
}

/** Chooses the backend by name; returns the previous one's name. */
export function setBackend(name: string): string {
  const b = registry.get(name);
  if (b === undefined) {
    throw new ConfigError("setBackend", `unknown backend '${name}' (available: ${availableBackends().join(", ")})`, {
      expected: availableBackends(), actual: name,
    });
  }
  const prev = active.name;
  active = b;
  useKernels(b);
  return prev;
}

export type * from "./kernels.js";
export { GATES, rnnWorkspaceSize } from "./kernels.js";
export { kernels } from "./dispatch.js";
/** The error function, a scalar helper of the JS reference (gelu uses it), not a kernel. */
export { erf } from "./js/erf.js";
export { setNumThreads, numThreads, threadsReady } from "./threads/config.js";
export { jsBackend } from "./js/index.js";
