// SGD with momentum, dampening, Nesterov momentum, weight decay and maximize — torch.optim.SGD's
// single-tensor path (torch/optim/sgd.py, `_single_tensor_sgd`).
import { ConfigError } from "../errors.js";
import { inPlace } from "../autograd/inplace.js";
import { zerosLike } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { addAlpha, rounder } from "./arith.js";
import { Optimizer, type ParamGroup, type ParamState, type ParamsInput, type StateSpec } from "./optimizer.js";
import { checkNonNegative } from "./validate.js";

/** SGD's options (torch: lr, momentum, dampening, weight_decay, nesterov, maximize). */
export interface SGDConfig {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Dampening τ for momentum (default 0). */
  dampening: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

export const SGD_DEFAULTS: Readonly<SGDConfig> = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent. For each parameter θ with gradient g, per step t:
 *
 *     g ← −g if maximize;  g ← g + λθ if λ ≠ 0
 *     if μ ≠ 0:  b ← g at t = 1, else b ← μb + (1 − τ)g;  g ← g + μb if nesterov, else g ← b
 *     θ ← θ − γg
 *
 * State per parameter: `momentumBuffer` (torch: `momentum_buffer`), when μ ≠ 0.
 */
export class SGD extends Optimizer<SGDConfig> {
  constructor(params: ParamsInput<SGDConfig>, opts: Partial<SGDConfig> = {}) {
    super("SGD", params, SGD_DEFAULTS, opts);
  }

  protected override validate(c: SGDConfig): void {
    checkNonNegative("SGD", "learning rate", "lr", c.lr);
    checkNonNegative("SGD", "momentum value", "momentum", c.momentum);
    checkNonNegative("SGD", "weight_decay value", "weightDecay", c.weightDecay);
    if (c.nesterov && (c.momentum <= 0 || c.dampening !== 0)) {
      throw new ConfigError("SGD", `Nesterov momentum requires a momentum and zero dampening (got momentum=${c.momentum}, dampening=${c.dampening})`, {
        expected: "momentum > 0 and dampening = 0", actual: { momentum: c.momentum, dampening: c.dampening },
      });
    }
  }

  protected override stateSpec(): StateSpec {
    return { momentumBuffer: "tensor" };
  }

  protected override updateParam(p: Tensor, grad: Tensor, s: ParamState, group: ParamGroup<SGDConfig>): void {
    const r = rounder(p.dtype);
    const { momentum, dampening, weightDecay, nesterov, maximize } = group;
    const wd = r(weightDecay);
    const mu = r(momentum);
    const keep = r(1 - dampening);
    const step = r(-group.lr);
    const gd = grad.data;
    let first = false;
    let buf: Tensor["data"] | null = null;
    if (momentum !== 0) {
      let b = s.momentumBuffer as Tensor | undefined;
      if (b === undefined) {
        b = zerosLike(p);
        s.momentumBuffer = b;
        first = true;
      }
      buf = b.data;
    }
    inPlace("SGD.step", p, (d) => {
      for (let i = 0; i < d.length; i++) {
        let g = maximize ? -gd[i]! : gd[i]!;
        if (weightDecay !== 0) g = addAlpha(r, g, d[i]!, wd);
        if (buf !== null) {
          // first step: buf = clone(grad); then buf.mul_(momentum).add_(grad, alpha=1 - dampening)
          buf[i] = first ? g : addAlpha(r, r(buf[i]! * mu), g, keep);
          g = nesterov ? addAlpha(r, g, buf[i]!, mu) : buf[i]!;
        }
        d[i] = addAlpha(r, d[i]!, g, step);
      }
    });
  }
}
