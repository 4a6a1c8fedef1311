// A PackedSequence built by hand is checked where it is built and where a layer or
// padPackedSequence takes it: batch sizes are positive, non-increasing int64 integers summing
// to the rows of data, so no kernel reads rows that are not there (issue 9, item 1).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

const { nn } = R;
const int64 = (v: number[]) => R.tensor(v, { dtype: "int64" });

test("the constructor refuses batch sizes that are not positive non-increasing integers summing to the rows", () => {
  const x = R.randn([6, 3]);
  expectCoded(() => new nn.PackedSequence(x, int64([1, 2, 3])), "ERR_VALUE", /never increase \(got 2 at step 1 after 1/);
  expectCoded(() => new nn.PackedSequence(x, int64([3, -1, 4])), "ERR_VALUE", /positive integers.*got -1 at step 1/);
  expectCoded(() => new nn.PackedSequence(x, R.tensor([3, NaN], { dtype: "float64" })), "ERR_DTYPE", /batchSizes must be an int64 tensor \(got float64\)/);
  expectCoded(() => new nn.PackedSequence(x, R.tensor([3.5, 2.5])), "ERR_DTYPE", /int64/);
  expectCoded(() => new nn.PackedSequence(x, int64([4, 3])), "ERR_SHAPE", /batchSizes sum to 7, but data has 6 rows/);
  expectCoded(() => new nn.PackedSequence(x, int64([1e9])), "ERR_SHAPE", /sum to 1000000000, but data has 6 rows/);
  expectCoded(() => new nn.PackedSequence(x, int64([])), "ERR_SHAPE", /non-empty 1-D/);
  expectCoded(() => new nn.PackedSequence(x, [3, 3] as unknown as R.Tensor), "ERR_SHAPE", /batchSizes must be a Tensor \(got an array of 2\)/);
  expectCoded(() => new nn.PackedSequence(x, int64([3, 3]), int64([0, 1]), int64([0, 1])), "ERR_SHAPE", /sortedIndices must be a 1-D int64 tensor of 3 indices/);
  expectCoded(() => new nn.PackedSequence(x, int64([3, 3]), int64([0, 1, 1]), int64([0, 1, 2])), "ERR_VALUE", /permutation of 0..2/);
  expectCoded(() => new nn.PackedSequence(x, int64([3, 3]), int64([1, 2, 0]), int64([1, 2, 0])), "ERR_VALUE", /inverse of sortedIndices/);
  expectCoded(() => new nn.PackedSequence(x, int64([3, 3]), int64([1, 2, 0]), null), "ERR_VALUE", /both be given or both be null/);
  // A valid one is accepted and round-trips.
  const ok = new nn.PackedSequence(x, int64([3, 2, 1]), int64([1, 2, 0]), int64([2, 0, 1]));
  assert.deepEqual(ok.lengths(), [1, 3, 2]);
});

test("a layer re-checks a PackedSequence whose batch sizes were written after construction", () => {
  const lstm = new nn.LSTM(3, 4);
  const seq = new nn.PackedSequence(R.randn([6, 3]), int64([3, 2, 1]));
  const first = lstm.forward(seq)[0].data.data.slice();
  seq.batchSizes.data[1] = 3; // now [3, 3, 1]: 7 rows for 6
  expectCoded(() => lstm.forward(seq), "ERR_SHAPE", /^LSTM: PackedSequence batchSizes sum to 7, but data has 6 rows/);
  expectCoded(() => nn.utils.rnn.padPackedSequence(seq), "ERR_SHAPE", /^padPackedSequence: .*sum to 7/);
  seq.batchSizes.data[1] = 2;
  // Two identical calls give identical answers (the stale-memory symptom of the issue).
  assert.deepEqual(Array.from(lstm.forward(seq)[0].data.data), Array.from(first));
});

test("padPackedSequence checks totalLength before allocating", () => {
  const seq = nn.utils.rnn.packSequence([R.randn([3, 2]), R.randn([1, 2])]);
  expectCoded(() => nn.utils.rnn.padPackedSequence(seq, { totalLength: 2.5 }), "ERR_VALUE", /totalLength must be an integer.*got 2.5/);
  expectCoded(() => nn.utils.rnn.padPackedSequence(seq, { totalLength: NaN }), "ERR_VALUE", /totalLength must be an integer.*got NaN/);
  expectCoded(() => nn.utils.rnn.padPackedSequence(seq, { totalLength: 2 }), "ERR_VALUE", /at least the length of the longest sequence/);
  // 1e9 steps × 2 sequences × 2 features would be 4e9 elements: refused up front (before: 3 GB and 40 s).
  expectCoded(() => nn.utils.rnn.padPackedSequence(seq, { totalLength: 1e9 }), "ERR_SHAPE", /would hold 4000000000 elements, more than a tensor can/);
  const [padded] = nn.utils.rnn.padPackedSequence(seq, { totalLength: 5 });
  assert.deepEqual(padded.shape, [5, 2, 2]);
});
