// The char-lm example's smoke run: rnnkit train/eval/sample on a slice of Moby Dick beside
// xz and Kneser–Ney baselines computed on the same held-out text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { metricOf, runSmoke } from "./run-example.js";

test("char-lm smoke: the loss falls, bits per byte of the model and of every baseline are computed", () => {
  const run = runSmoke("char-lm");
  const r = run.record as unknown as { firstLoss: number; lastLoss: number; heldOutBytes: number; sample: string };
  assert.ok(r.lastLoss < r.firstLoss - 0.5, `training loss ${r.firstLoss} → ${r.lastLoss}`);
  const model = run.record.rows.find((row) => row.method.startsWith("LSTM"))!;
  assert.ok(model !== undefined);
  const lstm = metricOf(run, model.method, "bits per byte");
  const kn4 = metricOf(run, "Kneser–Ney 4-gram", "bits per byte");
  const kn2 = metricOf(run, "Kneser–Ney 2-gram", "bits per byte");
  // A character model on English: well under 8 bits per byte (uniform over bytes), and longer
  // n-gram contexts help on 36,000 characters of training text.
  for (const v of [lstm, kn4, kn2]) assert.ok(v > 1 && v < 6, `${v}`);
  assert.ok(kn4 < kn2, `4-gram ${kn4} vs 2-gram ${kn2}`);
  assert.ok(r.heldOutBytes > 3000);
  assert.match(r.sample, /^Call me /);
  assert.match(run.stdout, /bits per byte/);
});
