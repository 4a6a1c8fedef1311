// OneCycleLR, as torch.optim.lr_scheduler.OneCycleLR in PyTorch 1.13: the 1cycle policy, lr up
// from maxLr/divFactor to maxLr and down to a minimum, momentum the other way.
import { ConfigError, ValueError } from "../errors.js";
import { checkLrGroups, checkPositiveInteger, LRScheduler, type LrGroups } from "./lr-scheduler.js";

export interface OneCycleLROptions {
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  readonly totalSteps?: number;
  readonly epochs?: number;
  readonly stepsPerEpoch?: number;
  /** Fraction of the cycle spent raising the lr (default 0.3). */
  readonly pctStart?: number;
  /** 'cos' (default) or 'linear'. */
  readonly annealStrategy?: "cos" | "linear";
  /** Cycle SGD's `momentum` or Adam's β₁ inversely to the lr (default true). */
  readonly cycleMomentum?: boolean;
  readonly baseMomentum?: number | readonly number[];
  readonly maxMomentum?: number | readonly number[];
  /** initial lr = maxLr / divFactor (default 25). */
  readonly divFactor?: number;
  /** minimum lr = initial lr / finalDivFactor (default 1e4). */
  readonly finalDivFactor?: number;
  /** A third phase: back to the initial lr, then down to the minimum (default false). */
  readonly threePhase?: boolean;
  readonly lastEpoch?: number;
}

/** Where each phase ends and which of the group's values it goes between. */
interface Phase {
  readonly endStep: number;
  readonly lr: readonly ["initial" | "max" | "min", "initial" | "max" | "min"];
  readonly momentum: readonly ["base" | "max", "base" | "max"];
}

/** Per group: the lr and momentum values the phases run between. */
interface GroupRange {
  readonly initial: number;
  readonly max: number;
  readonly min: number;
  readonly baseMomentum: number;
  readonly maxMomentum: number;
}

type MomentumGroup = { momentum?: number; betas?: [number, number] };

/**
 * The 1cycle policy: over `totalSteps` steps the lr rises from maxLr/divFactor to maxLr (the
 * first pctStart of the steps) and falls to initial/finalDivFactor, annealed by cosine or
 * linearly; with cycleMomentum the momentum (SGD) or β₁ (Adam) runs maxMomentum → baseMomentum → maxMomentum.
 * Call step() after every batch; one step past totalSteps is an error, as in torch.
 */
export class OneCycleLR extends LRScheduler {
  readonly totalSteps: number;
  readonly cycleMomentum: boolean;
  readonly #phases: readonly Phase[];
  readonly #anneal: (start: number, end: number, pct: number) => number;
  readonly #ranges: readonly GroupRange[];
  readonly #useBeta1: boolean;

  constructor(optimizer: LrGroups & { readonly defaults: object }, maxLr: number | readonly number[], opts: OneCycleLROptions = {}) {
    const op = "OneCycleLR";
    checkLrGroups(op, optimizer);
    const totalSteps = oneCycleSteps(opts);
    const pct = opts.pctStart ?? 0.3;
    if (!(pct >= 0 && pct <= 1)) throw new ConfigError(op, `expected pctStart between 0 and 1 (got ${pct})`, { expected: [0, 1], actual: pct });
    const strategy = opts.annealStrategy ?? "cos";
    if (strategy !== "cos" && strategy !== "linear") {
      throw new ConfigError(op, `annealStrategy must be one of 'cos' or 'linear' (got ${String(strategy)})`, { expected: ["cos", "linear"], actual: strategy });
    }
    const groups = optimizer.paramGroups as readonly ({ lr: number; initialLr?: number } & MomentumGroup)[];
    const perGroup = (name: string, v: number | readonly number[]): readonly number[] => {
      if (typeof v === "number") return groups.map(() => v);
      if (v.length !== groups.length) throw new ConfigError(op, `expected ${groups.length} values for ${name}, got ${v.length}`, { expected: groups.length, actual: v.length });
      return v;
    };
    const maxLrs = perGroup("maxLr", maxLr);
    const cycleMomentum = opts.cycleMomentum ?? true;
    const useBeta1 = "betas" in optimizer.defaults;
    if (cycleMomentum && !useBeta1 && !("momentum" in optimizer.defaults)) {
      throw new ConfigError(op, "optimizer must support momentum (SGD's momentum or Adam's betas) with the cycleMomentum option enabled");
    }
    const maxMs = perGroup("maxMomentum", opts.maxMomentum ?? 0.95);
    const baseMs = perGroup("baseMomentum", opts.baseMomentum ?? 0.85);
    const divFactor = opts.divFactor ?? 25;
    const finalDiv = opts.finalDivFactor ?? 1e4;
    const lastEpoch = opts.lastEpoch ?? -1;
    // The group's initial lr is maxLr / divFactor (set before the base records it, as torch).
    if (lastEpoch === -1) groups.forEach((g, i) => { g.initialLr = maxLrs[i]! / divFactor; });
    super(op, optimizer, lastEpoch);
    this.totalSteps = totalSteps;
    this.cycleMomentum = cycleMomentum;
    this.#useBeta1 = useBeta1;
    this.#anneal = strategy === "cos" ? annealCos : annealLinear;
    this.#ranges = groups.map((g, i) => ({
      initial: g.initialLr!, max: maxLrs[i]!, min: g.initialLr! / finalDiv, baseMomentum: baseMs[i]!, maxMomentum: maxMs[i]!,
    }));
    const up = pct * totalSteps - 1;
    this.#phases = opts.threePhase ?? false
      ? [
        { endStep: up, lr: ["initial", "max"], momentum: ["max", "base"] },
        { endStep: 2 * pct * totalSteps - 2, lr: ["max", "initial"], momentum: ["base", "max"] },
        { endStep: totalSteps - 1, lr: ["initial", "min"], momentum: ["max", "max"] },
      ]
      : [
        { endStep: up, lr: ["initial", "max"], momentum: ["max", "base"] },
        { endStep: totalSteps - 1, lr: ["max", "min"], momentum: ["base", "max"] },
      ];
    if (cycleMomentum && lastEpoch === -1) groups.forEach((g, i) => this.#setMomentum(g, maxMs[i]!));
    this.initialStep();
  }

  #setMomentum(g: MomentumGroup, m: number): void {
    if (this.#useBeta1) g.betas = [m, g.betas![1]];
    else g.momentum = m;
  }

  protected override computeLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new ValueError("OneCycleLR", `tried to step ${step + 1} times; the specified number of total steps is ${this.totalSteps}`, {
        expected: `<= ${this.totalSteps}`, actual: step + 1,
      });
    }
    return (this.optimizer.paramGroups as readonly MomentumGroup[]).map((g, i) => {
      const r = this.#ranges[i]!;
      let start = 0;
      for (const [k, phase] of this.#phases.entries()) {
        if (step <= phase.endStep || k === this.#phases.length - 1) {
          const pct = (step - start) / (phase.endStep - start);
          const pick = { initial: r.initial, max: r.max, min: r.min };
          if (this.cycleMomentum) {
            const m = { base: r.baseMomentum, max: r.maxMomentum };
            this.#setMomentum(g, this.#anneal(m[phase.momentum[0]], m[phase.momentum[1]], pct));
          }
          return this.#anneal(pick[phase.lr[0]], pick[phase.lr[1]], pct);
        }
        start = phase.endStep;
      }
      throw new Error("unreachable: the last phase always matches");
    });
  }

  protected override hyperparameters(): Record<string, never> {
    return {};
  }

  protected override setHyperparameters(): void {}
}

function oneCycleSteps(opts: OneCycleLROptions): number {
  if (opts.totalSteps !== undefined) {
    checkPositiveInteger("OneCycleLR", "totalSteps", opts.totalSteps);
    return opts.totalSteps;
  }
  if (opts.epochs === undefined || opts.stepsPerEpoch === undefined) {
    throw new ConfigError("OneCycleLR", "you must define either totalSteps OR (epochs AND stepsPerEpoch)");
  }
  checkPositiveInteger("OneCycleLR", "epochs", opts.epochs);
  checkPositiveInteger("OneCycleLR", "stepsPerEpoch", opts.stepsPerEpoch);
  return opts.epochs * opts.stepsPerEpoch;
}

/** Cosine anneal from start to end as pct goes 0 → 1 (torch's `_annealing_cos`). */
function annealCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

