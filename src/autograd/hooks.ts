// Gradient hooks on tensors (PyTorch's `Tensor.register_hook`): functions the backward pass
// calls with a tensor's gradient once it is complete; a hook may return a replacement.
import { AutogradError, fmtShape } from "../errors.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";

/** Called with the gradient of the tensor it is registered on; a tensor it returns replaces the gradient. */
export type TensorHook = (grad: Tensor) => Tensor | void;

export interface TensorHookHandle {
  remove(): void;
}

const hooks = new WeakMap<Tensor, TensorHook[]>();
/** Hooks registered anywhere, so a backward with none skips the lookups. */
let live = 0;

export function hasAnyHooks(): boolean {
  return live > 0;
}

export function hasHooks(t: Tensor): boolean {
  return live > 0 && hooks.has(t);
}

/** Registers `hook` on `t` (which must require grad), as `t.register_hook(hook)`. */
export function registerHook(t: Tensor, hook: TensorHook): TensorHookHandle {
  if (!t.requiresGrad) throw new AutogradError("registerHook", "cannot register a hook on a tensor that doesn't require gradient");
  let list = hooks.get(t);
  if (list === undefined) {
    list = [];
    hooks.set(t, list);
  }
  list.push(hook);
  live++;
  const own = list;
  let removed = false;
  return {
    remove(): void {
      if (removed) return;
      removed = true;
      own.splice(own.indexOf(hook), 1);
      live--;
      if (own.length === 0 && hooks.get(t) === own) hooks.delete(t);
    },
  };
}

/** Runs t's hooks in registration order on its complete gradient `g`; each sees the previous one's result. */
export function runHooks(t: Tensor, g: Tensor): Tensor {
  for (const h of [...(hooks.get(t) ?? [])]) {
    const r = h(g);
    if (r === undefined) continue;
    if (!sameShape(r.shape, g.shape)) {
      throw new AutogradError("registerHook", `a hook returned a gradient of shape ${fmtShape(r.shape)} for a tensor of shape ${fmtShape(g.shape)}`, {
        expected: g.shape, actual: r.shape,
      });
    }
    g = r;
  }
  return g;
}
