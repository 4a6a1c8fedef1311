// Plain-number reference formulas for the loss tests, written from PyTorch's documentation
// (torch.nn.CrossEntropyLoss, NLLLoss, BCEWithLogitsLoss), independent of the code under test.

export type Reduction = "mean" | "sum" | "none";

/** log softmax of one row: x_c − log Σ_k exp(x_k), with the maximum subtracted first. */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
}

export interface ClassLossOptions {
  readonly weight?: readonly number[];
  readonly ignoreIndex?: number;
  readonly labelSmoothing?: number;
  readonly reduction?: Reduction;
}

/**
 * CrossEntropyLoss docs, class-index targets: with q_n the target distribution
 * (1 − ε)·onehot(y_n) + ε/C, ℓ_n = −Σ_c w_c · q_{n,c} · log softmax(x_n)_c for y_n ≠ ignore_index
 * (0 otherwise); 'mean' = Σ ℓ_n / Σ_{n: y_n ≠ ignore_index} w_{y_n}.
 * With `logProbs` the rows are taken as log-probabilities as they are (NLLLoss).
 */
export function refClassLoss(rows: readonly (readonly number[])[], targets: readonly number[], o: ClassLossOptions = {}, logProbs = false): number | number[] {
  const C = rows[0]!.length;
  const w = o.weight ?? new Array<number>(C).fill(1);
  const eps = o.labelSmoothing ?? 0;
  const ignore = o.ignoreIndex ?? -100;
  let denom = 0;
  const losses = rows.map((row, n) => {
    const y = targets[n]!;
    if (y === ignore) return 0;
    denom += w[y]!;
    const lp = logProbs ? [...row] : logSoftmaxRow(row);
    let l = 0;
    for (let c = 0; c < C; c++) l -= w[c]! * ((c === y ? 1 - eps : 0) + eps / C) * lp[c]!;
    return l;
  });
  return reduce(losses, o.reduction ?? "mean", denom);
}

/** CrossEntropyLoss docs, probability targets: ℓ_n = −Σ_c w_c · p'_{n,c} · log softmax(x_n)_c, p' = (1 − ε)p + ε/C; 'mean' divides by N. */
export function refProbLoss(rows: readonly (readonly number[])[], probs: readonly (readonly number[])[], o: ClassLossOptions = {}): number | number[] {
  const C = rows[0]!.length;
  const w = o.weight ?? new Array<number>(C).fill(1);
  const eps = o.labelSmoothing ?? 0;
  const losses = rows.map((row, n) => {
    const lp = logSoftmaxRow(row);
    let l = 0;
    for (let c = 0; c < C; c++) l -= w[c]! * ((1 - eps) * probs[n]![c]! + eps / C) * lp[c]!;
    return l;
  });
  return reduce(losses, o.reduction ?? "mean", rows.length);
}

export function reduce(losses: number[], reduction: Reduction, meanDivisor = losses.length): number | number[] {
  if (reduction === "none") return losses;
  const s = losses.reduce((a, b) => a + b, 0);
  return reduction === "sum" ? s : s / meanDivisor;
}

/** Rows of a (N, C) row-major array. */
export function rowsOf(data: ArrayLike<number>, n: number, c: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: c }, (_, j) => data[i * c + j]!));
}

/** Asserts a number or a list equals the reference within `tol` (relative to the magnitude), NaN matching NaN. */
export function close(actual: number | number[], expected: number | number[], tol = 1e-12, what = "loss"): void {
  const a = typeof actual === "number" ? [actual] : actual;
  const e = typeof expected === "number" ? [expected] : expected;
  if (a.length !== e.length) throw new Error(`${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((v, i) => {
    const x = e[i]!;
    const ok = Number.isNaN(x) ? Number.isNaN(v) : Math.abs(v - x) <= tol * Math.max(1, Math.abs(x));
    if (!ok) throw new Error(`${what}[${i}] is ${v}, expected ${x} (tolerance ${tol})`);
  });
}
