// examples/common/epochs.ts: training stops after `patience` epochs without a better validation
// score and leaves the model with the best epoch's weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { manualSeed, nn, optim, randn } from "../../src/index.js";
import { Budget } from "../../examples/common/budget.js";
import { trainWithEarlyStopping } from "../../examples/common/epochs.js";

test("trainWithEarlyStopping: stops after patience epochs without improvement and restores the best epoch's weights", () => {
  manualSeed(0);
  const model = new nn.Linear(3, 1);
  const x = randn([8, 3]);
  const y = randn([8, 1]);
  const scores = [5, 2, 3, 4, 1]; // best at epoch 2; with patience 2, epochs 3 and 4 do not improve → stop before 5
  const weights: number[][] = [];
  const r = trainWithEarlyStopping({
    model,
    optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }),
    loader: [0, 1],
    budget: new Budget(60_000),
    patience: 2,
    loss: () => new nn.MSELoss().forward(model.forward(x), y),
    validate: () => scores[weights.length]!,
    onEpoch: () => weights.push(Array.from(model.weight.data as Float32Array)),
  });
  assert.equal(r.curve.length, 4);
  assert.equal(r.bestEpoch, 2);
  assert.equal(r.bestValid, 2);
  assert.ok(r.curve[3]!.trainLoss < r.curve[0]!.trainLoss, "the loss falls");
  assert.deepEqual(Array.from(model.weight.data as Float32Array), weights[1]);
  assert.notDeepEqual(weights[1], weights[3]);
});
