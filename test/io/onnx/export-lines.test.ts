// exportOnnx's lowerings of cumsum, tril/triu and max/min along a dim (argmax, argmin), held to
// onnxruntime at the example's batch size and another one (a dynamic axis): indices exactly,
// on inputs full of ties and with NaNs, where the first NaN must win as in rnnkit and torch.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { deviation, tied, type Forward } from "./multi-output.js";

const CASES: [string, Forward, (B: number) => R.Tensor, number][] = [
  ["cumsum dims 0, 1, 2", (x) => [R.cumsum(x, 0), R.cumsum(x, 1), R.cumsum(x, -1)], (B) => R.randn([B, 5, 30]).mul(10), 1e-5], // onnxruntime sums in float32, rnnkit in double (as ATen)
  ["cumsum float64", (x) => [R.cumsum(x, 1)], (B) => R.randn([B, 5, 30], { dtype: "float64" }), 1e-15],
  ["cumsum int32 (to int64)", (x) => [R.cumsum(x, 2)], (B) => R.randint(-50, 50, [B, 3, 9], { dtype: "int32" }), 0],
  ["tril/triu diagonal -1, 0, 2", (x) => [R.tril(x, -1), R.tril(x), R.triu(x, 2), R.triu(x, -3)], (B) => R.randn([B, 4, 6]), 0],
  ["tril int64", (x) => [R.tril(x, 1), R.triu(x)], (B) => R.randint(-9, 9, [B, 5, 3]), 0],
  ["max/min along dims with ties", (x) => [...R.maxDim(x, 1), ...R.minDim(x, 2, true), R.argmax(x, 0), R.argmin(x, 1, true)], tied("float32"), 0],
  ["argmax/argmin of the flattened tensor", (x) => [R.argmax(x), R.argmin(x)], tied("float32"), 0],
  ["max/min float64", (x) => [...R.maxDim(x, 2), ...R.minDim(x, 1)], tied("float64"), 0],
  ["max/min int32", (x) => [...R.maxDim(x, 2, true), R.argmin(x, 1)], (B) => R.randint(0, 3, [B, 6, 7], { dtype: "int32" }), 0],
];

test("cumsum, tril/triu and max/min/argmax/argmin match onnxruntime (indices exactly, ties and NaN by rnnkit's rule)", async (t) => {
  R.manualSeed(21);
  for (const [name, f, make, tol] of CASES) {
    const d = await deviation(f, make);
    t.diagnostic(`${name}: max |Δ|/max(1,|y|) = ${d.toExponential(2)}`);
    assert.ok(d <= tol, `${name} differs from onnxruntime by ${d}`);
  }
});

test("the tied inputs do hold ties and NaNs, and a NaN-free line's index is its first maximum", () => {
  R.manualSeed(21);
  const x = tied("float32")(2);
  assert.ok(R.sum(R.toDType(R.isnan(x), "float32")).item() > 0);
  const row = R.tensor([[1, 2, 2, 0]]);
  assert.deepEqual([...R.argmax(row, 1).data], [1]);
  assert.deepEqual([...R.argmax(R.tensor([[1, NaN, 2, NaN]]), 1).data], [1]);
});
