// Packed weights of collected models are given back to the cache (#9 item 7): many small
// models made, run once and dropped must not grow the WebAssembly memory's weight cache with
// their number. Counted in cache bytes after garbage collection (node --expose-gc), not timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setImmediate as tick } from "node:timers/promises";
import { manualSeed, nn, noGrad, randn, setBackend } from "../../../src/index.js";
import { wasmRuntime } from "../../../src/backend/wasm/index.js";

const gc = (globalThis as { gc?: () => void }).gc;
const skip = gc === undefined ? "needs node --expose-gc" : wasmRuntime() === null ? "no WebAssembly backend" : false;

test("the weight cache reclaims the packed weights of collected models (2,000 LSTMs made and dropped)", { skip }, async () => {
  const prev = setBackend("wasm");
  try {
    manualSeed(0);
    const x = randn([3, 2, 8]);
    const run = () => noGrad(() => new nn.LSTM(8, 16).forward(x));
    run();
    const one = wasmRuntime()!.cache.stats().cachedBytes; // one model's packed weights (the cache was empty or nearly)
    let most = 0;
    for (let i = 0; i < 2000; i++) {
      run();
      if (i % 100 === 99) {
        gc!();
        await tick(); // finalizers run after the collection, on the event loop
        await tick();
      }
      most = Math.max(most, wasmRuntime()!.cache.stats().cachedBytes);
    }
    assert.ok(one > 0, "a model's weights were cached");
    // Before: the cache grew linearly (2,000 models' weights, ~2000 × one); now it is emptied
    // whenever collected models hold more of it than live ones do.
    assert.ok(most < 400 * one, `cache peaked at ${most} bytes (${(most / one).toFixed(0)} models' weights)`);
  } finally {
    setBackend(prev);
  }
});
