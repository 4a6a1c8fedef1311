// The vector norm of clipGradNorm (torch.linalg.vector_norm over one gradient, then over the
// per-gradient norms), summed in one fixed order: the JS reference's loop behind the dispatcher.

/** torch.linalg.vector_norm of a list of values: p = ∞ is max |x|, −∞ min |x|, 0 the count of non-zeros, else (Σ|x|^p)^(1/p). */
export function vectorNorm(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (p === Infinity || p === -Infinity) {
    let m = p === Infinity ? 0 : Infinity;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(values[i]!);
      if (Number.isNaN(a)) return NaN;
      m = p === Infinity ? Math.max(m, a) : Math.min(m, a);
    }
    return m;
  }
  let s = 0;
  if (p === 0) {
    for (let i = 0; i < n; i++) s += values[i] !== 0 ? 1 : 0;
    return s;
  }
  if (p === 1) {
    for (let i = 0; i < n; i++) s += Math.abs(values[i]!);
    return s;
  }
  if (p === 2) {
    for (let i = 0; i < n; i++) s += values[i]! * values[i]!;
    return Math.sqrt(s);
  }
  for (let i = 0; i < n; i++) s += Math.abs(values[i]!) ** p;
  return s ** (1 / p);
}
