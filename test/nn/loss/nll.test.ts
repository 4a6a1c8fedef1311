// NLLLoss against PyTorch's documented formula ℓ_n = −w_{y_n}·x_{n,y_n}, 'mean' dividing by
// Σ w_{y_n} over non-ignored targets, and gradcheck of every option combination.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { lcgTensor } from "../../helpers/data.js";
import { close, refClassLoss, rowsOf, type Reduction } from "./reference.js";

const { nn } = R;
const idx = (values: number[], shape = [values.length]) => R.tensor(values, { dtype: "int64", shape });
const f64 = (values: number[]) => R.tensor(values, { dtype: "float64" });
const asValue = (t: R.Tensor): number | number[] => (t.ndim === 0 ? t.item() : Array.from(t.data));
const REDUCTIONS: Reduction[] = ["mean", "sum", "none"];

test("NLLLoss picks −x[n, y_n] (hand-computed)", () => {
  const x = R.tensor([[-1, -2, -3], [-0.5, -4, -0.25]], { dtype: "float64" });
  // none: [2, 0.25]; sum: 2.25; mean: 1.125; weights [1, 2, 4]: (4·3... ) see below
  assert.deepEqual(nn.nllLoss(x, idx([1, 2]), { reduction: "none" }).tolist(), [2, 0.25]);
  assert.equal(nn.nllLoss(x, idx([1, 2]), { reduction: "sum" }).item(), 2.25);
  assert.equal(new nn.NLLLoss().forward(x, idx([1, 2])).item(), 1.125);
  // weighted mean: (2·2 + 4·0.25) / (2 + 4) = 5/6
  close(nn.nllLoss(x, idx([1, 2]), { weight: f64([1, 2, 4]) }).item(), 5 / 6);
  // ignored entry: only row 1 counts
  assert.equal(nn.nllLoss(x, idx([-100, 2])).item(), 0.25);
  assert.ok(Number.isNaN(nn.nllLoss(x, idx([-100, -100])).item()));
});

test("NLLLoss: values match the formula for every weight/ignoreIndex/reduction, 2-D and unbatched", () => {
  const x = lcgTensor([5, 4], 51, -3, 0, false);
  const rows = rowsOf(x.data, 5, 4);
  const targets = [0, 3, 3, 1, 2];
  const weight = [0.25, 1.5, 2, 0.75];
  for (const reduction of REDUCTIONS) {
    for (const useWeight of [false, true]) {
      for (const ignoreIndex of [-100, 3]) {
        const o = { reduction, ignoreIndex, ...(useWeight ? { weight } : {}) };
        const got = nn.nllLoss(x, idx(targets), { reduction, ignoreIndex, weight: useWeight ? f64(weight) : null });
        close(asValue(got), refClassLoss(rows, targets, o, true), 1e-12, JSON.stringify(o));
      }
    }
  }
  const v = lcgTensor([4], 52, -3, 0, false);
  assert.deepEqual(nn.nllLoss(v, idx([2], []), { reduction: "none" }).shape, []);
  close(nn.nllLoss(v, idx([2], []), { weight: f64(weight) }).item(), -v.data[2]!);
  close(nn.nllLoss(v, idx([2], []), { weight: f64(weight), reduction: "sum" }).item(), -2 * v.data[2]!);
});

test("NLLLoss gradcheck: weights, ignoreIndex, reductions; 3-D input", () => {
  for (const reduction of REDUCTIONS) {
    for (const weight of [null, f64([0.25, 1.5, 2, 0.75])]) {
      for (const ignoreIndex of [-100, 3]) {
        const t = idx([0, 3, ignoreIndex, 1]);
        R.gradcheck((a) => nn.nllLoss(a, t, { reduction, weight, ignoreIndex }), [lcgTensor([4, 4], 53)]);
      }
    }
    R.gradcheck((a) => nn.nllLoss(a, idx([0, 2, 1, -100, 2, 0], [2, 3]), { reduction }), [lcgTensor([2, 3, 3], 54)]);
  }
});

test("NLLLoss errors: index dtype and shape, out-of-range class", () => {
  const x = R.randn([2, 3]);
  assert.throws(() => nn.nllLoss(x, R.tensor([0, 1])), {
    name: "DTypeError", message: "nllLoss: target must be int64 class indices of shape [N] (got float32 of shape [2] for input of shape [2,3])",
  });
  assert.throws(() => new nn.NLLLoss().forward(x, idx([0, 1, 2])), { name: "ShapeError", message: /NLLLoss: target must be .*got int64 of shape \[3\]/ });
  assert.throws(() => nn.nllLoss(x, idx([0, 3])), { name: "IndexError", message: /Target 3 is out of bounds \(C=3/ });
  assert.throws(() => nn.nllLoss(R.randn([]), idx([0], [])), { name: "ShapeError", message: /input must have a class dimension/ });
});
