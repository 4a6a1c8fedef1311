// Adagrad — torch.optim.Adagrad's single-tensor path in PyTorch 1.13 (torch/optim/adagrad.py,
// `_single_tensor_adagrad`), dense gradients.
import { inPlace } from "../autograd/inplace.js";
import { fullLike } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { addAlpha, addcdiv, rounder } from "./arith.js";
import { Optimizer, type ParamGroup, type ParamState, type ParamsInput, type StateSpec } from "./optimizer.js";
import { checkNonNegative } from "./validate.js";

/** Adagrad's options (torch: lr, lr_decay, weight_decay, initial_accumulator_value, eps, maximize). */
export interface AdagradConfig {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Decay η of the learning rate: γ_t = γ / (1 + (t − 1)η) (default 0). */
  lrDecay: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Term ε added to the denominator (default 1e-10). */
  eps: number;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

export const ADAGRAD_DEFAULTS: Readonly<AdagradConfig> = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad. For each parameter θ with gradient g, at step t:
 *
 *     g ← −g if maximize;  g ← g + λθ if λ ≠ 0
 *     γ_t = γ / (1 + (t − 1)η);   s ← s + g²;   θ ← θ − γ_t · g / (√s + ε)
 *
 * State per parameter: `step`, `sum` (torch's names; torch creates them in the constructor, here
 * at a parameter's first update, with the same values).
 */
export class Adagrad extends Optimizer<AdagradConfig> {
  constructor(params: ParamsInput<AdagradConfig>, opts: Partial<AdagradConfig> = {}) {
    super("Adagrad", params, ADAGRAD_DEFAULTS, opts);
  }

  protected override validate(c: AdagradConfig): void {
    checkNonNegative("Adagrad", "learning rate", "lr", c.lr);
    checkNonNegative("Adagrad", "lr_decay value", "lrDecay", c.lrDecay);
    checkNonNegative("Adagrad", "weight_decay value", "weightDecay", c.weightDecay);
    checkNonNegative("Adagrad", "initial_accumulator_value value", "initialAccumulatorValue", c.initialAccumulatorValue);
    checkNonNegative("Adagrad", "epsilon value", "eps", c.eps);
  }

  protected override stateSpec(): StateSpec {
    return { step: "number", sum: "tensor" };
  }

  protected override updateParam(p: Tensor, grad: Tensor, s: ParamState, group: ParamGroup<AdagradConfig>): void {
    const r = rounder(p.dtype);
    if (s.sum === undefined) s.sum = fullLike(p, group.initialAccumulatorValue);
    const sum = (s.sum as Tensor).data;
    const step = ((s.step as number | undefined) ?? 0) + 1;
    s.step = step;
    const clr = group.lr / (1 + (step - 1) * group.lrDecay); // in Python floats
    const negClr = r(-clr);
    const wd = r(group.weightDecay);
    const eps = r(group.eps);
    const gd = grad.data;
    inPlace("Adagrad.step", p, (d) => {
      for (let i = 0; i < d.length; i++) {
        let g = group.maximize ? -gd[i]! : gd[i]!;
        if (group.weightDecay !== 0) g = addAlpha(r, g, d[i]!, wd); // grad.add(param, alpha=weight_decay)
        sum[i] = r(sum[i]! + g * g); // state_sum.addcmul_(grad, grad, value=1), rounded once: torch 1.13 here agrees bit for bit, the twice-rounded form is 1 ulp off
        const std = r(r(Math.sqrt(sum[i]!)) + eps); // state_sum.sqrt().add_(eps)
        d[i] = addcdiv(r, d[i]!, g, std, negClr); // param.addcdiv_(grad, std, value=-clr)
      }
    });
  }
}
