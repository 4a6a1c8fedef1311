// StepLR and CosineAnnealingLR: the lr sequences of PyTorch's recursive (chainable) rules
// against their closed forms (lr_scheduler.py, `_get_closed_form_lr`).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn, optim } = R;
const sgd = (lr = 0.1) => new optim.SGD([new nn.Parameter(R.zeros([1]))], { lr });

function lrs(sched: R.optim.LRScheduler, epochs: number): number[] {
  const out = [sched.getLastLr()[0]!];
  for (let e = 1; e < epochs; e++) {
    sched.step();
    out.push(sched.getLastLr()[0]!);
  }
  return out;
}

test("StepLR: lr_t = lr_0 · γ^⌊t / stepSize⌋", () => {
  const opt = sgd(0.1);
  const got = lrs(new optim.StepLR(opt, 3, 0.5), 10);
  assert.deepEqual(got, Array.from({ length: 10 }, (_, t) => 0.1 * 0.5 ** Math.floor(t / 3)));
  assert.equal(opt.paramGroups[0]!.lr, got[9]);
  assert.equal(opt.paramGroups[0]!.initialLr, 0.1);
  // hand-written: epochs 0-2 → 0.1, 3-5 → 0.05, 6-8 → 0.025, 9 → 0.0125
  assert.deepEqual(got, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);
});

test("StepLR is chainable: a changed lr is the one that decays", () => {
  const opt = sgd(0.1);
  const sched = new optim.StepLR(opt, 2, 0.1);
  sched.step();
  opt.paramGroups[0]!.lr = 1;
  sched.step(); // epoch 2: 1 · 0.1
  assert.deepEqual(sched.getLastLr(), [0.1]);
});

test("CosineAnnealingLR: η_min + (η_max − η_min)(1 + cos(πt/T))/2 over three periods, to 1e-15", () => {
  const opt = sgd(0.1);
  const T = 10;
  const etaMin = 0.001;
  const got = lrs(new optim.CosineAnnealingLR(opt, T, etaMin), 3 * T + 1);
  got.forEach((lr, t) => {
    const closed = etaMin + ((0.1 - etaMin) * (1 + Math.cos((Math.PI * t) / T))) / 2;
    assert.ok(Math.abs(lr - closed) < 1e-15, `epoch ${t}: ${lr} vs ${closed}`);
  });
  assert.equal(got[0], 0.1);
  assert.ok(Math.abs(got[T]! - etaMin) < 1e-15);
  assert.ok(Math.abs(got[2 * T]! - 0.1) < 1e-15, "climbs back to η_max after 2T (the restart branch)");
});

test("schedulers drive every group from its own initial lr; resuming needs initialLr", () => {
  const a = new nn.Parameter(R.zeros([1]));
  const b = new nn.Parameter(R.zeros([1]));
  const opt = new optim.Adam([{ params: [a], lr: 0.1 }, { params: [b], lr: 0.02 }]);
  const sched = new optim.CosineAnnealingLR(opt, 4);
  sched.step();
  sched.step();
  assert.deepEqual(sched.getLastLr().map((x) => Math.round(x * 1e12) / 1e12), [0.05, 0.01]);
  assert.deepEqual(sched.baseLrs, [0.1, 0.02]);
  const fresh = sgd(0.1);
  assert.throws(() => new optim.StepLR(fresh, 2, 0.5, 3), { name: "ConfigError", message: /param 'initialLr' is not specified in paramGroups\[0\]/ });
  // resuming mid-run with the closed form, as PyTorch's first step after last_epoch > 0
  fresh.paramGroups[0]!.initialLr = 0.1;
  const resumed = new optim.CosineAnnealingLR(fresh, 4, 0, 1);
  assert.ok(Math.abs(resumed.getLastLr()[0]! - 0.05) < 1e-15);
});

test("scheduler options are checked", () => {
  assert.throws(() => new optim.StepLR(sgd(), 0), { name: "ConfigError", message: "StepLR: stepSize must be a positive integer (got 0)" });
  assert.throws(() => new optim.CosineAnnealingLR(sgd(), 2.5), { name: "ConfigError", message: /tMax must be a positive integer \(got 2.5\)/ });
  assert.throws(() => new optim.StepLR(sgd(), 2, NaN), { name: "ConfigError", message: /gamma must be a finite number/ });
});
