// ModuleDict: child modules by name, in insertion order (PyTorch's nn.ModuleDict).
import { Module } from "./module.js";
import { ConfigError, describeValue } from "../errors.js";

/** Children by string key; `get` is typed by the value type `M`. Keys are the state-dict prefixes. */
export class ModuleDict<M extends Module = Module> extends Module {
  readonly #items = new Map<string, M>();

  constructor(modules: Iterable<readonly [string, M]> | Readonly<Record<string, M>> = []) {
    super();
    if (typeof modules !== "object" || modules === null) {
      throw new ConfigError("ModuleDict", `modules must be an object or an iterable of [key, module] pairs (got ${describeValue(modules)})`, { expected: "object", actual: modules });
    }
    const entries = Symbol.iterator in modules ? (modules as Iterable<readonly [string, M]>) : Object.entries(modules);
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new ConfigError("ModuleDict", `each entry must be a [key, module] pair (got ${describeValue(entry)})`, { expected: "[string, Module]", actual: entry });
      }
      this.set(entry[0] as string, entry[1] as M);
    }
  }

  get size(): number {
    return this.#items.size;
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** The module under `key` (a ConfigError naming the keys there are, if absent). */
  get(key: string): M {
    if (!this.#items.has(key)) this.getSubmodule(key);
    return this.#items.get(key)!;
  }

  set(key: string, module: M): this {
    this.registerModule(key, module);
    this.#items.set(key, module);
    return this;
  }

  keys(): IterableIterator<string> {
    return this.#items.keys();
  }

  values(): IterableIterator<M> {
    return this.#items.values();
  }

  entries(): IterableIterator<[string, M]> {
    return this.#items.entries();
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.#items.keys();
  }
}
