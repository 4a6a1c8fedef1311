// Bad optimizer options raise ConfigError with PyTorch's message and what was expected.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn, optim } = R;
const params = () => [new nn.Parameter(R.zeros([2]))];

test("invalid values: PyTorch's messages, plus the expected range", () => {
  const cases: [() => unknown, string][] = [
    [() => new optim.Adam(params(), { lr: -1 }), "Adam: Invalid learning rate: -1 (expected lr >= 0)"],
    [() => new optim.Adam(params(), { betas: [1, 0.999] }), "Adam: Invalid beta parameter at index 0: 1 (expected 0 <= betas[0] < 1)"],
    [() => new optim.AdamW(params(), { betas: [0.9, -0.1] }), "AdamW: Invalid beta parameter at index 1: -0.1 (expected 0 <= betas[1] < 1)"],
    [() => new optim.Adam(params(), { eps: -1e-8 }), "Adam: Invalid epsilon value: -1e-8 (expected eps >= 0)"],
    [() => new optim.AdamW(params(), { weightDecay: -0.1 }), "AdamW: Invalid weight_decay value: -0.1 (expected weightDecay >= 0)"],
    [() => new optim.SGD(params(), { lr: NaN }), "SGD: Invalid learning rate: NaN (expected lr >= 0)"],
    [() => new optim.SGD(params(), { momentum: -0.5 }), "SGD: Invalid momentum value: -0.5 (expected momentum >= 0)"],
    [() => new optim.SGD(params(), { nesterov: true }), "SGD: Nesterov momentum requires a momentum and zero dampening (got momentum=0, dampening=0)"],
    [() => new optim.SGD(params(), { nesterov: true, momentum: 0.9, dampening: 0.1 }), "SGD: Nesterov momentum requires a momentum and zero dampening (got momentum=0.9, dampening=0.1)"],
    [() => new optim.RMSprop(params(), { alpha: -0.9 }), "RMSprop: Invalid alpha value: -0.9 (expected alpha >= 0)"],
    [() => new optim.SGD([{ params: params(), lr: -0.5 }]), "SGD: Invalid learning rate: -0.5 (expected lr >= 0)"],
  ];
  for (const [make, message] of cases) assert.throws(make, { name: "ConfigError", code: "ERR_CONFIG", message });
});

test("typos, wrong types and bad parameter lists are caught", () => {
  assert.throws(() => new optim.Adam(params(), { weight_decay: 0.1 } as never), {
    name: "ConfigError", message: "Adam: unknown option 'weight_decay' in options (did you mean weightDecay? known: lr, betas, eps, weightDecay, amsgrad, maximize, initialLr)",
  });
  assert.throws(() => new optim.Adam(params(), { lr: "0.1" } as never), { name: "ConfigError", message: 'Adam: options.lr must be a number (got "0.1")' });
  assert.throws(() => new optim.Adam(params(), { betas: [0.9] } as never), { name: "ConfigError", message: /options.betas must be an array of 2 numbers/ });
  assert.throws(() => new optim.SGD([]), { name: "ConfigError", message: "SGD: optimizer got an empty parameter list" });
  const p = new nn.Parameter(R.zeros([2]));
  assert.throws(() => new optim.SGD([{ params: [p] }, { params: [p] }]), { name: "ConfigError", message: /some parameters appear in more than one parameter group/ });
  assert.throws(() => new optim.SGD([p.mul(2)]), { name: "ConfigError", message: /can't optimize a non-leaf Tensor/ });
  const opt = new optim.SGD([p], { lr: 0.1 });
  assert.throws(() => opt.addParamGroup({ params: [p] }), { name: "ConfigError", message: /more than one parameter group/ });
});
