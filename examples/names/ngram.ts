// Category-conditioned character n-gram models of names with interpolated Witten–Bell
// smoothing: the baselines of the names example (bigram n = 2, trigram n = 3).
import type { Category, Example } from "./data.js";

/** The symbol a name ends with; contexts before the first letter are padded with BEGIN. */
export const END = "$";
const BEGIN = "^";

/**
 * p(c | previous n−1 symbols, category), interpolated Witten–Bell down to the category's
 * unigram and then the uniform distribution over the alphabet and the end symbol:
 *
 *     P(c | h) = (count(h, c) + N₁₊(h·) · P(c | h′)) / (count(h) + N₁₊(h·))
 *
 * h′ is h without its oldest symbol, N₁₊(h·) the number of distinct symbols seen after h; an
 * unseen context uses P(c | h′) alone. Every distribution sums to 1 over `symbols`.
 */
export class NGramModel {
  readonly symbols: readonly string[];
  /** Per category: context (its symbols joined, oldest first) → symbol → count. */
  readonly #counts: Map<string, Map<string, number>>[] = [new Map(), new Map()];

  constructor(readonly order: number, alphabet: readonly string[], training: readonly Example[]) {
    if (!Number.isInteger(order) || order < 1) throw new Error(`NGramModel: order must be an integer >= 1 (got ${order})`);
    this.symbols = [...alphabet, END];
    for (const { name, category } of training) {
      const s = [...BEGIN.repeat(order - 1), ...name, END];
      for (let i = order - 1; i < s.length; i++) {
        for (let k = 0; k < order; k++) this.#add(category, s.slice(i - k, i).join(""), s[i]!); // every context length 0 … n−1
      }
    }
  }

  #add(category: Category, context: string, symbol: string): void {
    const table = this.#counts[category]!;
    let row = table.get(context);
    if (row === undefined) table.set(context, (row = new Map()));
    row.set(symbol, (row.get(symbol) ?? 0) + 1);
  }

  /** p(symbol | context, category); `context` is the preceding symbols (BEGIN-padded internally). */
  prob(category: Category, context: string, symbol: string): number {
    const padded = (BEGIN.repeat(this.order - 1) + context).slice(-(this.order - 1) || Infinity);
    let p = 1 / this.symbols.length;
    for (let k = 0; k < this.order; k++) {
      const row = this.#counts[category]!.get(k === 0 ? "" : padded.slice(-k));
      if (row === undefined) continue;
      let total = 0;
      for (const c of row.values()) total += c;
      p = ((row.get(symbol) ?? 0) + row.size * p) / (total + row.size);
    }
    return p;
  }

  /** −ln p(name + END | category), and the number of predicted symbols (letters + 1). */
  nll(example: Example): { nll: number; symbols: number } {
    const s = [...example.name, END];
    let nll = 0;
    for (let i = 0; i < s.length; i++) nll -= Math.log(this.prob(example.category, s.slice(0, i).join(""), s[i]!));
    return { nll, symbols: s.length };
  }

  /** Mean NLL per symbol in nats over a set of names. */
  meanNll(examples: readonly Example[]): number {
    let total = 0;
    let count = 0;
    for (const e of examples) {
      const r = this.nll(e);
      total += r.nll;
      count += r.symbols;
    }
    return total / count;
  }
}
