// The WebAssembly heap: memory stops growing under repeated training calls, views survive
// memory growth, and packed weights are reused exactly while the caller's version is unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsBackend } from "../../../src/backend/js/index.js";
import { rnnWorkspaceSize, type GemmArgs, type RnnDims, type RnnMode } from "../../../src/backend/kernels.js";
import { wasmBackend, wasmMemoryBytes, wasmRuntime, type WasmGemmArgs, type WasmRnnForwardArgs, type WasmRnnBackwardArgs } from "../../../src/backend/wasm/index.js";
import { assertNear, lcg } from "./compare.js";

/** One forward and backward of a layer; weights fresh each call unless `w` is given; x's
 * gradient unless withDx is false. */
function trainStep(mode: RnnMode, w?: WasmRnnForwardArgs["w"], version?: number, withDx = true): void {
  const G = mode === "LSTM" ? 4 : 3, T = 6, B = 4, I = 10, H = 16, N = T * B;
  const dims: RnnDims = { mode, T, B, I, H, P: H, batchSizes: new Int32Array(T).fill(B), reverse: false };
  const weights = w ?? { wIh: lcg(G * H * I, 1), wHh: lcg(G * H * H, 2), bIh: lcg(G * H, 3), bHh: lcg(G * H, 4), wHr: null };
  const versions = version === undefined ? undefined : { wIh: version, wHh: version };
  const lstm = mode === "LSTM";
  const fwd: WasmRnnForwardArgs = {
    dims, w: weights, x: lcg(N * I, 5), h0: lcg(B * H, 6), c0: lstm ? lcg(B * H, 7) : null, versions,
    y: new Float32Array(N * H), hN: new Float32Array(B * H), cN: lstm ? new Float32Array(B * H) : null,
    workspace: new Float32Array(rnnWorkspaceSize(dims)),
  };
  wasmBackend()!.rnnForward(fwd);
  const bwd: WasmRnnBackwardArgs = {
    dims, w: weights, x: fwd.x, h0: fwd.h0, c0: fwd.c0, y: fwd.y, workspace: fwd.workspace!, versions,
    dy: lcg(N * H, 8), dhN: null, dcN: null,
    grads: {
      dx: withDx ? new Float32Array(N * I) : null, dWih: new Float32Array(G * H * I), dWhh: new Float32Array(G * H * H),
      dbIh: new Float32Array(G * H), dbHh: new Float32Array(G * H), dWhr: null, dh0: new Float32Array(B * H),
      dc0: lstm ? new Float32Array(B * H) : null,
    },
  };
  wasmBackend()!.rnnBackward(bwd);
}

function gemmArgs(m: number, n: number, k: number, b: Float32Array, bVersion?: number): WasmGemmArgs {
  return { transA: false, transB: true, m, n, k, alpha: 1, a: lcg(m * k, 9), aOffset: 0, lda: k, b, bOffset: 0, ldb: k,
    beta: 0, c: new Float32Array(m * n), cOffset: 0, ldc: n, bVersion };
}

function reference(g: GemmArgs<Float32Array>): Float32Array {
  const c = new Float32Array(g.c.length);
  jsBackend.gemm({ ...g, c });
  return c;
}

test("memory stops growing over many training calls (fresh, versioned and re-versioned weights)", () => {
  const G = 4, H = 16, I = 10;
  const w = { wIh: lcg(G * H * I, 11), wHh: lcg(G * H * H, 12), bIh: null, bHh: null, wHr: null };
  const sizes: number[] = [];
  for (let i = 0; i < 40; i++) {
    trainStep("LSTM");
    trainStep("GRU");
    trainStep("LSTM", w, i); // training: the same arrays, a new version every step
    trainStep("LSTM", w, 7); // inference: the same version, reused
    wasmBackend()!.gemm(gemmArgs(3, 50, 20, lcg(50 * 20, i)));
    sizes.push(wasmMemoryBytes());
  }
  assert.ok(sizes.slice(3).every((s) => s === sizes[2]), `memory grew after warm-up: ${[...new Set(sizes)].join(" → ")}`);
});

test("views are re-created after memory grows", () => {
  const before = wasmMemoryBytes();
  const big = gemmArgs(200, 300, 700, lcg(300 * 700, 13));
  wasmBackend()!.gemm(big);
  assert.ok(wasmMemoryBytes() > before, "the large call grew memory");
  assertNear(big.c, reference(big), "after growth");
  const small = gemmArgs(5, 7, 3, lcg(21, 14));
  wasmBackend()!.gemm(small);
  assertNear(small.c, reference(small), "next call");
});

test("a versioned operand is packed once per version; an unversioned one every call", () => {
  const cache = wasmRuntime()!.cache;
  const b = lcg(40 * 30, 15);
  const at = () => cache.stats();
  const s0 = at();
  const g1 = gemmArgs(6, 40, 30, b, 1);
  wasmBackend()!.gemm(g1);
  wasmBackend()!.gemm(gemmArgs(6, 40, 30, b, 1));
  const s1 = at();
  assert.deepEqual([s1.packs - s0.packs, s1.hits - s0.hits], [1, 1]);
  assertNear(g1.c, reference(g1), "first");

  // Training changes the weights in place and bumps the version: the copy is re-packed.
  b[0] = 5;
  const g2 = gemmArgs(6, 40, 30, b, 2);
  wasmBackend()!.gemm(g2);
  assertNear(g2.c, reference(g2), "after an in-place change with a new version");
  assert.equal(at().packs - s1.packs, 1);

  // The contract: an unchanged version means unchanged contents — the stale copy is used.
  b[0] = -5;
  const g3 = gemmArgs(6, 40, 30, b, 2);
  wasmBackend()!.gemm(g3);
  assert.notEqual(g3.c[0], reference(g3)[0], "a stale version is trusted");

  const s3 = at();
  wasmBackend()!.gemm(gemmArgs(6, 40, 30, b));
  wasmBackend()!.gemm(gemmArgs(6, 40, 30, b));
  assert.deepEqual([at().packs - s3.packs, at().hits - s3.hits], [2, 0]);
});

test("a training step packs each request once (a grouped one counts once); without dx one fewer: W_ih serves only dx", () => {
  const cache = wasmRuntime()!.cache;
  const packsOf = (withDx: boolean): number => {
    const s = cache.stats().packs;
    trainStep("GRU", undefined, undefined, withDx);
    return cache.stats().packs - s;
  };
  // One thread: forward W_ih and W_hh (its 3 gate blocks, grouped); backward W_ih and W_hh.
  assert.equal(packsOf(true), 4);
  assert.equal(packsOf(false), 3);
});

test("the cache is emptied when it would pass its limit, and results stay right", () => {
  const cache = wasmRuntime()!.cache;
  const limit = cache.limitBytes;
  cache.limitBytes = 64 * 1024;
  try {
    for (let i = 0; i < 20; i++) {
      const g = gemmArgs(4, 64, 64, lcg(64 * 64, 100 + i), 1); // 16 KB packed each
      wasmBackend()!.gemm(g);
      assert.ok(cache.stats().cachedBytes <= 64 * 1024, `cached ${cache.stats().cachedBytes} B`);
      assertNear(g.c, reference(g), `call ${i}`);
    }
  } finally {
    cache.limitBytes = limit;
  }
});
