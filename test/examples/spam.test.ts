// The spam example (examples/spam): its smoke run trains and scores the GRU and naive Bayes on
// the deduplicated split; naive Bayes on a toy whose probabilities are worked out by hand; the
// deduplication, the stratified split and the message parsing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dedupeBodies, parseMessage, stratifiedSplit, type Message } from "../../examples/spam/data.js";
import { MultinomialNB } from "../../examples/spam/naive-bayes.js";
import { tokensOf } from "../../examples/spam/tokens.js";
import { metricOf, runSmoke } from "./run-example.js";

test("spam smoke run: the loss falls, accuracy and spam F1 of the GRU and naive Bayes are computed and sane, duplicates counted", () => {
  const run = runSmoke("spam");
  const curve = run.record["trainingCurve"] as { loss: number }[];
  assert.ok(curve.length >= 2 && curve.at(-1)!.loss < curve[0]!.loss, `training loss did not fall: ${curve.map((c) => c.loss.toFixed(3)).join(" ")}`);
  for (const method of ["bidirectional GRU", "multinomial naive Bayes"]) {
    for (const metric of ["accuracy", "spamF1", "spamPrecision", "spamRecall"]) {
      const v = metricOf(run, method, metric);
      assert.ok(v >= 0 && v <= 1, `${method} ${metric} = ${v}`);
    }
  }
  // Naive Bayes on the full split is a strong baseline; a smoke-trained GRU at least beats
  // always saying ham (70% of the test messages).
  assert.ok(metricOf(run, "multinomial naive Bayes", "accuracy") > 0.93);
  assert.ok(metricOf(run, "multinomial naive Bayes", "spamF1") > 0.88);
  assert.ok(metricOf(run, "bidirectional GRU", "spamF1") > 0);
  const data = run.record["data"] as Record<string, number>;
  assert.equal(data["messages"], 6046);
  assert.equal(data["duplicatesRemoved"], 207);
  assert.equal(data["kept"], 6046 - 207);
  assert.equal(data["training"]! + data["test"]!, data["kept"]);
});

test("multinomial naive Bayes: the joint log-likelihood of a toy, by hand (Laplace α = 1, unseen words ignored)", () => {
  // ham: "a a b" (3 words), spam: "b c" (2 words); vocabulary {a, b, c}; priors ½ each.
  // p(a|ham) = 3/6, p(b|ham) = 2/6, p(c|ham) = 1/6; p(a|spam) = 1/5, p(b|spam) = 2/5, p(c|spam) = 2/5.
  const nb = new MultinomialNB([["a", "a", "b"], ["b", "c"]], [0, 1]);
  const [ham, spam] = nb.jointLogLikelihood(["b", "c", "zebra"]);
  assert.ok(Math.abs(ham! - Math.log(0.5 * (2 / 6) * (1 / 6))) < 1e-12, `ham ${ham}`);
  assert.ok(Math.abs(spam! - Math.log(0.5 * (2 / 5) * (2 / 5))) < 1e-12, `spam ${spam}`);
  assert.equal(nb.predict(["b", "c"]), 1);
  assert.equal(nb.predict(["a"]), 0);
  // Priors count documents: with two ham documents, the prior of ham is 2/3.
  const nb2 = new MultinomialNB([["a"], ["a"], ["b"]], [0, 0, 1]);
  assert.ok(Math.abs(nb2.jointLogLikelihood([])[0]! - Math.log(2 / 3)) < 1e-12);
});

const msg = (body: string, label: 0 | 1): Message => ({ group: label === 1 ? "spam-1" : "easy-ham-1", subject: "", body, label });

test("dedupeBodies keeps the first of each body (whitespace runs ignored) and counts removals and label conflicts", () => {
  const r = dedupeBodies([msg("buy  now\n", 1), msg("hello", 0), msg("buy now", 1), msg(" buy now ", 0), msg("hello there", 0)]);
  assert.deepEqual(r.kept.map((m) => m.body), ["buy  now\n", "hello", "hello there"]);
  assert.equal(r.removed, 2);
  assert.equal(r.conflicts, 1);
});

test("stratifiedSplit keeps each label's share, overlaps nothing and is fixed by the seed", () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ id: i, label: i % 4 === 0 ? 1 : 0 })); // 25 of label 1
  const [a, b] = stratifiedSplit(items, 0.2, 7);
  assert.equal(b.length, 20);
  assert.equal(b.filter((x) => x.label === 1).length, 5);
  assert.equal(new Set([...a, ...b].map((x) => x.id)).size, 100);
  assert.deepEqual(stratifiedSplit(items, 0.2, 7)[1].map((x) => x.id), b.map((x) => x.id));
  assert.notDeepEqual(stratifiedSplit(items, 0.2, 8)[1].map((x) => x.id), b.map((x) => x.id));
});

test("parseMessage: the body starts after the first empty line; a folded subject is joined; spam by folder", () => {
  const m = parseMessage("spam-2", "From: x\r\nSubject: Cheap\r\n  pills\r\nTo: y\r\n\r\nBody line\n\nmore");
  assert.equal(m.subject, "Cheap pills");
  assert.equal(m.body, "Body line\n\nmore");
  assert.equal(m.label, 1);
  assert.equal(parseMessage("hard-ham-1", "Subject: hi\n\nok").label, 0);
  assert.deepEqual(tokensOf("Re: Hi", "Sof=\nt break =3D <B>$5</B>"), ["re", "hi", "soft", "break", "b", "$5", "b"]);
});
