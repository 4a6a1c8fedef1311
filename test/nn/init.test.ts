// nn.init against torch 1.13 after the same seed (test/fixtures/torch/init.py): the normal
// initialisers to the bit, orthogonal_ to float rounding (torch's QR runs in float32 LAPACK).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { initCases } from "../fixtures/torch/init.js";

const { init } = R.nn;

const fills: Record<string, (t: R.Tensor) => R.Tensor> = {
  "xavier_normal_(empty(20, 30), gain=0.5)": (t) => init.xavierNormal_(t, 0.5),
  "kaiming_normal_(empty(16, 8), mode='fan_out', nonlinearity='relu')": (t) => init.kaimingNormal_(t, { mode: "fanOut", nonlinearity: "relu" }),
  "kaiming_normal_(empty(4, 3), a=0.2)": (t) => init.kaimingNormal_(t, { a: 0.2 }),
  "orthogonal_(empty(5, 3))": (t) => init.orthogonal_(t),
  "orthogonal_(empty(3, 5), gain=2)": (t) => init.orthogonal_(t, 2),
  "orthogonal_(empty(4, 2, 3))": (t) => init.orthogonal_(t),
  "orthogonal_(empty(12, 12))": (t) => init.orthogonal_(t),
  "orthogonal_(empty(6, 4, dtype=float64))": (t) => init.orthogonal_(t),
};

test("xavierNormal_, kaimingNormal_ and orthogonal_ fill as torch.nn.init after manual_seed(0)", () => {
  assert.equal(Object.keys(fills).length, initCases.length);
  for (const c of initCases) {
    R.manualSeed(0);
    const t = fills[c.code]!(R.zeros(c.shape, { dtype: c.dtype as R.FloatDType }));
    const exact = !c.code.startsWith("orthogonal_") || c.dtype === "float64";
    const tol = exact ? (c.dtype === "float64" ? 1e-14 : 0) : 1e-6;   // measured: float32 Q within 4.4e-7 of torch's, float64 within 4.4e-16
    Array.from(t.data).forEach((v, i) => assert.ok(Math.abs(v - c.values[i]!) <= tol, `${c.code}[${i}]: ${v} vs torch ${c.values[i]}`));
  }
});

test("orthogonal_ gives orthonormal rows or columns times the gain; the constant fills; bad input is a coded error", () => {
  const w = init.orthogonal_(R.zeros([3, 7], { dtype: "float64" }), 3);
  const gram = w.matmul(w.t()).tolist() as number[][];
  gram.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 9 : 0)) < 1e-12, `W·Wᵀ[${i}][${j}] = ${v}`)));
  assert.deepEqual(init.ones_(R.zeros([2])).tolist(), [1, 1]);
  assert.deepEqual(init.constant_(R.zeros([2]), 0.5).tolist(), [0.5, 0.5]);
  assert.deepEqual(init.zeros_(R.ones([2])).tolist(), [0, 0]);
  assert.throws(() => init.orthogonal_(R.zeros([3])), (e: R.RnnkitError) => e.code === "ERR_VALUE" && /2 or more dimensions/.test(e.message));
  assert.throws(() => init.orthogonal_(R.zeros([2, 2], { dtype: "int64" })), (e: R.RnnkitError) => e.code === "ERR_CONFIG");
  assert.equal(init.calculateGain("selu"), 0.75);
});
