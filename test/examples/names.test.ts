// The names example (examples/names): its smoke run trains, evaluates the LSTM and both n-gram
// baselines and samples names for each category; the n-gram model's distributions sum to 1 and
// its counts are checked by hand; the split keeps a name on one side.
import { test } from "node:test";
import assert from "node:assert/strict";
import { examplesOf, loadNames, splitByName, type Example } from "../../examples/names/data.js";
import { END, NGramModel } from "../../examples/names/ngram.js";
import { metricOf, runSmoke } from "./run-example.js";

test("names smoke run: the loss falls, the held-out NLL of the LSTM and both n-grams is computed and sane, samples for each category", () => {
  const run = runSmoke("names");
  const curve = run.record["trainingCurve"] as { nll: number }[];
  assert.ok(curve.length >= 2 && curve.at(-1)!.nll < curve[0]!.nll, `training NLL did not fall: ${curve.map((c) => c.nll.toFixed(3)).join(" ")}`);
  const lstm = metricOf(run, "LSTM, category → initial state", "nll");
  const tri = metricOf(run, "trigram (Witten–Bell)", "nll");
  const bi = metricOf(run, "bigram (Witten–Bell)", "nll");
  const four = metricOf(run, "4-gram (Witten–Bell)", "nll");
  const uniform = Math.log(30); // 27 symbols + end + pad + begin: a model that learned nothing
  assert.ok(lstm > 0 && lstm < uniform, `LSTM NLL ${lstm}`);
  assert.ok(four > 1.5 && four < tri && tri < bi && bi < Math.log(28), `4-gram ${four}, trigram ${tri}, bigram ${bi}`);
  assert.deepEqual(Object.keys(run.record["samples"] as object), ["female", "male"]);
  for (const list of Object.values(run.record["samples"] as Record<string, string[]>)) assert.ok(list.length > 0 && list.every((n) => /^[a-z-]*$/.test(n)), JSON.stringify(list));
  const split = run.record["split"] as Record<string, number>;
  assert.equal(split["inBoth"], 419);
  assert.equal(split["training"]! + split["test"]!, split["female"]! + split["male"]!);
});

const toy: Example[] = [
  { name: "ab", category: 0 },
  { name: "aa", category: 0 },
  { name: "b", category: 1 },
];

test("n-gram probabilities sum to 1 over the alphabet and the end, in seen and unseen contexts, for n = 1, 2, 3", () => {
  for (const order of [1, 2, 3]) {
    const m = new NGramModel(order, ["a", "b", "c"], toy);
    for (const category of [0, 1] as const) {
      for (const context of ["", "a", "ab", "ba", "cc", "b"]) {
        const total = m.symbols.reduce((acc, s) => acc + m.prob(category, context, s), 0);
        assert.ok(Math.abs(total - 1) < 1e-12, `order ${order}, category ${category}, context "${context}": sum ${total}`);
      }
    }
  }
});

test("Witten–Bell bigram by hand: p(b | a) in category 0", () => {
  // Category 0 symbols: a b $ a a $ → unigram counts a:3 b:1 $:2 (6 tokens, 3 types);
  // uniform over {a, b, c, $} = 1/4; p1(b) = (1 + 3·¼) / (6 + 3) = 1.75/9.
  // After "a": b once, a once, $ once → 3 tokens, 3 types; p(b | a) = (1 + 3·p1(b)) / (3 + 3).
  const m = new NGramModel(2, ["a", "b", "c"], toy);
  const p1b = 1.75 / 9;
  assert.ok(Math.abs(m.prob(0, "a", "b") - (1 + 3 * p1b) / 6) < 1e-15);
  // The first letter's context is the begin symbol: after it, a twice (2 tokens, 1 type).
  const p1a = (3 + 3 / 4) / 9;
  assert.ok(Math.abs(m.prob(0, "", "a") - (2 + p1a) / 3) < 1e-15);
  const { nll, symbols } = m.nll({ name: "a", category: 0 });
  const p1end = (2 + 3 / 4) / 9;
  assert.equal(symbols, 2);
  assert.ok(Math.abs(nll - -(Math.log((2 + p1a) / 3) + Math.log((1 + 3 * p1end) / 6))) < 1e-12);
  assert.equal(END, "$");
});

test("the data: 419 names in both lists, each an example of both categories; the split keeps every name on one side", () => {
  const lists = loadNames();
  const all = examplesOf(lists);
  const male = new Set(lists.male);
  assert.equal(lists.female.filter((n) => male.has(n)).length, 419);
  assert.ok(all.every((e) => e.name === e.name.toLowerCase()));
  const [train, test] = splitByName(all, 0.1, 0);
  assert.equal(train.length + test.length, all.length);
  const trainNames = new Set(train.map((e) => e.name));
  assert.ok(test.every((e) => !trainNames.has(e.name)), "a name on both sides");
  const distinct = new Set(all.map((e) => e.name)).size;
  assert.equal(new Set(test.map((e) => e.name)).size, Math.floor(distinct * 0.1));
  assert.deepEqual(splitByName(all, 0.1, 0)[1], test, "the same seed gives the same split");
});
