// Resuming is bit-identical to not stopping, and Ctrl-C saves a checkpoint that resumes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCheckpoint } from "../../src/io/node/index.js";
import { TINY, rnnkit, rnnkitChild } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "rnnkit-train-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
// Dropout draws from the generator and the LSTM's state is carried across windows: both must
// come back on resume for the weights to match.
const CONFIG = [...TINY, "--dropout", "0.2", "--layers", "2"];

async function weights(path: string) {
  const ck = await loadCheckpoint(path);
  return { step: ck.step, model: Object.fromEntries(Object.entries(ck.model).map(([k, t]) => [k, Array.from(t.data)])), optimizer: JSON.stringify(ck.optimizer) };
}

test("3 steps, then --resume to 7, equals 7 steps straight: every weight and optimizer moment bit for bit", async () => {
  const a = join(dir, "a");
  const b = join(dir, "b");
  for (const r of [rnnkit("train", "--out", a, ...CONFIG, "--steps", "7"), rnnkit("train", "--out", b, ...CONFIG, "--steps", "3"), rnnkit("train", "--out", b, ...CONFIG, "--steps", "7", "--resume")]) {
    assert.equal(r.status, 0, r.stderr);
  }
  const [wa, wb] = [await weights(join(a, "latest.safetensors")), await weights(join(b, "latest.safetensors"))];
  assert.equal(wa.step, 7);
  assert.equal(wb.step, 7);
  assert.deepEqual(wb.model, wa.model); // Float32 values compared exactly
  assert.equal(wb.optimizer, wa.optimizer);
});

test("Ctrl-C saves latest.safetensors and exits 130; the run resumes from it", async () => {
  const out = join(dir, "c");
  const child = rnnkitChild("train", "--out", out, ...TINY, "--steps", "100000", "--eval-every", "100000");
  let stdout = "";
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  await new Promise<void>((res) => {
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (/^step 3\//m.test(stdout)) res();
    });
  });
  child.kill("SIGINT");
  assert.equal(await exited, 130);
  const m = /interrupted at step (\d+); saved .*latest\.safetensors/.exec(stdout);
  assert.ok(m, stdout);
  const ck = await loadCheckpoint(join(out, "latest.safetensors"));
  assert.equal(ck.step, Number(m[1]));
  assert.ok(ck.step! >= 3);
  const r = rnnkit("train", "--out", out, ...TINY, "--steps", String(ck.step! + 2), "--resume");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^step ${ck.step! + 2}/${ck.step! + 2} `, "m"));
});

test("a NaN (or infinite) loss aborts with one line and writes no checkpoint", () => {
  const out = join(dir, "nan");
  const r = rnnkit("train", "--out", out, ...TINY, "--model", "rnn", "--optimizer", "sgd", "--lr", "1e38", "--clip", "0", "--steps", "20");
  assert.equal(r.status, 1);
  assert.match(r.stderr.trim(), /^rnnkit: loss became (NaN|Infinity) at step \d+ \(lr 1e\+38\); nothing saved from this step on — try a lower --lr or a --clip; no checkpoint was written yet$/);
});
