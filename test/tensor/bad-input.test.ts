// Bad input gets an error of a project class, with a code, naming the op and the expected and
// actual values — never a crash inside a kernel or silent garbage.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

function expectError(fn: () => unknown, cls: abstract new (...a: never[]) => R.RnnkitError, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    assert.equal((e as R.RnnkitError).code, code);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

test("shape mismatches name the op and both shapes", () => {
  expectError(() => R.add(R.zeros([2, 3]), R.zeros([4])), R.ShapeError, "ERR_SHAPE", /^add: shapes \[2,3\] and \[4\] cannot be broadcast/);
  expectError(() => R.matmul(R.zeros([2, 3]), R.zeros([4, 5])), R.ShapeError, "ERR_SHAPE", /^matmul: mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x5/);
  expectError(() => R.zeros([6]).reshape(4, -1), R.ShapeError, "ERR_SHAPE", /shape \[4,-1\] is invalid for input of size 6/);
  expectError(() => R.cat([R.zeros([2, 3]), R.zeros([2, 4])], 0), R.ShapeError, "ERR_SHAPE", /tensor 1 has shape \[2,4\]/);
  expectError(() => R.tensor([[1, 2], [3]]), R.ShapeError, "ERR_SHAPE", /expected sequence of length 2 at dim 1 \(got 1\)/);
  expectError(() => R.linear(R.zeros([2, 3]), R.zeros([4, 5])), R.ShapeError, "ERR_SHAPE", /expected 5, got 3/);
});

test("wrong dtypes are DTypeErrors", () => {
  expectError(() => R.matmul(R.zeros([2, 2]), R.zeros([2, 2], { dtype: "float64" })), R.DTypeError, "ERR_DTYPE", /same dtype, but got float32 and float64/);
  expectError(() => R.gather(R.zeros([2, 2]), 1, R.zeros([2, 2])), R.DTypeError, "ERR_DTYPE", /index must be an integer tensor/);
  expectError(() => R.zeros([2], { dtype: "float16" as R.DType }), R.DTypeError, "ERR_DTYPE", /unknown dtype "float16"/);
  expectError(() => R.where(R.zeros([2]), 1, 0), R.DTypeError, "ERR_DTYPE", /condition must be a bool tensor/);
});

test("out-of-range indices and dims are IndexErrors", () => {
  expectError(() => R.indexSelect(R.zeros([3, 2]), 0, R.tensor([3], { dtype: "int64" })), R.IndexError, "ERR_INDEX", /index 3 is out of bounds for dimension 0 with size 3/);
  expectError(() => R.zeros([2, 3]).sum(2), R.IndexError, "ERR_INDEX", /dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/);
  expectError(() => R.zeros([2, 3]).select(1, 5), R.IndexError, "ERR_INDEX", /index 5 out of range/);
  expectError(() => R.oneHot(R.tensor([0, 4], { dtype: "int64" }), 3), R.IndexError, "ERR_INDEX", /smaller than numClasses/);
  expectError(() => R.embedding(R.zeros([3, 2]), R.tensor([-4], { dtype: "int64" })), R.IndexError, "ERR_INDEX", /index -4 is out of bounds/);
});

test("bad values and seeds are ValueErrors; bad options ConfigErrors", () => {
  expectError(() => R.manualSeed(NaN), R.ValueError, "ERR_VALUE", /manualSeed/);
  expectError(() => R.zeros([2]).item(), R.ValueError, "ERR_VALUE", /a tensor with 2 elements cannot be converted to a scalar/);
  expectError(() => R.arange(0, 5, 0), R.ValueError, "ERR_VALUE", /step must be nonzero/);
  expectError(() => R.clamp(R.zeros([1])), R.ConfigError, "ERR_CONFIG", /at least one of min or max/);
  expectError(() => new R.nn.Dropout(2), R.ConfigError, "ERR_CONFIG", /dropout probability has to be between 0 and 1, but got 2/);
  expectError(() => R.setBackend("cuda"), R.ConfigError, "ERR_CONFIG", /unknown backend 'cuda'/);
});
