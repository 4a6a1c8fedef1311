// padBatch: variable-length token sequences padded with their lengths, into packPaddedSequence;
// a packed batch gives each sequence the final state it gets alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { manualSeed, nn, tensor } from "../../src/index.js";
import { DataLoader, Vocabulary, padBatch, type PaddedBatch } from "../../src/data/index.js";
import { maxAbsDiff } from "../helpers/data.js";

test("padBatch pads with the given value and returns the lengths", () => {
  const { data, lengths } = padBatch([[1, 2, 3], [4], [5, 6]], { paddingValue: 9 });
  assert.deepEqual(data.shape, [3, 3]);
  assert.equal(data.dtype, "int64");
  assert.deepEqual(data.tolist(), [[1, 4, 5], [2, 9, 6], [3, 9, 9]]);
  assert.deepEqual(lengths, [3, 1, 2]);
  assert.deepEqual(padBatch([[1, 2], [3]], { batchFirst: true }).data.tolist(), [[1, 2], [3, 0]]);
  assert.throws(() => padBatch([[1], []]), /padBatch: sequence 1 is empty/);
});

test("a loader of words, padded and packed: each sequence's final state is the one it gets alone", () => {
  manualSeed(0);
  const words = ["hello", "a", "tree", "of"];
  const vocab = Vocabulary.build(words.join(""), "char", { specials: ["pad"] });
  const embed = new nn.Embedding(vocab.size, 3, { paddingIdx: vocab.padIndex! });
  const gru = new nn.GRU(3, 4);
  const loader = new DataLoader<string, PaddedBatch>(words, {
    batchSize: 4,
    collateFn: (ws) => padBatch(ws.map((w) => vocab.encode(w)), { paddingValue: vocab.padIndex! }),
  });
  const [{ data, lengths }] = [...loader] as [PaddedBatch];
  const packed = nn.utils.rnn.packPaddedSequence(embed.forward(data), lengths, { enforceSorted: false });
  const [, hN] = gru.forward(packed); // (1, B, H)
  words.forEach((w, b) => {
    const alone = embed.forward(tensor(vocab.encode(w), { dtype: "int64" })).unsqueeze(1); // (T, 1, 3)
    const [, h] = gru.forward(alone);
    assert.ok(maxAbsDiff(hN.select(1, b), h.select(1, 0)) < 1e-6, w);
  });
});
