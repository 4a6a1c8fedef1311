// Learning-rate schedulers, as torch.optim.lr_scheduler: each step sets every group's lr from
// its current value (PyTorch's chainable `get_lr`), starting from the groups' initial lr.
import { ConfigError, StateError, describeValue } from "../errors.js";

/** What a scheduler drives: the optimizer's groups, whose `lr` it sets. */
export interface LrGroups {
  readonly paramGroups: readonly { lr: number; initialLr?: number }[];
}

/** What every scheduler's state dict holds (plus its own hyperparameters). */
export interface SchedulerStateDict {
  /** The number of the last epoch (torch: `last_epoch`). */
  readonly lastEpoch: number;
  /** Calls of step(), the constructor's included (torch: `_step_count`). */
  readonly stepCount: number;
  /** Each group's initial lr (torch: `base_lrs`). */
  readonly baseLrs: number[];
  /** The lrs the last step set (torch: `_last_lr`). */
  readonly lastLr: number[];
}

export abstract class LRScheduler<S extends SchedulerStateDict = SchedulerStateDict> {
  readonly optimizer: LrGroups;
  baseLrs: number[];
  lastEpoch: number;
  protected stepCount = 0;
  #lastLr: number[] = [];
  protected readonly name: string;

  /**
   * Records each group's initial lr (`initialLr`, set if absent when lastEpoch = -1; required
   * when resuming with lastEpoch ≥ 0). Subclasses set their hyperparameters, then call `initialStep()`.
   */
  protected constructor(name: string, optimizer: LrGroups, lastEpoch: number) {
    this.name = name;
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new ConfigError(name, `lastEpoch must be an integer >= -1 (got ${lastEpoch})`, { expected: ">= -1", actual: lastEpoch });
    }
    if (!Array.isArray((optimizer as Partial<LrGroups> | null)?.paramGroups)) {
      throw new ConfigError(name, `optimizer must be an Optimizer, with paramGroups (got ${describeValue(optimizer)})`, { expected: "Optimizer", actual: optimizer });
    }
    optimizer.paramGroups.forEach((g, i) => {
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined) {
        throw new ConfigError(name, `param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer (lastEpoch=${lastEpoch})`, {
          expected: "initialLr", actual: g,
        });
      }
    });
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** PyTorch's `_initial_step`: the constructor's step to epoch lastEpoch + 1 (SequentialLR calls it again). */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Each group's lr for epoch `lastEpoch`, from the groups' current lrs (the chainable form). */
  protected abstract computeLr(): number[];

  /** Each group's lr at epoch `lastEpoch` from the base lrs alone, for schedulers that have one (`_get_closed_form_lr`). */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /** The scheduler's own hyperparameters, for its state dict. */
  protected abstract hyperparameters(): Omit<S, keyof SchedulerStateDict>;

  /** Restores the hyperparameters from a (checked) state dict. */
  protected abstract setHyperparameters(state: S): void;

  /**
   * Advances one epoch and sets each group's lr. With `epoch` (as torch's deprecated
   * `step(epoch)`, which SequentialLR uses at a milestone) it jumps there, by the closed form
   * where the scheduler has one.
   */
  step(epoch?: number): void {
    this.stepCount++;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch++;
      values = this.computeLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.computeLr();
    }
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i]!;
    });
    this.setLastLr(this.optimizer.paramGroups.map((g) => g.lr));
  }

  protected setLastLr(lrs: readonly number[]): void {
    this.#lastLr = [...lrs];
  }

  /** The lrs set by the last step, one per group. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /** Plain JSON: the epoch, the step count, the base and last lrs and the hyperparameters. */
  stateDict(): S {
    return {
      ...this.hyperparameters(),
      lastEpoch: this.lastEpoch, stepCount: this.stepCount, baseLrs: [...this.baseLrs], lastLr: [...this.#lastLr],
    } as S;
  }

  /** Restores a state dict from `stateDict()` (the optimizer's lrs come from its own state dict). */
  loadStateDict(state: S): void {
    const op = `${this.name}.loadStateDict`;
    const expect = this.stateDict();
    if (typeof state !== "object" || state === null) throw new StateError(op, "expected an object as stateDict() returns", { actual: state });
    for (const [k, like] of Object.entries(expect)) {
      const v = (state as unknown as Record<string, unknown>)[k];
      const ok = Array.isArray(like)
        ? Array.isArray(v) && v.length === like.length && v.every((x, i) => typeof x === typeof like[i] && x !== null)
        : typeof v === "number";
      if (!ok) {
        const what = Array.isArray(like) && like.every((x: unknown) => typeof x === "number") ? "numbers" : "entries like stateDict()'s";
        throw new StateError(op, `${k} must be ${Array.isArray(like) ? `an array of ${like.length} ${what}` : "a number"} (got ${JSON.stringify(v)})`, {
          expected: like, actual: v,
        });
      }
    }
    this.setHyperparameters(state);
    this.lastEpoch = state.lastEpoch;
    this.stepCount = state.stepCount;
    this.baseLrs = [...state.baseLrs];
    this.#lastLr = [...state.lastLr];
  }
}

/** A coded error for a constructor given no optimizer (or something without paramGroups). */
export function checkLrGroups(op: string, optimizer: unknown): void {
  const groups = (optimizer as { paramGroups?: unknown } | null | undefined)?.paramGroups;
  if (!Array.isArray(groups)) throw new ConfigError(op, `expected an optimizer with paramGroups (got ${String(optimizer)})`, { expected: "Optimizer", actual: optimizer });
}

export function checkPositiveInteger(op: string, what: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new ConfigError(op, `${what} must be a positive integer (got ${v})`, { expected: "> 0", actual: v });
}

export function checkFinite(op: string, what: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ConfigError(op, `${what} must be a finite number (got ${v})`, { actual: v });
}

export interface StepLRStateDict extends SchedulerStateDict {
  readonly stepSize: number;
  readonly gamma: number;
}

/**
 * Multiplies each group's lr by γ every `stepSize` epochs (torch.optim.lr_scheduler.StepLR):
 * lr_t = lr_{t−1}·γ when t > 0 and t mod stepSize = 0, else lr_{t−1}; closed form lr_0·γ^⌊t/stepSize⌋.
 */
export class StepLR extends LRScheduler<StepLRStateDict> {
  stepSize: number;
  gamma: number;

  constructor(optimizer: LrGroups, stepSize: number, gamma = 0.1, lastEpoch = -1) {
    checkPositiveInteger("StepLR", "stepSize", stepSize);
    checkFinite("StepLR", "gamma", gamma);
    super("StepLR", optimizer, lastEpoch);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }

  protected override computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }

  protected override hyperparameters(): { stepSize: number; gamma: number } {
    return { stepSize: this.stepSize, gamma: this.gamma };
  }

  protected override setHyperparameters(s: StepLRStateDict): void {
    this.stepSize = s.stepSize;
    this.gamma = s.gamma;
  }
}

export interface CosineAnnealingLRStateDict extends SchedulerStateDict {
  readonly tMax: number;
  readonly etaMin: number;
}

/** Python's modulo: the result has the divisor's sign. */
function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/**
 * Cosine annealing from the initial lr η_max down to `etaMin` over `tMax` epochs
 * (torch.optim.lr_scheduler.CosineAnnealingLR), in PyTorch's recursive form:
 *
 *     η_t = η_min + (η_{t−1} − η_min) · (1 + cos(πt/T)) / (1 + cos(π(t−1)/T))
 *     η_t = η_{t−1} + (η_max − η_min)(1 − cos(π/T))/2     when (t − 1 − T) mod 2T = 0
 *
 * which, if nothing else changes the lr, equals η_min + (η_max − η_min)(1 + cos(πt/T))/2.
 */
export class CosineAnnealingLR extends LRScheduler<CosineAnnealingLRStateDict> {
  tMax: number;
  etaMin: number;

  constructor(optimizer: LrGroups, tMax: number, etaMin = 0, lastEpoch = -1) {
    checkPositiveInteger("CosineAnnealingLR", "tMax", tMax);
    checkFinite("CosineAnnealingLR", "etaMin", etaMin);
    super("CosineAnnealingLR", optimizer, lastEpoch);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected override computeLr(): number[] {
    const { lastEpoch: t, tMax: T, etaMin } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map((g) => g.lr);
    if (this.stepCount === 1 && t > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((t * Math.PI) / T))) / 2);
    }
    if (pyMod(t - 1 - T, 2 * T) === 0) {
      return groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return groups.map((g) => ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2);
  }

  protected override hyperparameters(): { tMax: number; etaMin: number } {
    return { tMax: this.tMax, etaMin: this.etaMin };
  }

  protected override setHyperparameters(s: CosineAnnealingLRStateDict): void {
    this.tMax = s.tMax;
    this.etaMin = s.etaMin;
  }
}
