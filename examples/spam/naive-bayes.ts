// The baseline: multinomial naive Bayes over word counts with Laplace smoothing (α = 1),
// as scikit-learn's MultinomialNB on CountVectorizer's counts; words unseen in training are ignored.

export class MultinomialNB {
  readonly #logPrior: number[];
  readonly #logLikelihood: Map<string, number[]>;
  readonly #classes: number;

  /** documents: each a list of words; labels 0 … classes−1. */
  constructor(documents: readonly (readonly string[])[], labels: readonly number[], alpha = 1) {
    const classes = Math.max(...labels) + 1;
    this.#classes = classes;
    const docs = new Array<number>(classes).fill(0);
    const totals = new Array<number>(classes).fill(0);
    const counts = new Map<string, number[]>();
    documents.forEach((words, i) => {
      const c = labels[i]!;
      docs[c]! += 1;
      for (const w of words) {
        let row = counts.get(w);
        if (row === undefined) counts.set(w, (row = new Array<number>(classes).fill(0)));
        row[c]! += 1;
        totals[c]! += 1;
      }
    });
    const V = counts.size;
    this.#logPrior = docs.map((d) => Math.log(d / documents.length));
    this.#logLikelihood = new Map([...counts].map(([w, row]) => [w, row.map((n, c) => Math.log((n + alpha) / (totals[c]! + alpha * V)))]));
  }

  /** log p(class) + Σ log p(word | class) for each class (unnormalised log posterior). */
  jointLogLikelihood(words: readonly string[]): number[] {
    const out = [...this.#logPrior];
    for (const w of words) {
      const row = this.#logLikelihood.get(w);
      if (row !== undefined) for (let c = 0; c < this.#classes; c++) out[c]! += row[c]!;
    }
    return out;
  }

  /** The most probable class (the lower index on a tie). */
  predict(words: readonly string[]): number {
    const s = this.jointLogLikelihood(words);
    return s.indexOf(Math.max(...s));
  }
}
