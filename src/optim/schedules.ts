// LambdaLR, LinearLR (warm-up) and SequentialLR, as torch.optim.lr_scheduler in PyTorch 1.13.
import { ConfigError, StateError } from "../errors.js";
import { checkLrGroups, checkPositiveInteger, LRScheduler, type LrGroups, type SchedulerStateDict } from "./lr-scheduler.js";

/** The lr factor of a group at an epoch. */
export type LrLambda = (epoch: number) => number;

/** Sets each group's lr to its initial lr times `lrLambda(epoch)` (one function, or one per group). */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: readonly LrLambda[];

  constructor(optimizer: LrGroups, lrLambda: LrLambda | readonly LrLambda[], lastEpoch = -1) {
    checkLrGroups("LambdaLR", optimizer);
    const n = optimizer.paramGroups.length;
    const fns = typeof lrLambda === "function" ? Array.from({ length: n }, () => lrLambda) : [...lrLambda];
    if (fns.length !== n) throw new ConfigError("LambdaLR", `expected ${n} lrLambdas (one per group), but got ${fns.length}`, { expected: n, actual: fns.length });
    super("LambdaLR", optimizer, lastEpoch);
    this.lrLambdas = fns;
    this.initialStep();
  }

  protected override computeLr(): number[] {
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i]!(this.lastEpoch));
  }

  /** The functions are not state (as torch, which drops plain functions from its state dict). */
  protected override hyperparameters(): Record<string, never> {
    return {};
  }

  protected override setHyperparameters(): void {}
}

export interface LinearLRStateDict extends SchedulerStateDict {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;
}

/**
 * Scales each group's lr by a factor going linearly from `startFactor` to `endFactor` over
 * `totalIters` epochs, then holds it — a warm-up with the defaults (1/3 → 1 over 5).
 * Closed form lr_t = lr_0·(s + (e − s)·min(t, T)/T), in torch's recursive (chainable) form.
 */
export class LinearLR extends LRScheduler<LinearLRStateDict> {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: LrGroups, startFactor = 1.0 / 3, endFactor = 1.0, totalIters = 5, lastEpoch = -1) {
    checkLrGroups("LinearLR", optimizer);
    for (const [what, v] of [["startFactor", startFactor], ["endFactor", endFactor]] as const) {
      if (!(v >= 0 && v <= 1)) throw new ConfigError("LinearLR", `${what} expected to be between 0 and 1 (got ${v})`, { expected: [0, 1], actual: v });
    }
    checkPositiveInteger("LinearLR", "totalIters", totalIters);
    super("LinearLR", optimizer, lastEpoch);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected override computeLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: T, lastEpoch: t } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map((g) => g.lr * s);
    if (t > T) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1 + (e - s) / (T * s + (t - 1) * (e - s))));
  }

  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: T } = this;
    return this.baseLrs.map((base) => base * (s + ((e - s) * Math.min(T, this.lastEpoch)) / T));
  }

  protected override hyperparameters(): Omit<LinearLRStateDict, keyof SchedulerStateDict> {
    return { startFactor: this.startFactor, endFactor: this.endFactor, totalIters: this.totalIters };
  }

  protected override setHyperparameters(s: LinearLRStateDict): void {
    this.startFactor = s.startFactor;
    this.endFactor = s.endFactor;
    this.totalIters = s.totalIters;
  }
}

export interface SequentialLRStateDict extends SchedulerStateDict {
  readonly milestones: number[];
  readonly schedulers: SchedulerStateDict[];
}

/**
 * Runs `schedulers` one after another, switching at each milestone epoch (torch's SequentialLR):
 * e.g. a LinearLR warm-up for 5 epochs, then CosineAnnealingLR. At a milestone the next scheduler
 * starts from its epoch 0 (by its closed form where it has one).
 */
export class SequentialLR extends LRScheduler<SequentialLRStateDict> {
  readonly schedulers: readonly LRScheduler[];
  readonly milestones: readonly number[];

  constructor(optimizer: LrGroups, schedulers: readonly LRScheduler[], milestones: readonly number[], lastEpoch = -1) {
    checkLrGroups("SequentialLR", optimizer);
    if (!Array.isArray(schedulers) || !Array.isArray(milestones)) {
      throw new ConfigError("SequentialLR", "schedulers and milestones must be arrays", { expected: "arrays", actual: [schedulers, milestones] });
    }
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ConfigError("SequentialLR", `expects all schedulers to belong to the optimizer passed in, but the scheduler at index ${i} drives another one`, { actual: i });
      }
    });
    if (schedulers.length === 0 || milestones.length !== schedulers.length - 1) {
      throw new ConfigError("SequentialLR", `expects one more scheduler than milestones, but got ${schedulers.length} schedulers and ${milestones.length} milestones`, {
        expected: schedulers.length - 1, actual: milestones.length,
      });
    }
    super("SequentialLR", optimizer, lastEpoch);
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = lastEpoch + 1;
    // Undo the constructors' steps: back to the initial lrs, then only the first scheduler's initial step.
    for (const g of optimizer.paramGroups) g.lr = g.initialLr!;
    for (const s of this.schedulers) s.lastEpoch -= 1;
    this.schedulers[0]!.initialStep();
    this.setLastLr(this.schedulers[0]!.getLastLr());
  }

  override step(): void {
    this.stepCount++;
    this.lastEpoch++;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;   // bisect_right
    const s = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this.setLastLr(s.getLastLr());
  }

  protected override computeLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  protected override hyperparameters(): Omit<SequentialLRStateDict, keyof SchedulerStateDict> {
    return { milestones: [...this.milestones], schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  /** Restores each scheduler's state; the milestones must be this scheduler's. */
  protected override setHyperparameters(state: SequentialLRStateDict): void {
    if (state.milestones.some((m, i) => m !== this.milestones[i])) {
      throw new StateError("SequentialLR.loadStateDict", `milestones differ (saved ${JSON.stringify(state.milestones)}, this scheduler has ${JSON.stringify(this.milestones)})`, {
        expected: this.milestones, actual: state.milestones,
      });
    }
    state.schedulers.forEach((s, i) => this.schedulers[i]!.loadStateDict(s));
  }
}
