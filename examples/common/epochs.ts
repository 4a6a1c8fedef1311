// Epoch-by-epoch training with early stopping, the loop the usage-pattern examples share: train
// until the budget is spent or the validation score has not improved for `patience` epochs,
// then put back the weights of the best epoch.
import { nn, type Tensor } from "../../src/index.js";
import type { Budget } from "./budget.js";

/** What one epoch measured. */
export interface EpochRecord {
  readonly epoch: number;
  /** Mean of the batches' training losses. */
  readonly trainLoss: number;
  /** The validation score after the epoch. */
  readonly valid: number;
  readonly elapsedMs: number;
}

export interface EpochLoopOptions<B> {
  readonly model: nn.Module;
  /** Any of rnnkit's optimizers. */
  readonly optimizer: { zeroGrad(): void; step(): void };
  /** Batches of one epoch per iteration (a shuffled DataLoader). */
  readonly loader: Iterable<B>;
  readonly budget: Budget;
  /** The batch's training loss (a scalar, not yet backpropagated). */
  loss(batch: B): Tensor;
  /** The validation score of the model as it is (call `model.eval()` inside if it matters). */
  validate(): number;
  /** Default false: lower is better (a loss); true for accuracy or F1. */
  readonly higherIsBetter?: boolean;
  /** Epochs without a better validation score before stopping. */
  readonly patience: number;
  readonly maxEpochs?: number;
  /** Gradient-norm clipping (default 1). */
  readonly clip?: number;
  onEpoch?(record: EpochRecord): void;
}

/** Trains as described above; the model ends with the best epoch's weights. */
export function trainWithEarlyStopping<B>(o: EpochLoopOptions<B>): { curve: EpochRecord[]; bestEpoch: number; bestValid: number } {
  const better = (a: number, b: number) => (o.higherIsBetter === true ? a > b : a < b);
  const curve: EpochRecord[] = [];
  let best = { valid: o.higherIsBetter === true ? -Infinity : Infinity, epoch: 0, state: {} as Record<string, Tensor> };
  let epoch = 0;
  while (!o.budget.exhausted && epoch - best.epoch < o.patience && epoch < (o.maxEpochs ?? Infinity)) {
    epoch++;
    let sum = 0;
    let steps = 0;
    for (const batch of o.loader) {
      o.optimizer.zeroGrad();
      const loss = o.loss(batch);
      loss.backward();
      nn.utils.clipGradNorm(o.model.parameters(), o.clip ?? 1.0);
      o.optimizer.step();
      sum += loss.item();
      steps++;
      if (o.budget.exhausted) break;
    }
    const record = { epoch, trainLoss: sum / steps, valid: o.validate(), elapsedMs: o.budget.elapsedMs };
    curve.push(record);
    if (better(record.valid, best.valid)) best = { valid: record.valid, epoch, state: Object.fromEntries(Object.entries(o.model.stateDict()).map(([k, t]) => [k, t.clone()])) };
    o.onEpoch?.(record);
  }
  if (best.epoch > 0) o.model.loadStateDict(best.state);
  return { curve, bestEpoch: best.epoch, bestValid: best.valid };
}
