// exportOnnx beyond a bare recurrent stack: modules whose forward composes layers and ops, checked
// in onnxruntime and imported back by loadOnnx (≤ 1e-5, at the example's sizes and, through
// dynamic axes, at others); the file variant; and the errors for what export cannot lower.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as R from "../../../src/index.js";
import { exportOnnx, loadOnnx } from "../../../src/io/onnx/index.js";
import { exportOnnxFile, loadOnnxFile } from "../../../src/io/onnx/node.js";
import { maxAbsDiff } from "../../helpers/data.js";
import { onnx } from "../../../src/io/onnx/proto.js";
import { runOrt } from "./ort.js";
import { Tagger } from "./tagger.js";

const { nn } = R;
const TOL = 1e-5;

/** The generic op table: activations, arithmetic with scalars, cat, views, slices, reductions. x (B, 6) → [(B, 4), (B)]. */
class Ops extends nn.Module {
  readonly fc = new nn.Linear(6, 4);
  constructor() {
    super();
    this.registerModule("fc", this.fc);
  }
  forward(x: R.Tensor): [R.Tensor, R.Tensor] {
    const a = R.tanh(this.fc.forward(x)); // (B, 4)
    const b = R.sigmoid(x.narrow(1, 1, 4)).mul(2).sub(0.5); // (B, 4)
    const c = R.relu(R.cat([a, b], 1)).div(3); // (B, 8)
    const d = R.transpose(R.reshape(c, [-1, 2, 4]), 1, 2); // (B, 4, 2)
    const e = R.select(d, 2, 1).add(R.squeeze(R.unsqueeze(a, 1), 1)); // (B, 4)
    const s = R.softmax(R.matmul(e, R.ones([4, 4])).add(R.exp(R.neg(R.abs(e)))), -1);
    return [s, R.sum(R.clamp(e, -0.2, 0.3), 1)];
  }
}

async function check(model: R.nn.Module, examples: R.Tensor[][], opts: Parameters<typeof exportOnnx>[2]) {
  const bytes = exportOnnx(model, examples[0]!, opts);
  for (const inputs of examples) {
    const want = R.noGrad(() => (model as unknown as { forward(...a: R.Tensor[]): R.Tensor | R.Tensor[] }).forward(...inputs));
    const feeds = Object.fromEntries(inputs.map((x, i) => [opts!.inputNames![i]!, x]));
    const res = await runOrt(bytes, feeds);
    const back = R.noGrad(() => loadOnnx(bytes).run(feeds)); // the round trip: rnnkit's importer on the exported graph
    (Array.isArray(want) ? want : [want]).forEach((w, k) => {
      const name = opts!.outputNames![k]!;
      const got = res[name]!;
      assert.deepEqual(got.dims, w.shape, `output ${k} shape`);
      const d = maxAbsDiff(w, got.data as Float32Array);
      assert.ok(d <= TOL, `output ${k} differs from onnxruntime by ${d} (inputs ${inputs.map((x) => x.shape.join("x"))})`);
      const r = maxAbsDiff(w, back[name]!);
      assert.ok(r <= TOL, `output ${k} differs after export → import by ${r}`);
    });
  }
  return bytes;
}

test("a module composing Embedding, LSTM, Linear and logSoftmax exports with dynamic batch and time", async () => {
  R.manualSeed(1);
  const model = new Tagger("LSTM", 10, 5, 6, 4);
  const idx = (B: number, T: number) => R.randint(0, 10, [B, T]);
  await check(model, [[idx(2, 3)], [idx(4, 7)], [idx(1, 1)]], {
    inputNames: ["tokens"], outputNames: ["logits"], dynamicAxes: { tokens: { 0: "B", 1: "T" }, logits: { 0: "B", 1: "T" } },
  });
});

test("the generic op table exports activations, arithmetic, views and reductions", async () => {
  R.manualSeed(2);
  await check(new Ops(), [[R.randn([3, 6])], [R.randn([5, 6])]], {
    inputNames: ["x"], outputNames: ["p", "s"], dynamicAxes: { x: { 0: "batch" } },
  });
});

test("Sequential of Linear and Dropout exports in eval mode (dropout is the identity) and restores training mode", async () => {
  R.manualSeed(3);
  const model = new nn.Sequential(new nn.Linear(3, 5), new nn.Dropout(0.5), new nn.Linear(5, 2));
  const bytes = exportOnnx(model, [R.randn([4, 3])], { inputNames: ["x"], outputNames: ["y"], dynamicAxes: { x: [0] } });
  assert.equal(model.training, true);
  assert.equal(model.layers[1]!.training, true);
  model.eval();
  const x = R.randn([9, 3]);
  const got = await runOrt(bytes, { x });
  const d = maxAbsDiff(R.noGrad(() => model.forward(x)), got["y"]!.data as Float32Array);
  assert.ok(d <= TOL, `y differs from onnxruntime by ${d}`);
});

/** Comparisons, masks and logical ops feeding where: x (B, 4) → (B, 4). */
class Masks extends nn.Module {
  forward(x: R.Tensor): R.Tensor {
    const keep = R.logicalAnd(R.gt(x, -0.5), R.logicalNot(R.isnan(x))); // (B, 4) bool
    const y = R.where(keep, R.logSigmoid(x), R.maskedFill(x, R.le(x, -1), 0));
    return R.where(R.logicalOr(R.eq(x, 0), R.isfinite(y)), y, 0);
  }
}

test("activation modules and traced comparisons export (LeakyReLU's mask is a graph op, not a baked constant)", async () => {
  R.manualSeed(6);
  const model = new nn.Sequential(new nn.Linear(4, 6), new nn.LeakyReLU(0.1), new nn.Linear(6, 4), new nn.Tanh(), new nn.LogSoftmax(1));
  await check(model, [[R.randn([3, 4])], [R.randn([7, 4])]], { inputNames: ["x"], outputNames: ["y"], dynamicAxes: { x: [0] } });
  await check(new Masks(), [[R.randn([3, 4])], [R.randn([6, 4])]], { inputNames: ["x"], outputNames: ["y"], dynamicAxes: { x: [0] } });
});

test("a subclass of Linear with its own forward is traced op by op, not lowered as a stock Linear (its relu would be lost)", async () => {
  R.manualSeed(7);
  const model = new (class extends nn.Linear { override forward(x: R.Tensor): R.Tensor { return R.relu(super.forward(x)); } })(3, 4);
  await check(model, [[R.randn([5, 3])], [R.randn([2, 3])]], { inputNames: ["x"], outputNames: ["y"], dynamicAxes: { x: [0] } });
});

test("an in-place write to a traced tensor is refused (the graph could not show it)", () => {
  const model = new (class extends nn.Module { forward(x: R.Tensor) { const y = R.tanh(x); y.mul_(2); return y; } })();
  assert.throws(() => exportOnnx(model, [R.randn([2, 3])]), { code: "ERR_UNSUPPORTED", message: /mul_ writes in place to a tensor of shape \[2,3\] the traced graph has already read/ });
});

test("exportOnnxFile writes the bytes exportOnnx returns, and loadOnnxFile reads them back", () => {
  R.manualSeed(4);
  const gru = new nn.GRU(2, 3);
  const x = R.randn([4, 1, 2]);
  const dir = mkdtempSync(join(tmpdir(), "rnnkit-onnx-"));
  try {
    exportOnnxFile(join(dir, "gru.onnx"), gru, [x]);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, "gru.onnx"))), exportOnnx(gru, [x]));
    const [y] = R.noGrad(() => gru.forward(x));
    assert.ok(maxAbsDiff(R.noGrad(() => (loadOnnxFile(join(dir, "gru.onnx")).forward(x) as R.Tensor[])[0]!), y) <= 1e-6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("export refuses what ONNX cannot express or the trace cannot lower, naming it", () => {
  R.manualSeed(5);
  const err = (code: string, pattern: RegExp) => ({ code, message: pattern });
  assert.throws(() => exportOnnx(new nn.LSTM(2, 4, { projSize: 2 }), [R.randn([3, 1, 2])]), err("ERR_UNSUPPORTED", /LSTM\): projSize=2: ONNX's LSTM has no projection/));
  const cumprod = new (class extends nn.Module { forward(x: R.Tensor) { return R.cumprod(x, 1); } })();
  assert.throws(() => exportOnnx(cumprod, [R.randn([2, 3])]), err("ERR_UNSUPPORTED", /op CumprodBackward0 \(inputs \[2,3\]\) has no ONNX lowering/));
  const argmax = new (class extends nn.Module { forward(x: R.Tensor) { return R.argmax(x, 1); } })();
  assert.doesNotThrow(() => exportOnnx(argmax, [R.randn([2, 3])])); // lowered now (export-lines.test.ts)
  const slicer = new (class extends nn.Module { forward(x: R.Tensor) { return x.narrow(0, 0, 1); } })();
  assert.throws(() => exportOnnx(slicer, [R.randn([2, 3])], { inputNames: ["x"], dynamicAxes: { x: [0] } }), err("ERR_UNSUPPORTED", /SliceBackward0 \(Slice\) indexes dynamic axis 0/));
  assert.doesNotThrow(() => exportOnnx(slicer, [R.randn([2, 3])], { inputNames: ["x"], dynamicAxes: { x: [1] } }));
  assert.throws(() => exportOnnx(new nn.GRU(2, 3), [R.randn([3, 2])]), err("ERR_UNSUPPORTED", /unbatched input/));
  assert.throws(() => exportOnnx(new nn.GRU(2, 3), [R.randn([1, 1, 2])], { opset: 9 }), err("ERR_CONFIG", /opset must be one of 14, 15, 16, 17 \(got 9\)/));
  assert.throws(() => exportOnnx(new nn.GRU(2, 3), [R.randn([1, 1, 2])], { dynamicAxes: { nope: [0] } }), err("ERR_CONFIG", /'nope', which is neither/));
  assert.throws(() => exportOnnx(new nn.GRU(2, 3), [R.randn([1, 1, 2])], { inputNames: ["a", "b"] }), err("ERR_CONFIG", /inputNames has 2 names for 1 graph inputs/));
});

test("a module of an anonymous class exports a graph with a name (the ONNX checker requires one)", () => {
  const bytes = exportOnnx(new (class extends nn.Module { forward(x: R.Tensor) { return R.tanh(x); } })(), [R.randn([2, 3])]);
  assert.equal(onnx.ModelProto.decode(bytes).graph?.name, "main_graph");
  assert.equal(onnx.ModelProto.decode(exportOnnx(new nn.GRU(2, 3), [R.randn([1, 1, 2])])).graph?.name, "GRU");
});
