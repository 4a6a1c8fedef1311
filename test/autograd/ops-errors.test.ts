// Bad input to the sorting, scan, indexing and einsum ops: a coded error naming the op and the
// offending value, never a crash or silent garbage.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as R from "../../src/index.js";

const x = R.zeros([2, 3]);
const i64 = (v: number[], shape = [v.length]) => R.tensor(v, { dtype: "int64", shape });

const cases: [string, () => unknown, new (...a: never[]) => Error, RegExp][] = [
  ["topk k too large", () => R.topk(x, 4), R.IndexError, /^topk: selected index k out of range \(expected k in \[0, 3\], got 4\)$/],
  ["sort dim out of range", () => R.sort(x, 2), R.IndexError, /^sort: dimension out of range/],
  ["triu of a vector", () => R.triu(R.zeros([3])), R.ShapeError, /^triu: input tensor must have at least 2 dimensions \(got shape \[3\]\)$/],
  ["bmm of 2-D operands", () => R.bmm(x, x), R.ShapeError, /^bmm: both operands must be 3-D/],
  ["bmm inner sizes", () => R.bmm(R.zeros([2, 3, 4]), R.zeros([2, 3, 4])), R.ShapeError, /^bmm: expected a \(B, M, K\) and b \(B, K, N\)/],
  ["repeat with too few sizes", () => R.repeat(x, [2]), R.ShapeError, /^repeat: number of repeat dims can not be smaller/],
  ["roll shifts and dims differ", () => R.roll(x, [1, 2], [0]), R.ShapeError, /^roll: shifts and dims must have the same length \(got 2 and 1\)$/],
  ["scatter index out of bounds", () => R.scatter(x, 1, i64([3, 0], [1, 2]), 1), R.IndexError, /^scatter: index 3 is out of bounds for dimension 1 with size 3$/],
  ["scatter float index", () => R.scatter(x, 1, R.zeros([1, 2]), 1), R.DTypeError, /^scatter: index must be an integer tensor/],
  ["scatterAdd index larger than src", () => R.scatterAdd(x, 0, i64([0, 0, 0, 0], [2, 2]), R.zeros([1, 2])), R.ShapeError, /must not be larger than src/],
  ["indexPut too many indices", () => R.indexPut(x, [i64([0]), i64([0]), i64([0])], 1), R.IndexError, /^indexPut: expected 1 to 2 index tensors/],
  ["indexPut index out of bounds", () => R.indexPut(x, [i64([-3])], 1), R.IndexError, /index -3 is out of bounds for dimension 0 with size 2/],
  ["indexPut mask of the wrong shape", () => R.indexPut(x, [R.tensor([true, false, true])], 1), R.ShapeError, /the mask of shape \[3\] does not match/],
  ["einsum operand count", () => R.einsum("ij,jk->ik", x), R.ValueError, /^einsum: the equation has 2 operands but 1 tensors were given/],
  ["einsum subscripts vs rank", () => R.einsum("ijk->i", x), R.ShapeError, /operand 0 has 2 dimensions \(shape \[2,3\]\) but its subscripts 'ijk' name 3/],
  ["einsum sizes disagree", () => R.einsum("ij,ij->i", x, R.zeros([2, 4])), R.ShapeError, /subscript 'j' has size 4 in one operand and 3 in another/],
  ["einsum unknown output label", () => R.einsum("ij->k", x), R.ValueError, /output subscript 'k' appears in no operand/],
  ["einsum bad character", () => R.einsum("i1->i", x), R.ValueError, /invalid character '1'/],
  ["diagonal on one dim", () => R.diagonal(x, 0, 1, 1), R.ShapeError, /dim1 and dim2 cannot be the same dimension/],
  ["gelu approximation", () => R.gelu(x, "erf" as "tanh"), R.ConfigError, /^gelu: approximate must be 'none' or 'tanh' \(got 'erf'\)$/],
  ["norm of an integer tensor", () => R.norm(i64([1, 2])), R.DTypeError, /^norm: input must be a floating point tensor/],
  ["var of an integer tensor", () => R.variance(i64([1, 2])), R.DTypeError, /^var: input must be a floating point tensor/],
  ["in-place scatter on a leaf that requires grad", () => R.zeros([2], { requiresGrad: true }).scatter_(0, i64([0]), 1), R.AutogradError, /^scatter_: a leaf tensor that requires grad/],
];

for (const [name, fn, cls, msg] of cases) {
  test(`op errors: ${name}`, () => {
    assert.throws(fn, (e: unknown) => e instanceof cls && msg.test((e as Error).message) && typeof (e as R.RnnkitError).code === "string");
  });
}

test("cumsum with a dtype computes in it; in-place forms write into the tensor and bump its version", () => {
  const c = R.cumsum(R.tensor([1, 2, 3], { dtype: "int32" }), 0, { dtype: "float64" });
  assert.equal(c.dtype, "float64");
  assert.deepEqual(Array.from(c.data), [1, 3, 6]);
  const t = R.zeros([2, 2]);
  const v = t.storage.version;
  t.scatterAdd_(1, i64([1, 1, 0, 0], [2, 2]), R.ones([2, 2]));
  assert.deepEqual(t.tolist(), [[0, 2], [2, 0]]);
  assert.equal(t.storage.version, v + 1);
});
