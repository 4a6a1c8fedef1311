// The registered backends and the one in use — none until the first op or setBackend, when
// backend/index.ts chooses the default. Kept apart from index.ts so that the WebAssembly
// backend can register itself without importing the module that chooses it.
import { ConfigError } from "../errors.js";
import { useKernels } from "./dispatch.js";
import type { Backend } from "./kernels.js";
import { jsBackend } from "./js/index.js";

let active: Backend | null = null;
const registry = new Map<string, Backend>([["js", jsBackend]]);

/** The backend in use, or null before the default is chosen. */
export function activeBackend(): Backend | null {
  return active;
}

/** The backend registered under `name`, if any. */
export function registered(name: string): Backend | undefined {
  return registry.get(name);
}

/** Names of the backends registered so far. */
export function registeredNames(): string[] {
  return [...registry.keys()];
}

/** Makes `b` the backend in use: its kernels are the ones `kernels()` returns from now on. */
export function activate(b: Backend): void {
  active = b;
  useKernels(b);
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
  if (active?.name === b.name) activate(b);
}
