// Module.dispose (#9 item 7, the explicit path): the WebAssembly backend's packed copies of a
// module's weights are released at once, not when the collector gets to the model; the module
// stays usable (its next call packs again) and gives the same numbers. Counted in cache bytes
// and packs (wasmRuntime().cache.stats()), not timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { manualSeed, nn, noGrad, randn, setBackend, type Tensor } from "../../src/index.js";
import { wasmRuntime } from "../../src/backend/wasm/index.js";

const skip = wasmRuntime() === null ? "no WebAssembly backend" : false;
const stats = () => wasmRuntime()!.cache.stats();
const run = (m: nn.LSTM, x: Tensor) => noGrad(() => m.forward(x)[0]);

/** Runs `body` on the wasm backend with an empty weight cache, then restores the backend. */
function onEmptyCache(body: () => void): void {
  const prev = setBackend("wasm");
  try {
    wasmRuntime()!.cache.clear();
    body();
  } finally {
    setBackend(prev);
  }
}

test("dispose releases a module's packed weights now, and the module re-packs at its next call", { skip }, () => {
  onEmptyCache(() => {
    manualSeed(0);
    const x = randn([5, 2, 8]);
    const m = new nn.LSTM(8, 32);
    const before = run(m, x).tolist();
    const held = stats().cachedBytes;
    assert.ok(held > 0, "the LSTM's weights were packed into the cache");
    m.dispose();
    assert.equal(stats().cachedBytes, 0, "the only model's packed weights are given back at once");
    m.dispose(); // twice is harmless
    const packs = stats().packs;
    assert.deepEqual(run(m, x).tolist(), before, "same output after dispose");
    assert.ok(stats().packs > packs, "the disposed module packed its weights again");
    assert.equal(stats().cachedBytes, held);
  });
});

test("dispose releases only that module's weights: another module keeps its packed copies", { skip }, () => {
  onEmptyCache(() => {
    manualSeed(1);
    const x = randn([4, 2, 8]);
    const small = new nn.LSTM(8, 8);
    const big = new nn.LSTM(8, 48);
    run(small, x);
    run(big, x);
    small.dispose(); // less than half the cache: the region stays, small's slots are forgotten
    const s0 = stats();
    run(big, x);
    const s1 = stats();
    assert.equal(s1.packs, s0.packs, "big's weights were not packed again");
    assert.ok(s1.hits > s0.hits, "big's call reused its packed weights");
    run(small, x);
    assert.ok(stats().packs > s1.packs, "small packs again after its dispose");
  });
});
