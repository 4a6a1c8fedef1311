// The update rules as PyTorch's documentation writes them (the algorithm blocks in the
// docstrings of torch.optim.SGD, Adam, AdamW and RMSprop), on plain float64 numbers,
// independent of the code under test. Each takes θ and g and returns the new θ.

export interface SGDRef { lr: number; momentum?: number; dampening?: number; weightDecay?: number; nesterov?: boolean; maximize?: boolean }

export function sgdRef(o: SGDRef): (theta: number[], grad: number[]) => number[] {
  let b: number[] | null = null;
  return (theta, grad) => {
    const mu = o.momentum ?? 0;
    let g = grad.map((v, i) => v + (o.weightDecay ?? 0) * theta[i]!);
    if (mu !== 0) {
      b = b === null ? [...g] : b.map((bi, i) => mu * bi + (1 - (o.dampening ?? 0)) * g[i]!);
      g = o.nesterov === true ? g.map((gi, i) => gi + mu * b![i]!) : [...b];
    }
    // θ ← θ + γg when maximizing, θ − γg otherwise
    return theta.map((t, i) => (o.maximize === true ? t + o.lr * g[i]! : t - o.lr * g[i]!));
  };
}

export interface AdamRef { lr: number; betas?: [number, number]; eps?: number; weightDecay?: number; amsgrad?: boolean; maximize?: boolean; decoupled?: boolean }

export function adamRef(o: AdamRef): (theta: number[], grad: number[]) => number[] {
  const [b1, b2] = o.betas ?? [0.9, 0.999];
  const eps = o.eps ?? 1e-8;
  const lambda = o.weightDecay ?? (o.decoupled === true ? 1e-2 : 0);
  let m: number[] | null = null;
  let v: number[] | null = null;
  let vMax: number[] | null = null;
  let t = 0;
  return (theta0, grad) => {
    t++;
    let theta = [...theta0];
    let g = grad.map((x) => (o.maximize === true ? -x : x));
    if (o.decoupled === true) theta = theta.map((x) => x - o.lr * lambda * x);
    else g = g.map((x, i) => x + lambda * theta[i]!);
    m = g.map((x, i) => b1 * (m?.[i] ?? 0) + (1 - b1) * x);
    v = g.map((x, i) => b2 * (v?.[i] ?? 0) + (1 - b2) * x * x);
    const mHat = m.map((x) => x / (1 - b1 ** t));
    // AMSGrad keeps the maximum of the raw v_t and bias-corrects that maximum, as
    // `_single_tensor_adam` does (older docstrings wrote max(v̂^max, v̂_t), which differs).
    if (o.amsgrad === true) vMax = v.map((x, i) => Math.max(vMax?.[i] ?? 0, x));
    const vHat = (vMax ?? v).map((x) => x / (1 - b2 ** t));
    return theta.map((x, i) => x - (o.lr * mHat[i]!) / (Math.sqrt(vHat[i]!) + eps));
  };
}

export interface RMSpropRef { lr: number; alpha?: number; eps?: number; weightDecay?: number; momentum?: number; centered?: boolean }

export function rmspropRef(o: RMSpropRef): (theta: number[], grad: number[]) => number[] {
  const alpha = o.alpha ?? 0.99;
  const eps = o.eps ?? 1e-8;
  const mu = o.momentum ?? 0;
  let v: number[] | null = null;
  let gAve: number[] | null = null;
  let b: number[] | null = null;
  return (theta, grad) => {
    const g = grad.map((x, i) => x + (o.weightDecay ?? 0) * theta[i]!);
    v = g.map((x, i) => alpha * (v?.[i] ?? 0) + (1 - alpha) * x * x);
    let vTilde = [...v];
    if (o.centered === true) {
      gAve = g.map((x, i) => alpha * (gAve?.[i] ?? 0) + (1 - alpha) * x);
      vTilde = vTilde.map((x, i) => x - gAve![i]! ** 2);
    }
    if (mu > 0) {
      b = g.map((x, i) => mu * (b?.[i] ?? 0) + x / (Math.sqrt(vTilde[i]!) + eps));
      return theta.map((x, i) => x - o.lr * b![i]!);
    }
    return theta.map((x, i) => x - (o.lr * g[i]!) / (Math.sqrt(vTilde[i]!) + eps));
  };
}
