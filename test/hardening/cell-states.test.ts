// Cells check their states as the layers do (issue 9, item 10), and a layer given a bare tensor
// where it wants [h0, c0] says what it got. Before: LSTMCell.forward(x, [h]) treated the cell
// state as zeros and returned [h', undefined]; forward(x, h) was "states.map is not a function".
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

const { nn } = R;

test("LSTMCell wants [h, c]; RNNCell and GRUCell a tensor", () => {
  const x = R.randn([3, 4]);
  const h = R.zeros([3, 8]);
  const lstm = new nn.LSTMCell(4, 8);
  expectCoded(() => lstm.forward(x, [h] as never), "ERR_SHAPE", /^LSTMCell: hx must be \[h, c\], an array of 2 tensors, or null \(got an array of 1\)$/);
  expectCoded(() => lstm.forward(x, h as never), "ERR_SHAPE", /^LSTMCell: hx must be \[h, c\].*\(got a float32 tensor of shape \[3,8\]\)$/);
  expectCoded(() => lstm.forward(x, [h, [1, 2]] as never), "ERR_SHAPE", /^LSTMCell: hx\[1\] must be a Tensor \(got an array of 2\)$/);
  expectCoded(() => lstm.forward(x, [h, R.zeros([3, 8], { dtype: "float64" })] as never), "ERR_DTYPE", /^LSTMCell: hx\[1\] must have the same dtype as the input \(expected float32, got float64\)/);
  const gru = new nn.GRUCell(4, 8);
  expectCoded(() => gru.forward(x, [h] as never), "ERR_SHAPE", /^GRUCell: hx must be a Tensor \(got an array of 1\)$/);
  expectCoded(() => new nn.RNNCell(4, 8).forward(x, 5 as never), "ERR_SHAPE", /^RNNCell: hx must be a Tensor \(got 5\)$/);
  const [h1, c1] = lstm.forward(x, [h, h]);
  assert.deepEqual([h1.shape, c1.shape], [[3, 8], [3, 8]]);
});

test("LSTM.forward(x, h0) with a bare h0 says what was passed", () => {
  const lstm = new nn.LSTM(4, 8);
  const x = R.randn([5, 3, 4]);
  expectCoded(() => lstm.forward(x, R.zeros([1, 3, 8]) as never), "ERR_SHAPE", /^LSTM: hx must be \[h0, c0\], an array of 2 tensors \(got a float32 tensor of shape \[1,3,8\]\)$/);
  expectCoded(() => new nn.GRU(4, 8).forward(x, [R.zeros([1, 3, 8])] as never), "ERR_SHAPE", /^GRU: hx must be a Tensor \(got an array of 1\)$/);
});
