// SGD, Adam, AdamW and RMSprop steps against PyTorch's documented update rules (test/optim/reference.ts)
// for three steps on a quadratic, plus hand-computed numbers and the plumbing every optimizer shares.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { adamRef, rmspropRef, sgdRef } from "./reference.js";

const { nn, optim } = R;

// loss(θ) = Σ_i c_i·θ_i²/2 + b_i·θ_i, so ∇ = c·θ + b (the references get it in closed form)
const C = [1, 3, 0.5];
const B = [0.2, -0.1, 0.3];
const THETA0 = [1, -2, 0.5];
const gradAt = (theta: number[]) => theta.map((t, i) => C[i]! * t + B[i]!);

function lossOf(p: R.Tensor): R.Tensor {
  const c = R.tensor(C, { dtype: p.dtype });
  const b = R.tensor(B, { dtype: p.dtype });
  return p.mul(p).mul(c).mul(0.5).add(p.mul(b)).sum();
}

/** Runs `steps` optimizer steps from THETA0 and returns θ after each. */
function run(make: (params: R.Tensor[]) => R.optim.Optimizer<{ lr: number }>, steps = 3, dtype: "float32" | "float64" = "float64"): number[][] {
  const p = new nn.Parameter(R.tensor(THETA0, { dtype }));
  const opt = make([p]);
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    lossOf(p).backward();
    opt.step();
    out.push(Array.from(p.data));
  }
  return out;
}

function expected(update: (theta: number[], grad: number[]) => number[], steps = 3): number[][] {
  let theta = [...THETA0];
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    theta = update(theta, gradAt(theta));
    out.push(theta);
  }
  return out;
}

function assertSteps(actual: number[][], want: number[][], tol: number, what: string): void {
  want.forEach((row, s) => row.forEach((x, i) => {
    const a = actual[s]![i]!;
    assert.ok(Math.abs(a - x) <= tol * Math.max(1, Math.abs(x)), `${what}: step ${s + 1}, θ[${i}] = ${a}, expected ${x} (tolerance ${tol})`);
  }));
}

test("SGD with momentum 0.9 on loss θ² from θ = 1, lr 0.1 (hand-computed)", () => {
  // g = 2θ. t1: b = 2, θ = 0.8. t2: g = 1.6, b = 0.9·2 + 1.6 = 3.4, θ = 0.46. t3: g = 0.92, b = 3.06 + 0.92 = 3.98, θ = 0.062
  const p = new nn.Parameter(R.tensor([1], { dtype: "float64" }));
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  const seen: number[] = [];
  for (let s = 0; s < 3; s++) {
    opt.zeroGrad();
    p.mul(p).sum().backward();
    opt.step();
    seen.push(p.data[0]!);
  }
  [0.8, 0.46, 0.062].forEach((x, i) => assert.ok(Math.abs(seen[i]! - x) < 1e-15, `step ${i + 1}: ${seen[i]} vs ${x}`));
  assert.ok(Math.abs((opt.state.get(p)!.momentumBuffer as R.Tensor).data[0]! - 3.98) < 1e-14);
});

test("Adam's first step is θ − lr·g/(|g| + ε) (hand-computed: m̂ = g, v̂ = g²)", () => {
  const [theta1] = run((ps) => new optim.Adam(ps, { lr: 0.1 }), 1);
  THETA0.forEach((t, i) => {
    const g = gradAt(THETA0)[i]!;
    assert.ok(Math.abs(theta1![i]! - (t - (0.1 * g) / (Math.abs(g) + 1e-8))) < 1e-15);
  });
});

test("SGD: three steps match the documented rule (momentum, dampening, nesterov, weight decay, maximize)", () => {
  const cases = [
    { lr: 0.1 },
    { lr: 0.1, momentum: 0.9 },
    { lr: 0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.1 },
    { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
    { lr: 0.1, momentum: 0.5, maximize: true },
  ];
  for (const o of cases) assertSteps(run((ps) => new optim.SGD(ps, o)), expected(sgdRef(o)), 1e-14, `SGD ${JSON.stringify(o)}`);
});

test("Adam and AdamW: three steps match the documented rule (amsgrad, weight decay, maximize, betas, eps)", () => {
  const cases = [
    { lr: 0.1 },
    { lr: 0.1, amsgrad: true },
    { lr: 0.05, weightDecay: 0.1, betas: [0.8, 0.9] as [number, number], eps: 1e-3 },
    { lr: 0.1, maximize: true },
  ];
  for (const o of cases) assertSteps(run((ps) => new optim.Adam(ps, o)), expected(adamRef(o)), 1e-13, `Adam ${JSON.stringify(o)}`);
  for (const o of [{ lr: 0.1 }, { lr: 0.1, weightDecay: 0.5, amsgrad: true }]) {
    assertSteps(run((ps) => new optim.AdamW(ps, o)), expected(adamRef({ ...o, decoupled: true })), 1e-13, `AdamW ${JSON.stringify(o)}`);
  }
  // AdamW's decay is decoupled: it differs from Adam with the same weightDecay
  const adam = run((ps) => new optim.Adam(ps, { lr: 0.1, weightDecay: 0.5 }));
  const adamw = run((ps) => new optim.AdamW(ps, { lr: 0.1, weightDecay: 0.5 }));
  assert.notDeepEqual(adam, adamw);
});

test("RMSprop: three steps match the documented rule (momentum, centered, weight decay)", () => {
  const cases = [
    { lr: 0.01 },
    { lr: 0.01, momentum: 0.9 },
    { lr: 0.01, centered: true, alpha: 0.9 },
    { lr: 0.02, centered: true, momentum: 0.5, weightDecay: 0.1, eps: 1e-4 },
  ];
  for (const o of cases) assertSteps(run((ps) => new optim.RMSprop(ps, o)), expected(rmspropRef(o)), 1e-13, `RMSprop ${JSON.stringify(o)}`);
});

test("float32 parameters: state in Float32Array, every value a float32, close to the float64 rule", () => {
  const makers: [string, (ps: R.Tensor[]) => R.optim.Optimizer<{ lr: number }>, (t: number[], g: number[]) => number[]][] = [
    ["SGD", (ps) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true }), sgdRef({ lr: 0.1, momentum: 0.9, nesterov: true })],
    ["Adam", (ps) => new optim.Adam(ps, { lr: 0.1, amsgrad: true }), adamRef({ lr: 0.1, amsgrad: true })],
    ["AdamW", (ps) => new optim.AdamW(ps, { lr: 0.1 }), adamRef({ lr: 0.1, decoupled: true })],
    ["RMSprop", (ps) => new optim.RMSprop(ps, { lr: 0.01, centered: true, momentum: 0.5 }), rmspropRef({ lr: 0.01, centered: true, momentum: 0.5 })],
  ];
  for (const [name, make, ref] of makers) {
    const got = run(make, 3, "float32");
    got.flat().forEach((x) => assert.equal(x, Math.fround(x)));
    assertSteps(got, expected(ref), 2e-6, `${name} float32`);
    const p = new nn.Parameter(R.tensor(THETA0));
    const opt = make([p]);
    lossOf(p).backward();
    opt.step();
    for (const v of Object.values(opt.state.get(p)!)) {
      if (typeof v !== "number") assert.ok(v.data instanceof Float32Array, `${name} state is float32`);
    }
  }
});

test("parameters without a gradient are skipped; updates bump the storage version; groups have their own lr", () => {
  const a = new nn.Parameter(R.tensor([1, 2], { dtype: "float64" }));
  const b = new nn.Parameter(R.tensor([3], { dtype: "float64" }));
  const c = new nn.Parameter(R.tensor([5], { dtype: "float64" }));
  const opt = new optim.SGD([{ params: [a] }, { params: [b, c], lr: 0.01 }], { lr: 0.1, momentum: 0.9 });
  assert.equal(opt.paramGroups[0]!.lr, 0.1);
  assert.equal(opt.paramGroups[1]!.lr, 0.01);
  assert.equal(opt.paramGroups[1]!.momentum, 0.9);
  a.sum().add(b.sum()).backward();
  const va = a.storage.version;
  opt.step();
  assert.deepEqual(Array.from(a.data), [0.9, 1.9]);
  assert.deepEqual(Array.from(b.data), [2.99]);
  assert.deepEqual(Array.from(c.data), [5]);
  assert.equal(opt.state.has(c), false);
  assert.equal(a.storage.version, va + 1);
  opt.zeroGrad(false);
  assert.deepEqual(Array.from(a.grad!.data), [0, 0]);
  opt.zeroGrad();
  assert.equal(a.grad, null);
  // a step with no gradients changes nothing
  opt.step();
  assert.deepEqual(Array.from(a.data), [0.9, 1.9]);
});

test("step(closure) re-evaluates the loss with grad enabled and returns it", () => {
  const p = new nn.Parameter(R.tensor([1], { dtype: "float64" }));
  const opt = new optim.SGD([p], { lr: 0.25 });
  const loss = R.noGrad(() => opt.step(() => {
    opt.zeroGrad();
    const l = p.mul(p).sum();
    l.backward();
    return l;
  }));
  assert.equal(loss!.item(), 1);
  assert.equal(p.data[0], 0.5);
});

test("float32 Adam rounds as PyTorch's op-by-op float32 update, bit for bit (its flat loop against arith.ts's ops)", async () => {
  const { addcdiv, addcmul, lerp } = await import("../../src/optim/arith.js");
  const f = Math.fround;
  for (const [betas, maximize] of [[[0.9, 0.999], false], [[0.3, 0.99], true]] as [[number, number], boolean][]) {
    R.manualSeed(3);
    const p = new nn.Parameter(R.randn([257]));
    const opt = new optim.Adam([p], { lr: 0.01, betas, maximize });
    // The composed update, one element at a time: exp_avg.lerp_, exp_avg_sq.mul_.addcmul_, sqrt,
    // div, add_(eps), param.addcdiv_ — each result rounded to float32.
    const theta = Array.from(p.data), m = theta.map(() => 0), v = theta.map(() => 0);
    for (let step = 1; step <= 3; step++) {
      opt.zeroGrad();
      p.pow(3).mul(R.randn([257])).sum().backward();
      const grad = Array.from(p.grad!.data);
      opt.step();
      const stepSize = 0.01 / (1 - betas[0] ** step), bc2 = f(Math.sqrt(1 - betas[1] ** step));
      for (let i = 0; i < theta.length; i++) {
        const g = maximize ? -grad[i]! : grad[i]!;
        m[i] = lerp(f, m[i]!, g, f(1 - betas[0]));
        v[i] = addcmul(f, f(v[i]! * f(betas[1])), g, g, f(1 - betas[1]));
        const denom = f(f(f(Math.sqrt(v[i]!)) / bc2) + f(1e-8));
        theta[i] = addcdiv(f, theta[i]!, m[i]!, denom, f(-stepSize));
      }
      theta.forEach((x, i) => assert.equal(p.data[i], x, `betas ${betas}, maximize ${maximize}: step ${step}, θ[${i}]`));
    }
  }
});
