// multinomial, bernoulli with a tensor of probabilities and exponential_ against PyTorch's draws
// after the same torch.manual_seed (fixtures from torch 1.13 without MKL: test/fixtures/torch-draws.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as R from "../../src/index.js";
import { BIG, DRAWS, P1, P2, R32, W, type DrawCase } from "../fixtures/torch-draws.js";

const PROBS: Record<string, number[] | number[][]> = { P1, P2, W, BIG, R32 };

function replay(c: DrawCase): R.Tensor {
  const s = c.setup as Record<string, never>;
  const dtype = (s.dtype ?? "float32") as R.FloatDType;
  const probs = () => R.tensor(PROBS[s.probs]!, { dtype });
  switch (s.op as string) {
    case "multinomial": return R.multinomial(probs(), s.n, s.replacement);
    case "bernoulli": return R.bernoulli(R.clamp(probs(), null, 1));
    case "exponential": return R.zeros([s.n], { dtype }).exponential_(s.lambd);
    case "bernoulli_tensor": return R.zeros([s.rows, 5]).bernoulli_(R.tensor(P1));
    case "bernoulli_scalar": return R.zeros(s.shape).bernoulli_(s.p);
    case "bernoulli_full": return R.bernoulli(R.full(s.shape, s.p));
  }
  throw new Error(`unknown op ${String(s.op)}`);
}

for (const c of DRAWS) {
  test(`torch draws: ${c.name}`, () => {
    R.manualSeed(c.setup.seed as number);
    const out = replay(c);
    assert.deepEqual(out.shape, c.shape);
    if (c.setup.op === "exponential" && c.setup.dtype === "float64") {
      // Math.log and glibc's log may round differently in the last bit (see src/random/exponential.ts)
      Array.from(out.data).forEach((v, i) => assert.ok(Math.abs(v - c.expected[i]!) <= 2 * Number.EPSILON * Math.abs(v), `element ${i}: ${v} vs ${c.expected[i]}`));
    } else {
      assert.deepEqual(Array.from(out.data), c.expected);
    }
    assert.deepEqual(Array.from(R.rand(2, { dtype: "float64" }).data), c.after, "the generator stands where torch's does afterwards");
  });
}

test("multinomial: bad probabilities and sizes are coded errors naming the op", () => {
  const p = R.tensor([0.2, 0.8]);
  const cases: [() => unknown, new (...a: never[]) => Error, RegExp][] = [
    [() => R.multinomial(R.tensor(0.5), 1), R.ShapeError, /^multinomial: prob_dist must be 1 or 2 dim \(got shape \[\]\)$/],
    [() => R.multinomial(R.tensor([1, 2], { dtype: "int64" }), 1), R.DTypeError, /only supports floating-point dtypes/],
    [() => R.multinomial(p, 0), R.ConfigError, /cannot sample numSamples <= 0 samples \(got 0\)/],
    [() => R.multinomial(p, 3), R.ConfigError, /without replacement \(got 3 > 2\)/],
    [() => R.multinomial(R.tensor([0.5, -0.1]), 1), R.ValueError, /contains either inf, nan or element < 0 \(got -0\.1/],
    [() => R.multinomial(R.tensor([[0.5, 0.5], [0, 0]]), 1), R.ValueError, /sum of probabilities <= 0 in row 1/],
    [() => R.multinomial(R.tensor([0.5, NaN]), 4, true), R.ValueError, /probability entry = infinity or NaN/],
    [() => R.multinomial(R.tensor([0, 0]), 4, true), R.ValueError, /sum of probabilities <= 0 in row 0/],
    [() => R.bernoulli(R.tensor([0.5, 1.5])), R.ConfigError, /^bernoulli: p must be in \[0, 1\] \(got p=1\.5 at flat index 1\)$/],
    [() => R.zeros([3]).bernoulli_(R.full([2, 3], 0.5)), R.ShapeError, /does not broadcast to the output's shape \[3\]/],
    [() => R.zeros([2]).exponential_(-1), R.ConfigError, /^exponential: expects lambd >= 0 \(got lambd=-1\)$/],
  ];
  for (const [fn, cls, msg] of cases) assert.throws(fn, (e: unknown) => e instanceof cls && msg.test((e as Error).message));
});

test("multinomial without replacement never repeats an index and skips zero weights", () => {
  R.manualSeed(3);
  const rows = R.multinomial(R.tensor([[0, 1, 1, 0, 1, 1], [5, 0, 1, 1, 1, 0]]), 4);
  for (const row of rows.tolist() as number[][]) {
    assert.equal(new Set(row).size, 4);
    assert.ok(row.every((i) => i !== 0 && i !== 3) || row.every((i) => i !== 1 && i !== 5));
  }
});

test("bernoulli_ in place bumps the version and keeps the dtype; bernoulli(probs) keeps probs' dtype", () => {
  const x = R.zeros([3], { dtype: "int64" });
  const v = x.storage.version;
  x.bernoulli_(R.tensor([1, 0, 1], { dtype: "float64" }));
  assert.deepEqual(Array.from(x.data), [1, 0, 1]);
  assert.equal(x.dtype, "int64");
  assert.equal(x.storage.version, v + 1);
  assert.equal(R.bernoulli(R.tensor([0.5], { dtype: "float64" })).dtype, "float64");
});
