// Whether ops record the graph: `noGrad(fn)` turns recording off for inference and for
// the parameter updates of an optimizer, as `torch.no_grad()` does.

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` with graph recording off; restores the previous mode even if `fn` throws. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with graph recording on (inside a `noGrad` block, for instance). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}
