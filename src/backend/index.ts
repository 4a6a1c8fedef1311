// Which backend the ops use. The JS reference is always there; faster backends register
// themselves and are chosen at load when the runtime supports them, overridable by the user.
import { ConfigError } from "../errors.js";
import type { Backend } from "./kernels.js";
import { jsBackend } from "./js/index.js";

let active: Backend = jsBackend;
const registry = new Map<string, Backend>([["js", jsBackend]]);

/** The backend the ops call now. */
export function backend(): Backend {
  return active;
}

/** Makes a backend available to `setBackend` by its name. */
export function registerBackend(b: Backend): void {
  registry.set(b.name, b);
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
  return prev;
}

export type * from "./kernels.js";
export { GATES, rnnWorkspaceSize } from "./kernels.js";
export { setNumThreads, numThreads, threadsReady } from "./threads/config.js";
export { jsBackend } from "./js/index.js";
