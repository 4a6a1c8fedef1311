// Sizes a caller passes are checked before anything is allocated (issue 9, item 4): expand's
// target, creation shapes, and the element limit of one tensor.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

test("expand refuses negative sizes and targets past the element limit", () => {
  const x = R.ones([1, 3]);
  expectCoded(() => x.expand(-2, 3), "ERR_SHAPE", /^expand: shape must be an array of non-negative integers \(got \[-2,3\]\)/);
  expectCoded(() => x.expand(2.5, 3), "ERR_SHAPE", /^expand: shape must be an array of non-negative integers/);
  expectCoded(() => x.expand(1e9, 3), "ERR_SHAPE", /^expand: shape \[1000000000,3\] would hold 3000000000 elements, more than a tensor can \(2147483647\)/);
  assert.deepEqual(x.expand(4, -1).shape, [4, 3]);
});

test("creation refuses shapes past the element limit without allocating", () => {
  expectCoded(() => R.zeros([1e5, 1e5]), "ERR_SHAPE", /^full: shape \[100000,100000\] would hold 10000000000 elements/);
  expectCoded(() => R.randn([2 ** 31]), "ERR_SHAPE", /would hold 2147483648 elements/);
});
