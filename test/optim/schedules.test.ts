// LambdaLR, LinearLR, SequentialLR, OneCycleLR and ReduceLROnPlateau step for step against torch
// 1.13 (test/fixtures/torch/schedulers.py): the lr of every group (and the momentum OneCycleLR
// cycles) after the constructor and after each step.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { torchSchedules as T } from "../fixtures/torch/schedulers.js";

const { nn, optim } = R;
type Groups = { lr: number; momentum?: number; betas?: [number, number] }[];

/** The groups of the fixture's optimizers: lr 0.1·(i + 1) for group i. */
function groups(n: number) {
  return Array.from({ length: n }, (_, i) => ({ params: [new nn.Parameter(R.zeros([1]))], lr: 0.1 * (i + 1) }));
}

function follow(name: keyof typeof T, opt: { paramGroups: Groups }, step: (e: number) => void, momentum?: (g: Groups[number]) => number): void {
  const want = T[name] as { lrs: number[][]; momenta: number[][] | null };
  const seen = [opt.paramGroups.map((g) => g.lr)];
  const moms = momentum ? [opt.paramGroups.map(momentum)] : null;
  for (let e = 0; e < want.lrs.length - 1; e++) {
    step(e);
    seen.push(opt.paramGroups.map((g) => g.lr));
    moms?.push(opt.paramGroups.map(momentum!));
  }
  seen.forEach((row, e) => row.forEach((lr, i) => assert.ok(Math.abs(lr - want.lrs[e]![i]!) <= 1e-15 * Math.abs(want.lrs[e]![i]!) + 1e-18,
    `${name}: epoch ${e}, group ${i}: lr ${lr} vs torch ${want.lrs[e]![i]}`)));
  moms?.forEach((row, e) => row.forEach((m, i) => assert.ok(Math.abs(m - want.momenta![e]![i]!) <= 1e-15,
    `${name}: step ${e}, group ${i}: momentum ${m} vs torch ${want.momenta![e]![i]}`)));
}

test("LambdaLR with one function per group", () => {
  const opt = new optim.SGD(groups(2), { lr: 0.1 });
  const s = new optim.LambdaLR(opt, [(e) => 0.95 ** e, (e) => 1 / (e + 1)]);
  follow("lambda", opt, () => s.step());
  assert.throws(() => new optim.LambdaLR(opt, [(e) => e]), { name: "ConfigError", message: /expected 2 lrLambdas/ });
});

test("LinearLR: a warm-up 0.25 → 1 over 4 epochs, and a decay 1 → 0.1 over 3 on two groups", () => {
  const opt = new optim.SGD(groups(1), { lr: 0.1 });
  const s = new optim.LinearLR(opt, 0.25, 1.0, 4);
  follow("linear", opt, () => s.step());
  const opt2 = new optim.SGD(groups(2), { lr: 0.1 });
  const s2 = new optim.LinearLR(opt2, 1.0, 0.1, 3);
  follow("linearDecay", opt2, () => s2.step());
  assert.throws(() => new optim.LinearLR(opt, 1.5), { name: "ConfigError", message: /startFactor expected to be between 0 and 1 \(got 1.5\)/ });
});

test("SequentialLR: LinearLR warm-up then CosineAnnealingLR; LambdaLR, StepLR, LinearLR over two milestones", () => {
  const opt = new optim.SGD(groups(1), { lr: 0.1 });
  const seq = new optim.SequentialLR(opt, [new optim.LinearLR(opt, 0.1, 1.0, 3), new optim.CosineAnnealingLR(opt, 5, 0.001)], [3]);
  follow("sequential", opt, () => seq.step());
  const opt3 = new optim.SGD(groups(2), { lr: 0.1 });
  const seq3 = new optim.SequentialLR(opt3, [new optim.LambdaLR(opt3, (e) => e + 1), new optim.StepLR(opt3, 2, 0.5), new optim.LinearLR(opt3, 1.0, 0.5, 2)], [2, 5]);
  follow("sequential3", opt3, () => seq3.step());
  // Its state dict holds each scheduler's and restores them.
  const state = JSON.parse(JSON.stringify(seq3.stateDict()));
  assert.equal(state.schedulers.length, 3);
  const opt4 = new optim.SGD(groups(2), { lr: 0.1 });
  const seq4 = new optim.SequentialLR(opt4, [new optim.LambdaLR(opt4, (e) => e + 1), new optim.StepLR(opt4, 2, 0.5), new optim.LinearLR(opt4, 1.0, 0.5, 2)], [2, 5]);
  seq4.loadStateDict(state);
  assert.deepEqual(seq4.stateDict(), seq3.stateDict());
  assert.throws(() => new optim.SequentialLR(opt, [new optim.StepLR(opt, 2)], [1]), { name: "ConfigError", message: /one more scheduler than milestones/ });
});

test("OneCycleLR: cosine with per-group maxLr, linear three-phase, and Adam's β₁ cycled", () => {
  const opt = new optim.SGD(groups(2), { lr: 0.1, momentum: 0.9 });
  const s = new optim.OneCycleLR(opt, [1.0, 0.5], { totalSteps: 10 });
  follow("oneCycleCos", opt, () => s.step(), (g) => g.momentum!);
  const opt3 = new optim.SGD(groups(2), { lr: 0.1, momentum: 0.9 });
  const s3 = new optim.OneCycleLR(opt3, 0.8, { epochs: 3, stepsPerEpoch: 4, pctStart: 0.25, annealStrategy: "linear", threePhase: true, divFactor: 10, finalDivFactor: 100 });
  follow("oneCycleLinear3", opt3, () => s3.step(), (g) => g.momentum!);
  const adam = new optim.Adam(groups(1), { lr: 0.1 });
  const sa = new optim.OneCycleLR(adam, 0.01, { totalSteps: 6, baseMomentum: 0.8, maxMomentum: 0.9 });
  follow("oneCycleAdam", adam, () => sa.step(), (g) => g.betas![0]);
  sa.step();
  assert.throws(() => sa.step(), { name: "ValueError", message: /tried to step 8 times; the specified number of total steps is 6/ });
  assert.throws(() => new optim.OneCycleLR(new optim.Adagrad(groups(1)), 0.1, { totalSteps: 3 }), /must support momentum/);
});

test("ReduceLROnPlateau: patience, cooldown and per-group minLr (min, rel); mode max with an absolute threshold", () => {
  const opt = new optim.SGD(groups(2), { lr: 0.1 });
  const s = new optim.ReduceLROnPlateau(opt, { patience: 2, cooldown: 1, factor: 0.5, minLr: [0.02, 0] });
  follow("plateau", opt, (e) => s.step(T.plateau.metrics[e]!));
  const opt2 = new optim.SGD(groups(1), { lr: 0.1 });
  const s2 = new optim.ReduceLROnPlateau(opt2, { mode: "max", threshold: 0.01, thresholdMode: "abs", patience: 1, factor: 0.1 });
  follow("plateauMaxAbs", opt2, (e) => s2.step(R.tensor(T.plateauMaxAbs.metrics[e]!)));
  const copy = new optim.ReduceLROnPlateau(new optim.SGD(groups(2), { lr: 0.1 }), { patience: 2 });
  copy.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())));
  assert.deepEqual(copy.stateDict(), s.stateDict());
  assert.throws(() => new optim.ReduceLROnPlateau(opt, { factor: 1 }), { name: "ConfigError", message: /factor should be < 1.0/ });
});
