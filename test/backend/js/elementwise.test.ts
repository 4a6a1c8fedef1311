// The JS reference's fast paths against their general forms: arith2's call-free loops against
// map2 with the same scalar function, and reduceSum's run-at-a-time walk against a fold of
// every element in order, and stridedCopy's fill of one element against its walk — bit for bit,
// over layouts that take each path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ARITH, arith2, map2, stridedCopy, type Arith } from "../../../src/backend/js/elementwise.js";
import { reduceSum } from "../../../src/backend/js/reduce.js";
import { broadcastShapes, broadcastStrides } from "../../../src/tensor/shape.js";

const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

function values(n: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648 - 0.5) * 8;
  });
}

test("arith2 equals map2 with ARITH[op] bit for bit: same shapes, scalars either side, size-1 and broadcast dimensions", () => {
  const pairs: [number[], number[]][] = [
    [[3, 5], [3, 5]], [[3, 5], [1]], [[1], [3, 5]], [[1], [1]], [[], [4]], [[2, 1, 4], [2, 1, 4]],
    [[3, 5], [5]], [[3, 1], [1, 5]], [[1, 7], [7]], [[0, 3], [0, 3]],
  ];
  for (const op of Object.keys(ARITH) as Arith[]) {
    for (const [sa, sb] of pairs) {
      const shape = broadcastShapes(op, sa, sb);
      const a = values(numel(sa), 1), b = values(numel(sb), 2).map((v) => (v === 0 ? 1 : v));
      const as = broadcastStrides(sa, shape), bs = broadcastStrides(sb, shape);
      for (const Out of [Float32Array, Float64Array, Int32Array]) {
        const fast = new Out(numel(shape)), slow = new Out(numel(shape));
        arith2(op, shape, a, as, b, bs, fast);
        map2(shape, a, as, b, bs, slow, ARITH[op]);
        assert.deepEqual(fast, slow, `${op} ${JSON.stringify(sa)} ∘ ${JSON.stringify(sb)} into ${Out.name}`);
      }
    }
  }
});

test("reduceSum equals an in-order fold in double precision over every reduced layout", () => {
  const cases: [number[], boolean[]][] = [
    [[4, 5, 6], [true, true, true]], [[4, 5, 6], [false, false, true]], [[4, 5, 6], [true, false, false]],
    [[4, 5, 6], [false, true, false]], [[4, 5, 6], [true, false, true]], [[7], [true]], [[], []],
    [[3, 0, 2], [false, true, false]], [[1, 9], [false, true]], [[2, 3], [false, false]],
  ];
  for (const [shape, reduced] of cases) {
    const a = values(numel(shape), 3);
    const outShape = shape.map((d, i) => (reduced[i] ? 1 : d));
    const outStrides = broadcastStrides(outShape, shape).map((s, i) => (reduced[i] ? 0 : s));
    const got = new Float32Array(numel(outShape));
    reduceSum(shape, a, outStrides, got);
    // The fold: every input element, in order, into its output element.
    const acc = new Float64Array(got.length);
    const idx = shape.map(() => 0);
    for (let i = 0; i < a.length; i++) {
      let o = 0;
      idx.forEach((k, d) => (o += k * outStrides[d]!));
      acc[o] += a[i]!;
      for (let d = shape.length - 1; d >= 0 && ++idx[d]! === shape[d]; d--) idx[d] = 0;
    }
    assert.deepEqual(got, Float32Array.from(acc), `sum of ${JSON.stringify(shape)} over ${reduced}`);
  }
});

test("stridedCopy: one element expanded (all strides 0) fills; other strides walk; both as an index-by-index copy", () => {
  const a = values(24, 4);
  const cases: [number[], number[], number][] = [
    [[4, 5], [0, 0], 7], [[3], [0], 2], [[2, 1, 3], [0, 0, 0], 0], [[2, 3, 4], [12, 4, 1], 0], [[4, 3], [1, 4], 0], [[3, 2], [0, 1], 5], [[], [], 3],
  ];
  for (const [shape, strides, offset] of cases) {
    const got = new Float32Array(numel(shape));
    stridedCopy(shape, a, strides, offset, got);
    const want = new Float32Array(got.length);
    const idx = shape.map(() => 0);
    for (let o = 0; o < want.length; o++) {
      let i = offset;
      idx.forEach((k, d) => (i += k * strides[d]!));
      want[o] = a[i]!;
      for (let d = shape.length - 1; d >= 0 && ++idx[d]! === shape[d]; d--) idx[d] = 0;
    }
    assert.deepEqual(got, want, `shape ${JSON.stringify(shape)} strides ${JSON.stringify(strides)} offset ${offset}`);
  }
});
