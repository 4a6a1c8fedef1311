// Ops against PyTorch's outputs where no formula fixes the answer — the order sort and topk leave
// equal elements (and NaN) in — or where the dtype rules are the point (test/fixtures/torch-ops.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as R from "../../src/index.js";
import { CASES, INPUTS, type OpCase } from "../fixtures/torch-ops.js";

type Args = Record<string, never>;

function input(a: Args): R.Tensor {
  if (a.x === "EMPTY" || a.x === undefined) return R.zeros([0]);
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
  sin: (x) => R.sin(x),
  cos: (x) => R.cos(x),
  gelu: (x) => R.gelu(x),
  geluTanh: (x) => R.gelu(x, "tanh"),
  softplus: (x) => R.softplus(x, 2, 5),
  leakyRelu: (x) => R.leakyRelu(x, 0.1),
  elu: (x) => R.elu(x, 0.7),
  nanToNum: (x) => x.nanToNum(),
  nanToNumGiven: (x) => R.nanToNum(x, 7, 100, -100),
  flip: (x) => x.flip(0, 2),
  roll: (x) => R.roll(x, [1, -1], [0, 1]),
  rollFlat: (x) => x.roll(5),
  repeat: (x) => x.repeat(2, 1, 2),
  tile: (x) => x.tile(2),
  var: (x) => x.var(1),
  var0: (x) => R.variance(x, undefined, { correction: 0 }),
  std: (x) => x.std([0, 2], { keepdim: true }),
  norm: (x, a) => x.norm(a.p === "inf" ? Infinity : a.p === "-inf" ? -Infinity : a.p, 1),
  scatter: (x) => R.zeros([3, 4]).scatter(0, ix(), R.slice(x, 0, 0, 2)),
  scatterAdd: (x) => R.zeros([3, 4]).scatterAdd(0, ix(), R.slice(x, 0, 0, 2)),
  indexPut: (x) => x.indexPut([R.tensor([2, 0, 2], { dtype: "int64" })], R.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]])),
  indexPutAcc: (x) => x.indexPut([R.tensor([2, 0, 2], { dtype: "int64" }), R.tensor([1, 3, 1], { dtype: "int64" })], R.tensor(5), true),
  maskAssign: (x) => x.clone().indexPut_([R.gt(x, 1)], -1),
  einsum: (_x, a) => R.einsum(a.eq, ...(a.ops as string[]).map(operand)),
  "grad:sort": (x) => gradOf(x, (v) => R.sort(v)[0]),
  "grad:topk": (x, a) => gradOf(x, (v) => R.topk(v, a.k)[0]),
  "grad:maximumFlip": (x) => gradOf(x, (v) => R.maximum(v, R.tensor([[2, 0, 1], [1, 3, 0.5]]))),
  "grad:normInf": (x) => gradOf(x, (v) => R.norm(v, Infinity, 1)),
  "grad:cumprod": (x) => gradOf(x, (v) => R.cumprod(v, 0)),
};

const ix = () => R.tensor(INPUTS.IX!, { dtype: "int64" });

/** The operands of the einsum cases, as the fixture script names them. */
function operand(name: string): R.Tensor {
  const A = R.tensor(INPUTS.A!);
  const S3 = R.tensor(INPUTS.S3!);
  const table: Record<string, () => R.Tensor> = {
    A: () => A, AT: () => A.t(), r0: () => R.select(A, 0, 0), r1: () => R.select(A, 0, 1), sq: () => R.slice(A, 1, 0, 3),
    S3: () => S3, S3T: () => S3.transpose(1, 2),
  };
  return table[name]!();
}

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
    const tol = a.tol as number | undefined;
    if (tol === undefined) assert.deepEqual(Array.from(o.data), want, `output ${k} values`);
    else Array.from(o.data).forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= tol * Math.max(1, Math.abs(want[i]!)), `element ${i}: ${v} vs ${want[i]}`));
  });
}

for (const c of CASES) test(`torch ops: ${c.name}`, () => check(c));
