// The fused WebAssembly recurrent kernels against the JS reference: every mode × bias ×
// direction × (full or packed batch) × hidden size 1, 7, 64, and LSTM projections, comparing
// y, h_n, c_n, the workspace and every gradient buffer (tolerance: see compare.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveKernels } from "../../../src/backend/dispatch.js";
import { jsBackend } from "../../../src/backend/js/index.js";
import { GATES, rnnWorkspaceSize, type CoreKernels, type RnnDims, type RnnGrads, type RnnMode, type RnnWeights } from "../../../src/backend/kernels.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";
import { assertNear, lcg } from "./compare.js";

interface Config {
  mode: RnnMode; H: number; bias: boolean; reverse: boolean; batchSizes: number[]; I?: number; P?: number;
}

const MODES: RnnMode[] = ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"];
/** Full batches of 5 (the 4-row GEMM tile plus one row), and a packed batch shrinking to 1. */
const BATCHES = [[5, 5, 5, 5], [5, 4, 2, 1, 1]];

function setup(c: Config, seed: number) {
  const T = c.batchSizes.length, B = c.batchSizes[0]!, I = c.I ?? 6, H = c.H, P = c.P ?? H;
  const G = GATES[c.mode], GH = G * H;
  const N = c.batchSizes.reduce((a, b) => a + b, 0);
  const dims: RnnDims = { mode: c.mode, T, B, I, H, P, batchSizes: Int32Array.from(c.batchSizes), reverse: c.reverse };
  const k = 1 / Math.sqrt(H); // PyTorch's init range
  const w: RnnWeights<Float32Array> = {
    wIh: lcg(GH * I, seed, -k, k), wHh: lcg(GH * P, seed + 1, -k, k),
    bIh: c.bias ? lcg(GH, seed + 2, -k, k) : null, bHh: c.bias ? lcg(GH, seed + 3, -k, k) : null,
    wHr: P !== H ? lcg(P * H, seed + 4, -k, k) : null,
  };
  const lstm = c.mode === "LSTM";
  const x = lcg(N * I, seed + 5), h0 = lcg(B * P, seed + 6), c0 = lstm ? lcg(B * H, seed + 7) : null;
  const grads = (): RnnGrads<Float32Array> => ({
    dx: new Float32Array(N * I), dWih: new Float32Array(GH * I), dWhh: new Float32Array(GH * P),
    dbIh: c.bias ? new Float32Array(GH) : null, dbHh: c.bias ? new Float32Array(GH) : null,
    dWhr: w.wHr !== null ? new Float32Array(P * H) : null,
    dh0: new Float32Array(B * P), dc0: lstm ? new Float32Array(B * H) : null,
  });
  const outputs = () => ({
    y: new Float32Array(N * P), hN: new Float32Array(B * P), cN: lstm ? new Float32Array(B * H) : null,
    workspace: new Float32Array(rnnWorkspaceSize(dims)),
  });
  const upstream = { dy: lcg(N * P, seed + 8), dhN: lcg(B * P, seed + 9), dcN: lstm ? lcg(B * H, seed + 10) : null };
  return { dims, w, x, h0, c0, grads, outputs, upstream };
}

function name(c: Config): string {
  return `${c.mode} H=${c.H}${c.P !== undefined ? ` P=${c.P}` : ""} bias=${c.bias} reverse=${c.reverse} batchSizes=[${c.batchSizes}]`;
}

/** Forward and backward on both backends; every output and gradient compared. */
function check(c: Config, seed: number, opts: { noWorkspace?: boolean; upstream?: "all" | "dy" | "states" } = {}): void {
  const s = setup(c, seed);
  const what = name(c);
  const ref = s.outputs(), got = s.outputs();
  jsBackend.rnnForward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, ...ref });
  wasmBackend()!.rnnForward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, ...got, workspace: opts.noWorkspace ? null : got.workspace });
  assertNear(got.y, ref.y, `${what}: y`);
  assertNear(got.hN, ref.hN, `${what}: hN`);
  if (ref.cN !== null) assertNear(got.cN!, ref.cN, `${what}: cN`);
  if (opts.noWorkspace) return;
  assertNear(got.workspace, ref.workspace, `${what}: workspace`);

  const up = opts.upstream ?? "all";
  const dy = up === "states" ? null : s.upstream.dy;
  const dhN = up === "dy" ? null : s.upstream.dhN, dcN = up === "dy" ? null : s.upstream.dcN;
  const gRef = s.grads(), gGot = s.grads();
  // Gradients accumulate: start both from the same non-zero values.
  for (const g of [gRef, gGot]) for (const b of Object.values(g)) if (b !== null) b.set(lcg(b.length, seed + 11));
  const common = { dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, y: ref.y, workspace: ref.workspace, dy, dhN, dcN };
  jsBackend.rnnBackward({ ...common, grads: gRef });
  wasmBackend()!.rnnBackward({ ...common, grads: gGot });
  for (const [k, b] of Object.entries(gRef)) {
    if (b !== null) assertNear(gGot[k as keyof RnnGrads]!, b, `${what}: ${k}`);
  }
}

let seed = 1;
for (const mode of MODES) {
  test(`${mode}: forward and backward match the reference (bias × reverse × batch × H 1, 7, 64)`, () => {
    for (const H of [1, 7, 64]) {
      for (const bias of [true, false]) {
        for (const reverse of [false, true]) {
          for (const batchSizes of BATCHES) check({ mode, H, bias, reverse, batchSizes }, seed++ * 100);
        }
      }
    }
  });
}

test("LSTM with projection matches the reference (P < H, both directions, packed)", () => {
  for (const [H, P] of [[7, 3], [64, 20], [2, 1]]) {
    for (const reverse of [false, true]) {
      for (const batchSizes of BATCHES) check({ mode: "LSTM", H: H!, P, bias: reverse, reverse, batchSizes }, seed++ * 100);
    }
  }
});

test("inputs past one GEMM block: I = 300, 9 steps of batch 9", () => {
  for (const mode of MODES) check({ mode, H: 33, I: 300, bias: true, reverse: mode === "GRU", batchSizes: [9, 9, 9, 8, 8, 6, 3, 2, 1] }, seed++ * 100);
});

test("forward without a workspace (inference); backward with only dy or only the final states", () => {
  for (const mode of MODES) {
    const c = { mode, H: 7, bias: true, reverse: false, batchSizes: [3, 3, 2, 1] };
    check(c, seed++ * 100, { noWorkspace: true });
    check(c, seed++ * 100, { upstream: "dy" });
    check({ ...c, reverse: true }, seed++ * 100, { upstream: "states" });
  }
});

test("float64 layers go to the JS reference, bit for bit", () => {
  const s = setup({ mode: "GRU", H: 5, bias: true, reverse: false, batchSizes: [2, 2, 1] }, 7);
  const f64 = (a: Float32Array | null) => (a === null ? null : Float64Array.from(a));
  const w = { wIh: f64(s.w.wIh)!, wHh: f64(s.w.wHh)!, bIh: f64(s.w.bIh), bHh: f64(s.w.bHh), wHr: null };
  const run = (b: CoreKernels) => {
    const o = s.outputs();
    const out = { y: f64(o.y)!, hN: f64(o.hN)!, cN: null, workspace: f64(o.workspace)! };
    b.rnnForward({ dims: s.dims, w, x: f64(s.x)!, h0: f64(s.h0)!, c0: null, ...out });
    return out;
  };
  const ref = run(jsBackend), got = run(resolveKernels(wasmBackend()!)); // the dispatcher: wasm declares float32 only
  assert.deepEqual(got, ref);
});
