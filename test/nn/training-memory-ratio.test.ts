// Training memory against the activations a backward must keep. A recurrent layer keeps, per
// packed row, its gates and cell state (the workspace) and its output: that is the floor. What
// the backend adds on top — its WebAssembly working memory for the kernels — must stay within
// half of it (issue: "training memory within ~1.5× of the activations"). Packed copies of the
// weights (the kernels' weight cache) scale with the model, not the activations, and are left
// out. A file of its own: the kernels' heap keeps its high-water mark, which must start fresh.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { rnnWorkspaceSize } from "../../src/backend/kernels.js";
import { gc, settledArrayBytes } from "../helpers/memory.js";

test("an LSTM training step holds its activations plus at most half as much again", { skip: gc === undefined ? "needs --expose-gc" : false }, async (t) => {
  const [I, H, T, B] = [64, 64, 200, 16];
  R.manualSeed(0);
  const lstm = new R.nn.LSTM(I, H);
  const opt = new R.optim.Adam(lstm.parameters(), { lr: 1e-3 });
  const x = R.randn([T, B, I]);
  const step = () => {
    opt.zeroGrad();
    const [y] = lstm.forward(x);
    y.pow(2).mean().backward();
    opt.step();
  };
  step();
  step();
  const before = await settledArrayBytes(gc!);
  const [y] = lstm.forward(x);
  const kept = (await settledArrayBytes(gc!)) - before;
  y.pow(2).mean().backward();
  opt.step();

  // Workspace (gates and c of every row) and output y, float32.
  const dims = { mode: "LSTM" as const, T, B, I, H, P: H, batchSizes: new Int32Array(T).fill(B), reverse: false };
  const activations = 4 * (rnnWorkspaceSize(dims) + T * B * H);
  const { peakBytes, weightCacheBytes: cache } = R.wasmMemoryStats();
  const working = peakBytes - cache;
  const ratio = (kept + working) / activations;
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MB`;
  const what = `activations ${mb(activations)}; kept by the forward ${mb(kept)}; kernel working memory ${mb(working)} (weight cache ${mb(cache)} not counted): ${ratio.toFixed(2)}×`;
  t.diagnostic(what);
  assert.ok(kept >= activations * 0.98, `the forward keeps less than the activations it needs? ${what}`);
  assert.ok(ratio <= 1.5, what);
});
