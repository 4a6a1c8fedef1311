// What a Module owns — parameters, buffers, children — and how properties assigned to it join
// them, as PyTorch's `__setattr__` does: a Parameter, a Module or an array of either becomes
// state the moment it is read, in the order the properties were defined.
import { ConfigError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { Parameter } from "./parameter.js";

/** The three registries of one module, keyed by name in registration order (null: declared, absent). */
export interface Owned<M> {
  readonly params: Map<string, Parameter | null>;
  readonly buffers: Map<string, Tensor | null>;
  readonly modules: Map<string, M | null>;
  /** Buffers kept out of the state dict (`registerBuffer(name, t, { persistent: false })`). */
  readonly transient: Set<string>;
}

/** How a module wraps an array property: a ModuleList for modules, a ParameterList for parameters. */
export interface ArrayWrappers<M> {
  readonly isModule: (v: unknown) => v is M;
  /** A list module over `items`, reusing `prev` (the list made for this property last time) if given. */
  readonly modules: (items: readonly M[], prev: M | null) => M;
  readonly params: (items: readonly Parameter[], prev: M | null) => M;
}

/**
 * Discovery of assigned properties. It runs when a module's state is read (namedParameters,
 * stateDict, …) and before each explicit registration, never on a property access, so a
 * forward pass pays nothing for it (unlike a Proxy, which would trap every `this.weight` read
 * and break `#private` fields). Own enumerable string keys come in definition order — for
 * TypeScript class fields, their declaration order — which is PyTorch's assignment order when
 * fields are declared in the order the constructor assigns them.
 */
export class Registry<M extends object> {
  readonly owned: Owned<M> = { params: new Map(), buffers: new Map(), modules: new Map(), transient: new Set() };
  /** Each property's value when last seen, so an explicit registration is not undone by a stale property. */
  readonly #seen = new Map<string, unknown>();
  /** List modules made for array properties, by property name. */
  readonly #lists = new Map<string, M>();

  sync(owner: object, wrap: ArrayWrappers<M>): Owned<M> {
    const props = owner as Record<string, unknown>;
    for (const key of Object.keys(owner)) {
      const v = props[key];
      if (!Array.isArray(v) && this.#seen.has(key) && this.#seen.get(key) === v) continue;
      this.#seen.set(key, v);
      this.#adopt(owner, key, v, wrap);
    }
    return this.owned;
  }

  #adopt(owner: object, key: string, v: unknown, wrap: ArrayWrappers<M>): void {
    const { params, buffers, modules } = this.owned;
    if (v instanceof Parameter) {
      if (!params.has(key) && isAlias(params, v)) return;
      this.put("params", key, v);
    } else if (wrap.isModule(v)) {
      if (!modules.has(key) && isAlias(modules, v)) return;
      this.put("modules", key, v);
    } else if (Array.isArray(v) && v.length > 0 && v.every((e) => wrap.isModule(e))) {
      if (!modules.has(key) && v.every((e) => isAlias(modules, e))) return;
      this.#putList(key, wrap.modules(v, this.#lists.get(key) ?? null));
    } else if (Array.isArray(v) && v.length > 0 && v.every((e) => e instanceof Parameter)) {
      this.#putList(key, wrap.params(v, this.#lists.get(key) ?? null));
    } else if (v instanceof Tensor) {
      if (buffers.has(key)) buffers.set(key, v);
      else if (params.has(key)) {
        throw new ConfigError(owner.constructor.name, `cannot assign a plain Tensor as parameter '${key}' (a Parameter or null expected)`, {
          expected: "Parameter | null", actual: "Tensor",
        });
      }
    } else if (v === null || v === undefined) {
      // Clearing a property keeps the name declared (as PyTorch's `self.bias = None`).
      for (const map of [params, buffers, modules] as Map<string, unknown>[]) if (map.has(key)) map.set(key, null);
    }
  }

  #putList(key: string, list: M): void {
    this.#lists.set(key, list);
    this.put("modules", key, list);
  }

  /** Registers `v` under `key` in one registry and removes the name from the other two. */
  put(kind: "params" | "buffers" | "modules", key: string, v: unknown): void {
    const o = this.owned as unknown as Record<typeof kind, Map<string, unknown>>;
    for (const k of ["params", "buffers", "modules"] as const) if (k !== kind) o[k].delete(key);
    o[kind].set(key, v);
  }
}

/** Whether `v` is already registered under another name (a camelCase alias such as `weightIh`). */
function isAlias(map: ReadonlyMap<string, unknown>, v: unknown): boolean {
  for (const x of map.values()) if (x === v) return true;
  return false;
}
