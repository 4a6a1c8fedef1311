// Language-model batching: B streams in windows of T steps, as word_language_model's
// batchify/get_batch; every token read once per epoch; the state carried and detached.
import { test } from "node:test";
import assert from "node:assert/strict";
import { manualSeed, nn, randn } from "../../src/index.js";
import { LanguageModelBatches, batchify, detachState, getBatch } from "../../src/data/index.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test("batchify: column b is the b-th contiguous slice; the remainder is dropped (torch: data.narrow(0, 0, 24).view(4, -1).t())", () => {
  const s = batchify(range(26), 4);
  assert.deepEqual(s.shape, [6, 4]);
  assert.equal(s.dtype, "int64");
  // torch.arange(26).narrow(0, 0, 24).view(4, -1).t()[0] → tensor([ 0,  6, 12, 18])
  assert.deepEqual((s.tolist() as number[][])[0], [0, 6, 12, 18]);
  assert.deepEqual((s.tolist() as number[][])[5], [5, 11, 17, 23]);
});

test("getBatch: target is input shifted by one, the last window shorter", () => {
  const s = batchify(range(26), 4); // 6 rows
  const { input, target } = getBatch(s, 3, 4); // T = min(4, 6 - 1 - 3) = 2
  assert.deepEqual(input.tolist(), [[3, 9, 15, 21], [4, 10, 16, 22]]);
  assert.deepEqual(target.tolist(), [[4, 10, 16, 22], [5, 11, 17, 23]]);
});

for (const [n, B, T] of [[1000, 7, 13], [97, 3, 5], [64, 4, 15], [10, 5, 1]] as const) {
  test(`an epoch (${n} tokens, B=${B}, T=${T}) reads every token once: input all but each stream's last, target all but its first`, () => {
    const batches = new LanguageModelBatches(range(n), { batchSize: B, seqLen: T });
    const rows = Math.floor(n / B);
    const inputs: number[][] = range(B).map(() => []);
    const targets: number[][] = range(B).map(() => []);
    let windows = 0;
    for (const { input, target } of batches) {
      windows++;
      assert.deepEqual(input.shape, target.shape);
      assert.ok(input.shape[0]! <= T && input.shape[1] === B);
      for (const row of input.tolist() as number[][]) row.forEach((v, b) => inputs[b]!.push(v));
      for (const row of target.tolist() as number[][]) row.forEach((v, b) => targets[b]!.push(v));
    }
    assert.equal(windows, batches.length);
    for (let b = 0; b < B; b++) {
      const stream = range(rows).map((r) => b * rows + r);
      assert.deepEqual(inputs[b], stream.slice(0, -1), `stream ${b} inputs`);
      assert.deepEqual(targets[b], stream.slice(1), `stream ${b} targets`);
    }
  });
}

test("window k continues stream b where window k-1 ended, so carried state reads the stream in order", () => {
  const batches = new LanguageModelBatches(range(100), { batchSize: 2, seqLen: 8 });
  for (let k = 1; k < batches.length; k++) {
    const prev = batches.window(k - 1).target.tolist() as number[][];
    const cur = batches.window(k).input.tolist() as number[][];
    assert.deepEqual(cur[0], prev[prev.length - 1], `window ${k}`);
  }
});

test("detachState cuts the graph of an LSTM's [h, c] and keeps the values", () => {
  manualSeed(0);
  const lstm = new nn.LSTM(3, 4);
  const [, state] = lstm.forward(randn([5, 2, 3]));
  assert.ok(state[0].gradFn !== null);
  const d = detachState(state);
  assert.equal(d[0].gradFn, null);
  assert.equal(d[1].requiresGrad, false);
  assert.deepEqual(d[1].tolist(), state[1].tolist());
  assert.equal(detachState(null), null);
});

test("a corpus too short for B streams is a coded error naming the sizes", () => {
  assert.throws(() => batchify(range(5), 3), /batchify: a corpus of 5 tokens is too short for 3 streams/);
  assert.throws(() => new LanguageModelBatches(range(50), { batchSize: 2, seqLen: 0 }), { code: "ERR_CONFIG" });
});
