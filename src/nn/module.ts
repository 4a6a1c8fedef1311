// Module: the base of every layer. Holds parameters, buffers and child modules in
// registration order (assigned properties register themselves), and gives PyTorch's names,
// state dicts, printed form, train/eval modes, dtype conversion and forward hooks.
import { ConfigError, IndexError, StateError, describeValue, fmtShape } from "../errors.js";
import { noGrad } from "../autograd/mode.js";
import { releaseCached } from "../backend/index.js";
import { copy_ } from "../autograd/inplace.js";
import { sameShape } from "../tensor/shape.js";
import { toDType } from "../autograd/ops/unary.js";
import { isFloating, type DType, type FloatDType } from "../tensor/dtype.js";
import { Tensor, type Storage } from "../tensor/tensor.js";
import { addHook, type ForwardHook, type ForwardPreHook, type RemovableHandle } from "./hooks.js";
import { Parameter } from "./parameter.js";
import { Registry, type ArrayWrappers, type Owned } from "./registry.js";

/** Keys and tensors of a module's state, in PyTorch's order (a module's own, then its children's). */
export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];
}

export abstract class Module {
  /** Training mode (dropout active) or evaluation mode. */
  training = true;
  readonly #reg = new Registry<Module>();

  /** Parameters, buffers and children, with the properties assigned since the last look adopted. */
  #owned(): Owned<Module> {
    return this.#reg.sync(this, wrappers);
  }

  /**
   * Adds (or replaces) a parameter; its name is the key in `namedParameters()` and `stateDict()`.
   * A Parameter assigned as a property (`this.weight = new Parameter(…)`) registers itself under
   * the property's name; this is for names made at run time (`weight_ih_l0`).
   */
  registerParameter(name: string, param: Parameter | null): void {
    checkName(this, name);
    this.#owned();
    this.#reg.put("params", name, param);
  }

  /**
   * Adds a tensor that is state but not a parameter (in the state dict unless `persistent` is
   * false, never optimized). Assigning a tensor to the property of a registered buffer's name
   * replaces the buffer, as in PyTorch.
   */
  registerBuffer(name: string, tensor: Tensor | null, opts: { readonly persistent?: boolean } = {}): void {
    checkName(this, name);
    const owned = this.#owned();
    this.#reg.put("buffers", name, tensor);
    if (opts.persistent === false) owned.transient.add(name);
    else owned.transient.delete(name);
  }

  /** Adds a child; a Module (or an array of them) assigned as a property registers itself too. */
  registerModule(name: string, module: Module | null): void {
    checkName(this, name);
    this.#owned();
    this.#reg.put("modules", name, module);
  }

  /** The parameter with a dotted name such as `"0.weight"` or `"weight_ih_l0"`. */
  getParameter(name: string): Parameter {
    const p = this.namedParameters().find(([n]) => n === name)?.[1];
    if (p === undefined) {
      throw new ConfigError(this.constructor.name, `has no parameter '${name}' (it has: ${this.namedParameters().map(([n]) => n).join(", ")})`, {
        actual: name,
      });
    }
    return p;
  }

  /** Child module by name (`"0"`, `"encoder"`, `"layers.1"`). */
  getSubmodule(name: string): Module {
    let m: Module = this;
    for (const part of name.split(".")) {
      const next = m.#owned().modules.get(part);
      if (next === undefined || next === null) {
        throw new ConfigError(this.constructor.name, `has no submodule '${name}'`, { actual: name });
      }
      m = next;
    }
    return m;
  }

  /** [name, module] for this module and every descendant, depth first, this one first with name "". */
  namedModules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (m: Module, name: string): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([name, m]);
      for (const [n, sub] of m.namedChildren()) visit(sub, name === "" ? n : `${name}.${n}`);
    };
    visit(this, prefix);
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  namedChildren(): [string, Module][] {
    return [...this.#owned().modules].filter((e): e is [string, Module] => e[1] !== null);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** [dotted name, parameter] in registration order, each parameter once. */
  namedParameters(recurse = true): [string, Parameter][] {
    return collect(this, recurse, (m) => m.#owned().params);
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters(recurse).map(([, p]) => p);
  }

  namedBuffers(recurse = true): [string, Tensor][] {
    return collect(this, recurse, (m) => m.#owned().buffers);
  }

  buffers(recurse = true): Tensor[] {
    return this.namedBuffers(recurse).map(([, b]) => b);
  }

  /** How many numbers the parameters hold (each shared parameter once), or only those that require grad. */
  numParameters(opts: { readonly trainableOnly?: boolean } = {}): number {
    return this.parameters().filter((p) => !opts.trainableOnly || p.requiresGrad).reduce((n, p) => n + p.numel(), 0);
  }

  /**
   * Every parameter and persistent buffer by its dotted name, in PyTorch's order (a module's
   * parameters, then its buffers, then each child's); the tensors share storage with the module.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    const path = new Set<Module>();
    const walk = (m: Module, prefix: string): void => {
      if (path.has(m)) {
        throw new ConfigError(this.constructor.name, `module '${prefix.slice(0, -1)}' contains itself (a property refers back to an enclosing module; keep such a reference in a #private field)`, {
          actual: prefix.slice(0, -1),
        });
      }
      path.add(m);
      const { params, buffers, transient, modules } = m.#owned();
      for (const [n, p] of params) if (p !== null) out[prefix + n] = p;
      for (const [n, b] of buffers) if (b !== null && !transient.has(n)) out[prefix + n] = b;
      for (const [n, c] of modules) if (c !== null) walk(c, `${prefix}${n}.`);
      path.delete(m);
    };
    walk(this, "");
    return out;
  }

  /**
   * Copies values from `state` into this module's parameters and buffers (in place, so an
   * optimizer holding them keeps working). A key of the wrong shape is always an error; with
   * `strict` (the default) missing and unexpected keys are too. All problems are reported at once,
   * and nothing is copied unless the whole load can succeed.
   */
  loadStateDict(state: StateDict, opts: { readonly strict?: boolean } = {}): LoadResult {
    const strict = opts.strict ?? true;
    const own = this.stateDict();
    const given = ownEntries(state);
    const missingKeys = Object.keys(own).filter((k) => !given.has(k));
    const unexpectedKeys = [...given.keys()].filter((k) => !Object.hasOwn(own, k));
    const errors: string[] = [];
    for (const [k, t] of Object.entries(own)) {
      if (!given.has(k)) continue;
      const src = given.get(k);
      if (!(src instanceof Tensor)) {
        errors.push(`${k} is not a Tensor (got ${describeValue(src)}); load tensors, e.g. tensor(values) for what tolist() gave.`);
      } else if (!sameShape(src.shape, t.shape)) {
        errors.push(`size mismatch for ${k}: copying a param with shape ${fmtShape(src.shape)} from checkpoint, the shape in current model is ${fmtShape(t.shape)}.`);
      }
    }
    if (strict) {
      if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}.`);
      if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}.`);
    }
    if (errors.length > 0) {
      throw new StateError("loadStateDict", `Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join("\n\t")}`, {
        expected: Object.keys(own), actual: [...given.keys()],
      });
    }
    noGrad(() => {
      for (const [k, t] of Object.entries(own)) if (given.has(k)) copy_(t, given.get(k) as Tensor);
    });
    return { missingKeys, unexpectedKeys };
  }

  /** Sets training mode here and in every descendant (dropout is active only in training). */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /**
   * Releases now what backends keep derived from this module's parameters — the WebAssembly
   * backend's packed copies of the weights — instead of when the module is garbage-collected
   * (which a FinalizationRegistry also handles, at the collector's pace). The module stays
   * usable: its next call packs its weights again. Parameters shared with another module are
   * released for both (the other re-packs too). Nothing else is freed: the tensors are the
   * JavaScript heap's. PyTorch has no counterpart (its weights are used in place).
   */
  dispose(): void {
    releaseCached(this.parameters().map((p) => p.storage.data));
  }

  /** Clears the gradients of all parameters (sets them to null, as PyTorch's default). */
  zeroGrad(setToNone = true): void {
    noGrad(() => {
      for (const p of this.parameters()) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else p.grad.zero_();
      }
    });
  }

  /** Calls fn on every descendant, children first, then on this module (as PyTorch). */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Converts every floating point parameter and buffer (and gradient) to `dtype` in place, as
   * PyTorch's `module.to(dtype)`: the Parameter objects stay the same, so an optimizer built
   * before still holds them.
   */
  to(dtype: FloatDType): this {
    noGrad(() => {
      for (const m of this.modules()) {
        const { params, buffers } = m.#owned();
        for (const t of [...params.values(), ...buffers.values()]) if (t !== null) retype(t, dtype);
      }
    });
    return this;
  }

  double(): this {
    return this.to("float64");
  }

  float(): this {
    return this.to("float32");
  }

  /** Calls `hook(module, args)` before every `forward`; an array it returns replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook<this>): RemovableHandle {
    return addHook(this, "pre", hook as ForwardPreHook<object>, "registerForwardPreHook");
  }

  /** Calls `hook(module, args, output)` after every `forward`; a value it returns replaces the output. */
  registerForwardHook(hook: ForwardHook<this>): RemovableHandle {
    return addHook(this, "post", hook as ForwardHook<object>, "registerForwardHook");
  }

  /** Extra text between the parentheses of this module's printed form. */
  extraRepr(): string {
    return "";
  }

  /** PyTorch's `repr(module)`: `Linear(in_features=4, out_features=2, bias=True)`, children indented. */
  toString(): string {
    const kids = this.namedChildren().map(([n, m]) => `(${n}): ${String(m).replace(/\n/g, "\n  ")}`);
    const extra = this.extraRepr();
    const extraLines = extra !== "" ? extra.split("\n") : [];
    if (kids.length === 0 && extraLines.length <= 1) return `${this.constructor.name}(${extra})`;
    return `${this.constructor.name}(\n  ${[...extraLines, ...kids].join("\n  ")}\n)`;
  }
}

/** A state's own keys and values (never inherited ones such as `constructor`), from an object or a Map. */
function ownEntries(state: unknown): Map<string, unknown> {
  if (state instanceof Map) return new Map([...state].map(([k, v]) => [String(k), v]));
  if (typeof state !== "object" || state === null) {
    throw new StateError("loadStateDict", `state must be an object of tensors keyed by name (got ${state === null ? "null" : typeof state})`, {
      expected: "Record<string, Tensor>", actual: state,
    });
  }
  return new Map(Object.entries(state));
}

/** Swaps a tensor's storage for one of another dtype, keeping the object (PyTorch's `param.data = …`). */
function retype(t: Tensor, dtype: FloatDType): void {
  if (t.dtype === dtype || !isFloating(t.dtype)) return;
  const converted = toDType(t, dtype);
  Object.assign(t as { storage: Storage; dtype: DType }, { storage: converted.storage, dtype });
  if (t.grad !== null) t.grad = toDType(t.grad, dtype);
}

function checkName(m: Module, name: string): void {
  if (name === "" || name.includes(".")) {
    throw new ConfigError(m.constructor.name, `names of parameters, buffers and modules must be non-empty and contain no "." (got "${name}")`, {
      actual: name,
    });
  }
}

function collect<T extends Tensor>(root: Module, recurse: boolean, own: (m: Module) => Map<string, T | null>): [string, T][] {
  const out: [string, T][] = [];
  const seen = new Set<T>();
  const mods: [string, Module][] = recurse ? root.namedModules() : [["", root]];
  for (const [prefix, m] of mods) {
    for (const [n, t] of own(m)) {
      if (t === null || seen.has(t)) continue;
      seen.add(t);
      out.push([prefix === "" ? n : `${prefix}.${n}`, t]);
    }
  }
  return out;
}

/**
 * The list containers' shared body: items named "0", "1", … in order, each registered through
 * `register` (as a child or as a parameter). `op` names the container in errors.
 */
abstract class IndexedList<T> extends Module {
  #items: T[] = [];
  readonly #op: string;

  constructor(op: string) {
    super();
    this.#op = op;
  }

  protected abstract register(name: string, item: T | null): void;

  protected get items(): readonly T[] {
    return this.#items;
  }

  get length(): number {
    return this.#items.length;
  }

  /** The item at `index` (negative counts from the end). */
  at(index: number): T {
    const item = this.#items.at(index);
    if (item === undefined || !Number.isInteger(index)) {
      throw new IndexError(this.#op, `index ${index} is out of range (length ${this.#items.length})`, { expected: this.#items.length, actual: index });
    }
    return item;
  }

  append(item: T): this {
    this.register(String(this.#items.length), item);
    this.#items.push(item);
    return this;
  }

  extend(items: Iterable<T>): this {
    if (typeof (items as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] !== "function" || typeof items === "string") {
      throw new ConfigError(this.#op, `items must be an iterable (got ${describeValue(items)})`, { expected: "Iterable", actual: items });
    }
    for (const item of items) this.append(item);
    return this;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items[Symbol.iterator]();
  }

  /** Replaces the contents (used to mirror an array property); names past the new end hold null. */
  reset(items: readonly T[]): void {
    for (let i = items.length; i < this.#items.length; i++) this.register(String(i), null);
    this.#items = [];
    this.extend(items);
  }
}

/**
 * Holds child modules in a list, named "0", "1", … (PyTorch's `nn.ModuleList`). An array of
 * modules assigned as a property becomes one of these children by itself; write one out to
 * start empty or to append later.
 */
export class ModuleList<M extends Module = Module> extends IndexedList<M> {
  constructor(modules: Iterable<M> = []) {
    super("ModuleList");
    this.extend(modules);
  }

  protected register(name: string, module: M | null): void {
    this.registerModule(name, module);
  }
}

/** Holds parameters in a list, named "0", "1", … (PyTorch's `nn.ParameterList`). */
export class ParameterList extends IndexedList<Parameter> {
  constructor(params: Iterable<Parameter> = []) {
    super("ParameterList");
    this.extend(params);
  }

  protected register(name: string, param: Parameter | null): void {
    this.registerParameter(name, param);
  }

  /** As PyTorch 1.13 prints it: one `(k): Parameter containing: [torch.float32 of size 3x4]` line each. */
  override extraRepr(): string {
    return this.items.map((p, k) => `  (${k}): Parameter containing: [torch.${p.dtype} of size ${p.shape.join("x")}]`).join("\n");
  }
}

const wrappers: ArrayWrappers<Module> = {
  isModule: (v): v is Module => v instanceof Module,
  modules: (items, prev) => {
    if (prev instanceof ModuleList) {
      prev.reset(items);
      return prev;
    }
    return new ModuleList(items);
  },
  params: (items, prev) => {
    if (prev instanceof ParameterList) {
      prev.reset(items);
      return prev;
    }
    return new ParameterList(items);
  },
};
