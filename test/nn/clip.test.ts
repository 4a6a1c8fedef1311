// clipGradNorm and clipGradValue against torch.nn.utils.clip_grad_norm_'s formula:
// total = ‖(‖g_1‖, …, ‖g_k‖)‖_p, coef = min(maxNorm / (total + 1e-6), 1), g ← g·coef.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn } = R;

function withGrads(...grads: (number[] | null)[]): R.nn.Parameter[] {
  return grads.map((g) => {
    const p = new nn.Parameter(R.zeros([g?.length ?? 1], { dtype: "float64" }));
    p.grad = g === null ? null : R.tensor(g, { dtype: "float64" });
    return p;
  });
}

test("2-norm: the norm of per-parameter norms (hand-computed 5 and 12 → 13), grads scaled by maxNorm/(13 + 1e-6)", () => {
  const ps = withGrads([3, 4], [12], null);
  const total = nn.utils.clipGradNorm(ps, 1);
  assert.deepEqual(total.shape, []);
  assert.equal(total.dtype, "float64");
  assert.equal(total.item(), 13);
  const coef = 1 / (13 + 1e-6);
  assert.deepEqual(Array.from(ps[0]!.grad!.data), [3 * coef, 4 * coef]);
  assert.deepEqual(Array.from(ps[1]!.grad!.data), [12 * coef]);
  assert.equal(ps[2]!.grad, null);
});

test("a norm below maxNorm leaves the gradients as they are (coef clamped to 1)", () => {
  const ps = withGrads([3, 4], [12]);
  const v = ps[0]!.grad!.storage.version;
  assert.equal(nn.utils.clipGradNorm(ps, 100).item(), 13);
  assert.deepEqual(Array.from(ps[0]!.grad!.data), [3, 4]);
  assert.equal(ps[0]!.grad!.storage.version, v + 1, "the in-place multiply still runs, as PyTorch's");
});

test("inf, 1 and 3 norms", () => {
  let ps = withGrads([3, -4], [-12, 1]);
  assert.equal(nn.utils.clipGradNorm(ps, 6, Infinity).item(), 12);
  // `max_norm / (total_norm + 1e-6)` with a tensor divisor is Tensor.__rtruediv__: reciprocal() * max_norm
  const coef = (1 / (12 + 1e-6)) * 6;
  assert.deepEqual(Array.from(ps[1]!.grad!.data), [-12 * coef, coef]);
  ps = withGrads([3, -4], [-12, 1]);
  assert.equal(nn.utils.clipGradNorm(ps, 100, 1).item(), 20); // (3 + 4) + (12 + 1)
  ps = withGrads([1, 2], [2]);
  const n1 = Math.cbrt(1 + 8);
  assert.ok(Math.abs(nn.utils.clipGradNorm(ps, 100, 3).item() - Math.cbrt(n1 ** 3 + 8)) < 1e-14);
});

test("float32 gradients give a float32 norm; no gradients give 0", () => {
  const p = new nn.Parameter(R.zeros([2]));
  p.grad = R.tensor([0.1, 0.2]);
  const total = nn.utils.clipGradNorm([p], 0.1);
  assert.equal(total.dtype, "float32");
  assert.equal(total.item(), Math.fround(Math.hypot(Math.fround(0.1), Math.fround(0.2))));
  assert.ok(Math.abs(Math.hypot(p.grad.data[0]!, p.grad.data[1]!) - 0.1) < 1e-6);
  assert.equal(nn.utils.clipGradNorm(withGrads(null), 1).item(), 0);
  assert.equal(nn.utils.clipGradNorm(p, 1).dtype, "float32", "a single tensor is accepted");
});

test("errorIfNonfinite raises on a NaN or infinite norm; bad arguments are ConfigErrors", () => {
  assert.throws(() => nn.utils.clipGradNorm(withGrads([1, NaN]), 1, 2, { errorIfNonfinite: true }), {
    name: "ValueError", message: /The total norm of order 2 for gradients from `parameters` is non-finite/,
  });
  const ps = withGrads([Infinity]);
  assert.equal(nn.utils.clipGradNorm(ps, 1).item(), Infinity, "without the option the norm is returned");
  assert.throws(() => nn.utils.clipGradNorm(withGrads([1]), -1), { name: "ConfigError", message: "clipGradNorm: maxNorm must be a number >= 0 (got -1)" });
  assert.throws(() => nn.utils.clipGradNorm(withGrads([1]), 1, NaN), { name: "ConfigError", message: /normType must be a number >= 0/ });
});

test("clipGradValue clamps every gradient into [−c, c]", () => {
  const ps = withGrads([-3, 0.5, 2], [NaN, -0.25]);
  nn.utils.clipGradValue(ps, 1);
  assert.deepEqual(Array.from(ps[0]!.grad!.data), [-1, 0.5, 1]);
  assert.ok(Number.isNaN(ps[1]!.grad!.data[0]!));
  assert.equal(ps[1]!.grad!.data[1], -0.25);
  assert.throws(() => nn.utils.clipGradValue(ps, -1), { name: "ConfigError", message: /clipValue must be a number >= 0/ });
});
