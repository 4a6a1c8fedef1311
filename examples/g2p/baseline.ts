// The letter-window baseline: each letter is read with up to ±4 letters around it and emits
// the chunk of phonemes (0, 1 or 2) most often aligned to that window in the training set,
// backing off to ±3, …, ±0 (the letter alone) for windows never seen.
import { Aligner, chunks, type Chunk } from "./align.js";
import { stripStress, type Entry } from "./data.js";

/** The widest context on each side of a letter. */
export const MAX_WINDOW = 4;

/** Training data for the table: a word and the chunk each of its letters emits. */
export type AlignedWord = readonly [word: string, chunks: readonly Chunk[]];

/** Letter i of `word` with k letters each side; "<" and ">" pad past the ends. */
function windowKey(word: string, i: number, k: number): string {
  const padded = "<".repeat(k) + word + ">".repeat(k);
  return `${k}${padded.slice(i, i + 2 * k + 1)}`;
}

/**
 * A back-off table of most frequent chunks: for every window size k = 0…4 and every window
 * seen in training, the chunk aligned to its centre letter most often (ties: the chunk that
 * sorts first, so the table does not depend on the order of the data). A window whose best
 * chunk equals the best of its k − 1 window is dropped — backing off gives the same answer —
 * which keeps the table small.
 */
export class LetterWindowBaseline {
  readonly #best = new Map<string, Chunk>();

  constructor(data: readonly AlignedWord[], readonly maxWindow = MAX_WINDOW) {
    let narrower = new Map<string, Chunk>();
    for (let k = 0; k <= maxWindow; k++) {
      const counts = new Map<string, Map<Chunk, number>>();
      for (const [word, chunks] of data) {
        for (let i = 0; i < word.length; i++) {
          const key = windowKey(word, i, k);
          const byChunk = counts.get(key) ?? new Map<Chunk, number>();
          counts.set(key, byChunk);
          byChunk.set(chunks[i]!, (byChunk.get(chunks[i]!) ?? 0) + 1);
        }
      }
      const best = new Map<string, Chunk>();
      for (const [key, byChunk] of counts) {
        let top: Chunk | null = null;
        let topCount = -1;
        for (const [c, n] of byChunk) {
          if (n > topCount || (n === topCount && c < top!)) [top, topCount] = [c, n];
        }
        best.set(key, top!);
      }
      for (const [key, c] of best) {
        // The k − 1 window of the same letter is the key without its outermost letters; it was
        // seen too, and (by induction on k) looking it up yields its own best chunk.
        const inner = k === 0 ? null : `${k - 1}${key.slice(2, -1)}`;
        if (inner === null || narrower.get(inner) !== c) this.#best.set(key, c);
      }
      narrower = best;
    }
  }

  /** Windows kept in the table. */
  get size(): number {
    return this.#best.size;
  }

  /** The predicted phonemes of `word`: each letter's chunk from the widest window seen. */
  predict(word: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < word.length; i++) {
      for (let k = this.maxWindow; k >= 0; k--) {
        const c = this.#best.get(windowKey(word, i, k));
        if (c === undefined) continue;
        if (c !== "") out.push(...c.split(" "));
        break;
      }
    }
    return out;
  }
}

/** The baseline fitted to training entries, for phonemes without stress and with it. */
export interface FittedBaselines {
  readonly plain: LetterWindowBaseline;
  readonly stressed: LetterWindowBaseline;
  /** Training pronunciations the aligner could not align (more than two phonemes a letter), left out. */
  readonly unaligned: number;
  readonly pronunciations: number;
}

/**
 * Aligns every training pronunciation without stress (stress does not change which letters a
 * phoneme comes from), then fills one table with the stressless chunks and one with the same
 * cuts of the stressed phonemes.
 */
export function fitBaselines(train: readonly Entry[], iterations = 5): FittedBaselines {
  const pairs = train.flatMap((e) => e.pronunciations.map((p) => [e.word, p] as const));
  const aligner = new Aligner(pairs.map(([w, p]) => [w, p.map(stripStress)] as const), iterations);
  const plain: AlignedWord[] = [];
  const stressed: AlignedWord[] = [];
  for (const [word, p] of pairs) {
    const q = p.map(stripStress);
    const counts = aligner.align(word, q);
    if (counts === null) continue;
    plain.push([word, chunks(q, counts)]);
    stressed.push([word, chunks(p, counts)]);
  }
  return { plain: new LetterWindowBaseline(plain), stressed: new LetterWindowBaseline(stressed), unaligned: pairs.length - plain.length, pronunciations: pairs.length };
}
