// The optimizer base, as torch.optim.Optimizer: parameter groups with their own options,
// lazily created per-parameter state, zeroGrad/step, and state dicts of PyTorch's layout.
import { ConfigError, RnnkitError, StateError, describeValue } from "../errors.js";
import { zero_ } from "../autograd/inplace.js";
import { enableGrad, noGrad } from "../autograd/mode.js";
import { zerosLike } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { checkOptions, type OptionKind } from "../options.js";
import { cloneOption, deserializeTensor, serializeTensor, type SerializedTensor } from "./serialize.js";

/** What every optimizer's options have: a learning rate (which schedulers change). */
export interface BaseConfig {
  lr: number;
}

/** One group: its parameters and the options that apply to them. */
export type ParamGroup<C extends BaseConfig> = C & {
  readonly params: Tensor[];
  /** The lr the first scheduler attached started from (torch: `initial_lr`). */
  initialLr?: number;
};

/** A group as given to a constructor: parameters, and options overriding the optimizer's. */
export type ParamGroupInput<C extends BaseConfig> = Partial<C> & { readonly params: Iterable<Tensor> | Tensor };

/** What to optimize: tensors (one group), or groups with options of their own. */
export type ParamsInput<C extends BaseConfig> = Iterable<Tensor> | Iterable<ParamGroupInput<C>>;

/** The state kept for one parameter: tensors of its shape and dtype, and counters such as `step`. */
export type ParamState = Record<string, Tensor | number>;

/** A value in a state dict's per-parameter state: a counter, or a serialized tensor. */
export type StateValue = number | SerializedTensor;

/**
 * An optimizer's state dict, laid out as PyTorch's: per-parameter state keyed by the
 * parameter's index counted across groups in order, and each group's options with the
 * indices of its parameters. Plain JSON: tensors are `{ dtype, shape, data }`.
 */
export interface OptimizerStateDict<C extends BaseConfig> {
  readonly state: Record<string, Record<string, StateValue>>;
  readonly paramGroups: (C & { params: number[]; initialLr?: number })[];
}

/**
 * The kind of each state entry an optimizer keeps: a tensor like the parameter, a finite
 * number, or a count (a non-negative integer, such as `step`).
 */
export type StateSpec = Readonly<Record<string, "tensor" | "number" | "count">>;

export abstract class Optimizer<C extends BaseConfig> {
  /** The options of groups that do not set their own. */
  readonly defaults: Readonly<C>;
  readonly paramGroups: ParamGroup<C>[] = [];
  /** Per-parameter state, created at a parameter's first update. */
  readonly state = new Map<Tensor, ParamState>();
  /** The optimizer's name in messages: "SGD", "Adam", …. */
  protected readonly name: string;

  protected constructor(name: string, params: ParamsInput<C>, defaults: C, opts: Partial<C>) {
    this.name = name;
    if (typeof (this as unknown as { validate?: unknown }).validate !== "function") {
      throw new ConfigError("Optimizer", "Optimizer is the base class; construct one of SGD, Adam, AdamW, RMSprop, Adagrad", { expected: "a subclass", actual: "Optimizer" });
    }
    if (params === null || typeof (params as { [Symbol.iterator]?: unknown } | undefined)?.[Symbol.iterator] !== "function") {
      throw new ConfigError(name, `params must be an iterable of tensors or of parameter groups (got ${String(params)})`, { expected: "Iterable", actual: params });
    }
    if (typeof defaults !== "object" || defaults === null) {
      throw new ConfigError(String(name), `defaults must be an object of options (got ${describeValue(defaults)})`, { expected: "object", actual: defaults });
    }
    opts ??= {};
    this.checkOptionKeys(opts, defaults, ConfigError);
    const merged = { ...cloneOptions(defaults), ...cloneOptions(opts) } as C;
    this.validate(merged);
    this.defaults = merged;
    const list = [...(params as Iterable<Tensor | ParamGroupInput<C>>)];
    if (list.length === 0) throw new ConfigError(name, "optimizer got an empty parameter list", { expected: "at least one parameter", actual: 0 });
    if (list.every((p) => p instanceof Tensor)) {
      this.addParamGroup({ params: list as Tensor[] } as unknown as ParamGroupInput<C>);
    } else if (list.every((g) => !(g instanceof Tensor) && typeof g === "object" && g !== null && "params" in g)) {
      for (const g of list as ParamGroupInput<C>[]) this.addParamGroup(g);
    } else {
      throw new ConfigError(name, "params must be tensors, or parameter groups { params, ...options }, not a mix of both");
    }
  }

  /** Checks a group's merged options, throwing a ConfigError with PyTorch's message. */
  protected abstract validate(config: C): void;

  /** Updates one parameter in place from its gradient (runs inside noGrad). */
  protected abstract updateParam(param: Tensor, grad: Tensor, state: ParamState, group: ParamGroup<C>): void;

  /** The state entries this optimizer may keep for a parameter of `group`, and their kinds. */
  protected abstract stateSpec(group: C): StateSpec;

  /** Adds a group; its options default to the optimizer's. */
  addParamGroup(group: ParamGroupInput<C>): void {
    const { params, ...rest } = group;
    const opts = rest as unknown as Partial<C>;
    const list = params instanceof Tensor ? [params] : [...params];
    for (const p of list) {
      if (!(p instanceof Tensor)) {
        throw new ConfigError(this.name, `optimizer can only optimize Tensors, but one of the params is ${typeof p}`, { expected: "Tensor", actual: p });
      }
      if (!p.isLeaf) throw new ConfigError(this.name, "can't optimize a non-leaf Tensor");
    }
    if (new Set(list).size !== list.length) {
      throw new ConfigError(this.name, "a parameter group contains the same parameter twice");
    }
    const taken = new Set(this.paramGroups.flatMap((g) => g.params));
    if (list.some((p) => taken.has(p))) {
      throw new ConfigError(this.name, "some parameters appear in more than one parameter group");
    }
    this.checkOptionKeys(opts, this.defaults, ConfigError);
    const config = { ...cloneOptions(this.defaults), ...cloneOptions(opts) } as C;
    this.validate(config);
    this.paramGroups.push({ ...config, params: list });
  }

  /** Clears every parameter's gradient: sets it to null (the default), or fills it with zeros. */
  zeroGrad(setToNone = true): void {
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (p.grad === null) continue;
          if (setToNone) p.grad = null;
          else zero_(p.grad);
        }
      }
    });
  }

  /**
   * One update of every parameter that has a gradient (parameters without one are skipped).
   * `closure`, if given, re-evaluates the model and returns the loss, which step returns.
   */
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          if (p.grad === null) continue;
          let s = this.state.get(p);
          if (s === undefined) {
            s = {};
            this.state.set(p, s);
          }
          this.updateParam(p, p.grad, s, group);
        }
      }
    });
    return loss;
  }

  /** The state and the groups' options, with parameters as indices; a JSON-serialisable copy. */
  stateDict(): OptimizerStateDict<C> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...opts } = g;
      const ids = params.map((p) => {
        index.set(p, index.size);
        return index.size - 1;
      });
      return { ...cloneOptions(opts), params: ids } as C & { params: number[]; initialLr?: number };
    });
    const state: Record<string, Record<string, StateValue>> = {};
    for (const [p, i] of index) {
      const s = this.state.get(p);
      if (s === undefined) continue;
      state[String(i)] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === "number" ? v : serializeTensor(v)]));
    }
    return { state, paramGroups };
  }

  /**
   * Restores a state dict saved by `stateDict()` (possibly through JSON) into an optimizer
   * over the same parameters: the groups' options and every parameter's state (cast to the
   * parameter's dtype). Checked as a whole first; a StateError says what does not fit, and
   * nothing changes unless everything does.
   */
  loadStateDict(stateDict: OptimizerStateDict<C>): void {
    const op = `${this.name}.loadStateDict`;
    const sd = stateDict as Partial<OptimizerStateDict<C>> | null;
    if (typeof sd !== "object" || sd === null || !Array.isArray(sd.paramGroups) || typeof sd.state !== "object" || sd.state === null) {
      throw new StateError(op, "expected an object { state, paramGroups } as stateDict() returns", { expected: "{ state, paramGroups }", actual: stateDict });
    }
    const saved = sd.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new StateError(op, `loaded state dict has a different number of parameter groups (expected ${this.paramGroups.length}, got ${saved.length})`, {
        expected: this.paramGroups.length, actual: saved.length,
      });
    }
    const idMap = new Map<number, { param: Tensor; config: C }>();
    const configs = saved.map((g, i) => {
      const own = this.paramGroups[i]!;
      if (typeof g !== "object" || g === null || !Array.isArray(g.params)) {
        throw new StateError(op, `paramGroups[${i}] must be an object with a params array`, { actual: g });
      }
      if (g.params.length !== own.params.length) {
        throw new StateError(op, `loaded state dict contains a parameter group that doesn't match the size of optimizer's group ` +
          `(paramGroups[${i}] has ${g.params.length} parameters, expected ${own.params.length})`, { expected: own.params.length, actual: g.params.length });
      }
      const { params: ids, ...opts } = g;
      const missing = Object.keys(this.defaults).filter((k) => !(k in opts));
      if (missing.length > 0) throw new StateError(op, `paramGroups[${i}] lacks option(s) ${missing.join(", ")}`, { expected: Object.keys(this.defaults), actual: Object.keys(opts) });
      this.checkOptionKeys(opts as Partial<C>, this.defaults, StateError, `paramGroups[${i}]`);
      const config = cloneOptions(opts) as C & { initialLr?: number };
      try {
        this.validate(config);
      } catch (e) {
        if (e instanceof RnnkitError) {
          throw new StateError(op, `paramGroups[${i}]: ${e.message.slice(e.op.length + 2)}`, { expected: e.expected, actual: e.actual });
        }
        throw e;
      }
      ids.forEach((id, k) => {
        // As PyTorch: saved ids map to this optimizer's parameters by position (zip of both orders).
        if (typeof id !== "number" || idMap.has(id)) {
          throw new StateError(op, `paramGroups[${i}].params[${k}] must be a parameter index used once (got ${JSON.stringify(id)})`, { actual: id });
        }
        idMap.set(id, { param: own.params[k]!, config });
      });
      return config;
    });
    const state = new Map<Tensor, ParamState>();
    for (const [key, entries] of Object.entries(sd.state)) {
      const target = idMap.get(Number(key));
      if (target === undefined) {
        throw new StateError(op, `state has an entry for parameter ${JSON.stringify(key)}, which no saved parameter group lists`, {
          expected: [...idMap.keys()], actual: key,
        });
      }
      const p = target.param;
      state.set(p, parseParamState(op, key, entries, this.stateSpec(target.config), p));
    }
    configs.forEach((config, i) => {
      const group = this.paramGroups[i]!;
      for (const k of Object.keys(group)) if (k !== "params") delete (group as unknown as Record<string, unknown>)[k];
      Object.assign(group, config);
    });
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
  }

  /** Unknown option names are errors (typos would otherwise be ignored); known ones must have the default's type. */
  private checkOptionKeys(opts: Partial<C>, defaults: C, Err: typeof ConfigError | typeof StateError, where = "options"): void {
    const op = Err === StateError ? `${this.name}.loadStateDict` : this.name;
    const spec: Record<string, OptionKind> = {};
    for (const [k, like] of Object.entries(defaults)) spec[k] = Array.isArray(like) ? { numbers: like.length } : (typeof like as OptionKind);
    spec["initialLr"] = "number";
    checkOptions(op, opts, spec, { where, error: Err });
  }

}

/** One parameter's saved state, checked against the optimizer's spec and rebuilt in the parameter's dtype. */
function parseParamState(op: string, key: string, entries: unknown, spec: StateSpec, p: Tensor): ParamState {
  if (typeof entries !== "object" || entries === null) throw new StateError(op, `state[${key}] must be an object`, { actual: entries });
  const s: ParamState = {};
  for (const [name, value] of Object.entries(entries)) {
    const kind = spec[name];
    const where = `state[${key}].${name}`;
    if (kind === undefined) {
      throw new StateError(op, `${where} is not state this optimizer keeps (expected one of: ${Object.keys(spec).join(", ") || "none"})`, {
        expected: Object.keys(spec), actual: name,
      });
    }
    if (kind === "tensor") {
      s[name] = deserializeTensor(op, where, value, p);
    } else if (kind === "count" ? Number.isSafeInteger(value) && (value as number) >= 0 : typeof value === "number" && Number.isFinite(value)) {
      s[name] = value as number;
    } else {
      const expected = kind === "count" ? "a non-negative integer" : "a finite number";
      throw new StateError(op, `${where} must be ${expected} (got ${JSON.stringify(value)})`, { expected, actual: value });
    }
  }
  return s;
}

/** The data of state tensor `key` of a parameter, created as zeros like the parameter if absent. */
export function stateTensor(s: ParamState, key: string, p: Tensor): Tensor["data"] {
  let t = s[key] as Tensor | undefined;
  if (t === undefined) {
    t = zerosLike(p);
    s[key] = t;
  }
  return t.data;
}

function cloneOptions<T extends object>(opts: T): T {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined).map(([k, v]) => [k, cloneOption(v)])) as T;
}
