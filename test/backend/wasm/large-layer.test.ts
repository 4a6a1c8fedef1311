// Layers too large for the WebAssembly heap (#9 item 11): a call whose weights would pack past
// packLimit runs on the JS reference for that call — the same numbers as the JS backend, bit
// for bit — instead of failing with an uncoded RangeError from the heap. The limit is lowered
// here so that a small layer crosses it (the real one, 1 GiB, is crossed by an RNN of hidden
// size ~11,600: W_hh packs to 4·H² bytes, and packing reads a copy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveKernels } from "../../../src/backend/dispatch.js";
import { jsBackend } from "../../../src/backend/js/index.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";
import { packLimit } from "../../../src/backend/wasm/weight-cache.js";
import type { CoreKernels } from "../../../src/backend/kernels.js";
import { setup, type Config } from "./layer-case.js";

/** Forward and backward of layer `c` on kernels `k`. */
function runLayerOn(k: CoreKernels, c: Config, seed: number) {
  const s = setup(c, seed);
  const out = s.outputs();
  k.rnnForward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, ...out });
  const grads = s.grads();
  k.rnnBackward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, y: out.y, workspace: out.workspace, ...s.upstream, grads });
  return { out, grads };
}

const skip = wasmBackend() === null ? "no WebAssembly backend" : false;

test("a layer whose weights pass the pack limit runs on the JS reference for that call, bit for bit", { skip }, () => {
  const saved = packLimit.bytes;
  const c: Config = { mode: "GRU", H: 40, bias: true, reverse: false, batchSizes: [3, 3, 2] };
  try {
    packLimit.bytes = 16 * 1024; // W_hh (120 × 40) alone packs to ~19 KB
    const big = runLayerOn(resolveKernels(wasmBackend()!), c, 3);
    const ref = runLayerOn(jsBackend, c, 3);
    assert.deepEqual(big, ref, "over the limit: the JS reference's numbers");
    packLimit.bytes = saved;
    const wasm = runLayerOn(resolveKernels(wasmBackend()!), c, 3);
    assert.notDeepEqual(wasm, ref, "under the limit: the WebAssembly kernels (rounded differently)");
  } finally {
    packLimit.bytes = saved;
  }
});
