// ReduceLROnPlateau, as torch.optim.lr_scheduler.ReduceLROnPlateau in PyTorch 1.13: cuts the lr
// when a watched metric has stopped improving for `patience` epochs.
import { ConfigError, StateError } from "../errors.js";
import { checkLrGroups, type LrGroups } from "./lr-scheduler.js";

export interface ReduceLROnPlateauOptions {
  /** 'min' (default): the metric should fall (a loss); 'max': it should rise (an accuracy). */
  readonly mode?: "min" | "max";
  /** new lr = lr · factor (default 0.1; must be < 1). */
  readonly factor?: number;
  /** Epochs without improvement to tolerate before a cut (default 10). */
  readonly patience?: number;
  /** How much better counts as better (default 1e-4). */
  readonly threshold?: number;
  /** 'rel' (default): better than best·(1 ∓ threshold); 'abs': than best ∓ threshold. */
  readonly thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a cut before counting again (default 0). */
  readonly cooldown?: number;
  /** A floor on each group's lr (default 0). */
  readonly minLr?: number | readonly number[];
  /** A cut smaller than eps is skipped (default 1e-8). */
  readonly eps?: number;
}

export interface ReduceLROnPlateauStateDict {
  readonly mode: "min" | "max";
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: "rel" | "abs";
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  /** The best metric so far; null before the first step (torch: ±inf, which JSON cannot hold). */
  readonly best: number | null;
  readonly numBadEpochs: number;
  readonly cooldownCounter: number;
  readonly lastEpoch: number;
  readonly lastLr: number[];
}

/** Watches a metric passed to step(metric) each epoch and multiplies every group's lr by `factor` once it plateaus. */
export class ReduceLROnPlateau {
  readonly optimizer: LrGroups;
  mode: "min" | "max";
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: "rel" | "abs";
  cooldown: number;
  minLrs: number[];
  eps: number;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  #lastLr: number[];

  constructor(optimizer: LrGroups, opts: ReduceLROnPlateauOptions = {}) {
    const op = "ReduceLROnPlateau";
    checkLrGroups(op, optimizer);
    const factor = opts.factor ?? 0.1;
    if (!(factor < 1)) throw new ConfigError(op, `factor should be < 1.0 (got ${factor})`, { expected: "< 1", actual: factor });
    const mode = opts.mode ?? "min";
    const thresholdMode = opts.thresholdMode ?? "rel";
    if (mode !== "min" && mode !== "max") throw new ConfigError(op, `mode ${String(mode)} is unknown (expected 'min' or 'max')`, { expected: ["min", "max"], actual: mode });
    if (thresholdMode !== "rel" && thresholdMode !== "abs") {
      throw new ConfigError(op, `threshold mode ${String(thresholdMode)} is unknown (expected 'rel' or 'abs')`, { expected: ["rel", "abs"], actual: thresholdMode });
    }
    const n = optimizer.paramGroups.length;
    const minLr = opts.minLr ?? 0;
    if (typeof minLr !== "number" && minLr.length !== n) throw new ConfigError(op, `expected ${n} minLrs, got ${minLr.length}`, { expected: n, actual: minLr.length });
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = opts.patience ?? 10;
    this.threshold = opts.threshold ?? 1e-4;
    this.thresholdMode = thresholdMode;
    this.cooldown = opts.cooldown ?? 0;
    this.minLrs = typeof minLr === "number" ? Array.from({ length: n }, () => minLr) : [...minLr];
    this.eps = opts.eps ?? 1e-8;
    this.best = this.#worst();
    this.#lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  #worst(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  /** Whether `a` improves on `best` by the threshold (torch's `is_better`). */
  isBetter(a: number, best: number): boolean {
    const t = this.threshold;
    if (this.mode === "min") return this.thresholdMode === "rel" ? a < best * (1 - t) : a < best - t;
    return this.thresholdMode === "rel" ? a > best * (t + 1) : a > best + t;
  }

  /** One epoch's metric (a number, or a one-element tensor's `item()`). */
  step(metric: number | { item(): number }): void {
    const current = typeof metric === "number" ? metric : metric.item();
    this.lastEpoch++;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]!);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.#lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  stateDict(): ReduceLROnPlateauStateDict {
    return {
      mode: this.mode, factor: this.factor, patience: this.patience, threshold: this.threshold, thresholdMode: this.thresholdMode,
      cooldown: this.cooldown, minLrs: [...this.minLrs], eps: this.eps, best: Number.isFinite(this.best) ? this.best : null,
      numBadEpochs: this.numBadEpochs, cooldownCounter: this.cooldownCounter, lastEpoch: this.lastEpoch, lastLr: [...this.#lastLr],
    };
  }

  loadStateDict(state: ReduceLROnPlateauStateDict): void {
    const op = "ReduceLROnPlateau.loadStateDict";
    const like = this.stateDict();
    for (const [k, v] of Object.entries(like)) {
      const got = (state as unknown as Record<string, unknown>)?.[k];
      const ok = k === "best" ? got === null || typeof got === "number"
        : Array.isArray(v) ? Array.isArray(got) && got.length === v.length && got.every((x) => typeof x === "number") : typeof got === typeof v;
      if (!ok) throw new StateError(op, `${k} must be like stateDict()'s ${JSON.stringify(v)} (got ${JSON.stringify(got)})`, { expected: v, actual: got });
    }
    Object.assign(this, { ...state, minLrs: [...state.minLrs] });
    this.best = state.best ?? this.#worst();
    this.#lastLr = [...state.lastLr];
  }
}
