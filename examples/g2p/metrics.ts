// Word and phoneme error rates of G2P against a dictionary that may give a word several
// pronunciations: a prediction is right if it equals any of them.
import { editDistance } from "../../src/data/index.js";

export interface G2PScores {
  /** Words whose prediction equals none of their pronunciations ÷ words. */
  readonly wer: number;
  /**
   * Σ over words of the edit distance to the closest pronunciation ÷ Σ of that pronunciation's
   * length (ties: the first pronunciation in dictionary order among the closest).
   */
  readonly per: number;
  readonly words: number;
}

/** The closest of `references` to `prediction`: [its index, the edit distance]. */
export function closest(prediction: readonly string[], references: ReadonlyArray<readonly string[]>): [number, number] {
  let best = -1;
  let distance = Infinity;
  references.forEach((r, i) => {
    const d = editDistance(r, prediction);
    if (d < distance) [best, distance] = [i, d];
  });
  return [best, distance];
}

/** WER and PER of predictions (one phoneme sequence per word) against each word's pronunciations. */
export function scoreG2P(predictions: ReadonlyArray<readonly string[]>, references: ReadonlyArray<ReadonlyArray<readonly string[]>>): G2PScores {
  if (predictions.length !== references.length || predictions.length === 0) {
    throw new Error(`scoreG2P: predictions and references must pair up and not be empty (got ${predictions.length} and ${references.length})`);
  }
  let wrong = 0;
  let edits = 0;
  let length = 0;
  predictions.forEach((p, i) => {
    const refs = references[i]!;
    const [k, d] = closest(p, refs);
    if (d > 0) wrong++;
    edits += d;
    length += refs[k]!.length;
  });
  return { wer: wrong / predictions.length, per: edits / length, words: predictions.length };
}
