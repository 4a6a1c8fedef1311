// sampleLogits against PyTorch's draws after the same seed (fixtures/torch-sampling.py:
// nanoGPT's temperature/top-k step and Hugging Face's top-p filter, then torch.multinomial).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, manualSeed, tensor } from "../../src/index.js";
import { sampleLogits } from "../../src/data/index.js";
import { TORCH_SAMPLING as T } from "./fixtures/torch-sampling.js";

const logits = () => tensor(T.logits.map((r) => [...r]));
const draws = (opts: Parameters<typeof sampleLogits>[1]) => {
  manualSeed(0);
  return Array.from({ length: 20 }, () => sampleLogits(logits(), opts).tolist());
};

test("temperature 1: torch.multinomial(softmax(logits), 1)'s draws", () => {
  assert.deepEqual(draws({}), T.t1);
});

test("temperature 0.7 with top-k 3, and 2 with top-k 5: nanoGPT's draws", () => {
  assert.deepEqual(draws({ temperature: 0.7, topK: 3 }), T.t07k3);
  assert.deepEqual(draws({ temperature: 2, topK: 5 }), T.t2k5);
});

test("top-p 0.8 keeps Hugging Face's nucleus and draws as torch", () => {
  assert.deepEqual(draws({ topP: 0.8 }), T.p08);
  // Only kept tokens are ever drawn, across many draws.
  const g = new Generator(1);
  for (let i = 0; i < 200; i++) {
    const [a, b] = sampleLogits(logits(), { topP: 0.8, generator: g }).tolist() as number[];
    assert.ok(T.p08kept[0]![a!] && T.p08kept[1]![b!], `drew ${a}, ${b}`);
  }
});

test("a tiny top-p keeps the most likely token alone (at least one is kept)", () => {
  const g = new Generator(2);
  for (let i = 0; i < 5; i++) assert.deepEqual(sampleLogits(logits(), { topP: 1e-9, generator: g }).tolist(), [5, 7]);
});

test("greedy and temperature 0 take the argmax; a (V) row gives one token", () => {
  assert.deepEqual(sampleLogits(logits(), { greedy: true }).tolist(), [5, 7]);
  assert.deepEqual(sampleLogits(logits(), { temperature: 0 }).tolist(), [5, 7]);
  assert.deepEqual(sampleLogits(tensor([0, 9, 1]), { topK: 1, generator: new Generator(3) }).tolist(), [1]);
});

test("bad options are ConfigErrors naming the option", () => {
  assert.throws(() => sampleLogits(logits(), { temperature: -1 }), /temperature must be a finite number >= 0 \(got -1\)/);
  assert.throws(() => sampleLogits(logits(), { topK: 0 }), /topK must be a positive integer/);
  assert.throws(() => sampleLogits(logits(), { topP: 1.5 }), /topP must be in \(0, 1\]/);
});
