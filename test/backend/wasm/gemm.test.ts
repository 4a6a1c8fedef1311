// The WebAssembly GEMM against the JS reference over a table of shapes: row/column vectors,
// sizes off the 4×8 tile and the 64×256 blocks, every transpose, offsets and padded leading
// dimensions, alpha, beta 0/1, k = 0; and float64 delegated to the reference unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveKernels } from "../../../src/backend/dispatch.js";
import { jsBackend } from "../../../src/backend/js/index.js";
import type { GemmArgs } from "../../../src/backend/kernels.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";
import { referenceRuntime } from "../../helpers/reference-wasm.js";
import { assertNear, lcg } from "./compare.js";

interface Case {
  m: number; n: number; k: number; transA?: boolean; transB?: boolean;
  alpha?: number; beta?: 0 | 1; pad?: number; offset?: number;
}

/** Builds the operands of a case; `pad` widens every leading dimension, `offset` shifts starts. */
function operands(c: Case, seed: number): GemmArgs<Float32Array> {
  const pad = c.pad ?? 0, off = c.offset ?? 0;
  const [aRows, aCols] = c.transA ? [c.k, c.m] : [c.m, c.k];
  const [bRows, bCols] = c.transB ? [c.n, c.k] : [c.k, c.n];
  const lda = aCols + pad, ldb = bCols + pad, ldc = c.n + pad;
  return {
    transA: c.transA ?? false, transB: c.transB ?? false, m: c.m, n: c.n, k: c.k, alpha: c.alpha ?? 1,
    a: lcg(off + aRows * lda + 3, seed), aOffset: off, lda,
    b: lcg(off + bRows * ldb + 3, seed + 1), bOffset: off, ldb,
    beta: c.beta ?? 0,
    c: lcg(off + c.m * ldc + 3, seed + 2), cOffset: off, ldc,
  };
}

function check(c: Case, seed: number): void {
  const ref = operands(c, seed);
  const got = { ...ref, c: ref.c.slice() };
  jsBackend.gemm(ref);
  wasmBackend()!.gemm(got);
  // The whole C buffer: the gaps of padded rows and the elements outside must be untouched.
  assertNear(got.c, ref.c, `gemm ${JSON.stringify(c)} C`);
}

const shapes: [number, number, number][] = [
  [1, 1, 1], [1, 100, 300], [1, 1024, 256], [100, 1, 30], [4, 8, 3], [5, 9, 7], [3, 33, 17], [7, 13, 1],
  [13, 5, 2], [8, 24, 256], [64, 24, 257], [70, 41, 600], [33, 31, 29],
];

test("wasm backend is available here (Node 20 validates SIMD)", () => {
  assert.ok(wasmBackend() !== null);
  assert.equal(wasmBackend()!.name, "wasm");
});

test("gemm matches the reference: shapes × transposes, beta 0 and 1", () => {
  let seed = 1;
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const beta of [0, 1] as const) check({ m, n, k, transA, transB, beta }, seed++);
      }
    }
  }
});

test("gemm: alpha, padded leading dimensions and offsets", () => {
  let seed = 100;
  for (const [m, n, k] of [[1, 9, 5], [6, 17, 12], [9, 8, 300]] as [number, number, number][]) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        check({ m, n, k, transA, transB, alpha: -0.5, beta: 1, pad: 3, offset: 5 }, seed++);
        check({ m, n, k, transA, transB, alpha: 2, beta: 0, pad: 1, offset: 2 }, seed++);
      }
    }
  }
});

test("gemm: k = 0 zeroes C with beta 0 and leaves it with beta 1; m or n = 0 does nothing", () => {
  check({ m: 3, n: 5, k: 0, beta: 0 }, 7);
  check({ m: 3, n: 5, k: 0, beta: 1 }, 8);
  check({ m: 0, n: 5, k: 4 }, 9);
  check({ m: 3, n: 0, k: 4 }, 10);
});

test("gemm: beta 0 overwrites C without reading it (NaN in C does not leak)", () => {
  const g = operands({ m: 5, n: 10, k: 6 }, 11);
  g.c.fill(NaN);
  const ref = { ...g, c: g.c.slice() };
  jsBackend.gemm(ref);
  wasmBackend()!.gemm(g);
  assertNear(g.c.subarray(0, 50), ref.c.subarray(0, 50), "C");
  assert.ok(g.c.subarray(0, 50).every((v) => Number.isFinite(v)));
  assert.ok(g.c.subarray(50).every((v) => Number.isNaN(v)), "past C's last row");
});

test("gemm: C may alias A (inputs are copied before C is written)", () => {
  const buf = lcg(4 * 4 + 16, 12);
  const ref = buf.slice();
  const args = (x: Float32Array): GemmArgs<Float32Array> => ({ transA: false, transB: false, m: 4, n: 4, k: 4, alpha: 1,
    a: x, aOffset: 0, lda: 4, b: lcg(16, 13), bOffset: 0, ldb: 4, beta: 1, c: x, cOffset: 16, ldc: 4 });
  jsBackend.gemm(args(ref));
  wasmBackend()!.gemm(args(buf));
  assertNear(buf, ref, "aliased C");
});

test("gemm: float64 goes to the JS reference, bit for bit", () => {
  const g32 = operands({ m: 7, n: 9, k: 5, transB: true, beta: 1 }, 14);
  const mk = (): GemmArgs<Float64Array> => ({ ...g32, a: Float64Array.from(g32.a), b: Float64Array.from(g32.b), c: Float64Array.from(g32.c) });
  const ref = mk(), got = mk();
  jsBackend.gemm(ref);
  resolveKernels(wasmBackend()!).gemm(got); // the dispatcher: the wasm backend declares float32 only
  assert.deepEqual(got.c, ref.c);
});

test("inside the module: the packed kernel agrees with gemm_naive, its plain-loop reference (the reference build)", () => {
  const { kernels, heap } = referenceRuntime();
  for (const [m, n, k] of [[1, 30, 9], [6, 17, 300], [67, 9, 13]] as [number, number, number][]) {
    for (const transB of [false, true]) {
      const [rsB, csB] = transB ? [1, k] : [n, 1];
      heap.reset();
      const a = heap.copyIn(lcg(m * k, m)), b = heap.copyIn(lcg(k * n, n));
      const bp = heap.alloc(kernels.packed_b_bytes(k, n));
      kernels.pack_b(k, n, b, rsB, csB, bp);
      const c0 = lcg(m * n, k);
      const c1 = heap.copyIn(c0), c2 = heap.copyIn(c0);
      kernels.gemm(m, n, k, a, k, 1, bp, c1, n, 0.5, 1, heap.alloc(kernels.gemm_scratch_bytes()));
      kernels.gemm_naive(m, n, k, a, k, 1, b, rsB, csB, c2, n, 0.5, 1);
      const f = heap.f32();
      assertNear(f.subarray(c1 >>> 2, (c1 >>> 2) + m * n), f.subarray(c2 >>> 2, (c2 >>> 2) + m * n), `${m}×${n}×${k} transB=${transB}`);
    }
  }
});
