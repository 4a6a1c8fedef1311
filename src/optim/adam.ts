// Adam and AdamW — torch.optim.Adam / AdamW's single-tensor path (torch/optim/adam.py,
// `_single_tensor_adam`; AdamW is the same update with decoupled weight decay).
import { inPlace } from "../autograd/inplace.js";
import { kernels } from "../backend/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { addcdiv, addcmul, lerp, maximum, rounder } from "./arith.js";
import { Optimizer, stateTensor, type ParamGroup, type ParamState, type ParamsInput, type StateSpec } from "./optimizer.js";
import { checkBeta, checkNonNegative } from "./validate.js";

/** Adam's and AdamW's options (torch: lr, betas, eps, weight_decay, amsgrad, maximize). */
export interface AdamConfig {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Decay rates [β1, β2] of the moment estimates, each in [0, 1) (default [0.9, 0.999]). */
  betas: [number, number];
  /** Term ε added to the denominator (default 1e-8). */
  eps: number;
  /** Weight decay λ: an L2 penalty for Adam (default 0), decoupled for AdamW (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad; default false). */
  amsgrad: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

export const ADAM_DEFAULTS: Readonly<AdamConfig> = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };
export const ADAMW_DEFAULTS: Readonly<AdamConfig> = { ...ADAM_DEFAULTS, weightDecay: 1e-2 };

function validateAdam(op: string, c: AdamConfig): void {
  checkNonNegative(op, "learning rate", "lr", c.lr);
  checkNonNegative(op, "epsilon value", "eps", c.eps);
  checkBeta(op, 0, c.betas[0]);
  checkBeta(op, 1, c.betas[1]);
  checkNonNegative(op, "weight_decay value", "weightDecay", c.weightDecay);
}

function adamSpec(c: AdamConfig): StateSpec {
  return c.amsgrad
    ? { step: "count", expAvg: "tensor", expAvgSq: "tensor", maxExpAvgSq: "tensor" }
    : { step: "count", expAvg: "tensor", expAvgSq: "tensor" };
}

/** One Adam step of one parameter, operation by operation as `_single_tensor_adam`. */
function adamStep(op: string, p: Tensor, grad: Tensor, s: ParamState, c: AdamConfig, decoupled: boolean): void {
  const r = rounder(p.dtype);
  const [beta1, beta2] = c.betas;
  const m = stateTensor(s, "expAvg", p);
  const v = stateTensor(s, "expAvgSq", p);
  const vMax = c.amsgrad ? stateTensor(s, "maxExpAvgSq", p) : null;
  const step = ((s.step as number | undefined) ?? 0) + 1;
  s.step = step;
  // Python floats: bias corrections and the step size are computed in double precision.
  const bc1 = 1 - beta1 ** step;
  const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
  const stepSize = c.lr / bc1;
  // …and cast to the tensor's dtype where they meet a tensor.
  const wd = r(c.weightDecay);
  const decay = r(1 - c.lr * c.weightDecay);
  const w1 = r(1 - beta1);
  const b2 = r(beta2);
  const c2 = r(1 - beta2);
  const bc2 = r(bc2Sqrt);
  const eps = r(c.eps);
  const negStep = r(-stepSize);
  const gd = grad.data;
  if (r === Math.fround && c.weightDecay === 0 && vMax === null) {
    // The usual case, one kernel (the same operations, rounded the same; see backend/js/adam.ts).
    inPlace(`${op}.step`, p, (d) => kernels().adamFloat32({
      param: d as Float32Array, grad: gd as Float32Array, expAvg: m as Float32Array, expAvgSq: v as Float32Array,
      maximize: c.maximize, w1, b2, c2, bc2, eps, negStep,
    }));
    return;
  }
  inPlace(`${op}.step`, p, (d) => {
    for (let i = 0; i < d.length; i++) {
      let g = c.maximize ? -gd[i]! : gd[i]!;
      if (c.weightDecay !== 0) {
        if (decoupled) d[i] = r(d[i]! * decay); // param.mul_(1 - lr * weight_decay)
        else g = r(g + wd * d[i]!); // grad = grad.add(param, alpha=weight_decay)
      }
      m[i] = lerp(r, m[i]!, g, w1); // exp_avg.lerp_(grad, 1 - beta1)
      v[i] = addcmul(r, r(v[i]! * b2), g, g, c2); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
      let second = v[i]!;
      if (vMax !== null) {
        vMax[i] = maximum(vMax[i]!, v[i]!); // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=…)
        second = vMax[i]!;
      }
      const denom = r(r(r(Math.sqrt(second)) / bc2) + eps); // (sqrt / bias_correction2_sqrt).add_(eps)
      d[i] = addcdiv(r, d[i]!, m[i]!, denom, negStep); // param.addcdiv_(exp_avg, denom, value=-step_size)
    }
  });
}

/** What Adam and AdamW share: validation, state and the update; AdamW decouples weight decay. */
abstract class AdamFamily extends Optimizer<AdamConfig> {
  protected constructor(
    name: string, defaults: AdamConfig, private readonly decoupled: boolean,
    params: ParamsInput<AdamConfig>, opts: Partial<AdamConfig>,
  ) {
    super(name, params, defaults, opts);
  }

  protected override validate(c: AdamConfig): void {
    validateAdam(this.name, c);
  }

  protected override stateSpec(c: AdamConfig): StateSpec {
    return adamSpec(c);
  }

  protected override updateParam(p: Tensor, grad: Tensor, s: ParamState, group: ParamGroup<AdamConfig>): void {
    adamStep(this.name, p, grad, s, group, this.decoupled);
  }
}

/**
 * Adam. For each parameter θ with gradient g, at step t:
 *
 *     g ← −g if maximize;  g ← g + λθ if λ ≠ 0
 *     m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g²;  v̂max ← max(v̂max, v) if amsgrad
 *     θ ← θ − (γ / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)      (√v̂max with amsgrad)
 *
 * State per parameter (torch names in brackets): `step`, `expAvg` [exp_avg], `expAvgSq`
 * [exp_avg_sq], and `maxExpAvgSq` [max_exp_avg_sq] with amsgrad.
 */
export class Adam extends AdamFamily {
  constructor(params: ParamsInput<AdamConfig>, opts: Partial<AdamConfig> = {}) {
    super("Adam", ADAM_DEFAULTS, false, params, opts);
  }
}

/**
 * AdamW: Adam with decoupled weight decay — θ ← θ·(1 − γλ) before the Adam update, instead
 * of adding λθ to the gradient. Default λ = 1e-2. Same state as Adam.
 */
export class AdamW extends AdamFamily {
  constructor(params: ParamsInput<AdamConfig>, opts: Partial<AdamConfig> = {}) {
    super("AdamW", ADAMW_DEFAULTS, true, params, opts);
  }
}
