// A character n-gram language model with interpolated modified Kneser–Ney smoothing (Chen &
// Goodman 1998, §4.1.6 with three discounts per order), the honest baseline for a character RNN.
//
// P_k(w | h) = max(c_k(h w) − D_k(c_k(h w)), 0) / c_k(h·) + γ_k(h) · P_{k−1}(w | h'),
// γ_k(h) = (D_k1 · N1(h·) + D_k2 · N2(h·) + D_k3+ · N3+(h·)) / c_k(h·),
// where h' is h without its first symbol, c_k are raw counts at the highest order and
// continuation counts (the number of distinct symbols seen before the k-gram) below it, and an
// unseen context falls through to the next order. Order 0 is uniform over the vocabulary.

/** Symbols are small integers (vocabulary ids); a gram is a string of one UTF-16 unit per symbol. */
type Gram = string;

interface ContextStats {
  total: number;
  n1: number;
  n2: number;
  n3: number;
}

interface Order {
  /** Count (raw at the top order, continuation below) of each k-gram. */
  readonly counts: Map<Gram, number>;
  /** Per (k−1)-symbol context: the sum of its k-grams' counts and how many have count 1, 2, ≥3. */
  readonly contexts: Map<Gram, ContextStats>;
  /** Discounts D1, D2, D3+ estimated from this order's count-of-counts. */
  readonly d: readonly [number, number, number];
}

export class KneserNey {
  readonly #orders: Order[] = [];

  /**
   * Counts every n-gram of `ids` (n = `order`), with `vocabSize` symbols in all (the uniform
   * floor gives an unseen symbol probability 1/vocabSize times the back-off mass).
   */
  constructor(ids: ArrayLike<number>, readonly order: number, readonly vocabSize: number) {
    if (!Number.isInteger(order) || order < 1) throw new Error(`KneserNey: order must be a positive integer (got ${order})`);
    const text = toGrams(ids);
    const top = new Map<Gram, number>();
    for (let i = 0; i + order <= text.length; i++) {
      const g = text.slice(i, i + order);
      top.set(g, (top.get(g) ?? 0) + 1);
    }
    // Continuation counts below the top order: how many distinct symbols precede each gram (the
    // grams at the very start of the text, with nothing before them, add none).
    const byOrder: Map<Gram, number>[] = new Array(order + 1);
    byOrder[order] = top;
    for (let k = order - 1; k >= 1; k--) {
      const cont = new Map<Gram, number>();
      for (const g of byOrder[k + 1]!.keys()) {
        const tail = g.slice(1);
        cont.set(tail, (cont.get(tail) ?? 0) + 1);
      }
      byOrder[k] = cont;
    }
    for (let k = 1; k <= order; k++) this.#orders[k] = summarise(byOrder[k]!);
  }

  /** Summed negative log-likelihood in nats of `ids` after `context` (e.g. the end of the training text). */
  totalNll(context: ArrayLike<number>, ids: ArrayLike<number>): number {
    const all = toGrams(context) + toGrams(ids);
    const start = all.length - ids.length;
    let total = 0;
    for (let i = start; i < all.length; i++) {
      total -= Math.log(this.prob(all.slice(Math.max(0, i - this.order + 1), i), all[i]!));
    }
    return total;
  }

  /** P(w | h) with h of at most order − 1 symbols, by the recursion in the header. */
  prob(h: Gram, w: Gram): number {
    let p = 1 / this.vocabSize;
    // From the shortest context up: P_k uses P_{k−1}.
    for (let k = 1; k <= this.order && k - 1 <= h.length; k++) {
      const ctx = h.slice(h.length - (k - 1));
      const o = this.#orders[k]!;
      const s = o.contexts.get(ctx);
      if (s === undefined) continue; // unseen context: P_k = P_{k−1}
      const c = o.counts.get(ctx + w) ?? 0;
      const [d1, d2, d3] = o.d;
      const d = c === 0 ? 0 : c === 1 ? d1 : c === 2 ? d2 : d3;
      const gamma = (d1 * s.n1 + d2 * s.n2 + d3 * s.n3) / s.total;
      p = Math.max(c - d, 0) / s.total + gamma * p;
    }
    return p;
  }
}

function toGrams(ids: ArrayLike<number>): Gram {
  let s = "";
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new Error(`KneserNey: symbols are integers in [0, 65535] (got ${v})`);
    s += String.fromCharCode(v);
  }
  return s;
}

function summarise(counts: Map<Gram, number>): Order {
  const contexts = new Map<Gram, ContextStats>();
  const coc = [0, 0, 0, 0, 0]; // count-of-counts n1..n4
  for (const [g, c] of counts) {
    const ctx = g.slice(0, -1);
    let s = contexts.get(ctx);
    if (s === undefined) contexts.set(ctx, (s = { total: 0, n1: 0, n2: 0, n3: 0 }));
    s.total += c;
    if (c === 1) s.n1++;
    else if (c === 2) s.n2++;
    else s.n3++;
    if (c <= 4) coc[c]!++;
  }
  return { counts, contexts, d: discounts(coc[1]!, coc[2]!, coc[3]!, coc[4]!) };
}

/** Chen & Goodman's estimates, D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2, D3+ = 3 − 4Y n4/n3, Y = n1/(n1 + 2 n2). */
export function discounts(n1: number, n2: number, n3: number, n4: number): [number, number, number] {
  if (n1 === 0 || n2 === 0 || n3 === 0) return [0.5, 1, 1.5]; // too few counts to estimate: fixed defaults
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, hi: number) => Math.min(Math.max(d, 0), hi);
  return [clamp(1 - 2 * y * (n2 / n1), 1), clamp(2 - 3 * y * (n3 / n2), 2), clamp(3 - 4 * y * (n4 / n3), 3)];
}
