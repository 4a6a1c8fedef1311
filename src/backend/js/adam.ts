// Adam's float32 update — torch's `_single_tensor_adam` without weight decay or AMSGrad — with
// PyTorch's operations in PyTorch's order, each rounded to float32 as its float32 CPU kernels
// round them, written out flat (src/optim/adam.ts composes the general case from arith.ts's ops;
// a test holds the two to the same bits):
//
//   g  = ±grad
//   m ← lerp(m, g, w1)                 exp_avg.lerp_(grad, 1 − β1)
//   v ← β2·v + (1 − β2)·g·g            exp_avg_sq.mul_(β2).addcmul_(grad, grad, value=1 − β2)
//   θ ← θ + (−step)·m / (√v / √(1 − β2ᵗ) + ε)
import type { AdamArgs } from "../kernels.js";

export function adamFloat32(a: AdamArgs): void {
  const { param: d, grad: gd, expAvg: m, expAvgSq: v, w1, b2, c2, bc2, eps, negStep } = a;
  const f = Math.fround;
  const sign = a.maximize ? -1 : 1;
  // lerp: m + w·(g − m) for a small weight, else g + (w − 1)·(g − m); the product and sum in one
  // expression, rounded once.
  const small = Math.abs(w1) < 0.5, w1m1 = f(w1 - 1);
  for (let i = 0; i < d.length; i++) {
    const g = sign * gd[i]!;
    const mi = m[i]!, diff = f(g - mi);
    const mNew = small ? f(mi + w1 * diff) : f(g + w1m1 * diff);
    m[i] = mNew;
    const vNew = f(f(v[i]! * b2) + f(f(c2 * g) * g));
    v[i] = vNew;
    const denom = f(f(f(Math.sqrt(vNew)) / bc2) + eps);
    d[i] = f(d[i]! + f(f(negStep * mNew) / denom));
  }
}
