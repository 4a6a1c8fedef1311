// A wall-clock training budget: examples train until it is spent, checking between steps.
export class Budget {
  readonly #start = performance.now();
  constructor(readonly ms: number) {}

  get elapsedMs(): number {
    return performance.now() - this.#start;
  }

  get exhausted(): boolean {
    return this.elapsedMs >= this.ms;
  }

  /** Fraction of the budget spent, in [0, 1]. */
  get fraction(): number {
    return Math.min(1, this.elapsedMs / this.ms);
  }
}
