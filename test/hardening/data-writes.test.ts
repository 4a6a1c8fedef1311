// Writes through `.data` reach every backend (issue 9, item 2): the WebAssembly backend keeps
// packed copies of weights keyed by a content version, and handing the array out through
// `.data` changes that version, so zeroing every parameter through `p.data.fill(0)` gives
// the zeros the JS reference gives — before, the wasm backend kept computing with the old
// packed weights (0.7335 where js gives 0).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { contentVersion } from "../../src/tensor/tensor.js";
import { wasmRuntime } from "../../src/backend/wasm/index.js";

const { nn } = R;

test("zeroing every parameter through .data gives zeros on the next forward (RNN, LSTM, GRU, Linear)", () => {
  R.manualSeed(3);
  const x = R.randn([5, 2, 4]);
  const layers: [string, () => R.Tensor][] = [];
  const rnn = new nn.RNN(4, 8, { numLayers: 2 });
  layers.push(["RNN", () => rnn.forward(x)[0]]);
  const lstm = new nn.LSTM(4, 8, { bidirectional: true });
  layers.push(["LSTM", () => lstm.forward(x)[0]]);
  const gru = new nn.GRU(4, 8);
  layers.push(["GRU", () => gru.forward(x)[0]]);
  const lin = new nn.Linear(4, 64);
  layers.push(["Linear", () => lin.forward(x.reshape(10, 4))]);
  const modules = [rnn, lstm, gru, lin];
  const before = layers.map(([, run]) => run());
  assert.ok(before.every((y) => y.abs().max().item() > 0.01), "nonzero outputs before");
  for (const m of modules) for (const p of m.parameters()) p.data.fill(0);
  layers.forEach(([name, run]) => {
    const y = run();
    const max = y.abs().max().item();
    // LSTM with zero weights: h = o·tanh(c) with o = σ(0) = 0.5, c = 0.5·c + 0.5·0 = 0 → 0; GRU: n = 0, h = 0.5 h → 0.
    assert.equal(max, 0, `${name} on ${R.backend().name}: max |output| after zeroing the weights through .data`);
  });
});

test("reading through .data changes the content version; internal reads and saved-tensor checks do not trip", () => {
  const w = R.randn([3, 3], { requiresGrad: true });
  const v0 = contentVersion(w);
  void w.data;
  assert.ok(contentVersion(w) > v0, "content version grows after .data");
  assert.equal(w.storage.version, 0, "autograd's version is untouched by a read");
  // A weight used twice in a graph and read through .data in between still backpropagates.
  const x = R.randn([2, 3]);
  const y = R.linear(R.linear(x, w), w);
  void w.data[0];
  y.sum().backward();
  assert.deepEqual(w.grad!.shape, [3, 3]);
});

test("an unchanged weight is packed once on the wasm backend (reading .data is the only thing that repacks)", { skip: R.backend().name !== "wasm" ? "needs the wasm backend" : false }, () => {
  const lstm = new nn.LSTM(8, 16);
  const x = R.randn([4, 3, 8]);
  R.noGrad(() => lstm.forward(x));
  const packs = () => wasmRuntime()!.cache.stats().packs;
  const p0 = packs();
  R.noGrad(() => lstm.forward(x));
  assert.equal(packs() - p0, 0, "no repack of unchanged weights");
  void lstm.getParameter("weight_hh_l0").data;
  const p1 = packs();
  R.noGrad(() => lstm.forward(x));
  assert.ok(packs() - p1 >= 1, "repacked after the array was handed out");
});
