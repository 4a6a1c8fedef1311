// Metrics against scikit-learn's documented values (the docstring examples of
// sklearn.metrics, each re-derived by hand in a comment) and against hand computation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../../src/index.js";
import {
  accuracy, bitsPerByte, confusionMatrix, perplexity, precisionRecallFscore, precisionRecallFscorePerClass,
} from "../../src/data/index.js";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("confusion_matrix docstring: numbers and strings with labels", () => {
  // confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) → [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
  assert.deepEqual(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]), [[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
  const t = ["cat", "ant", "cat", "cat", "ant", "bird"];
  const p = ["ant", "ant", "cat", "cat", "ant", "cat"];
  assert.deepEqual(confusionMatrix(t, p, { labels: ["ant", "bird", "cat"] }), [[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
  // Rows and columns follow the labels given; samples of other labels are left out.
  assert.deepEqual(confusionMatrix(t, p, { labels: ["cat", "ant"] }), [[2, 1], [0, 2]]);
});

test("precision_recall_fscore_support docstring: cat/dog/pig macro, micro, weighted", () => {
  const t = ["cat", "dog", "pig", "cat", "dog", "pig"];
  const p = ["cat", "pig", "dog", "cat", "cat", "dog"];
  // cat: tp 2, fp 1, fn 0 → P 2/3, R 1, F 0.8; dog and pig: tp 0 → 0.
  // sklearn: macro (0.22..., 0.33..., 0.26..., None), micro (0.33..., 0.33..., 0.33..., None)
  const macro = precisionRecallFscore(t, p, { average: "macro" });
  close(macro.precision, 2 / 9);
  close(macro.recall, 1 / 3);
  close(macro.fscore, 0.8 / 3);
  const micro = precisionRecallFscore(t, p, { average: "micro" });
  for (const v of [micro.precision, micro.recall, micro.fscore]) close(v, 1 / 3);
  const weighted = precisionRecallFscore(t, p, { average: "weighted" }); // supports 2, 2, 2
  close(weighted.precision, 2 / 9);
  close(weighted.fscore, 0.8 / 3);
  // beta=0.5 per class: cat (1.25·2)/(1.25·2 + 0.25·0 + 1) = 2.5/3.5
  close(precisionRecallFscorePerClass(t, p, { beta: 0.5 }).fscore[0]!, 2.5 / 3.5);
});

test("f1_score docstring: [0, 1, 2, 0, 1, 2] vs [0, 2, 1, 0, 0, 1]", () => {
  const t = tensor([0, 1, 2, 0, 1, 2], { dtype: "int64" });
  const p = tensor([0, 2, 1, 0, 0, 1], { dtype: "int64" });
  // sklearn: macro 0.26666..., micro 0.33333..., weighted 0.26666..., None [0.8, 0., 0.]
  close(precisionRecallFscore(t, p, { average: "macro" }).fscore, 0.8 / 3);
  close(precisionRecallFscore(t, p, { average: "micro" }).fscore, 1 / 3);
  close(precisionRecallFscore(t, p, { average: "weighted" }).fscore, 0.8 / 3);
  const per = precisionRecallFscorePerClass(t, p);
  assert.deepEqual(per.labels, [0, 1, 2]);
  per.fscore.forEach((v, i) => close(v, [0.8, 0, 0][i]!));
  assert.deepEqual(per.support, [2, 2, 2]);
  close(accuracy(t, p), 2 / 6);
});

test("macro and weighted differ when supports differ (hand-computed)", () => {
  // class 0: tp 2, fp 0, fn 1 → F 2·2/(4 + 1) = 0.8; class 1: tp 1, fp 1, fn 0 → F 2/3.
  const t = [0, 0, 0, 1];
  const p = [0, 0, 1, 1];
  close(precisionRecallFscore(t, p, { average: "macro" }).fscore, (0.8 + 2 / 3) / 2);
  close(precisionRecallFscore(t, p, { average: "weighted" }).fscore, (3 * 0.8 + 2 / 3) / 4);
  close(precisionRecallFscore(t, p, { average: "weighted" }).recall, 3 / 4);
});

test("binary: the positive class alone; F-beta; zero division", () => {
  const t = [1, 1, 1, 1, 0, 0];
  const p = [1, 1, 0, 0, 0, 1];
  // tp 2, fp 1, fn 2 → P 2/3, R 1/2, F1 2·2/(2·2 + 2 + 1) = 4/7, F2 (5·2)/(5·2 + 4·2 + 1) = 10/19
  const s = precisionRecallFscore(t, p);
  close(s.precision, 2 / 3);
  close(s.recall, 0.5);
  close(s.fscore, 4 / 7);
  assert.equal(s.support, 4);
  close(precisionRecallFscore(t, p, { beta: 2 }).fscore, 10 / 19);
  // posLabel 0: tp 1, fp 2, fn 1 → P 1/3, R 1/2
  close(precisionRecallFscore(t, p, { posLabel: 0 }).precision, 1 / 3);
  // No positive prediction: precision 0/0 → zeroDivision.
  assert.equal(precisionRecallFscore([1, 0], [0, 0]).precision, 0);
  assert.equal(precisionRecallFscore([1, 0], [0, 0], { zeroDivision: 1 }).precision, 1);
  assert.throws(() => precisionRecallFscore([0, 1, 2], [0, 1, 2]), /average "binary" needs at most 2 classes \(got 3: 0, 1, 2\)/);
});

test("perplexity and bits per byte (hand-computed)", () => {
  close(perplexity(Math.log(50)), 50, 1e-9);
  // A uniform model over 256 byte values spends ln 256 nats a byte: 8 bits per byte.
  const text = "héllo"; // 6 UTF-8 bytes, 5 characters
  close(bitsPerByte(6 * Math.log(256), text), 8);
  close(bitsPerByte(Math.LN2 * 12, 6), 2);
  assert.throws(() => bitsPerByte(1, ""), { code: "ERR_VALUE" });
  assert.throws(() => bitsPerByte(NaN, 3), /totalNll must be a number >= 0 \(got NaN\)/);
});

test("label arrays of different lengths are a ShapeError", () => {
  assert.throws(() => accuracy([1, 2], [1]), /accuracy: yTrue and yPred must have the same length \(got 2 and 1\)/);
});
