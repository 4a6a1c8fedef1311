// Checkpoints: one safetensors file holding model and optimizer tensors, the rest as JSON in
// __metadata__. Resuming is bit-identical; corrupted or foreign files are FormatErrors that change
// nothing; a restore that does not fit puts every object back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, FormatError, StateError, defaultGenerator, manualSeed, nn, optim, randn, type Tensor } from "../../src/index.js";
import { decodeCheckpoint, encodeCheckpoint, readSafetensors, restoreCheckpoint, saveSafetensors } from "../../src/io/index.js";
import { loadCheckpoint, saveCheckpoint } from "../../src/io/node/index.js";
import { assertFormatError } from "./bytes.js";

/** An LSTM with dropout between its layers and after it, so training draws from the generator. */
class Net extends nn.Module {
  readonly rnn = new nn.LSTM(3, 6, { numLayers: 2, dropout: 0.3, batchFirst: true });
  readonly drop = new nn.Dropout(0.2);
  readonly head = new nn.Linear(6, 1);
  constructor() {
    super();
    this.registerModule("rnn", this.rnn);
    this.registerModule("drop", this.drop);
    this.registerModule("head", this.head);
  }
  forward(x: Tensor): Tensor {
    const [y] = this.rnn.forward(x);
    return this.head.forward(this.drop.forward(y.select(1, -1)));
  }
}

interface Run {
  model: Net;
  opt: optim.Adam;
  sched: optim.StepLR;
}

function fresh(seed: number): Run {
  manualSeed(seed);
  const model = new Net();
  const opt = new optim.Adam(model.parameters(), { lr: 0.01, amsgrad: true });
  return { model, opt, sched: new optim.StepLR(opt, 2, 0.5) };
}

/** n training steps; each batch is drawn from the default generator, as dropout's masks are. */
function train(r: Run, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = randn([4, 5, 3]);
    r.opt.zeroGrad();
    const loss = nn.functional.mseLoss(r.model.forward(x), x.sum([1, 2]).unsqueeze(1));
    loss.backward();
    r.opt.step();
    r.sched.step();
  }
}

function bitsOf(m: nn.Module): Record<string, string> {
  return Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, Buffer.from(new Uint8Array(Float32Array.from(t.data).buffer)).toString("hex")]));
}

const tmp = () => mkdtempSync(join(tmpdir(), "rnnkit-ckpt-"));

test("2×N steps equal N steps + saveCheckpoint + loadCheckpoint into fresh objects + N steps, every weight bit for bit", async () => {
  const N = 4;
  const straight = fresh(0);
  train(straight, 2 * N);
  const straightGenerator = defaultGenerator().getState();

  const dir = tmp();
  try {
    const first = fresh(0);
    train(first, N);
    const path = join(dir, "ckpt.safetensors");
    await saveCheckpoint(path, { model: first.model, optimizer: first.opt, scheduler: first.sched, generator: defaultGenerator(), step: N, extra: { note: "half way" } });

    const resumed = fresh(123); // other weights, other generator state
    randn([1000]);
    const ck = await loadCheckpoint(path, { model: resumed.model, optimizer: resumed.opt, scheduler: resumed.sched, generator: defaultGenerator() });
    assert.equal(ck.step, N);
    assert.deepEqual(ck.extra, { note: "half way" });
    train(resumed, N);
    assert.deepEqual(bitsOf(resumed.model), bitsOf(straight.model));
    assert.deepEqual(resumed.opt.stateDict(), straight.opt.stateDict());
    assert.deepEqual(resumed.sched.stateDict(), straight.sched.stateDict());
    assert.deepEqual(defaultGenerator().getState(), straightGenerator);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without the generator, the resumed run differs (the test above can fail)", async () => {
  const straight = fresh(0);
  train(straight, 4);
  const first = fresh(0);
  train(first, 2);
  const ck = decodeCheckpoint(encodeCheckpoint({ model: first.model, optimizer: first.opt, scheduler: first.sched }));
  const resumed = fresh(5);
  restoreCheckpoint(ck, { model: resumed.model, optimizer: resumed.opt, scheduler: resumed.sched });
  train(resumed, 2);
  assert.notDeepEqual(bitsOf(resumed.model), bitsOf(straight.model));
});

test("the file is plain safetensors: model keys unchanged, optimizer tensors under optimizer.state.<i>.<name>, parts as JSON", () => {
  const r = fresh(1);
  train(r, 1);
  const { tensors, metadata } = readSafetensors(encodeCheckpoint({ model: r.model, optimizer: r.opt, scheduler: r.sched, generator: defaultGenerator(), step: 1 }));
  const keys = Object.keys(tensors);
  for (const k of Object.keys(r.model.stateDict())) assert.ok(keys.includes(k), k);
  assert.ok(keys.includes("optimizer.state.0.expAvg") && keys.includes("optimizer.state.0.maxExpAvgSq"), keys.join(" "));
  assert.deepEqual(Object.keys(metadata!).sort(), ["format", "format_version", "generator", "optimizer", "scheduler", "step"]);
  assert.equal(metadata!.format, "rnnkit.checkpoint");
  const opt = JSON.parse(metadata!.optimizer!) as { paramGroups: { lr: number }[]; state: Record<string, Record<string, unknown>> };
  assert.deepEqual(opt.state["0"]!.expAvg, { tensor: "optimizer.state.0.expAvg" });
  assert.equal(opt.state["0"]!.step, 1);
  assert.equal(opt.paramGroups[0]!.lr, 0.01);
});

test("a foreign or corrupted file is a FormatError and loads nothing into the objects", async () => {
  const dir = tmp();
  try {
    const r = fresh(2);
    train(r, 1);
    const before = { model: bitsOf(r.model), opt: JSON.stringify(r.opt.stateDict()), gen: defaultGenerator().getState() };
    const good = encodeCheckpoint({ model: r.model, optimizer: r.opt, generator: defaultGenerator(), step: 1 });
    const cases: [string, Uint8Array, string][] = [
      ["a plain safetensors file", saveSafetensors(r.model), "not-a-checkpoint"],
      ["torch's safetensors file", saveSafetensors(r.model, { metadata: { format: "pt" } }), "not-a-checkpoint"],
      ["a truncated checkpoint", good.subarray(0, good.length - 3), "offsets-beyond-buffer"],
      ["a text file", new TextEncoder().encode("hello, world\n"), "header-too-large"],
      ["an empty file", new Uint8Array(0), "too-short"],
    ];
    // A checkpoint whose optimizer part is broken JSON, and one whose optimizer names a missing tensor.
    const { tensors, metadata } = readSafetensors(good);
    cases.push(["broken optimizer JSON", saveSafetensors(tensors, { metadata: { ...metadata!, optimizer: "{" } }), "invalid-checkpoint"]);
    const missing = { ...tensors };
    delete missing["optimizer.state.0.expAvg"];
    cases.push(["a missing optimizer tensor", saveSafetensors(missing, { metadata: metadata! }), "invalid-checkpoint"]);
    cases.push(["another format version", saveSafetensors(tensors, { metadata: { ...metadata!, format_version: "9" } }), "invalid-checkpoint"]);
    for (const [what, bytes, reason] of cases) {
      const path = join(dir, "bad.safetensors");
      writeFileSync(path, bytes);
      await assert.rejects(loadCheckpoint(path, { model: r.model, optimizer: r.opt, generator: defaultGenerator() }), (e: unknown) => {
        assert.ok(e instanceof FormatError, `${what}: ${String(e)}`);
        assert.equal(e.reason, reason, `${what}: ${e.message}`);
        return true;
      });
      assertFormatError(() => decodeCheckpoint(bytes), reason);
      assert.deepEqual(bitsOf(r.model), before.model, what);
      assert.equal(JSON.stringify(r.opt.stateDict()), before.opt, what);
      assert.deepEqual(defaultGenerator().getState(), before.gen, what);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a restore that does not fit puts back every object it had already loaded", () => {
  const r = fresh(3);
  train(r, 1);
  const ck = decodeCheckpoint(encodeCheckpoint({ model: r.model, optimizer: r.opt, step: 1 })); // no scheduler saved
  const other = fresh(4);
  train(other, 2);
  const before = { model: bitsOf(other.model), opt: JSON.stringify(other.opt.stateDict()), sched: other.sched.stateDict() };
  assert.throws(() => restoreCheckpoint(ck, { model: other.model, optimizer: other.opt, scheduler: other.sched }), (e: unknown) => e instanceof FormatError && /holds no scheduler state/.test(e.message));
  assert.deepEqual(bitsOf(other.model), before.model);
  assert.equal(JSON.stringify(other.opt.stateDict()), before.opt);
  // A model of another architecture: a StateError from loadStateDict, nothing changed.
  const small = new nn.Linear(2, 2);
  const smallBefore = bitsOf(small);
  assert.throws(() => restoreCheckpoint(ck, { model: small }), StateError);
  assert.deepEqual(bitsOf(small), smallBefore);
});

test("values JSON cannot hold exactly are refused on save, as is a model key that clashes with the optimizer's", () => {
  assert.throws(() => encodeCheckpoint({ extra: { loss: NaN } }), (e: unknown) => e instanceof ConfigError && /extra.loss is NaN/.test(e.message));
  assert.throws(() => encodeCheckpoint({ extra: { big: 1n } }), ConfigError);
  assert.throws(() => encodeCheckpoint({ step: Infinity }), ConfigError);
  const r = fresh(5);
  train(r, 1);
  const clash = { ...r.model.stateDict(), "optimizer.state.0.expAvg": randn([1]) };
  assert.throws(() => encodeCheckpoint({ model: clash, optimizer: r.opt }), ConfigError);
  // Empty checkpoint: every part absent.
  const ck = decodeCheckpoint(encodeCheckpoint({}));
  assert.deepEqual(ck, { model: {}, optimizer: null, scheduler: null, generator: null, step: null, extra: undefined });
});
