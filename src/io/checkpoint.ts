// Training checkpoints as one safetensors file: the model's tensors under their state-dict keys,
// the optimizer's state tensors under `optimizer.state.<index>.<name>`, and everything else
// (optimizer options, scheduler, generator, step, user JSON) as JSON strings in `__metadata__`.
// Byte-level: works in a browser; `saveCheckpoint`/`loadCheckpoint` (rnnkit/io in Node) add files.
import { ConfigError, FormatError, describeValue } from "../errors.js";
import { Module, type StateDict } from "../nn/module.js";
import type { BaseConfig, Optimizer, OptimizerStateDict, StateValue } from "../optim/optimizer.js";
import type { LRScheduler, SchedulerStateDict } from "../optim/lr-scheduler.js";
import { fromJsonNumber } from "../optim/serialize.js";
import { Generator, type GeneratorState } from "../random/generator.js";
import { allocate, isFloating } from "../tensor/dtype.js";
import { fromData, type Tensor } from "../tensor/tensor.js";
import { readSafetensors } from "./safetensors/read.js";
import { saveSafetensors } from "./safetensors/write.js";
import { checkpointMeta, readMeta, type TensorRef } from "./checkpoint-meta.js";
import { checkOptions } from "../options.js";

/** What a checkpoint saves; every part is optional. Objects or their state dicts are both accepted. */
export interface CheckpointInput {
  /** The model (its `stateDict()` is saved) or a state dict. */
  readonly model?: Module | StateDict;
  /** An optimizer (its `stateDict()` is saved) or an optimizer state dict. */
  readonly optimizer?: Optimizer<BaseConfig> | OptimizerStateDict<BaseConfig>;
  /** A learning-rate scheduler or its state dict. */
  readonly scheduler?: LRScheduler | SchedulerStateDict;
  /** A random generator (e.g. `defaultGenerator()`, which dropout draws from) or its state. */
  readonly generator?: Generator | GeneratorState;
  /** The training step (or epoch) the checkpoint was taken at. */
  readonly step?: number;
  /** Any JSON value of the user's (hyper-parameters, a vocabulary, …); finite numbers only. */
  readonly extra?: unknown;
}

/** A decoded checkpoint: state dicts ready for `loadStateDict`/`setState`, or null where none was saved. */
export interface Checkpoint {
  /** The model's tensors by state-dict key (views on the checkpoint's bytes). */
  readonly model: StateDict;
  readonly optimizer: OptimizerStateDict<BaseConfig> | null;
  readonly scheduler: SchedulerStateDict | null;
  readonly generator: GeneratorState | null;
  readonly step: number | null;
  /** The `extra` JSON as saved; undefined if none was. */
  readonly extra: unknown;
}

/** The objects {@link restoreCheckpoint} loads a checkpoint into; each part is optional. */
export interface CheckpointTargets {
  readonly model?: Module;
  readonly optimizer?: Optimizer<BaseConfig>;
  readonly scheduler?: LRScheduler;
  readonly generator?: Generator;
}

const OPTIMIZER_PREFIX = "optimizer.state.";

/**
 * A checkpoint's bytes: a safetensors file that any safetensors reader opens (the model's tensors
 * keep their keys, so `safetensors.torch.load_file` sees the model's state dict plus
 * `optimizer.state.*`). Throws a ConfigError for a value JSON cannot hold exactly (NaN, ±Infinity,
 * a bigint in `extra`) or an optimizer key that clashes with a model key.
 */
export function encodeCheckpoint(input: CheckpointInput): Uint8Array {
  const op = "saveCheckpoint";
  checkOptions(op, input, { model: "object", optimizer: "object", scheduler: "object", generator: "object", step: "any", extra: "any" }, { where: "input" });
  if (input === undefined) throw new ConfigError(op, "input { model, optimizer, … } is required", { expected: "object", actual: input });
  const model = input.model instanceof Module ? input.model.stateDict() : { ...(input.model ?? {}) };
  const optimizer = isStateful(input.optimizer) ? input.optimizer.stateDict() : input.optimizer;
  const tensors: StateDict = { ...model };
  let optimizerMeta: unknown;
  if (optimizer !== undefined) {
    const state: Record<string, Record<string, number | TensorRef>> = {};
    for (const [id, entries] of Object.entries(optimizer.state)) {
      state[id] = {};
      for (const [name, v] of Object.entries(entries)) {
        if (typeof v === "number") {
          state[id][name] = v;
          continue;
        }
        const key = `${OPTIMIZER_PREFIX}${id}.${name}`;
        if (key in model) throw new ConfigError(op, `model key '${key}' clashes with the optimizer's state of the same name`, { actual: key });
        tensors[key] = serializedToTensor(v);
        state[id][name] = { tensor: key };
      }
    }
    optimizerMeta = { paramGroups: optimizer.paramGroups, state };
  }
  const scheduler = isStateful(input.scheduler) ? input.scheduler.stateDict() : input.scheduler;
  const generator = input.generator instanceof Generator ? input.generator.getState() : input.generator;
  if (input.step !== undefined && !Number.isFinite(input.step)) {
    throw new ConfigError(op, `step must be a finite number (got ${input.step})`, { actual: input.step });
  }
  const metadata = checkpointMeta(op, { optimizer: optimizerMeta, scheduler, generator, step: input.step, extra: input.extra });
  return saveSafetensors(tensors, { metadata });
}

/**
 * Decodes the bytes of {@link encodeCheckpoint}. A file that is not a valid safetensors file, or
 * not an rnnkit checkpoint, or whose parts do not fit together, throws a FormatError (reason
 * `"not-a-checkpoint"`, `"invalid-checkpoint"` or a safetensors reason) and nothing is returned in part.
 */
export function decodeCheckpoint(bytes: Uint8Array | ArrayBuffer): Checkpoint {
  const { tensors, metadata } = readSafetensors(bytes);
  const meta = readMeta(metadata);
  const used = new Set<string>();
  let optimizer: OptimizerStateDict<BaseConfig> | null = null;
  if (meta.optimizer !== null) {
    const state: Record<string, Record<string, StateValue>> = {};
    for (const [id, entries] of Object.entries(meta.optimizer.state)) {
      state[id] = {};
      for (const [name, v] of Object.entries(entries)) {
        if (typeof v === "number") {
          state[id][name] = v;
          continue;
        }
        const t = tensors[v.tensor];
        if (t === undefined || !isFloating(t.dtype) || used.has(v.tensor)) {
          throw new FormatError("loadCheckpoint", `optimizer state ${id}.${name} names tensor '${v.tensor}', which the file does not hold as a float tensor once`, {
            reason: "invalid-checkpoint", actual: v.tensor,
          });
        }
        used.add(v.tensor);
        state[id][name] = { dtype: t.dtype as "float32" | "float64", shape: [...t.shape], data: Array.from(t.data) };
      }
    }
    optimizer = { paramGroups: meta.optimizer.paramGroups as unknown as OptimizerStateDict<BaseConfig>["paramGroups"], state };
  }
  const model: StateDict = {};
  for (const [k, t] of Object.entries(tensors)) if (!used.has(k)) model[k] = t;
  return {
    model, optimizer,
    scheduler: meta.scheduler as SchedulerStateDict | null,
    generator: meta.generator as GeneratorState | null,
    step: meta.step, extra: meta.extra,
  };
}

/**
 * Loads a checkpoint into the given objects, all or nothing: if any part does not fit (a
 * StateError from a `loadStateDict` or `setState`, or a part the checkpoint lacks), every object
 * given is put back as it was and the error is thrown.
 */
export function restoreCheckpoint(ck: Checkpoint, into: CheckpointTargets): void {
  const op = "restoreCheckpoint";
  if (typeof ck !== "object" || ck === null) throw new ConfigError(op, `ck must be a Checkpoint from decodeCheckpoint (got ${describeValue(ck)})`, { expected: "Checkpoint", actual: ck });
  if (into === undefined) throw new ConfigError(op, "into { model, optimizer, … } is required", { expected: "object", actual: into });
  checkOptions(op, into, { model: "object", optimizer: "object", scheduler: "object", generator: "object" }, { where: "into" });
  const undo: (() => void)[] = [];
  try {
    if (into.model !== undefined) {
      const m = into.model;
      const before = cloneState(m.stateDict());
      m.loadStateDict(ck.model);
      undo.push(() => m.loadStateDict(before));
    }
    if (into.optimizer !== undefined) {
      const o = into.optimizer;
      const before = o.stateDict();
      o.loadStateDict(required(ck.optimizer, "optimizer"));
      undo.push(() => o.loadStateDict(before));
    }
    if (into.scheduler !== undefined) {
      const s = into.scheduler;
      const before = s.stateDict();
      s.loadStateDict(required(ck.scheduler, "scheduler"));
      undo.push(() => s.loadStateDict(before));
    }
    if (into.generator !== undefined) into.generator.setState(required(ck.generator, "generator"));
  } catch (e) {
    for (const f of undo.reverse()) f();
    throw e;
  }
}

function required<T>(part: T | null, name: string): T {
  if (part === null) throw new FormatError("restoreCheckpoint", `the checkpoint holds no ${name} state`, { reason: "invalid-checkpoint", expected: name });
  return part;
}

function isStateful<S>(x: { stateDict(): S } | S | undefined): x is { stateDict(): S } {
  return typeof x === "object" && x !== null && typeof (x as { stateDict?: unknown }).stateDict === "function";
}

/** An optimizer's serialized state tensor (`{ dtype, shape, data }`) as a tensor. */
function serializedToTensor(v: { dtype: string; shape: number[]; data: readonly unknown[] }): Tensor {
  if (!isFloating(v.dtype as "float32")) throw new ConfigError("saveCheckpoint", `optimizer state tensors are float32 or float64 (got ${v.dtype})`, { actual: v.dtype });
  const data = allocate(v.dtype as "float32" | "float64", v.data.length);
  v.data.forEach((x, i) => {
    data[i] = fromJsonNumber(x) ?? NaN;
  });
  return fromData(data, v.shape, v.dtype as "float32" | "float64");
}

function cloneState(sd: StateDict): StateDict {
  return Object.fromEntries(Object.entries(sd).map(([k, t]) => [k, fromData(t.data.slice(), t.shape, t.dtype)]));
}
