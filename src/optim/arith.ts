// Elementwise arithmetic as PyTorch's CPU kernels round it: each op's result is stored in the
// parameter's dtype, so for float32 every intermediate tensor is rounded to float32, Python
// scalars are cast to float32 first, and `add(…, alpha)` / `lerp` are fused multiply-adds
// (ATen's vectorised `fmadd`). A float32 product of two float32 values is exact in a double,
// so r(a·b + c) is the fused result up to a rare double rounding.
import type { DType } from "../tensor/dtype.js";

/** Rounds a value to what a tensor of the dtype stores. */
export type Round = (x: number) => number;

const identity: Round = (x) => x;

export function rounder(dtype: DType): Round {
  return dtype === "float32" ? Math.fround : identity;
}

/** `a.add(b, alpha=α)`: a + α·b, fused (α already cast). */
export function addAlpha(r: Round, a: number, b: number, alpha: number): number {
  return r(a + alpha * b);
}

/** `start.lerp(end, w)`: ATen's two-sided form, start + w·(end − start) for |w| < 0.5, else end + (w − 1)·(end − start). */
export function lerp(r: Round, start: number, end: number, w: number): number {
  const diff = r(end - start);
  return Math.abs(w) < 0.5 ? r(start + w * diff) : r(end + r(w - 1) * diff);
}

/** `self.addcmul(t1, t2, value=v)`: self + v·t1·t2, left to right. */
export function addcmul(r: Round, self: number, t1: number, t2: number, v: number): number {
  return r(self + r(r(v * t1) * t2));
}

/** `self.addcdiv(t1, t2, value=v)`: self + v·t1 / t2, left to right. */
export function addcdiv(r: Round, self: number, t1: number, t2: number, v: number): number {
  return r(self + r(r(v * t1) / t2));
}

/** `torch.maximum`: NaN wins. */
export function maximum(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
}
