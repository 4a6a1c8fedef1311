// Ops against PyTorch's outputs where no formula fixes the answer — the order sort and topk leave
// equal elements (and NaN) in — or where the dtype rules are the point (test/fixtures/torch-ops.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as R from "../../src/index.js";
import { CASES, INPUTS, type OpCase } from "../fixtures/torch-ops.js";

type Args = Record<string, never>;

function input(a: Args): R.Tensor {
  if (a.x === "EMPTY") return R.zeros([0]);
  const t = R.tensor(INPUTS[a.x]!);
  return a.dtype === undefined ? t : t.to(a.dtype);
}

const CALLS: Record<string, (x: R.Tensor, a: Args) => R.Tensor | R.Tensor[]> = {
  sort: (x, a) => R.sort(x, a.dim, a.descending, a.stable),
  argsort: (x, a) => R.argsort(x, a.dim, a.descending),
  topk: (x, a) => R.topk(x, a.k, a.dim, a.largest, a.sorted),
  cumsum: (x, a) => R.cumsum(x, a.dim),
  cumprod: (x, a) => R.cumprod(x, a.dim),
  triu: (x, a) => R.triu(x, a.diagonal),
  tril: (x, a) => R.tril(x, a.diagonal),
  all: (x, a) => R.all(x, a.dim, a.keepdim),
  any: (x, a) => R.any(x, a.dim, a.keepdim),
  "grad:sort": (x) => gradOf(x, (v) => R.sort(v)[0]),
  "grad:topk": (x, a) => gradOf(x, (v) => R.topk(v, a.k)[0]),
  "grad:maximumFlip": (x) => gradOf(x, (v) => R.maximum(v, R.tensor([[2, 0, 1], [1, 3, 0.5]]))),
  "grad:cumprod": (x) => gradOf(x, (v) => R.cumprod(v, 0)),
};

/** x.grad after (fn(x) · w).sum().backward() with w = 1, 2, 3, … over the output's elements. */
function gradOf(x: R.Tensor, fn: (x: R.Tensor) => R.Tensor): R.Tensor {
  const leaf = x.clone().requiresGrad_();
  const out = fn(leaf);
  const w = R.reshape(R.arange(1, out.numel() + 1, 1, { dtype: out.dtype }), out.shape);
  R.sum(R.mul(out, w)).backward();
  return leaf.grad!;
}

function check(c: OpCase): void {
  const a = c.args as Args;
  const out = CALLS[c.call]!(input(a), a);
  const outs = Array.isArray(out) ? out : [out];
  assert.equal(outs.length, c.expected.length);
  outs.forEach((o, k) => {
    const e = c.expected[k]!;
    assert.deepEqual(o.shape, e.shape, `output ${k} shape`);
    assert.equal(o.dtype, e.dtype, `output ${k} dtype`);
    const want = e.data.map((v) => (v === "nan" ? NaN : typeof v === "boolean" ? Number(v) : v));
    assert.deepEqual(Array.from(o.data), want, `output ${k} values`);
  });
}

for (const c of CASES) test(`torch ops: ${c.name}`, () => check(c));
