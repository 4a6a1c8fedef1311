// A training loop reaches a steady state: after warm-up, further steps neither grow the
// WebAssembly heap nor leave JavaScript arrays behind (memory is reused or released).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { wasmMemoryBytes } from "../../src/backend/wasm/index.js";
import { gc, settledArrayBytes } from "../helpers/memory.js";

test("100 training steps of a 2-layer LSTM with Adam: the heap stops growing", async () => {
  // Warm up on the threads the loop will use: on two threads the kernels need more working
  // memory (peak 1.30 MB against 1.00 MB on one, measured 2026-12-01), and workers that came
  // up after the warm-up (at step 7-8 of 10 on the 2-core VM) grew the heap once, legitimately.
  await R.threadsReady();
  R.manualSeed(0);
  const lstm = new R.nn.LSTM(16, 32, { numLayers: 2, bidirectional: true });
  const head = new R.nn.Linear(64, 4);
  const params = [...lstm.parameters(), ...head.parameters()];
  const opt = new R.optim.Adam(params, { lr: 1e-3 });
  const x = R.randn([20, 8, 16]);
  const target = R.randint(0, 4, [20 * 8]);
  const lossFn = new R.nn.CrossEntropyLoss();
  const step = () => {
    opt.zeroGrad();
    const [y] = lstm.forward(x);
    const loss = lossFn.forward(head.forward(y).reshape(-1, 4), target);
    loss.backward();
    opt.step();
    return loss.item();
  };
  for (let i = 0; i < 10; i++) step();
  const jsAfterWarmup = gc === undefined ? 0 : await settledArrayBytes(gc);
  const wasmAfterWarmup = wasmMemoryBytes();
  let last = 0;
  for (let i = 0; i < 90; i++) last = step();
  assert.ok(Number.isFinite(last));
  assert.equal(wasmMemoryBytes(), wasmAfterWarmup, "the WebAssembly heap grew after warm-up");
  if (gc !== undefined) {
    // Without forced collection the number is noise; with it, nothing may pile up.
    const grown = (await settledArrayBytes(gc)) - jsAfterWarmup;
    assert.ok(grown < 1e6, `JavaScript array memory grew by ${grown} bytes over 90 steps`);
  }
});
