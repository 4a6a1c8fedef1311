// The Q of a thin QR decomposition by Householder reflections, in float64, for orthogonal_.

/**
 * Q (m×n, orthonormal columns) of A = Q·R for a row-major m×n matrix with m ≥ n, with each
 * column's sign chosen so that R's diagonal is non-negative (a zero diagonal gives a zero column,
 * as `q * sign(diag(r))` does in torch). That Q is unique, so it equals torch's
 * `linalg.qr` + sign fix whatever sign convention LAPACK's reflections use.
 */
export function orthonormalQ(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const r = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(m - k);
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k]!;
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k]!;
    v[0]! -= alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i]! ** 2;
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = 0; i < v.length; i++) v[i]! /= vn;
    reflect(r, v, k, n, k);
    diag[k] = r[k * n + k]!;
    vs.push(v);
  }
  // Q = H_0 H_1 … H_{n−1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) reflect(q, vs[k]!, k, n, 0);
  for (let j = 0; j < n; j++) {
    const s = Math.sign(diag[j]!);
    for (let i = 0; i < m; i++) q[i * n + j]! *= s;
  }
  return q;
}

/** M[k:, c0:] −= 2·v·(vᵀ·M[k:, c0:]) for a row-major matrix of n columns. */
function reflect(mat: Float64Array, v: Float64Array, k: number, n: number, c0: number): void {
  for (let j = c0; j < n; j++) {
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * mat[(k + i) * n + j]!;
    if (dot === 0) continue;
    for (let i = 0; i < v.length; i++) mat[(k + i) * n + j]! -= 2 * v[i]! * dot;
  }
}
