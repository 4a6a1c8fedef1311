// Printing as PyTorch prints (torch/_tensor_str.py). Expected strings are PyTorch's output for
// the same tensors; the hello-tutorial test pins a whole published block.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { HELLO_OUTPUT_LINES } from "../fixtures/hello-published.js";

const cases: [string, () => R.Tensor, string][] = [
  ["integer-valued floats", () => R.tensor([1, 2, 3]), "tensor([1., 2., 3.])"],
  ["4 decimals, common width", () => R.tensor([[1.5, -2.25]]), "tensor([[ 1.5000, -2.2500]])"],
  ["scientific when the range is wide", () => R.tensor([0.1, 1e6]), "tensor([1.0000e-01, 1.0000e+06])"],
  ["scientific for tiny values", () => R.tensor([1e-5, 0.5]), "tensor([1.0000e-05, 5.0000e-01])"],
  ["non-finite values", () => R.tensor([NaN, Infinity, 1]), "tensor([nan, inf, 1.])"],
  ["0-d", () => R.tensor(3.5), "tensor(3.5000)"],
  ["exact tie rounds to even like Python's format", () => R.tensor(0.03125), "tensor(0.0312)"],
  ["int64", () => R.arange(3), "tensor([0, 1, 2])"],
  ["int32 shows its dtype", () => R.arange(3).int(), "tensor([0, 1, 2], dtype=torch.int32)"],
  ["float64 shows its dtype", () => R.tensor([0.5], { dtype: "float64" }), "tensor([0.5000], dtype=torch.float64)"],
  ["bool", () => R.tensor([true, false]), "tensor([ True, False])"],
  ["empty", () => R.zeros([0]), "tensor([])"],
  ["empty 2-D", () => R.zeros([0, 3]), "tensor([], size=(0, 3))"],
  ["requires grad", () => R.tensor([1.5], { requiresGrad: true }), "tensor([1.5000], requires_grad=True)"],
  ["grad_fn", () => R.tensor([1.5], { requiresGrad: true }).mul(2), "tensor([3.], grad_fn=<MulBackward0>)"],
  ["wraps at 80 columns", () => R.arange(30).float(),
    "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n" +
    "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n" +
    "        28., 29.])"],
  ["summarised past 1000 elements", () => R.arange(2000).float(),
    "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])"],
];

for (const [name, make, expected] of cases) {
  test(`print: ${name}`, () => assert.equal(String(make()), expected));
}

test("print: the hello tutorial's output, as PyTorch 1.x printed it", () => {
  // deeplearningzerotoall/PyTorch RNN/1-basics.ipynb (PyTorch 1.x): torch.manual_seed(0);
  // rnn = torch.nn.RNN(4, 2); outputs, _ = rnn(input_data); print(outputs)
  R.manualSeed(0);
  const [h, e, l, o] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
  const [out] = new R.nn.RNN(4, 2).forward(R.tensor([[h, e, l, l, o], [e, o, l, l, l], [l, l, e, e, l]] as number[][][]));
  R.printOptions.legacyGradFnNames = true;
  try {
    assert.equal(String(out), HELLO_OUTPUT_LINES.join("\n"));
  } finally {
    R.printOptions.legacyGradFnNames = false;
  }
});
