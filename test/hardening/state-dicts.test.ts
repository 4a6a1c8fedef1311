// Loading state (issue 9, items 5 and 6): a module's loadStateDict takes tensors only and reads
// own keys only; an optimizer's checks every counter and buffer before it takes any of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

const { nn, optim } = R;

test("Module.loadStateDict refuses values that are not tensors, naming the key", () => {
  const lin = new nn.Linear(2, 3);
  const before = Array.from(lin.weight.data);
  const plain = Object.fromEntries(Object.entries(lin.stateDict()).map(([k, t]) => [k, t.tolist()]));
  const e = expectCoded(() => lin.loadStateDict(plain as unknown as R.nn.StateDict), "ERR_STATE",
    /weight is not a Tensor \(got an array of 3\).*\n\tbias is not a Tensor \(got an array of 3\)/s);
  assert.equal(e.op, "loadStateDict");
  expectCoded(() => lin.loadStateDict({ weight: null, bias: lin.bias } as unknown as R.nn.StateDict), "ERR_STATE", /weight is not a Tensor \(got null\)/);
  expectCoded(() => lin.loadStateDict(null as unknown as R.nn.StateDict), "ERR_STATE", /state must be an object of tensors/);
  assert.deepEqual(Array.from(lin.weight.data), before, "nothing copied");
});

test("strict loadStateDict reports keys named like Object.prototype members as unexpected", () => {
  const lin = new nn.Linear(2, 3);
  const state = JSON.parse('{"constructor": 1, "toString": 2, "__proto__": 3}') as Record<string, unknown>;
  Object.assign(state, lin.stateDict());
  expectCoded(() => lin.loadStateDict(state as R.nn.StateDict), "ERR_STATE", /Unexpected key\(s\) in state_dict: "constructor", "toString", "__proto__"\./);
  const r = lin.loadStateDict(state as R.nn.StateDict, { strict: false });
  assert.deepEqual(r.unexpectedKeys, ["constructor", "toString", "__proto__"]);
  // A missing key is not found on the prototype either.
  const { weight: _w, ...onlyBias } = lin.stateDict();
  assert.deepEqual(lin.loadStateDict(onlyBias, { strict: false }).missingKeys, ["weight"]);
  // A Map is accepted too.
  assert.deepEqual(lin.loadStateDict(new Map(Object.entries(lin.stateDict())) as unknown as R.nn.StateDict).unexpectedKeys, []);
});

function trainedAdam(): { p: R.Tensor; opt: R.optim.Adam } {
  const p = R.tensor([1, 2, 3], { requiresGrad: true });
  const opt = new optim.Adam([p], { lr: 0.1 });
  p.sum().backward();
  opt.step();
  return { p, opt };
}

test("Optimizer.loadStateDict refuses a step that is not a non-negative integer, and bad buffers, changing nothing", () => {
  for (const step of [-1, 2.5, NaN, "3", null]) {
    const { p, opt } = trainedAdam();
    const sd = JSON.parse(JSON.stringify(opt.stateDict()));
    sd.state["0"].step = step;
    const before = JSON.stringify(opt.stateDict());
    expectCoded(() => opt.loadStateDict(sd), "ERR_STATE", /state\[0\]\.step must be a non-negative integer/);
    assert.equal(JSON.stringify(opt.stateDict()), before, `state unchanged after step=${String(step)}`);
    opt.step();
    assert.ok(Array.from(p.data).every(Number.isFinite), `the next step stays finite after refusing step=${String(step)}`);
  }
  for (const bad of [5, "x", { dtype: "float32", shape: [3], data: [1, "two", 3] }, { dtype: "int64", shape: [3], data: [1, 2, 3] }]) {
    const { opt } = trainedAdam();
    const sd = JSON.parse(JSON.stringify(opt.stateDict()));
    sd.state["0"].expAvg = bad;
    expectCoded(() => opt.loadStateDict(sd), "ERR_STATE", /state\[0\]\.expAvg/);
  }
  // A valid state is still taken.
  const { opt } = trainedAdam();
  const sd = JSON.parse(JSON.stringify(opt.stateDict()));
  sd.state["0"].step = 7;
  opt.loadStateDict(sd);
  assert.equal(opt.stateDict().state["0"]!.step, 7);
});
