// The smaller items of issue 9 (item 9): no stack overflow on many sequences or many dims,
// printOptions checked at assignment, noGrad over an async function, typed arrays from
// another realm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runInNewContext } from "node:vm";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

test("padSequence of 130,000 sequences (before: Maximum call stack size exceeded)", () => {
  const seqs = Array.from({ length: 130_000 }, (_, i) => R.full([i === 0 ? 2 : 1], i));
  const out = R.nn.utils.rnn.padSequence(seqs, { batchFirst: true, paddingValue: -1 });
  assert.deepEqual(out.shape, [130_000, 2]);
  assert.deepEqual(Array.from(out.data.subarray(0, 6)), [0, 0, 1, -1, 2, -1]);
  assert.deepEqual(Array.from(out.data.subarray(2 * 129_999)), [129_999, -1]);
});

test("printing a rank-20,000 tensor (before: Maximum call stack size exceeded), and tensor() of such nesting", () => {
  const shape = new Array<number>(20_000).fill(1);
  const t = R.full(shape, 7);
  const s = String(t);
  assert.equal(s, `tensor(${"[".repeat(20_000)}7.${"]".repeat(20_000)})`);
  // A size-2 dim inside the run of ones keeps PyTorch's layout: tensor([[[1., 2.]]]) for shape [1, 1, 2]
  assert.equal(String(R.tensor([[[1, 2]]])), "tensor([[[1., 2.]]])");
  assert.equal(String(R.tensor([[[1], [2]]])), "tensor([[[1.],\n         [2.]]])");
  let nested: R.NestedArray = 3;
  for (let i = 0; i < 20_000; i++) nested = [nested];
  assert.equal(R.tensor(nested).ndim, 20_000);
  const cyclic: unknown[] = [];
  cyclic[0] = cyclic;
  expectCoded(() => R.tensor(cyclic as R.NestedArray), "ERR_SHAPE", /^tensor: the nested array contains itself at depth 1$/);
});

test("printOptions refuses values printing cannot use, at assignment (before: a RangeError at the next print)", () => {
  expectCoded(() => { R.printOptions.precision = -1; }, "ERR_CONFIG", /^printOptions: precision must be an integer in \[0, 100\] \(got -1\)$/);
  expectCoded(() => { R.printOptions.precision = 200; }, "ERR_CONFIG", /precision must be an integer in \[0, 100\] \(got 200\)/);
  expectCoded(() => { R.printOptions.precision = 2.5; }, "ERR_CONFIG", /^printOptions: printOptions\.precision must be an integer \(got 2\.5\)$/);
  expectCoded(() => { R.printOptions.linewidth = 0; }, "ERR_CONFIG", /linewidth must be an integer in \[1, /);
  expectCoded(() => { (R.printOptions as unknown as Record<string, unknown>).precison = 3; }, "ERR_CONFIG", /unknown option 'precison' in printOptions \(did you mean precision\?/);
  expectCoded(() => { (R.printOptions as unknown as Record<string, unknown>).legacyGradFnNames = 1; }, "ERR_CONFIG", /legacyGradFnNames must be a boolean/);
  assert.equal(R.printOptions.precision, 4, "unchanged by the refused assignments");
  R.printOptions.precision = 2;
  try {
    assert.equal(String(R.tensor([1.23456])), "tensor([1.23])");
  } finally {
    R.printOptions.precision = 4;
  }
});

test("noGrad(async fn) keeps recording off until the promise settles, then restores it", async () => {
  const w = R.ones([2], { requiresGrad: true });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const [before, after] = await R.noGrad(async () => {
    const a = w.mul(2);
    await tick();
    const b = w.mul(3); // before: recorded, as the mode came back at the first await
    return [a, b] as const;
  });
  assert.equal(before.requiresGrad, false);
  assert.equal(after.requiresGrad, false, "an op after the first await is not recorded");
  assert.equal(R.isGradEnabled(), true, "restored after the promise settled");
  await assert.rejects(R.noGrad(async () => { await tick(); throw new Error("boom"); }), /boom/);
  assert.equal(R.isGradEnabled(), true, "restored after a rejection");
  assert.equal(R.noGrad(() => 5), 5, "a synchronous fn is unchanged");
});

test("tensor() takes a typed array from another realm (before: 'expected a number or a boolean at depth 0')", () => {
  const f32 = runInNewContext("new Float32Array([1.5, -2])") as Float32Array;
  assert.ok(!(f32 instanceof Float32Array), "a different realm's Float32Array");
  const t = R.tensor(f32);
  assert.equal(t.dtype, "float32");
  assert.deepEqual(t.tolist(), [1.5, -2]);
  assert.equal(R.tensor(runInNewContext("new Int32Array([3])") as Int32Array).dtype, "int32");
  assert.equal(R.tensor(runInNewContext("new Uint8Array([1, 0])") as Uint8Array).dtype, "bool");
  expectCoded(() => R.tensor(new Int16Array([1]) as never), "ERR_DTYPE", /typed arrays of type Int16Array are not supported/);
});
