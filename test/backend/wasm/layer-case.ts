// One recurrent layer-direction as the kernels see it: random weights, inputs and upstream
// gradients from a seed; forward and backward on the WebAssembly backend as currently set; two
// such runs compared buffer by buffer. Shared by the tests that hold the kernels' split paths
// (threads, runs of steps) to the plain one.
import { GATES, rnnWorkspaceSize, type RnnDims, type RnnGrads, type RnnMode, type RnnWeights } from "../../../src/backend/kernels.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";
import { assertNear, lcg } from "./compare.js";

export interface Config {
  mode: RnnMode; H: number; bias: boolean; reverse: boolean; batchSizes: number[]; I?: number; P?: number;
}

export function setup(c: Config, seed: number) {
  const T = c.batchSizes.length, B = c.batchSizes[0]!, I = c.I ?? 6, H = c.H, P = c.P ?? H;
  const GH = GATES[c.mode] * H, N = c.batchSizes.reduce((a, b) => a + b, 0), lstm = c.mode === "LSTM";
  const dims: RnnDims = { mode: c.mode, T, B, I, H, P, batchSizes: Int32Array.from(c.batchSizes), reverse: c.reverse };
  const k = 1 / Math.sqrt(H);
  const w: RnnWeights<Float32Array> = {
    wIh: lcg(GH * I, seed, -k, k), wHh: lcg(GH * P, seed + 1, -k, k),
    bIh: c.bias ? lcg(GH, seed + 2, -k, k) : null, bHh: c.bias ? lcg(GH, seed + 3, -k, k) : null,
    wHr: P !== H ? lcg(P * H, seed + 4, -k, k) : null,
  };
  const x = lcg(N * I, seed + 5), h0 = lcg(B * P, seed + 6), c0 = lstm ? lcg(B * H, seed + 7) : null;
  const outputs = () => ({
    y: new Float32Array(N * P), hN: new Float32Array(B * P), cN: lstm ? new Float32Array(B * H) : null,
    workspace: new Float32Array(rnnWorkspaceSize(dims)),
  });
  const grads = (): RnnGrads<Float32Array> => ({
    dx: lcg(N * I, seed + 11), dWih: lcg(GH * I, seed + 12), dWhh: lcg(GH * P, seed + 13),
    dbIh: c.bias ? lcg(GH, seed + 14) : null, dbHh: c.bias ? lcg(GH, seed + 15) : null,
    dWhr: w.wHr !== null ? lcg(P * H, seed + 16) : null, dh0: lcg(B * P, seed + 17), dc0: lstm ? lcg(B * H, seed + 18) : null,
  });
  const upstream = { dy: lcg(N * P, seed + 8), dhN: lcg(B * P, seed + 9), dcN: lstm ? lcg(B * H, seed + 10) : null };
  return { dims, w, x, h0, c0, outputs, grads, upstream };
}

export type LayerResult = ReturnType<typeof runLayer>;

/** Forward and backward of the layer on the WebAssembly backend, with the current settings. */
export function runLayer(c: Config, seed: number) {
  const s = setup(c, seed);
  const out = s.outputs();
  wasmBackend()!.rnnForward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, ...out });
  const grads = s.grads();
  wasmBackend()!.rnnBackward({ dims: s.dims, w: s.w, x: s.x, h0: s.h0, c0: s.c0, y: out.y, workspace: out.workspace, ...s.upstream, grads });
  return { out, grads };
}

export function describe(c: Config): string {
  return `${c.mode} H=${c.H}${c.P !== undefined ? ` P=${c.P}` : ""} bias=${c.bias} reverse=${c.reverse} batchSizes=[${c.batchSizes}]`;
}

/** Asserts that two runs of one layer agree in every output, workspace and gradient. */
export function assertSameLayer(got: LayerResult, want: LayerResult, what: string): void {
  for (const k of ["y", "hN", "cN", "workspace"] as const) {
    if (want.out[k] !== null) assertNear(got.out[k]!, want.out[k]!, `${what}: ${k}`);
  }
  for (const [k, b] of Object.entries(want.grads)) {
    if (b !== null) assertNear(got.grads[k as keyof RnnGrads]!, b, `${what}: ${k}`);
  }
}
