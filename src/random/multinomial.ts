// Categorical samples, PyTorch's `torch.multinomial` on the CPU (torch 1.13's
// aten/src/ATen/native/Distributions.cpp `multinomial_out` and
// aten/src/ATen/native/cpu/MultinomialKernel.cpp), on typed arrays of probabilities laid out as
// (nDist, nCat), row-major.
//
// Two algorithms, chosen as torch 1.13 chooses:
// - without replacement: q = p / e with e ~ Exp(1) drawn by `exponential_` (one double uniform
//   per category, row by row; see exponential.ts for how builds with MKL differ), rounded to the
//   dtype, then the index of the largest q (one sample) or the top n of q in descending order
//   (topk, with std::nth_element / std::partial_sort as TopKImpl.h uses them);
// - with replacement: per row the cumulative distribution in the dtype (float32 sums for
//   float32), normalised, its last entry set to 1, then per sample one double uniform u and a
//   binary search for the first entry ≥ u.
// Later releases also send a single draw with replacement down the first path
// (`if (!with_replacement || n_sample == 1)` in Distributions.cpp); 1.13 does not, and this
// follows 1.13, the release the fixtures come from.

import { ValueError } from "../errors.js";
import { defaultGenerator } from "./default.js";
import { exponentialSample } from "./exponential.js";
import type { Generator } from "./generator.js";
import { uniformFloat64 } from "./uniform.js";

/** Sizes of a multinomial draw: `nDist` rows of `nCat` probabilities, `nSample` draws per row. */
export interface MultinomialDims {
  readonly nDist: number;
  readonly nCat: number;
  readonly nSample: number;
}

/**
 * The keys of a draw without replacement: q = p / e,
 * e ~ Exp(1), one per probability in row-major order, in probs' dtype. The samples are the
 * index of each row's largest key (one sample) or the row's top nSample keys, largest first.
 * Checks the probabilities as ATen does first (finite, ≥ 0, no row summing to 0).
 */
export function multinomialKeys(
  probs: Float32Array | Float64Array, { nDist, nCat }: MultinomialDims, gen: Generator = defaultGenerator(),
): Float32Array | Float64Array {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p < Infinity)) {
      throw new ValueError("multinomial", `probability tensor contains either inf, nan or element < 0 (got ${p} at flat index ${i})`, {
        expected: "finite and >= 0", actual: p,
      });
    }
  }
  for (let r = 0; r < nDist; r++) {
    let sum = 0;
    for (let j = 0; j < nCat; j++) sum += probs[r * nCat + j]!;
    if (sum === 0) throw new ValueError("multinomial", `invalid multinomial distribution (sum of probabilities <= 0 in row ${r})`, { actual: 0 });
  }
  const q = probs instanceof Float32Array ? new Float32Array(probs.length) : new Float64Array(probs.length);
  for (let i = 0; i < q.length; i++) q[i] = exponentialSample(gen, 1);
  for (let i = 0; i < q.length; i++) q[i] = probs[i]! / q[i]!;
  return q;
}

/**
 * Fills `out` (nDist, nSample) with draws with replacement by searching each row's cumulative
 * distribution, the path torch 1.13 takes for every draw with replacement.
 */
export function multinomialCumulativeFill(
  probs: Float32Array | Float64Array, { nDist, nCat, nSample }: MultinomialDims, out: Float64Array, gen: Generator = defaultGenerator(),
): void {
  const cum = probs instanceof Float32Array ? new Float32Array(nCat) : new Float64Array(nCat);
  for (let r = 0; r < nDist; r++) {
    let sum = 0;
    for (let j = 0; j < nCat; j++) {
      const v = probs[r * nCat + j]!;
      if (!Number.isFinite(v)) {
        throw new ValueError("multinomial", `invalid multinomial distribution (encountering probability entry = infinity or NaN in row ${r})`, { actual: v });
      }
      if (!(v >= 0)) {
        throw new ValueError("multinomial", `invalid multinomial distribution (encountering probability entry < 0: ${v} in row ${r})`, { expected: ">= 0", actual: v });
      }
      cum[j] = sum + v; // rounded to the dtype, as ATen's `scalar_t sum`
      sum = cum[j]!;
    }
    if (!(sum > 0)) throw new ValueError("multinomial", `invalid multinomial distribution (sum of probabilities <= 0 in row ${r})`, { actual: sum });
    for (let j = 0; j < nCat; j++) cum[j] = cum[j]! / sum;
    cum[nCat - 1] = 1;
    for (let s = 0; s < nSample; s++) {
      const u = uniformFloat64(gen);
      let left = 0;
      let right = nCat;
      while (right - left > 0) {
        const mid = left + Math.floor((right - left) / 2);
        if (cum[mid]! < u) left = mid + 1;
        else right = mid;
      }
      out[r * nSample + s] = left;
    }
  }
}
