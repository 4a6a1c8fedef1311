// Levenshtein edit distance and the error rates built on it: phoneme error rate (PER) over
// phoneme sequences, word error rate (WER) over words, character error rate over characters.
import { ShapeError, ValueError, describeValue } from "../../errors.js";
import { expectArray } from "../../options.js";

/** A sequence of comparable tokens; a string is read by code point. */
export type Sequence<T> = string | ArrayLike<T>;

const tokens = <T>(s: Sequence<T>): ArrayLike<T | string> => (typeof s === "string" ? [...s] : s);

/**
 * The least number of insertions, deletions and substitutions (each costing 1) that turn `a`
 * into `b`; tokens compare with `===`. O(|a|·|b|) time, O(|b|) memory.
 */
export function editDistance<T>(a: Sequence<T>, b: Sequence<T>): number {
  for (const [what, s] of [["a", a], ["b", b]] as const) if (typeof s !== "string") expectArray("editDistance", what, s, true);
  const x = tokens(a);
  const y = tokens(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (xi === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/**
 * Σ editDistance(reference, hypothesis) ÷ Σ |reference| over a corpus: the phoneme error rate
 * of phoneme sequences, the (speech-recognition) word error rate of word sequences.
 */
export function errorRate<T>(references: readonly Sequence<T>[], hypotheses: readonly Sequence<T>[]): number {
  const op = "errorRate";
  expectArray(op, "references", references);
  expectArray(op, "hypotheses", hypotheses);
  if (references.length !== hypotheses.length) {
    throw new ShapeError(op, `references and hypotheses must pair up (got ${references.length} and ${hypotheses.length})`, { expected: references.length, actual: hypotheses.length });
  }
  let edits = 0;
  let length = 0;
  references.forEach((r, i) => {
    edits += editDistance(r, hypotheses[i]!);
    length += tokens(r).length;
  });
  if (length === 0) throw new ValueError(op, "the references are empty", { expected: ">= 1 token", actual: 0 });
  return edits / length;
}

/** {@link errorRate} over texts split on whitespace: the word error rate of speech recognition. */
export function wordErrorRate(references: readonly string[], hypotheses: readonly string[]): number {
  for (const [what, v] of [["references", references], ["hypotheses", hypotheses]] as const) {
    expectArray("wordErrorRate", what, v);
    v.forEach((s, i) => { if (typeof s !== "string") throw new ValueError("wordErrorRate", `${what}[${i}] must be a string (got ${describeValue(s)})`, { expected: "string", actual: s }); });
  }
  const words = (s: string) => s.split(/\s+/).filter((w) => w !== "");
  return errorRate(references.map(words), hypotheses.map(words));
}
