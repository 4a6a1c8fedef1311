// End to end: a 2-8-1 tanh MLP learns XOR with Adam and MSELoss, seeded as PyTorch would be.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn, optim } = R;

class Tanh extends nn.Module {
  forward(x: R.Tensor): R.Tensor {
    return x.tanh();
  }
}

test("Adam trains nn.Sequential(Linear(2, 8), Tanh, Linear(8, 1)) on XOR to MSE < 0.01", () => {
  R.manualSeed(0);
  const net = new nn.Sequential(new nn.Linear(2, 8), new Tanh(), new nn.Linear(8, 1));
  const opt = new optim.Adam(net.parameters(), { lr: 0.05 });
  const lossFn = new nn.MSELoss();
  const x = R.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = R.tensor([[0], [1], [1], [0]]);
  let loss = Infinity;
  let epochs = 0;
  for (; epochs < 1000 && loss >= 0.01; epochs++) {
    opt.zeroGrad();
    const l = lossFn.forward(net.forward(x), y);
    l.backward();
    opt.step();
    loss = l.item();
  }
  const final = R.noGrad(() => lossFn.forward(net.forward(x), y).item());
  assert.ok(final < 0.01, `MSE ${final} after ${epochs} epochs`);
  const predictions = R.noGrad(() => Array.from(net.forward(x).data, (v) => Math.round(v)));
  assert.deepEqual(predictions, [0, 1, 1, 0]);
});
