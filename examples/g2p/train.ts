// Training the G2P model by teacher forcing within a wall-clock budget: Adam with a learning
// rate that falls linearly with the budget spent, gradient clipping, and a held-out check
// (validation loss and greedy WER) that keeps the best weights.
import { noGrad, nn, optim, type Generator } from "../../src/index.js";
import type { Budget } from "../common/budget.js";
import { encodePairs, epochBatches, type TrainBatch, type Vocabularies } from "./batches.js";
import { stripStress, withoutStress, type Entry } from "./data.js";
import { greedyDecode } from "./decode.js";
import { scoreG2P } from "./metrics.js";
import type { G2PModel } from "./model.js";

export interface TrainOptions {
  readonly batchSize: number;
  /** Adam's learning rate at the start; it falls linearly to a tenth of it as the budget runs out. */
  readonly lr: number;
  readonly clip: number;
  readonly budget: Budget;
  /** Check the validation words every this many milliseconds (and at the end). */
  readonly evalEveryMs: number;
  readonly validation: readonly Entry[];
  readonly generator: Generator;
  /** Called after every check. */
  readonly onEval?: (point: CurvePoint) => void;
}

/** One point of the learning curve. */
export interface CurvePoint {
  readonly step: number;
  readonly seconds: number;
  /** Mean training loss since the previous point. */
  readonly trainLoss: number;
  readonly validLoss: number;
  /** Greedy WER on the validation words, stress removed. */
  readonly validWER: number;
}

export interface TrainResult {
  readonly steps: number;
  readonly epochs: number;
  readonly curve: CurvePoint[];
  /** Mean loss of the first and the last 10 steps. */
  readonly lossFirst: number;
  readonly lossLast: number;
  /** The check with the lowest validation WER, whose weights the model holds on return. */
  readonly best: CurvePoint;
}

/** Cross-entropy of a batch's logits against its targets (padding ignored), averaged over tokens. */
export function batchLoss(model: G2PModel, lossFn: nn.CrossEntropyLoss, b: TrainBatch) {
  const logits = model.forward(b.letters, b.lengths, b.inputs);
  return lossFn.forward(logits.view(-1, logits.shape[2]!), b.targets.view(-1));
}

/** Trains `model` on every (word, pronunciation) pair of `train` until the budget is spent. */
export function trainModel(model: G2PModel, v: Vocabularies, train: readonly Entry[], o: TrainOptions): TrainResult {
  const pairs = train.flatMap((e) => e.pronunciations.map((p) => [e.word, p] as const));
  const validPairs = o.validation.flatMap((e) => e.pronunciations.map((p) => [e.word, p] as const));
  const lossFn = new nn.CrossEntropyLoss({ ignoreIndex: v.phonemes.padIndex! });
  const opt = new optim.Adam(model.parameters(), { lr: o.lr });
  const curve: CurvePoint[] = [];
  const losses: number[] = [];
  let best: { point: CurvePoint; state: nn.StateDict } | null = null;
  let sinceEval: number[] = [];
  let lastEval = 0;
  let step = 0;
  const check = () => {
    model.eval();
    const validLoss = noGrad(() => meanLoss(model, lossFn, v, validPairs, o.batchSize * 4));
    const decoded = greedyDecode(model, v, o.validation.map((e) => e.word));
    const { wer } = scoreG2P(decoded.map((d) => d.phonemes.map(stripStress)), o.validation.map((e) => withoutStress(e).pronunciations));
    model.train();
    const point = { step, seconds: o.budget.elapsedMs / 1000, trainLoss: mean(sinceEval), validLoss, validWER: wer };
    curve.push(point);
    sinceEval = [];
    lastEval = o.budget.elapsedMs;
    if (best === null || wer < best.point.validWER) best = { point, state: copyState(model.stateDict()) };
    o.onEval?.(point);
  };
  model.train();
  outer: for (;;) {
    for (const batch of epochBatches(pairs, o.batchSize, o.generator)) {
      if (o.budget.exhausted) break outer;
      for (const g of opt.paramGroups) g.lr = o.lr * (1 - 0.9 * o.budget.fraction);
      opt.zeroGrad();
      const loss = batchLoss(model, lossFn, encodePairs(v, batch));
      loss.backward();
      nn.utils.clipGradNorm(model.parameters(), o.clip);
      opt.step();
      const value = loss.item();
      if (!Number.isFinite(value)) throw new Error(`g2p: the training loss became ${value} at step ${step}`);
      losses.push(value);
      sinceEval.push(value);
      step++;
      if (o.budget.elapsedMs - lastEval >= o.evalEveryMs) check();
    }
  }
  if (sinceEval.length > 0 || curve.length === 0) check();
  const chosen = best!;
  model.loadStateDict(chosen.state);
  return {
    steps: step, epochs: step * o.batchSize / pairs.length, curve,
    lossFirst: mean(losses.slice(0, 10)), lossLast: mean(losses.slice(-10)), best: chosen.point,
  };
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

function meanLoss(model: G2PModel, lossFn: nn.CrossEntropyLoss, v: Vocabularies, pairs: ReadonlyArray<readonly [string, readonly string[]]>, batchSize: number): number {
  let total = 0;
  for (let s = 0; s < pairs.length; s += batchSize) {
    const chunk = pairs.slice(s, s + batchSize);
    total += batchLoss(model, lossFn, encodePairs(v, chunk)).item() * chunk.length;
  }
  return total / pairs.length;
}

function copyState(state: nn.StateDict): nn.StateDict {
  return Object.fromEntries(Object.entries(state).map(([k, t]) => [k, t.detach().clone()]));
}
