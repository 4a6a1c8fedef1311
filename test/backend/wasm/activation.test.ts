// The SIMD activations against Math.tanh and the reference sigmoid over float32 inputs:
// accuracy bounds, saturation to exactly ±1 / 0 / 1, NaN and −0, odd lengths, in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsBackend } from "../../../src/backend/js/index.js";
import { sigmoid } from "../../../src/backend/js/activation.js";
import { wasmBackend } from "../../../src/backend/wasm/index.js";

/** A grid of step 5e-5 over [−20, 20], plus values down to 2^−40 on both sides of 0. */
function inputs(): Float32Array {
  const xs: number[] = [];
  for (let i = -400000; i <= 400000; i++) xs.push(i * 5e-5); // [−20, 20], step 5e-5
  for (let e = -40; e <= 0; e++) for (const m of [1, 1.37, 1.9]) xs.push(m * 2 ** e, -m * 2 ** e);
  return Float32Array.from(xs);
}

function run(kind: "tanh" | "sigmoid" | "relu", x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  wasmBackend()!.activation(kind, x, out, x.length);
  return out;
}

test("tanh: ≤ 2e-7 absolute and ≤ 2e-7 relative against Math.tanh", () => {
  const x = inputs();
  const y = run("tanh", x);
  let abs = 0, rel = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.tanh(x[i]!), d = Math.abs(y[i]! - e);
    abs = Math.max(abs, d);
    if (e !== 0) rel = Math.max(rel, d / Math.abs(e));
  }
  assert.ok(abs <= 2e-7, `max abs error ${abs}`);
  assert.ok(rel <= 2e-7, `max rel error ${rel}`);
});

test("sigmoid: ≤ 2e-7 relative against the reference, down to its smallest normal values", () => {
  const x = inputs();
  const y = run("sigmoid", x);
  let rel = 0;
  for (let i = 0; i < x.length; i++) {
    const e = sigmoid(x[i]!);
    rel = Math.max(rel, Math.abs(y[i]! - e) / e);
  }
  assert.ok(rel <= 2e-7, `max rel error ${rel}`);
  const tail = run("sigmoid", Float32Array.from([-80, -60, -30]));
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(tail[i]! / sigmoid([-80, -60, -30][i]!) - 1) < 1e-6, `sigmoid(${[-80, -60, -30][i]})`);
});

test("saturation, infinities, NaN and −0", () => {
  const x = Float32Array.from([Infinity, -Infinity, 1e30, -1e30, 9, -9, 20, -20, NaN, -0, 0]);
  const t = run("tanh", x);
  assert.deepEqual([...t.subarray(0, 4)], [1, -1, 1, -1]);
  assert.ok(Math.abs(t[4]! - Math.tanh(9)) < 1e-7 && t[5] === -t[4]!, "tanh(±9)");
  assert.deepEqual([...t.subarray(6)], [1, -1, NaN, -0, 0]);
  assert.ok(Object.is(run("tanh", x)[9], -0), "tanh(−0) = −0");
  assert.deepEqual([...run("sigmoid", x)].slice(0, 4), [1, 0, 1, 0]);
  assert.ok(Number.isNaN(run("sigmoid", x)[8]!));
  assert.equal(run("sigmoid", x)[10], 0.5);
  const r = run("relu", x);
  assert.deepEqual([...r].slice(0, 9), [Infinity, 0, 1e30, 0, 9, 0, 20, 0, NaN].map(Math.fround));
});

test("relu matches the reference; odd lengths and in-place calls touch only n elements", () => {
  for (const n of [1, 2, 3, 4, 5, 7, 33]) {
    for (const kind of ["tanh", "sigmoid", "relu"] as const) {
      const x = Float32Array.from({ length: n + 2 }, (_, i) => Math.sin(i * 1.7) * 3);
      const ref = x.slice();
      jsBackend.activation(kind, ref, ref, n);
      const got = x.slice();
      wasmBackend()!.activation(kind, got, got, n); // in place
      for (let i = 0; i < n; i++) assert.ok(Math.abs(got[i]! - ref[i]!) <= 2e-7, `${kind} n=${n} [${i}]`);
      assert.deepEqual([...got.subarray(n)], [...x.subarray(n)], `${kind} n=${n}: past n`);
    }
  }
});
