// The fused layer op (JS reference kernels) held to the composed reference built from ordinary
// ops, values and gradients, and to finite differences in float64 — for every mode, with and
// without bias, both directions, packed batches and the LSTM projection.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { rnnLayer, type RnnLayerWeights } from "../../src/autograd/ops/rnn.js";
import { rnnLayerReference } from "../../src/nn/rnn/reference.js";
import type { RnnDims, RnnMode } from "../../src/backend/kernels.js";
import { lcgTensor, maxAbsDiff } from "../helpers/data.js";

interface Case {
  mode: RnnMode;
  H: number;
  bias: boolean;
  reverse: boolean;
  batchSizes: number[];
  proj?: number;
}

const G: Record<RnnMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

function setup(c: Case, seed: number) {
  const I = 3;
  const B = c.batchSizes[0]!;
  const P = c.proj ?? c.H;
  const N = c.batchSizes.reduce((a, b) => a + b, 0);
  const dims: RnnDims = { mode: c.mode, T: c.batchSizes.length, B, I, H: c.H, P, batchSizes: Int32Array.from(c.batchSizes), reverse: c.reverse };
  const gh = G[c.mode] * c.H;
  const w: RnnLayerWeights = {
    wIh: lcgTensor([gh, I], seed + 1), wHh: lcgTensor([gh, P], seed + 2),
    bIh: c.bias ? lcgTensor([gh], seed + 3) : null, bHh: c.bias ? lcgTensor([gh], seed + 4) : null,
    wHr: c.proj !== undefined ? lcgTensor([P, c.H], seed + 5) : null,
  };
  const x = lcgTensor([N, I], seed + 6);
  const h0 = lcgTensor([B, P], seed + 7);
  const c0 = c.mode === "LSTM" ? lcgTensor([B, c.H], seed + 8) : null;
  const inputs = [x, h0, ...(c0 ? [c0] : []), w.wIh, w.wHh, ...(w.bIh ? [w.bIh, w.bHh!] : []), ...(w.wHr ? [w.wHr] : [])];
  return { dims, w, x, h0, c0, inputs };
}

const cases: Case[] = [];
for (const mode of ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as const) {
  for (const H of [1, 4]) {
    for (const bias of [true, false]) {
      for (const reverse of [false, true]) {
        for (const batchSizes of [[2, 2, 2], [3, 3, 2, 1]]) cases.push({ mode, H, bias, reverse, batchSizes });
      }
    }
  }
}
for (const reverse of [false, true]) {
  cases.push({ mode: "LSTM", H: 4, bias: true, reverse, batchSizes: [3, 2, 2, 1], proj: 2 });
  cases.push({ mode: "LSTM", H: 3, bias: false, reverse, batchSizes: [2, 2], proj: 1 });
}

const label = (c: Case) => `${c.mode} H=${c.H} bias=${c.bias} reverse=${c.reverse} batchSizes=[${c.batchSizes}]${c.proj ? ` proj=${c.proj}` : ""}`;

for (const [n, c] of cases.entries()) {
  test(`fused = composed reference, values and gradients: ${label(c)}`, () => {
    const { dims, w, x, h0, c0, inputs } = setup(c, 100 * n);
    const fused = rnnLayer(dims, x, h0, c0, w);
    const ref = rnnLayerReference(dims, x, h0, c0, w);
    assert.equal(fused.length, ref.length);
    fused.forEach((t, k) => {
      assert.deepEqual(t.shape, ref[k]!.shape, `output ${k} shape`);
      assert.ok(maxAbsDiff(t, ref[k]!) < 1e-12, `output ${k} differs by ${maxAbsDiff(t, ref[k]!)}`);
    });
    const weights = fused.map((t, k) => lcgTensor(t.shape as number[], 7 + k, -1, 1, false));
    const gf = R.grad(fused, inputs, weights);
    const gr = R.grad(ref, inputs, weights);
    gf.forEach((g, k) => assert.ok(maxAbsDiff(g!, gr[k]!) < 1e-11, `gradient of input ${k} differs by ${maxAbsDiff(g!, gr[k]!)}`));
  });
}

for (const [n, c] of cases.filter((_, i) => i % 3 === 0 || _.proj !== undefined).entries()) {
  test(`fused backward = finite differences (float64): ${label(c)}`, () => {
    const { dims, w, x, h0, c0, inputs } = setup(c, 37 * n + 5);
    R.gradcheck(() => rnnLayer(dims, x, h0, c0, w), inputs, { name: label(c) });
  });
}

test("only the final state used: gradients still reach every input (dy null in the kernel)", () => {
  const c: Case = { mode: "GRU", H: 3, bias: true, reverse: false, batchSizes: [2, 2, 1] };
  const { dims, w, x, h0, inputs } = setup(c, 3);
  R.gradcheck(() => rnnLayer(dims, x, h0, null, w)[1]!, inputs, { name: "hN only" });
});

test("an input that needs no gradient: the weights' gradients are unchanged, x gets none (dx null in the kernel)", () => {
  for (const mode of ["LSTM", "GRU", "RNN_TANH"] as const) {
    const grads = (xNeedsGrad: boolean) => {
      R.manualSeed(5);
      const layer = mode === "LSTM" ? new R.nn.LSTM(6, 5, { bidirectional: true }) : mode === "GRU" ? new R.nn.GRU(6, 5) : new R.nn.RNN(6, 5);
      const x = R.randn([4, 3, 6], { requiresGrad: xNeedsGrad });
      const y = layer instanceof R.nn.LSTM ? layer.forward(x)[0] : layer.forward(x)[0];
      y.mul(y).sum().backward();
      return { x, params: layer.parameters().map((p) => Array.from(p.grad!.data)) };
    };
    const withDx = grads(true), without = grads(false);
    assert.ok(withDx.x.grad !== null && without.x.grad === null, `${mode}: x.grad only when x requires grad`);
    assert.deepEqual(without.params, withDx.params, `${mode}: weight gradients`);
  }
});
