// MSELoss and L1Loss against their documented formulas, and their gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { lcgTensor } from "../../helpers/data.js";
import { close, reduce, type Reduction } from "./reference.js";

const { nn } = R;
const REDUCTIONS: Reduction[] = ["mean", "sum", "none"];
const asValue = (t: R.Tensor): number | number[] => (t.ndim === 0 ? t.item() : Array.from(t.data));

test("MSELoss and L1Loss on hand-computed values", () => {
  const x = R.tensor([1, 2, -1]);
  const y = R.tensor([0, 4, 1]);
  // (x − y)² = [1, 4, 4]; |x − y| = [1, 2, 2]
  assert.equal(new nn.MSELoss().forward(x, y).item(), 3);
  assert.equal(nn.mseLoss(x, y, { reduction: "sum" }).item(), 9);
  assert.deepEqual(nn.mseLoss(x, y, { reduction: "none" }).tolist(), [1, 4, 4]);
  assert.equal(new nn.L1Loss().forward(x, y).item(), Math.fround(5 / 3)); // float32, as the inputs
  assert.equal(new nn.L1Loss({ reduction: "sum" }).forward(x, y).item(), 5);
});

test("MSELoss / L1Loss: every reduction matches (1/n)Σ(x − y)² and (1/n)Σ|x − y|; gradcheck", () => {
  const x = lcgTensor([3, 4], 61);
  const y = lcgTensor([3, 4], 62);
  const d = Array.from(x.data, (v, i) => v - y.data[i]!);
  for (const reduction of REDUCTIONS) {
    close(asValue(nn.mseLoss(x, y, { reduction })), reduce(d.map((v) => v * v), reduction), 1e-14, `mse ${reduction}`);
    close(asValue(nn.l1Loss(x, y, { reduction })), reduce(d.map(Math.abs), reduction), 1e-14, `l1 ${reduction}`);
    R.gradcheck((a, b) => nn.mseLoss(a, b!, { reduction }), [x, y]);
    R.gradcheck((a, b) => nn.l1Loss(a, b!, { reduction }), [x, y]);
  }
});

test("a target of another shape is broadcast, with PyTorch's warning", (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const loss = nn.mseLoss(R.tensor([[1], [2]]), R.tensor([1, 2]));
  assert.equal(loss.item(), 0.5); // [[1], [2]] − [1, 2] = [[0, −1], [1, 0]] → (0 + 1 + 1 + 0) / 4
  assert.equal(warn.mock.callCount(), 1);
  assert.match(String(warn.mock.calls[0]!.arguments[0]), /mseLoss: using a target size \(\[2\]\) that is different to the input size \(\[2,1\]\)/);
  assert.throws(() => nn.l1Loss(R.zeros([2, 3]), R.zeros([4])), { name: "ShapeError", message: /l1Loss: shapes \[2,3\] and \[4\] cannot be broadcast/ });
  assert.throws(() => nn.mseLoss(R.zeros([2]), R.zeros([2], { dtype: "int64" })), { name: "DTypeError", message: /target must be a floating point tensor/ });
});
