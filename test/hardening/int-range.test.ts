// Integer tensors hold integers in their dtype's range (issue 9, item 3): int32 in
// [−2^31, 2^31 − 1], int64 in ±(2^53 − 1). NaN, ±Infinity and values past the range are refused
// at creation and at casts, as torch.tensor refuses them ("value cannot be converted to type
// int64 without overflow"); fractions truncate toward zero, as torch does.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

test("creation refuses values an integer dtype cannot hold", () => {
  for (const v of [NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53) - 2]) {
    expectCoded(() => R.tensor([1, v], { dtype: "int64" }), "ERR_VALUE", /^tensor: value cannot be converted to type int64 without overflow/);
    expectCoded(() => R.tensor(new Float64Array([v]), { dtype: "int64" }), "ERR_VALUE", /int64 holds integers in \[-9007199254740991, 9007199254740991\]/);
  }
  // torch: torch.tensor([3e9], dtype=torch.int32) → RuntimeError: value cannot be converted to type int32 without overflow
  expectCoded(() => R.tensor([3e9], { dtype: "int32" }), "ERR_VALUE", /int32 without overflow \(got 3000000000/);
  expectCoded(() => R.full([2], NaN, { dtype: "int64" }), "ERR_VALUE", /^full: /);
  expectCoded(() => R.zeros([2], { dtype: "int32" }).fill_(2 ** 31), "ERR_VALUE", /^fill_: /);
  // In range: kept exactly; torch.tensor([2.5, -2.5], dtype=torch.int64) → tensor([ 2, -2])
  assert.deepEqual(R.tensor([2 ** 53 - 1, -(2 ** 31)], { dtype: "int64" }).tolist(), [2 ** 53 - 1, -(2 ** 31)]);
  assert.deepEqual(R.tensor([2.5, -2.5, -0.5], { dtype: "int64" }).tolist(), [2, -2, 0]);
  assert.ok(Object.is(R.tensor([-0.5], { dtype: "int32" }).data[0], 0), "no -0 in an integer tensor");
});

test("casts refuse values the target dtype cannot hold", () => {
  const x = R.tensor([1, NaN, 3]);
  expectCoded(() => x.to("int64"), "ERR_VALUE", /^to: value cannot be converted to type int64 without overflow \(got NaN/);
  expectCoded(() => R.tensor([3e9], { dtype: "float64" }).to("int32"), "ERR_VALUE", /^to: .*int32/);
  expectCoded(() => R.tensor([1e300], { dtype: "float64" }).to("int64"), "ERR_VALUE", /^to: .*int64/);
  assert.deepEqual(R.tensor([3e9], { dtype: "float64" }).to("int64").tolist(), [3e9]);
});

test("what used to give silent wrong answers from a NaN index is now an error at the source", () => {
  // Before: indexSelect/embedding returned a zero row, gather NaN, oneHot zeros.
  expectCoded(() => R.oneHot(R.tensor([0, NaN], { dtype: "int64" }), 3), "ERR_VALUE", /int64 without overflow/);
  expectCoded(() => R.tensor([NaN]).to("int64"), "ERR_VALUE", /int64/);
});
