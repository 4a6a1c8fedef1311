// Whether ops record the graph: `noGrad(fn)` turns recording off for inference and for
// the parameter updates of an optimizer, as `torch.no_grad()` does.
import { ConfigError, describeValue } from "../errors.js";

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` with graph recording off; restores the previous mode even if `fn` throws.
 *
 * An async `fn` keeps recording off until its promise settles, as `with torch.no_grad():`
 * around `await`s does in PyTorch. As there (grad mode is per thread, not per task), other
 * work that runs while `fn` awaits does not record either, so keep such blocks short.
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with graph recording on (inside a `noGrad` block, for instance). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  if (typeof fn !== "function") {
    throw new ConfigError(mode ? "enableGrad" : "noGrad", `expected a function to run (got ${describeValue(fn)})`, { expected: "function", actual: fn });
  }
  const prev = enabled;
  enabled = mode;
  let result: T;
  try {
    result = fn();
  } catch (e) {
    enabled = prev;
    throw e;
  }
  if (!isThenable(result)) {
    enabled = prev;
    return result;
  }
  const restore = () => { enabled = prev; };
  return result.then((v) => { restore(); return v; }, (e: unknown) => { restore(); throw e; }) as T;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === "object" || typeof v === "function") && v !== null && typeof (v as { then?: unknown }).then === "function";
}
