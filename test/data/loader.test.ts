// DataLoader, samplers and random_split against what torch.utils.data drew after the same seed
// (fixtures/torch-loader.py, PyTorch 1.13): the same batches, epoch after epoch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, manualSeed, rand, tensor, type Tensor } from "../../src/index.js";
import { DataLoader, RandomSampler, randomSplit, sequentialSplit } from "../../src/data/index.js";
import { TORCH_LOADER as T } from "./fixtures/torch-loader.js";

const epochs = (loader: DataLoader<number, Tensor>, n: number) =>
  Array.from({ length: n }, () => [...loader].map((b) => b.tolist()));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test("shuffle with a generator gives torch's batches for three epochs", () => {
  const loader = new DataLoader<number, Tensor>(range(10), { batchSize: 3, shuffle: true, generator: new Generator(0) });
  assert.equal(loader.length, 4);
  assert.deepEqual(epochs(loader, 3), T.shuffleGen0);
});

test("dropLast leaves out the short batch, and the draws stay torch's", () => {
  const loader = new DataLoader<number, Tensor>(range(7), { batchSize: 2, shuffle: true, dropLast: true, generator: new Generator(1234) });
  assert.equal(loader.length, 3);
  assert.deepEqual(epochs(loader, 2), T.dropLast1234);
});

test("without a generator the loader draws from the default one as torch from its global one", () => {
  manualSeed(5);
  const loader = new DataLoader<number, Tensor>(range(6), { batchSize: 4, shuffle: true });
  assert.deepEqual(epochs(loader, 2), T.global5);
  assert.deepEqual(rand([2]).tolist(), T.global5After.map(Math.fround));
});

test("a sequential loader draws its base seed each epoch, as torch's does", () => {
  manualSeed(5);
  const loader = new DataLoader<number, Tensor>(range(6), { batchSize: 4 });
  assert.deepEqual(epochs(loader, 2), [[[0, 1, 2, 3], [4, 5]], [[0, 1, 2, 3], [4, 5]]]);
  assert.deepEqual(rand([2]).tolist(), T.sequential5After.map(Math.fround));
});

test("a seed reproduces the batches; another seed changes them", () => {
  const run = (seed: number) => epochs(new DataLoader<number, Tensor>(range(50), { batchSize: 8, shuffle: true, generator: new Generator(seed) }), 2);
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
});

test("RandomSampler with replacement and with numSamples > n draw as torch's", () => {
  assert.deepEqual([...new RandomSampler(5, { replacement: true, numSamples: 40, generator: new Generator(3) })], T.replacement3);
  assert.deepEqual([...new RandomSampler(4, { numSamples: 10, generator: new Generator(3) })], T.numSamples3);
});

test("randomSplit gives torch's subsets for counts and fractions", () => {
  assert.deepEqual(randomSplit(range(10), [7, 2, 1], new Generator(42)).map((s) => s.toArray()), T.split42);
  assert.deepEqual(randomSplit(range(11), [0.5, 0.25, 0.25], new Generator(42)).map((s) => s.toArray()), T.splitFrac42);
  assert.throws(() => randomSplit(range(10), [7, 2]), /sum of input lengths does not equal the length of the input dataset \(expected 10, got 9\)/);
});

test("sequentialSplit keeps the order: the last fraction is the end of the data", () => {
  const [train, test_] = sequentialSplit(range(10), [0.8, 0.2]);
  assert.deepEqual(train!.toArray(), range(8));
  assert.deepEqual(test_!.toArray(), [8, 9]);
});

test("the default collate stacks tensors, makes int64 labels and float32 values, and recurses into tuples and objects", () => {
  const data = [[tensor([1, 2]), 0, 0.5], [tensor([3, 4]), 1, 1.5]] as const;
  const [x, y, z] = [...new DataLoader(data, { batchSize: 2 })][0] as Tensor[];
  assert.deepEqual(x!.shape, [2, 2]);
  assert.equal(y!.dtype, "int64");
  assert.equal(z!.dtype, "float32");
  const [o] = [...new DataLoader([{ id: 1, text: "a" }, { id: 2, text: "b" }], { batchSize: 2 })] as { id: Tensor; text: string[] }[];
  assert.deepEqual(o!.id.tolist(), [1, 2]);
  assert.deepEqual(o!.text, ["a", "b"]);
  assert.throws(() => [...new DataLoader([1, "a"], { batchSize: 2 })], /defaultCollate: sample 1 is a string, sample 0 a number/);
});

test("bad options are coded errors", () => {
  assert.throws(() => new DataLoader([1, 2], { batchSize: 0 }), { code: "ERR_CONFIG" });
  assert.throws(() => new DataLoader([], { shuffle: true }), /numSamples must be positive \(got 0; is the dataset empty\?\)/);
});
