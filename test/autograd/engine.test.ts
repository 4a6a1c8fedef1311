// The backward engine: accumulation, shared inputs, retainGraph, noGrad, in-place checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

test("a tensor used twice gets the sum of both gradients", () => {
  const x = R.tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
  const y = x.mul(x).add(x.mul(3)).sum(); // d/dx (x² + 3x) = 2x + 3
  y.backward();
  assert.deepEqual(Array.from(x.grad!.data), [5, 7, 9]);
});

test("gradients accumulate (+=) across backward calls until zeroed", () => {
  const x = R.tensor([2.0], { requiresGrad: true });
  x.mul(4).sum().backward();
  x.mul(4).sum().backward();
  assert.deepEqual(Array.from(x.grad!.data), [8]);
  x.grad!.zero_();
  x.mul(1).sum().backward();
  assert.deepEqual(Array.from(x.grad!.data), [1]);
});

test("diamond graph: a node feeding two branches receives both gradients before running", () => {
  const x = R.tensor([0.5], { dtype: "float64", requiresGrad: true });
  const h = x.tanh();
  const y = h.mul(h).add(h.exp()).sum();
  y.backward();
  const t = Math.tanh(0.5);
  const expected = (2 * t + Math.exp(t)) * (1 - t * t);
  assert.ok(Math.abs(x.grad!.item() - expected) < 1e-12);
});

test("second backward through freed buffers fails; retainGraph allows it", () => {
  const x = R.tensor([1.0, 2.0], { requiresGrad: true });
  const y = x.exp().sum();
  y.backward(null, { retainGraph: true });
  y.backward();
  assert.deepEqual(Array.from(x.grad!.data).map((v) => Math.round(v * 1e4) / 1e4), [5.4366, 14.7781]);
  assert.throws(() => y.backward(), (e: unknown) => e instanceof R.AutogradError && /second time/.test(e.message));
});

test("backward of a non-scalar needs a gradient", () => {
  const x = R.tensor([1.0, 2.0], { requiresGrad: true });
  assert.throws(() => x.mul(2).backward(), (e: unknown) => e instanceof R.AutogradError && e.code === "ERR_AUTOGRAD");
  x.mul(2).backward(R.tensor([1.0, 0.5]));
  assert.deepEqual(Array.from(x.grad!.data), [2, 1]);
});

test("noGrad records nothing; detach cuts the graph", () => {
  const x = R.tensor([1.0], { requiresGrad: true });
  const y = R.noGrad(() => x.mul(2));
  assert.equal(y.requiresGrad, false);
  assert.equal(y.gradFn, null);
  const z = x.mul(2).detach();
  assert.equal(z.requiresGrad, false);
  assert.equal(x.mul(2).gradFn!.name, "MulBackward0");
});

test("modifying a saved tensor in place before backward is an error", () => {
  const w = R.tensor([1.0, 2.0], { requiresGrad: true });
  const x = R.tensor([3.0, 4.0]);
  const y = w.mul(x).sum();
  x.mul_(2);
  assert.throws(() => y.backward(), (e: unknown) => e instanceof R.AutogradError && /modified by an in-place operation/.test(e.message));
});

test("in-place ops on a leaf that requires grad are refused unless in noGrad", () => {
  const w = R.tensor([1.0, 2.0], { requiresGrad: true });
  assert.throws(() => w.add_(1), (e: unknown) => e instanceof R.AutogradError && /leaf tensor/.test(e.message));
  R.noGrad(() => w.add_(1));
  assert.deepEqual(Array.from(w.data), [2, 3]);
});

test("grad() returns gradients without touching .grad; retainGrad keeps a non-leaf's grad", () => {
  const x = R.tensor([1.0, 2.0], { dtype: "float64", requiresGrad: true });
  const h = x.mul(3).retainGrad();
  const y = h.pow(2).sum();
  const [gx] = R.grad(y, [x], undefined, { retainGraph: true });
  assert.deepEqual(Array.from(gx!.data), [18, 36]);
  assert.equal(x.grad, null);
  y.backward();
  assert.deepEqual(Array.from(h.grad!.data), [6, 12]);
  assert.deepEqual(Array.from(x.grad!.data), [18, 36]);
});

test("embedding gives the padding row no gradient", () => {
  const w = R.tensor([[1, 2], [3, 4], [5, 6]], { dtype: "float32", requiresGrad: true });
  R.embedding(w, R.tensor([0, 2, 2, 1], { dtype: "int64" }), 2).sum().backward();
  assert.deepEqual(Array.from(w.grad!.data), [1, 1, 1, 1, 0, 0]);
});

test("requiresGrad only for floating tensors", () => {
  assert.throws(() => R.tensor([1, 2], { dtype: "int64", requiresGrad: true }), (e: unknown) => e instanceof R.DTypeError);
  assert.throws(() => { R.arange(3).requiresGrad = true; }, (e: unknown) => e instanceof R.DTypeError && /floating point/.test(e.message));
});
