// Classification metrics with scikit-learn's definitions: accuracy, the confusion matrix, and
// precision, recall and F-score per class or averaged (sklearn.metrics).
import { ConfigError, ValueError } from "../../errors.js";
import { readPair, uniqueLabels, type Label, type Labels } from "./labels.js";
import { checkOptions, type OptionSpec } from "../../options.js";

/** The fraction of predictions equal to the truth, `accuracy_score`. */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  const [t, p] = readPair("accuracy", yTrue, yPred);
  let right = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) right++;
  return right / t.length;
}

export interface ConfusionOptions {
  /** The classes, in row and column order; default the sorted labels of both arrays. */
  readonly labels?: readonly Label[];
}

/**
 * `confusion_matrix`: entry [i][j] counts samples of true class labels[i] predicted as
 * labels[j]; samples whose labels are not in `labels` are left out.
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels, opts: ConfusionOptions = {}): number[][] {
  checkOptions("confusionMatrix", opts, { labels: "object" });
  const op = "confusionMatrix";
  const [t, p] = readPair(op, yTrue, yPred);
  const labels = opts.labels ?? uniqueLabels(t, p);
  if (labels.length === 0) throw new ConfigError(op, "labels must not be empty", { expected: ">= 1 label", actual: labels });
  const at = new Map(labels.map((l, i) => [l, i]));
  if (at.size !== labels.length) throw new ConfigError(op, "labels must not repeat", { expected: "distinct labels", actual: labels });
  const m = labels.map(() => labels.map(() => 0));
  for (let k = 0; k < t.length; k++) {
    const i = at.get(t[k]!);
    const j = at.get(p[k]!);
    if (i !== undefined && j !== undefined) m[i]![j]! += 1;
  }
  return m;
}

/** Precision, recall, F-score and support of each class. */
export interface PerClassScores {
  readonly labels: Label[];
  readonly precision: number[];
  readonly recall: number[];
  readonly fscore: number[];
  /** True samples of each class. */
  readonly support: number[];
}

/** One averaged score. */
export interface Scores {
  readonly precision: number;
  readonly recall: number;
  /** F-beta; F1 unless `beta` was given. */
  readonly fscore: number;
  /** True samples of the classes averaged over. */
  readonly support: number;
}

const SCORE_OPTIONS: OptionSpec = { labels: "object", beta: "number", zeroDivision: "any" };

export interface ScoreOptions extends ConfusionOptions {
  /** β of the F-score (default 1: F1). */
  readonly beta?: number;
  /** What a 0/0 counts as (default 0, sklearn's value after its warning). */
  readonly zeroDivision?: number;
}

export interface AverageOptions extends ScoreOptions {
  /**
   * `"binary"` (default, as `f1_score`): the scores of `posLabel` alone; `"micro"`: from the
   * counts summed over classes; `"macro"`: the mean over classes; `"weighted"`: the mean
   * weighted by support.
   */
  readonly average?: "binary" | "micro" | "macro" | "weighted";
  /** The positive class of `"binary"` (default 1). */
  readonly posLabel?: Label;
}

/** `precision_recall_fscore_support(average=None)`: the scores of each class. */
export function precisionRecallFscorePerClass(yTrue: Labels, yPred: Labels, opts: ScoreOptions = {}): PerClassScores {
  checkOptions("precisionRecallFscorePerClass", opts, SCORE_OPTIONS);
  const { labels, tp, fp, fn } = counts("precisionRecallFscorePerClass", yTrue, yPred, opts);
  const z = zeroDivisionOf(opts);
  const beta2 = beta2Of(opts);
  return {
    labels,
    precision: tp.map((v, i) => ratio(v, v + fp[i]!, z)),
    recall: tp.map((v, i) => ratio(v, v + fn[i]!, z)),
    fscore: tp.map((v, i) => fbeta(v, fp[i]!, fn[i]!, beta2, z)),
    support: tp.map((v, i) => v + fn[i]!),
  };
}

/**
 * `precision_recall_fscore_support` with an average (see {@link AverageOptions}); `fscore` is
 * `f1_score`'s value with the default β.
 */
export function precisionRecallFscore(yTrue: Labels, yPred: Labels, opts: AverageOptions = {}): Scores {
  checkOptions("precisionRecallFscore", opts, { ...SCORE_OPTIONS, average: "string", posLabel: "any" });
  const op = "precisionRecallFscore";
  const average = opts.average ?? "binary";
  const z = zeroDivisionOf(opts);
  const beta2 = beta2Of(opts);
  const c = counts(op, yTrue, yPred, opts);
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  if (average === "binary") {
    const pos = opts.posLabel ?? 1;
    if (c.labels.length > 2) {
      throw new ConfigError(op, `average "binary" needs at most 2 classes (got ${c.labels.length}: ${c.labels.join(", ")}); choose micro, macro or weighted`, { expected: 2, actual: c.labels.length });
    }
    const i = c.labels.indexOf(pos);
    if (i < 0) throw new ValueError(op, `posLabel ${JSON.stringify(pos)} is not a valid label (labels: ${c.labels.join(", ")})`, { expected: c.labels, actual: pos });
    return scoresOf(c.tp[i]!, c.fp[i]!, c.fn[i]!, beta2, z);
  }
  if (average === "micro") return scoresOf(sum(c.tp), sum(c.fp), sum(c.fn), beta2, z);
  if (average !== "macro" && average !== "weighted") {
    throw new ConfigError(op, `average must be binary, micro, macro or weighted (got ${JSON.stringify(average)})`, { expected: ["binary", "micro", "macro", "weighted"], actual: average });
  }
  const per = precisionRecallFscorePerClass(yTrue, yPred, { labels: opts.labels, beta: opts.beta, zeroDivision: opts.zeroDivision });
  const support = sum(per.support);
  const weights = average === "macro" ? per.support.map(() => 1 / per.support.length) : per.support.map((s) => (support === 0 ? NaN : s / support));
  const mean = (a: number[]) => (support === 0 && average === "weighted" ? z : a.reduce((acc, v, i) => acc + v * weights[i]!, 0));
  return { precision: mean(per.precision), recall: mean(per.recall), fscore: mean(per.fscore), support };
}

function scoresOf(tp: number, fp: number, fn: number, beta2: number, z: number): Scores {
  return { precision: ratio(tp, tp + fp, z), recall: ratio(tp, tp + fn, z), fscore: fbeta(tp, fp, fn, beta2, z), support: tp + fn };
}

/** True positives, false positives and false negatives of each label. */
function counts(op: string, yTrue: Labels, yPred: Labels, opts: ConfusionOptions) {
  const [t, p] = readPair(op, yTrue, yPred);
  const labels = opts.labels !== undefined ? [...opts.labels] : uniqueLabels(t, p);
  const m = confusionMatrix(t as readonly string[], p as readonly string[], { labels });
  const tp = labels.map((_, i) => m[i]![i]!);
  const fp = labels.map((_, j) => m.reduce((a, row) => a + row[j]!, 0) - tp[j]!);
  const fn = labels.map((_, i) => m[i]!.reduce((a, v) => a + v, 0) - tp[i]!);
  return { labels, tp, fp, fn };
}

const ratio = (num: number, den: number, z: number) => (den === 0 ? z : num / den);

/** sklearn ≥ 1.3's F-beta from counts: (1+β²)tp / ((1+β²)tp + β²fn + fp). */
const fbeta = (tp: number, fp: number, fn: number, beta2: number, z: number) => ratio((1 + beta2) * tp, (1 + beta2) * tp + beta2 * fn + fp, z);

function beta2Of(opts: ScoreOptions): number {
  const beta = opts.beta ?? 1;
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new ConfigError("precisionRecallFscore", `beta must be a finite number >= 0 (got ${beta})`, { expected: ">= 0", actual: beta });
  return beta * beta;
}

function zeroDivisionOf(opts: ScoreOptions): number {
  const z = opts.zeroDivision ?? 0;
  if (z !== 0 && z !== 1 && !Number.isNaN(z)) throw new ConfigError("precisionRecallFscore", `zeroDivision must be 0, 1 or NaN (got ${z})`, { expected: [0, 1, NaN], actual: z });
  return z;
}
