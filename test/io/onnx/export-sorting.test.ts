// exportOnnx's lowering of sort and topk to TopK, held to onnxruntime on lines full of ties, NaN
// and ±∞ (indices exactly); and the refusals where TopK's tie order is not rnnkit's (and torch's).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { exportOnnx } from "../../../src/io/onnx/index.js";
import { deviation, tied, type Forward } from "./multi-output.js";

/** Ties, NaN, +∞ and −∞ in one tensor (B, 6, 7). */
const extremes = (B: number) => {
  const x = tied("float32")(B);
  const r = R.randint(0, 6, [B, 6, 7]);
  return R.maskedFill(R.maskedFill(x, R.eq(r, 0), Infinity), R.eq(r, 1), -Infinity);
};

const narrow = (make: (B: number) => R.Tensor, n: number) => (B: number) => make(B).narrow(2, 0, n);

const CASES: [string, Forward, (B: number) => R.Tensor][] = [
  ["sort stable, both directions, dims 1 and 2", (x) => [...R.sort(x, 1, false, true), ...R.sort(x, -1, true, true)], extremes],
  ["sort stable along the dynamic axis (TopK's k from the runtime shape)", (x) => [...R.sort(x, 0, true, true)], extremes],
  ["sort int32 along the dynamic axis", (x) => [...R.sort(x, 0, false, true)], (B) => R.randint(0, 3, [B, 6, 7], { dtype: "int32" })],
  ["sort float64", (x) => [...R.sort(x, 2, true, true)], (B) => R.toDType(extremes(B), "float64")],
  ["sort int32", (x) => [...R.sort(x, 1, true, true), ...R.sort(x, 2)], (B) => R.randint(0, 3, [B, 6, 7], { dtype: "int32" })],
  ["sort not stable, lines of 16 (std::sort's order is input order)", (x) => [...R.sort(x), ...R.sort(x, -1, true)], (B) => R.cat([extremes(B), extremes(B), extremes(B)], 2).narrow(2, 0, 16)],
  ["topk, lines of 3, every k, both ends, sorted or not", (x) => [1, 2, 3].flatMap((k) => [...R.topk(x, k), ...R.topk(x, k, -1, false, false)]), narrow(extremes, 3)],
  ["topk, lines of 2", (x) => [...R.topk(x, 1), ...R.topk(x, 2, -1, false)], narrow(extremes, 2)],
];

test("sort and topk match onnxruntime exactly on ties, NaN and ±inf", async (t) => {
  R.manualSeed(31);
  for (const [name, f, make] of CASES) {
    const d = await deviation(f, make);
    t.diagnostic(`${name}: max |Δ| = ${d}`);
    assert.equal(d, 0, `${name} differs from onnxruntime by ${d}`);
  }
});

test("sort without stable on lines over 16, and topk on lines over 3, are refused: TopK's tie order would differ", () => {
  const m = (f: (x: R.Tensor) => unknown) => new (class extends R.nn.Module { forward(x: R.Tensor) { return f(x); } })();
  assert.throws(() => exportOnnx(m((x) => R.sort(x)), [R.randn([2, 17])]), {
    code: "ERR_UNSUPPORTED", message: /SortBackward0 along a dim of size 17: without stable, equal elements come out in std::sort's order.*sort with stable: true/,
  });
  assert.doesNotThrow(() => exportOnnx(m((x) => R.sort(x, -1, false, true)), [R.randn([2, 17])]));
  assert.throws(() => exportOnnx(m((x) => R.topk(x, 2)), [R.randn([2, 4])]), {
    code: "ERR_UNSUPPORTED", message: /TopkBackward0 along a dim of size 4: topk orders and picks equal elements as torch's nth_element.*use sort\(x, dim, largest, true\) and narrow it to k/,
  });
  assert.throws(() => exportOnnx(m((x) => R.sort(x)), [R.randn([2, 5])], { inputNames: ["x"], dynamicAxes: { x: [1] } }), { code: "ERR_UNSUPPORTED", message: /SortBackward0/ });
});

test("the refusals are needed: rnnkit's unstable sort of 17 and topk of 4 do differ from index order on ties", () => {
  const x = R.tensor([[...Array<number>(17).fill(1)]]);
  const [, i] = R.sort(x.add(R.tensor([Array.from({ length: 17 }, (_, j) => (j % 2 === 0 ? 0 : 1))])));
  const [, s] = R.sort(x.add(R.tensor([Array.from({ length: 17 }, (_, j) => (j % 2 === 0 ? 0 : 1))])), -1, false, true);
  assert.notDeepEqual([...i.data], [...s.data]);
  assert.deepEqual([...R.topk(R.ones([1, 4]), 2)[1].data], [2, 3]); // index order would be [0, 1]
});
