// Letter–phoneme alignment by EM: each letter of a word emits 0, 1 or 2 phonemes ("x" → K S,
// the silent "e" → nothing), and the emission probabilities p(chunk | letter) are learned
// from the whole training set — the many-to-many aligner of Jiang et al. (m2m-aligner) with at
// most one letter and two phonemes per link.

/** What one letter emits: its phonemes, joined by spaces ("" for none, "K S" for two). */
export type Chunk = string;

const MAX_PER_LETTER = 2;

/** Whether a word of n letters can be aligned to m phonemes (each letter taking 0–2 of them). */
export const alignable = (letters: number, phonemes: number): boolean => phonemes <= MAX_PER_LETTER * letters;

/** The phonemes cut into one chunk per letter by an alignment's counts (from {@link Aligner.align}). */
export function chunks(phonemes: readonly string[], counts: readonly number[]): Chunk[] {
  let j = 0;
  return counts.map((k) => phonemes.slice(j, (j += k)).join(" "));
}

/**
 * p(chunk | letter), learned by expected-count EM over all monotone alignments of the training
 * pairs. Letters and phonemes are numbered; a chunk is a number too (0 for none, 1 + a for one
 * phoneme a, 1 + P + a·P + b for the pair a b, P phonemes), so a probability is one array read.
 */
export class Aligner {
  readonly #letters = new Map<string, number>();
  readonly #phonemes = new Map<string, number>();
  #chunkCount = 1;
  /** p[letter · chunkCount + chunk]. */
  #p = new Float64Array(0);

  /**
   * Runs `iterations` EM steps. The first starts from a flat emission (every chunk equally
   * likely), so it counts every alignment of a word alike; each E-step computes the forward
   * α[i][j] (letters 0..i-1 emitted phonemes 0..j-1) and backward β sums, whose product gives
   * each link's posterior; the M-step normalises the summed posteriors per letter. Pairs that
   * cannot be aligned (more than two phonemes a letter) are skipped.
   */
  constructor(pairs: ReadonlyArray<readonly [string, readonly string[]]>, iterations = 5) {
    for (const [word, phonemes] of pairs) {
      for (const l of word) if (!this.#letters.has(l)) this.#letters.set(l, this.#letters.size);
      for (const p of phonemes) if (!this.#phonemes.has(p)) this.#phonemes.set(p, this.#phonemes.size);
    }
    const P = this.#phonemes.size;
    this.#chunkCount = 1 + P + P * P;
    const C = this.#chunkCount;
    this.#p = new Float64Array(this.#letters.size * C).fill(1);
    const encoded = pairs.filter(([w, p]) => alignable(w.length, p.length)).map(([w, p]) => this.#encode(w, p)!);
    for (let it = 0; it < iterations; it++) {
      const counts = new Float64Array(this.#p.length);
      for (const [letters, phonemes] of encoded) {
        const link = this.#links(letters, phonemes);
        const n = letters.length;
        const m = phonemes.length;
        const alpha = grid(n + 1, m + 1, 0);
        const beta = grid(n + 1, m + 1, 0);
        alpha[0]![0] = 1;
        for (let i = 1; i <= n; i++) {
          for (let j = 0; j <= m; j++) {
            let s = 0;
            for (let k = 0; k <= MAX_PER_LETTER && k <= j; k++) s += alpha[i - 1]![j - k]! * link[i - 1]![(j - k) * 3 + k]!;
            alpha[i]![j] = s;
          }
        }
        beta[n]![m] = 1;
        for (let i = n - 1; i >= 0; i--) {
          for (let j = 0; j <= m; j++) {
            let s = 0;
            for (let k = 0; k <= MAX_PER_LETTER && j + k <= m; k++) s += link[i]![j * 3 + k]! * beta[i + 1]![j + k]!;
            beta[i]![j] = s;
          }
        }
        const total = alpha[n]![m]!;
        if (!(total > 0)) continue;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j <= m; j++) {
            for (let k = 0; k <= MAX_PER_LETTER && j + k <= m; k++) {
              const post = (alpha[i]![j]! * link[i]![j * 3 + k]! * beta[i + 1]![j + k]!) / total;
              if (post > 0) counts[letters[i]! * C + this.#chunk(phonemes, j, k)]! += post;
            }
          }
        }
      }
      for (let l = 0; l < this.#letters.size; l++) {
        let sum = 0;
        for (let c = 0; c < C; c++) sum += counts[l * C + c]!;
        for (let c = 0; c < C; c++) counts[l * C + c] = sum > 0 ? counts[l * C + c]! / sum : 0;
      }
      this.#p = counts;
    }
  }

  /**
   * The most probable alignment (Viterbi) of `word` to `phonemes`: how many phonemes (0–2) each
   * letter emits, summing to |phonemes|; null if the pair cannot be aligned (or has a letter or
   * phoneme never seen in training).
   */
  align(word: string, phonemes: readonly string[]): number[] | null {
    const enc = this.#encode(word, phonemes);
    if (enc === null) return null;
    const [letters, ph] = enc;
    const link = this.#links(letters, ph);
    const n = letters.length;
    const m = ph.length;
    const score = grid(n + 1, m + 1, -Infinity);
    const back = grid(n + 1, m + 1, -1);
    score[0]![0] = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        for (let k = 0; k <= MAX_PER_LETTER && k <= j; k++) {
          const s = score[i - 1]![j - k]! + Math.log(link[i - 1]![(j - k) * 3 + k]!);
          if (s > score[i]![j]!) [score[i]![j], back[i]![j]] = [s, k];
        }
      }
    }
    if (score[n]![m] === -Infinity) return null;
    const counts: number[] = [];
    for (let i = n, j = m; i > 0; i--) {
      const k = back[i]![j]!;
      counts.unshift(k);
      j -= k;
    }
    return counts;
  }

  /** p(chunk | letter); 0 for what training never saw. */
  probability(letter: string, chunk: Chunk): number {
    const l = this.#letters.get(letter);
    const ph = chunk === "" ? [] : chunk.split(" ").map((p) => this.#phonemes.get(p));
    if (l === undefined || ph.some((p) => p === undefined) || ph.length > MAX_PER_LETTER) return 0;
    return this.#p[l * this.#chunkCount + this.#chunk(ph as number[], 0, ph.length)]!;
  }

  #encode(word: string, phonemes: readonly string[]): [number[], number[]] | null {
    if (!alignable(word.length, phonemes.length)) return null;
    const letters = [...word].map((l) => this.#letters.get(l));
    const ph = phonemes.map((p) => this.#phonemes.get(p));
    if (letters.some((l) => l === undefined) || ph.some((p) => p === undefined)) return null;
    return [letters as number[], ph as number[]];
  }

  /** The chunk of k phonemes from j. */
  #chunk(phonemes: readonly number[], j: number, k: number): number {
    const P = this.#phonemes.size;
    return k === 0 ? 0 : k === 1 ? 1 + phonemes[j]! : 1 + P + phonemes[j]! * P + phonemes[j + 1]!;
  }

  /** link[i][j·3 + k] = p(phonemes j..j+k−1 | letter i), for every link the lattice has. */
  #links(letters: readonly number[], phonemes: readonly number[]): Float64Array[] {
    const m = phonemes.length;
    return letters.map((l) => {
      const row = new Float64Array((m + 1) * 3);
      for (let j = 0; j <= m; j++) {
        for (let k = 0; k <= MAX_PER_LETTER && j + k <= m; k++) row[j * 3 + k] = this.#p[l * this.#chunkCount + this.#chunk(phonemes, j, k)]!;
      }
      return row;
    });
  }
}

function grid(rows: number, cols: number, fill: number): Float64Array[] {
  return Array.from({ length: rows }, () => new Float64Array(cols).fill(fill));
}
