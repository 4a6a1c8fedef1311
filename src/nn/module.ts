// Module: the base of every layer. Holds parameters, buffers and child modules in
// registration order, and gives PyTorch's names, state dicts and train/eval modes.
import { ConfigError, StateError, fmtShape } from "../errors.js";
import { noGrad } from "../autograd/mode.js";
import { copy_ } from "../autograd/inplace.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { Parameter } from "./parameter.js";

/** Keys and tensors of a module's state, in PyTorch's order (a module's own, then its children's). */
export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];
}

export abstract class Module {
  /** Training mode (dropout active) or evaluation mode. */
  training = true;
  readonly #params = new Map<string, Parameter | null>();
  readonly #buffers = new Map<string, Tensor | null>();
  readonly #modules = new Map<string, Module | null>();

  /** Adds (or replaces) a parameter; its name is the key in `namedParameters()` and `stateDict()`. */
  registerParameter(name: string, param: Parameter | null): void {
    checkName(this, name);
    this.#params.set(name, param);
  }

  /** Adds a tensor that is state but not a parameter (saved in the state dict, not optimized). */
  registerBuffer(name: string, tensor: Tensor | null): void {
    checkName(this, name);
    this.#buffers.set(name, tensor);
  }

  registerModule(name: string, module: Module | null): void {
    checkName(this, name);
    this.#modules.set(name, module);
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

  /** Child module by name (`"0"`, `"encoder"`). */
  getSubmodule(name: string): Module {
    let m: Module = this;
    for (const part of name.split(".")) {
      const next = m.#modules.get(part);
      if (next === undefined || next === null) {
        throw new ConfigError(this.constructor.name, `has no submodule '${name}'`, { actual: name });
      }
      m = next;
    }
    return m;
  }

  /** [name, module] for this module and every descendant, depth first, this one first with name "". */
  namedModules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    const seen = new Set<Module>([this]);
    for (const [name, m] of this.#modules) {
      if (m === null) continue;
      for (const [n, sub] of m.namedModules(prefix === "" ? name : `${prefix}.${name}`)) {
        if (!seen.has(sub)) {
          seen.add(sub);
          out.push([n, sub]);
        }
      }
    }
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  namedChildren(): [string, Module][] {
    return [...this.#modules].filter((e): e is [string, Module] => e[1] !== null);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** [dotted name, parameter] in registration order, each parameter once. */
  namedParameters(recurse = true): [string, Parameter][] {
    return collect(this, recurse, (m) => m.#params);
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters(recurse).map(([, p]) => p);
  }

  namedBuffers(recurse = true): [string, Tensor][] {
    return collect(this, recurse, (m) => m.#buffers);
  }

  buffers(recurse = true): Tensor[] {
    return this.namedBuffers(recurse).map(([, b]) => b);
  }

  /** Every parameter and buffer by its dotted name; the tensors share storage with the module. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [prefix, m] of this.namedModules()) {
      const key = (n: string) => (prefix === "" ? n : `${prefix}.${n}`);
      for (const [n, p] of m.#params) if (p !== null) out[key(n)] = p;
      for (const [n, b] of m.#buffers) if (b !== null) out[key(n)] = b;
    }
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
        errors.push(`${k} is not a Tensor (got ${src === null ? "null" : Array.isArray(src) ? "an array" : typeof src}); load tensors, e.g. tensor(values) for what tolist() gave.`);
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

  /** Extra text between the parentheses of this module's printed form. */
  extraRepr(): string {
    return "";
  }

  /** PyTorch's printed form: `Linear(in_features=4, out_features=2, bias=True)`, children indented. */
  toString(): string {
    const kids = this.namedChildren().map(([n, m]) => `(${n}): ${String(m).replace(/\n/g, "\n  ")}`);
    const extra = this.extraRepr();
    if (kids.length === 0) return `${this.constructor.name}(${extra})`;
    const lines = [...(extra !== "" ? extra.split("\n") : []), ...kids];
    return `${this.constructor.name}(\n  ${lines.join("\n  ")}\n)`;
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
