// Adagrad step for step against torch 1.13 (test/fixtures/torch/schedulers.py): four steps on
// loss Σ c·θ²/2 + b·θ, float32 and float64, with lr decay, weight decay, an initial accumulator and maximize.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { torchSchedules } from "../fixtures/torch/schedulers.js";

const { nn, optim } = R;
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

test("Adagrad equals torch.optim.Adagrad step for step (float32 to the bit, float64 to 1e-15)", () => {
  for (const c of torchSchedules.adagrad) {
    const dtype = c.dtype as R.FloatDType;
    const p = new nn.Parameter(R.tensor([1.0, -2.0, 0.5], { dtype }));
    const cc = R.tensor([1.0, 3.0, 0.5], { dtype });
    const b = R.tensor([0.2, -0.1, 0.3], { dtype });
    const opts = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel(k), v]));
    const opt = new optim.Adagrad([p], opts);
    c.steps.forEach((want, s) => {
      opt.zeroGrad();
      cc.mul(p).mul(p).mul(0.5).add(b.mul(p)).sum().backward();
      opt.step();
      const tol = dtype === "float32" ? 0 : 1e-15;
      Array.from(p.data).forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= tol, `${JSON.stringify(c.options)} ${dtype} step ${s + 1} θ[${i}]: ${v} vs torch ${want[i]}`));
    });
    const sum = Array.from((opt.state.get(p)!.sum as R.Tensor).data);
    sum.forEach((v, i) => assert.ok(Math.abs(v - c.sum[i]!) <= (dtype === "float32" ? 0 : 1e-15 * Math.abs(c.sum[i]!)), `${dtype} sum[${i}]: ${v} vs torch ${c.sum[i]}`));
  }
});

test("Adagrad's options are checked with torch's wording; its state round-trips", () => {
  const p = () => [new nn.Parameter(R.zeros([2]))];
  assert.throws(() => new optim.Adagrad(p(), { lrDecay: -1 }), { name: "ConfigError", message: /Invalid lr_decay value: -1/ });
  assert.throws(() => new optim.Adagrad(p(), { initialAccumulatorValue: -0.5 }), /Invalid initial_accumulator_value value: -0.5/);
  const w = new nn.Parameter(R.ones([2]));
  const opt = new optim.Adagrad([w], { lr: 0.1 });
  w.sum().backward();
  opt.step();
  const copy = new optim.Adagrad([new nn.Parameter(R.ones([2]))], { lr: 0.1 });
  copy.loadStateDict(JSON.parse(JSON.stringify(opt.stateDict())));
  assert.deepEqual(copy.stateDict(), opt.stateDict());
});
