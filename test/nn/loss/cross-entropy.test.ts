// CrossEntropyLoss against PyTorch's documented formulas (class indices, probabilities, class
// weights, ignoreIndex, label smoothing, every reduction) and gradcheck of every combination.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { lcgTensor } from "../../helpers/data.js";
import { close, refClassLoss, refProbLoss, rowsOf, type Reduction } from "./reference.js";

const { nn } = R;
const idx = (values: number[], shape = [values.length]) => R.tensor(values, { dtype: "int64", shape });
const f64 = (values: number[]) => R.tensor(values, { dtype: "float64" });
const asValue = (t: R.Tensor): number | number[] => (t.ndim === 0 ? t.item() : Array.from(t.data));
const REDUCTIONS: Reduction[] = ["mean", "sum", "none"];

test("CrossEntropyLoss on one row equals log Σ exp(x) − x_y (hand-computed)", () => {
  // −log softmax([1, 2, 3])[2] = log(e + e² + e³) − 3 = log(1 + e⁻¹ + e⁻²)
  const loss = new nn.CrossEntropyLoss().forward(R.tensor([[1, 2, 3]]), idx([2]));
  assert.equal(loss.dtype, "float32");
  assert.deepEqual(loss.shape, []);
  close(loss.item(), Math.log(1 + Math.exp(-1) + Math.exp(-2)), 1e-6);
  // unbatched (C) input with a 0-d target gives the same number
  close(nn.crossEntropy(R.tensor([1, 2, 3]), idx([2], [])).item(), Math.log(1 + Math.exp(-1) + Math.exp(-2)), 1e-6);
});

test("class indices: values match the documented formula for every weight/ignoreIndex/labelSmoothing/reduction", () => {
  const x = lcgTensor([5, 4], 3, -2, 2, false);
  const rows = rowsOf(x.data, 5, 4);
  const targets = [3, 1, 1, 0, 2];
  const weight = [0.5, 2, 1.25, 3];
  for (const reduction of REDUCTIONS) {
    for (const useWeight of [false, true]) {
      for (const ignoreIndex of [-100, 1]) {
        for (const labelSmoothing of [0, 0.2]) {
          const o = { reduction, ignoreIndex, labelSmoothing, ...(useWeight ? { weight } : {}) };
          const got = nn.crossEntropy(x, idx(targets), { reduction, ignoreIndex, labelSmoothing, weight: useWeight ? f64(weight) : null });
          close(asValue(got), refClassLoss(rows, targets, o), 1e-12, JSON.stringify(o));
        }
      }
    }
  }
});

test("mean with class weights divides by the sum of the weights of non-ignored targets", () => {
  // hand-computed: rows are uniform logits, so −log softmax = log 3 for every class
  const x = R.zeros([3, 3], { dtype: "float64" });
  const loss = nn.crossEntropy(x, idx([0, 2, -100]), { weight: f64([2, 5, 7]) });
  // (2·log 3 + 7·log 3) / (2 + 7) = log 3
  close(loss.item(), Math.log(3));
  const sum = nn.crossEntropy(x, idx([0, 2, -100]), { weight: f64([2, 5, 7]), reduction: "sum" });
  close(sum.item(), 9 * Math.log(3));
});

test("every target ignored: 'mean' is NaN, 'sum' is 0, 'none' is zeros", () => {
  const x = lcgTensor([2, 3], 5, -1, 1, false);
  const t = idx([-100, -100]);
  assert.ok(Number.isNaN(nn.crossEntropy(x, t).item()));
  assert.ok(Number.isNaN(nn.crossEntropy(x, t, { labelSmoothing: 0.1, weight: f64([1, 2, 3]) }).item()));
  assert.equal(nn.crossEntropy(x, t, { reduction: "sum" }).item(), 0);
  assert.deepEqual(nn.crossEntropy(x, t, { reduction: "none" }).tolist(), [0, 0]);
});

test("(N, C, d1, d2) input with (N, d1, d2) targets equals the per-position (N·d1·d2, C) loss", () => {
  const x = lcgTensor([2, 3, 2, 2], 7, -2, 2, false);
  const t = [0, 2, -100, 1, 1, 1, 0, 2];
  const weight = [1, 0.5, 2];
  // move the class dim last to get one row per position, in target order
  const rows: number[][] = [];
  for (let n = 0; n < 2; n++) for (let p = 0; p < 4; p++) rows.push([0, 1, 2].map((c) => x.data[n * 12 + c * 4 + p]!));
  for (const reduction of REDUCTIONS) {
    const o = { reduction, weight, labelSmoothing: 0.1 };
    const got = nn.crossEntropy(x, idx(t, [2, 2, 2]), { ...o, weight: f64(weight) });
    if (reduction === "none") assert.deepEqual(got.shape, [2, 2, 2]);
    close(asValue(got), refClassLoss(rows, t, o), 1e-12, reduction);
  }
});

test("class probabilities: values match the documented formula, 'mean' divides by N", () => {
  const x = lcgTensor([3, 4], 11, -2, 2, false);
  const raw = lcgTensor([3, 4], 12, 0.1, 1, false);
  // normalised rows of probabilities
  const probs = rowsOf(raw.data, 3, 4).map((r) => r.map((v) => v / r.reduce((a, b) => a + b, 0)));
  const p = R.tensor(probs, { dtype: "float64" });
  const weight = [0.5, 2, 1.25, 3];
  for (const reduction of REDUCTIONS) {
    for (const useWeight of [false, true]) {
      for (const labelSmoothing of [0, 0.3]) {
        const o = { reduction, labelSmoothing, ...(useWeight ? { weight } : {}) };
        const got = nn.crossEntropy(x, p, { reduction, labelSmoothing, weight: useWeight ? f64(weight) : null });
        close(asValue(got), refProbLoss(rowsOf(x.data, 3, 4), probs, o), 1e-12, JSON.stringify(o));
      }
    }
  }
  // one-hot probabilities give the same loss as the indices
  const onehot = R.oneHot(idx([1, 0, 3]), 4, { dtype: "float64" });
  close(nn.crossEntropy(x, onehot).item(), nn.crossEntropy(x, idx([1, 0, 3])).item(), 1e-14);
});

test("gradcheck: class indices, every option combination, 2-D, 4-D and unbatched", () => {
  for (const reduction of REDUCTIONS) {
    for (const weight of [null, f64([0.5, 2, 1.25, 3])]) {
      for (const ignoreIndex of [-100, 1]) {
        const t = idx([3, 2, ignoreIndex, 0]);
        for (const labelSmoothing of [0, 0.25]) {
          const x = lcgTensor([4, 4], 21);
          const opts = { reduction, weight, ignoreIndex, labelSmoothing };
          R.gradcheck((a) => nn.crossEntropy(a, t, opts), [x], { name: `crossEntropy ${JSON.stringify({ ...opts, weight: weight !== null })}` });
        }
      }
    }
  }
  const t4 = idx([0, 2, -100, 1, 1, 1, 0, 2], [2, 2, 2]);
  for (const reduction of REDUCTIONS) {
    R.gradcheck((a) => nn.crossEntropy(a, t4, { reduction, weight: f64([1, 0.5, 2]), labelSmoothing: 0.1 }), [lcgTensor([2, 3, 2, 2], 22)]);
  }
  R.gradcheck((a) => nn.crossEntropy(a, idx([2], []), { labelSmoothing: 0.2, weight: f64([1, 2, 3]) }), [lcgTensor([3], 23)]);
});

test("gradcheck: class probabilities, through the input and the target", () => {
  for (const reduction of REDUCTIONS) {
    for (const weight of [null, f64([0.5, 2, 1.25])]) {
      for (const labelSmoothing of [0, 0.3]) {
        const opts = { reduction, weight, labelSmoothing };
        R.gradcheck((a, p) => nn.crossEntropy(a, p!, opts), [lcgTensor([2, 3], 31), lcgTensor([2, 3], 32, 0, 1)]);
      }
    }
  }
  R.gradcheck((a, p) => nn.crossEntropy(a, p!, { reduction: "none" }), [lcgTensor([2, 3, 2], 33), lcgTensor([2, 3, 2], 34, 0, 1)]);
  R.gradcheck((a, p) => nn.crossEntropy(a, p!), [lcgTensor([4], 35), lcgTensor([4], 36, 0, 1)]);
});

test("the module keeps its options and registers weight as a buffer", () => {
  const w = R.tensor([1, 2, 3]);
  const loss = new nn.CrossEntropyLoss({ weight: w, ignoreIndex: 0, labelSmoothing: 0.1, reduction: "sum" });
  assert.deepEqual(Object.keys(loss.stateDict()), ["weight"]);
  assert.equal(loss.ignoreIndex, 0);
  const x = lcgTensor([2, 3], 41, -1, 1, false).float();
  const expected = nn.crossEntropy(x, idx([0, 2]), { weight: w, ignoreIndex: 0, labelSmoothing: 0.1, reduction: "sum" });
  assert.equal(loss.forward(x, idx([0, 2])).item(), expected.item());
});

test("bad targets and options raise errors naming the loss, the expected and the actual value", () => {
  const loss = new nn.CrossEntropyLoss();
  const x = R.randn([3, 4]);
  assert.throws(() => loss.forward(x, R.randn([3, 5])), {
    name: "ShapeError", code: "ERR_SHAPE",
    message: "CrossEntropyLoss: target must be int64 class indices of shape [N] or probabilities of shape [N,C] (got float32 of shape [3,5] for input of shape [3,4])",
  });
  assert.throws(() => loss.forward(x, R.tensor([0, 1, 2])), { name: "DTypeError", message: /int64 class indices .*got float32 of shape \[3\]/ });
  assert.throws(() => loss.forward(x, idx([0, 1])), { name: "ShapeError", message: /got int64 of shape \[2\] for input of shape \[3,4\]/ });
  assert.throws(() => loss.forward(x, idx([0, 4, 1])), {
    name: "IndexError", code: "ERR_INDEX", message: "CrossEntropyLoss: Target 4 is out of bounds (C=4, so class indices must be in [0, 3]; ignoreIndex is -100)",
  });
  assert.throws(() => loss.forward(x, idx([0, -1, 1])), { name: "IndexError", message: /Target -1 is out of bounds/ });
  assert.throws(() => loss.forward(x, R.zeros([3, 4], { dtype: "int64" })), { name: "DTypeError", message: /class probabilities and must be floating point \(got int64\)/ });
  assert.throws(() => nn.crossEntropy(x, R.rand([3, 4]), { ignoreIndex: 0 }), { name: "ConfigError", message: /ignoreIndex is not supported for class-probability targets/ });
  assert.throws(() => nn.crossEntropy(x, idx([0, 1, 2]), { weight: R.ones([3]) }), {
    name: "ShapeError", message: /weight tensor should be defined either for all 4 classes or no classes \(expected shape \[4\], got \[3\]\)/,
  });
  assert.throws(() => nn.crossEntropy(R.zeros([3, 4], { dtype: "int64" }), idx([0, 1, 2])), { name: "DTypeError", message: /input must be a floating point tensor/ });
  assert.throws(() => new nn.CrossEntropyLoss({ labelSmoothing: 1.5 }), {
    name: "ConfigError", message: "CrossEntropyLoss: labelSmoothing must be between 0.0 and 1.0 (got 1.5)",
  });
  assert.throws(() => new nn.CrossEntropyLoss({ reduction: "avg" as Reduction }), {
    name: "ConfigError", message: `CrossEntropyLoss: reduction must be 'mean', 'sum' or 'none' (got "avg")`,
  });
  assert.throws(() => new nn.CrossEntropyLoss({ ignoreIndex: 1.5 }), { name: "ConfigError", message: /ignoreIndex must be an integer/ });
  assert.throws(() => new nn.CrossEntropyLoss({ weight: idx([1, 2]) }), { name: "DTypeError", message: /weight must be a floating point tensor/ });
});
