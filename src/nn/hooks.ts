// Forward hooks and pre-hooks of a Module (PyTorch's `register_forward_hook` and
// `register_forward_pre_hook`). A module without hooks runs its own `forward` untouched; the
// first hook shadows it with a wrapper on the instance, and removing the last one takes it away.

/** Called before `forward` with its arguments; returning an array replaces them. */
export type ForwardPreHook<M> = (module: M, input: unknown[]) => unknown[] | void;
/** Called after `forward` with its arguments and result; returning a value (not undefined) replaces the result. */
export type ForwardHook<M> = (module: M, input: unknown[], output: unknown) => unknown;

/** What `register…Hook` returns: `remove()` unregisters that hook (PyTorch's RemovableHandle). */
export interface RemovableHandle {
  remove(): void;
}

type Forward = (...args: unknown[]) => unknown;

interface HookLists {
  readonly pre: ForwardPreHook<object>[];
  readonly post: ForwardHook<object>[];
}

const lists = new WeakMap<object, HookLists>();
const restore = new WeakMap<object, () => void>();

/** Adds a hook to `module`, installing the wrapper around its prototype's `forward` if needed. */
export function addHook(module: object, kind: "pre" | "post", hook: ForwardPreHook<object> | ForwardHook<object>, op: string): RemovableHandle {
  const own = module as { forward?: unknown };
  if (typeof own.forward !== "function") throw new TypeError(`${op}: ${module.constructor.name} has no forward method`);
  let l = lists.get(module);
  if (l === undefined) {
    l = { pre: [], post: [] };
    lists.set(module, l);
    const inner = own.forward as Forward;
    const hadOwn = Object.prototype.hasOwnProperty.call(module, "forward");
    const hooks = l;
    const wrapper: Forward = function (this: object, ...args: unknown[]) {
      let input = args;
      for (const h of [...hooks.pre]) {
        const r = h(this, input);
        if (r !== undefined) input = r;
      }
      let out = inner.apply(this, input);
      for (const h of [...hooks.post]) {
        const r = h(this, input, out);
        if (r !== undefined) out = r;
      }
      return out;
    };
    Object.defineProperty(module, "forward", { value: wrapper, configurable: true, writable: true, enumerable: false });
    restore.set(module, () => {
      if (hadOwn) Object.defineProperty(module, "forward", { value: inner, configurable: true, writable: true, enumerable: false });
      else delete own.forward;
    });
  }
  const arr = (kind === "pre" ? l.pre : l.post) as unknown[];
  arr.push(hook);
  const hooks = l;
  return {
    remove(): void {
      const i = arr.indexOf(hook);
      if (i >= 0) arr.splice(i, 1);
      if (hooks.pre.length === 0 && hooks.post.length === 0 && lists.get(module) === hooks) {
        lists.delete(module);
        restore.get(module)?.();
        restore.delete(module);
      }
    },
  };
}
