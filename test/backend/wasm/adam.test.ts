// Adam's float32 update on the WebAssembly kernels against the JS reference, bit for bit: both
// lerp branches (1 − β1 below and above ½), maximize, lengths that are not a multiple of 4, and
// values from 1e-30 to 1e+30 with zeros and both signs, over several steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AdamArgs } from "../../../src/backend/kernels.js";
import { jsBackend } from "../../../src/backend/js/index.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";
import { lcg } from "./compare.js";

/** n float32 values of wide magnitude: lcg's (−1, 1) scaled by 10^k, k in −30..30; some zeros. */
function wide(n: number, seed: number): Float32Array {
  const u = lcg(n, seed), e = lcg(n, seed + 1);
  return Float32Array.from(u, (x, i) => (i % 11 === 0 ? 0 : x * 10 ** Math.round(e[i]! * 30)));
}

function argsFor(n: number, seed: number, betas: [number, number], maximize: boolean, step: number): AdamArgs {
  const f = Math.fround;
  return {
    param: wide(n, seed), grad: wide(n, seed + 7), expAvg: wide(n, seed + 13).map((x) => x * 1e-3),
    expAvgSq: wide(n, seed + 21).map(Math.abs), maximize,
    w1: f(1 - betas[0]), b2: f(betas[1]), c2: f(1 - betas[1]), bc2: f(Math.sqrt(1 - betas[1] ** step)),
    eps: f(1e-8), negStep: f(-1e-3 / (1 - betas[0] ** step)),
  };
}

function copy(a: AdamArgs): AdamArgs {
  return { ...a, param: a.param.slice(), grad: a.grad.slice(), expAvg: a.expAvg.slice(), expAvgSq: a.expAvgSq.slice() };
}

test("adamFloat32: WebAssembly equals the JS reference bit for bit", { skip: wasmBackend() === null }, () => {
  for (const [betas, maximize] of [[[0.9, 0.999], false], [[0.3, 0.99], true], [[0.5, 0.5], false]] as [[number, number], boolean][]) {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 1003]) {
      const js = argsFor(n, n, betas, maximize, 1), wasm = copy(js);
      for (let step = 1; step <= 3; step++) {
        const f = Math.fround;
        const coeff = { bc2: f(Math.sqrt(1 - betas[1] ** step)), negStep: f(-1e-3 / (1 - betas[0] ** step)) };
        jsBackend.adamFloat32({ ...js, ...coeff });
        wasmBackend()!.adamFloat32({ ...wasm, ...coeff });
        for (const k of ["param", "expAvg", "expAvgSq"] as const) {
          const a = new Uint32Array(wasm[k].buffer), b = new Uint32Array(js[k].buffer);
          const i = a.findIndex((x, j) => x !== b[j]);
          assert.equal(i, -1, `betas ${betas}, maximize ${maximize}, n ${n}, step ${step}: ${k}[${i}] is ${wasm[k][i]}, reference ${js[k][i]}`);
        }
      }
    }
  }
});
