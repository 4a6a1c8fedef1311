// Running sums and products along one dimension viewed as (outer, size, inner), accumulated in
// double precision and stored in the output's type, as ATen's `cpu_cum_base_kernel` does
// (its accumulator is `acc_type<scalar_t, false>`, a double for float32).

type Buf = { length: number; [i: number]: number };

/**
 * out[j] = a[0] + … + a[j] along each line (`product`: a[0] · … · a[j]); with `reverse`,
 * the sum runs from the end (out[j] = a[j] + … + a[size − 1]), the gradient of a cumsum.
 */
export function scanLines(a: Buf, outer: number, size: number, inner: number, out: Buf, product: boolean, reverse = false): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let acc = product ? 1 : 0;
      for (let t = 0; t < size; t++) {
        const p = base + (reverse ? size - 1 - t : t) * inner;
        acc = product ? acc * a[p]! : acc + a[p]!;
        out[p] = acc;
      }
    }
  }
}

/**
 * The gradient of a cumprod along each line, exact where the input has zeros:
 * dx[i] = Σ_{j ≥ i} g[j] · Π_{m ≤ j, m ≠ i} x[m]. Before the first zero z this is
 * (Σ_{i ≤ j < z} g[j]·y[j]) / x[i]; at z the products skip x[z]; after z it is 0.
 */
export function cumprodBackwardLines(x: Buf, y: Buf, g: Buf, outer: number, size: number, inner: number, dx: Buf): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let z = 0;
      while (z < size && x[base + z * inner] !== 0) z++;
      let acc = 0;
      for (let i = z - 1; i >= 0; i--) {
        const p = base + i * inner;
        acc += g[p]! * y[p]!;
        dx[p] = acc / x[p]!;
      }
      if (z === size) continue;
      let prod = z > 0 ? y[base + (z - 1) * inner]! : 1;
      let sum = 0;
      for (let j = z; j < size; j++) {
        if (j > z) prod *= x[base + j * inner]!;
        sum += g[base + j * inner]! * prod;
      }
      dx[base + z * inner] = sum;
      for (let j = z + 1; j < size; j++) dx[base + j * inner] = 0;
    }
  }
}
