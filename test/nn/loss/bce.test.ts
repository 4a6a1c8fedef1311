// BCEWithLogitsLoss against PyTorch's documented formula
// ℓ_n = −w_n [p·y_n·log σ(x_n) + (1 − y_n)·log(1 − σ(x_n))], its stability and gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { lcgTensor } from "../../helpers/data.js";
import { close, reduce, type Reduction } from "./reference.js";

const { nn } = R;
const REDUCTIONS: Reduction[] = ["mean", "sum", "none"];
const f64 = (v: number[]) => R.tensor(v, { dtype: "float64" });
const asValue = (t: R.Tensor): number | number[] => (t.ndim === 0 ? t.item() : Array.from(t.data));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

test("BCEWithLogitsLoss: the documented formula, with weight and posWeight (broadcast over the last dim)", () => {
  const x = lcgTensor([3, 2], 71, -3, 3, false);
  const y = lcgTensor([3, 2], 72, 0, 1, false);
  const w = [0.5, 1, 2]; // per row, shape (3, 1)
  const pw = [3, 0.5]; // per class, shape (2)
  for (const reduction of REDUCTIONS) {
    for (const useW of [false, true]) {
      for (const usePw of [false, true]) {
        const ref = Array.from(x.data, (v, i) => {
          const p = usePw ? pw[i % 2]! : 1;
          const wn = useW ? w[Math.floor(i / 2)]! : 1;
          const t = y.data[i]!;
          return -wn * (p * t * Math.log(sigmoid(v)) + (1 - t) * Math.log(1 - sigmoid(v)));
        });
        const got = nn.binaryCrossEntropyWithLogits(x, y, {
          reduction, weight: useW ? R.tensor([[0.5], [1], [2]], { dtype: "float64" }) : null, posWeight: usePw ? f64(pw) : null,
        });
        close(asValue(got), reduce(ref, reduction), 1e-12, `${reduction} weight=${useW} posWeight=${usePw}`);
      }
    }
  }
});

test("BCEWithLogitsLoss is finite and exact at large logits, where log(σ(x)) would overflow", () => {
  const loss = new nn.BCEWithLogitsLoss({ reduction: "none" });
  const x = R.tensor([100, -100, 100, 0], { dtype: "float64", requiresGrad: true });
  const y = R.tensor([1, 1, 0, 0], { dtype: "float64" });
  const out = loss.forward(x, y);
  // −log σ(100) = log1p(e⁻¹⁰⁰); −log σ(−100) = 100 + log1p(e⁻¹⁰⁰); −log(1 − σ(100)) = 100 + log1p(e⁻¹⁰⁰); log 2
  close(Array.from(out.data), [Math.log1p(Math.exp(-100)), 100, 100, Math.LN2], 1e-15);
  assert.ok(out.data[0]! > 0, "log1p keeps the tiny loss of a confident correct logit");
  out.sum().backward();
  // d/dx = σ(x) − y
  close(Array.from(x.grad!.data), [sigmoid(100) - 1, sigmoid(-100) - 1, sigmoid(100), 0.5], 1e-15, "grad");
});

test("BCEWithLogitsLoss gradcheck through input, target, weight and posWeight", () => {
  for (const reduction of REDUCTIONS) {
    R.gradcheck((x, y, w, p) => nn.binaryCrossEntropyWithLogits(x, y!, { reduction, weight: w!, posWeight: p! }), [
      lcgTensor([3, 2], 73, -3, 3), lcgTensor([3, 2], 74, 0, 1), lcgTensor([3, 1], 75, 0.5, 2), lcgTensor([2], 76, 0.5, 3),
    ]);
    R.gradcheck((x, y) => nn.binaryCrossEntropyWithLogits(x, y!, { reduction }), [lcgTensor([5], 77, -4, 4), lcgTensor([5], 78, 0, 1)]);
  }
});

test("BCEWithLogitsLoss errors: target shape, posWeight shape", () => {
  assert.throws(() => nn.binaryCrossEntropyWithLogits(R.zeros([3, 1]), R.zeros([3])), {
    name: "ShapeError", message: "binaryCrossEntropyWithLogits: target size ([3]) must be the same as input size ([3,1])",
  });
  assert.throws(() => new nn.BCEWithLogitsLoss({ posWeight: R.ones([3]) }).forward(R.zeros([2, 2]), R.zeros([2, 2])), {
    name: "ShapeError", message: /BCEWithLogitsLoss: shapes \[3\] and \[2,2\] cannot be broadcast/,
  });
  assert.deepEqual(Object.keys(new nn.BCEWithLogitsLoss({ posWeight: R.ones([3]) }).stateDict()), ["pos_weight"]);
});
