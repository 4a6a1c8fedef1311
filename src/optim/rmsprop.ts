// RMSprop with momentum and the centered variant — torch.optim.RMSprop's single-tensor path
// (torch/optim/rmsprop.py, `_single_tensor_rmsprop`).
import { inPlace } from "../autograd/inplace.js";
import type { Tensor } from "../tensor/tensor.js";
import { addAlpha, addcdiv, addcmul, lerp, rounder } from "./arith.js";
import { Optimizer, stateTensor, type ParamGroup, type ParamState, type ParamsInput, type StateSpec } from "./optimizer.js";
import { checkNonNegative } from "./validate.js";

/** RMSprop's options (torch: lr, alpha, eps, weight_decay, momentum, centered, maximize). */
export interface RMSpropConfig {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Term ε added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Normalise by the estimated variance of the gradient instead of its second moment (default false). */
  centered: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

export const RMSPROP_DEFAULTS: Readonly<RMSpropConfig> = {
  lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false,
};

/**
 * RMSprop. For each parameter θ with gradient g:
 *
 *     g ← −g if maximize;  g ← g + λθ if λ ≠ 0
 *     v ← αv + (1 − α)g²
 *     centered: ḡ ← lerp(ḡ, g, 1 − α);  a ← √(v − ḡ²) + ε      else a ← √v + ε
 *     μ > 0:  b ← μb + g/a;  θ ← θ − γb                          else θ ← θ − γ·g/a
 *
 * State per parameter (torch names in brackets): `step`, `squareAvg` [square_avg],
 * `momentumBuffer` [momentum_buffer] when μ > 0, `gradAvg` [grad_avg] when centered.
 */
export class RMSprop extends Optimizer<RMSpropConfig> {
  constructor(params: ParamsInput<RMSpropConfig>, opts: Partial<RMSpropConfig> = {}) {
    super("RMSprop", params, RMSPROP_DEFAULTS, opts);
  }

  protected override validate(c: RMSpropConfig): void {
    checkNonNegative("RMSprop", "learning rate", "lr", c.lr);
    checkNonNegative("RMSprop", "epsilon value", "eps", c.eps);
    checkNonNegative("RMSprop", "momentum value", "momentum", c.momentum);
    checkNonNegative("RMSprop", "weight_decay value", "weightDecay", c.weightDecay);
    checkNonNegative("RMSprop", "alpha value", "alpha", c.alpha);
  }

  protected override stateSpec(): StateSpec {
    return { step: "count", squareAvg: "tensor", momentumBuffer: "tensor", gradAvg: "tensor" };
  }

  protected override updateParam(p: Tensor, grad: Tensor, s: ParamState, group: ParamGroup<RMSpropConfig>): void {
    const r = rounder(p.dtype);
    const { alpha, weightDecay, momentum, centered, maximize } = group;
    const sq = stateTensor(s, "squareAvg", p);
    const buf = momentum > 0 ? stateTensor(s, "momentumBuffer", p) : null;
    const avgG = centered ? stateTensor(s, "gradAvg", p) : null;
    s.step = ((s.step as number | undefined) ?? 0) + 1;
    const wd = r(weightDecay);
    const a = r(alpha);
    const oneMinusA = r(1 - alpha);
    const eps = r(group.eps);
    const mu = r(momentum);
    const negLr = r(-group.lr);
    const gd = grad.data;
    inPlace("RMSprop.step", p, (d) => {
      for (let i = 0; i < d.length; i++) {
        let g = maximize ? -gd[i]! : gd[i]!;
        if (weightDecay !== 0) g = addAlpha(r, g, d[i]!, wd); // grad.add(param, alpha=weight_decay)
        sq[i] = addcmul(r, r(sq[i]! * a), g, g, oneMinusA); // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
        let avg: number;
        if (avgG !== null) {
          avgG[i] = lerp(r, avgG[i]!, g, oneMinusA); // grad_avg.lerp_(grad, 1 - alpha)
          avg = r(Math.sqrt(addcmul(r, sq[i]!, avgG[i]!, avgG[i]!, -1))); // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
        } else {
          avg = r(Math.sqrt(sq[i]!));
        }
        avg = r(avg + eps); // avg.add_(eps)
        if (buf !== null) {
          buf[i] = addcdiv(r, r(buf[i]! * mu), g, avg, 1); // buf.mul_(momentum).addcdiv_(grad, avg)
          d[i] = addAlpha(r, d[i]!, buf[i]!, negLr); // param.add_(buf, alpha=-lr)
        } else {
          d[i] = addcdiv(r, d[i]!, g, avg, negLr); // param.addcdiv_(grad, avg, value=-lr)
        }
      }
    });
  }
}
