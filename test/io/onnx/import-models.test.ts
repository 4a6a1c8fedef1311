// loadOnnx on whole graphs: the test oracle's hand-built recurrent stacks (test/oracle/onnx-builder.ts)
// against onnxruntime; export → import round trips giving rnnkit's own outputs; an imported
// model fine-tuned (its initializers are parameters, gradients reach them); and the errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { exportOnnx, loadOnnx } from "../../../src/io/onnx/index.js";
import { toOnnxGates } from "../../../src/io/onnx/gates.js";
import { maxAbsDiff } from "../../helpers/data.js";
import { buildOnnxRnnModel, type OracleMode } from "../../oracle/onnx-builder.js";
import { oneNode } from "./graph.js";
import { runOrt } from "./ort.js";
import { Tagger } from "./tagger.js";

const { nn } = R;
const TOL = 1e-5;

test("the oracle's stacked RNN/LSTM/GRU graphs (Slice, Transpose, Reshape, Concat around the nodes) run as onnxruntime runs them", async () => {
  let k = 0;
  for (const mode of ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as OracleMode[])
    for (const numLayers of [1, 3])
      for (const bidirectional of [false, true])
        for (const initialStates of [false, true])
          for (const sequenceLens of [false, true]) {
            R.manualSeed(900 + k++);
            const opts = { numLayers, bidirectional };
            const rnn = mode === "LSTM" ? new nn.LSTM(3, 4, opts) : mode === "GRU" ? new nn.GRU(3, 4, opts) : new nn.RNN(3, 4, { ...opts, nonlinearity: mode === "RNN_TANH" ? "tanh" : "relu" });
            const spec = { mode, inputSize: 3, hiddenSize: 4, numLayers, bidirectional, bias: true, initialStates, sequenceLens };
            const bytes = buildOnnxRnnModel(spec, rnn.stateDict());
            const DL = (bidirectional ? 2 : 1) * numLayers;
            const feeds: Record<string, R.Tensor> = { X: R.randn([6, 2, 3]) };
            if (initialStates) feeds["h0"] = R.randn([DL, 2, 4]);
            if (initialStates && mode === "LSTM") feeds["c0"] = R.randn([DL, 2, 4]);
            if (sequenceLens) feeds["sequence_lens"] = R.tensor([4, 6], { dtype: "int32" });
            const want = await runOrt(bytes, feeds);
            const got = R.noGrad(() => loadOnnx(bytes).run(feeds));
            for (const [name, w] of Object.entries(want)) {
              const d = maxAbsDiff(got[name]!, w.data as Float32Array);
              assert.ok(d <= TOL, `${mode} layers=${numLayers} bidirectional=${bidirectional} states=${initialStates} lens=${sequenceLens}: ${name} differs by ${d}`);
            }
          }
});

test("export → import gives rnnkit's outputs, at other sizes too, through forward and run", () => {
  R.manualSeed(11);
  const model = new Tagger("GRU", 7, 3, 5, 4);
  const bytes = exportOnnx(model, [R.randint(0, 7, [2, 4])], { inputNames: ["tokens"], outputNames: ["logp"], dynamicAxes: { tokens: { 0: "B", 1: "T" } } });
  const imported = loadOnnx(bytes);
  assert.deepEqual(imported.inputs.map((v) => [v.name, v.dtype, v.dims]), [["tokens", "int64", ["B", "T"]]]);
  for (const shape of [[2, 4], [5, 9]]) {
    const tokens = R.randint(0, 7, shape);
    const want = R.noGrad(() => model.forward(tokens));
    const got = R.noGrad(() => imported.forward(tokens) as R.Tensor);
    assert.deepEqual(got.shape, want.shape);
    assert.ok(maxAbsDiff(got, want) <= 1e-6, `forward differs by ${maxAbsDiff(got, want)} at ${shape}`);
    assert.ok(maxAbsDiff(R.noGrad(() => imported.run({ tokens }))["logp"]!, want) <= 1e-6);
  }
});

test("an imported LSTM trains: its W/R/B parameters get the gradients of the original weights, in ONNX's gate order", () => {
  R.manualSeed(12);
  const lstm = new nn.LSTM(3, 4, { bidirectional: true });
  const x = R.randn([5, 2, 3]);
  const imported = loadOnnx(exportOnnx(lstm, [x], { inputNames: ["x"], outputNames: ["y", "h", "c"] }));
  const names = imported.namedParameters().map(([n]) => n);
  assert.deepEqual(names, ["W_l0", "R_l0", "B_l0"]);
  const [y] = lstm.forward(x);
  y.mul(y).sum().backward();
  const out = imported.forward(x) as R.Tensor[];
  out[0]!.mul(out[0]!).sum().backward();
  const p = Object.fromEntries(imported.namedParameters());
  const w = (l: 0 | 1) => lstm.layerWeights(0, l);
  const grads = (f: (d: 0 | 1) => R.Tensor[]) => toOnnxGates("LSTM", [f(0), f(1)]);
  const g = (t: R.Tensor | null) => t!.grad!;
  assert.ok(maxAbsDiff(p["W_l0"]!.grad!, grads((d) => [g(w(d).wIh)])) <= 1e-5, "dW");
  assert.ok(maxAbsDiff(p["R_l0"]!.grad!, grads((d) => [g(w(d).wHh)])) <= 1e-5, "dR");
  assert.ok(maxAbsDiff(p["B_l0"]!.grad!, grads((d) => [g(w(d).bIh), g(w(d).bHh)])) <= 1e-5, "dB");
  // One SGD step lowers the loss of the imported model.
  const before = out[0]!.mul(out[0]!).sum().item();
  new R.optim.SGD(imported.parameters(), { lr: 0.05 }).step();
  const after = R.noGrad(() => (imported.forward(x) as R.Tensor[])[0]!).pow(2).sum().item();
  assert.ok(after < before, `loss ${before} → ${after}`);
});

test("unsupported features and bad input are errors naming the node, the op and the feature", () => {
  R.manualSeed(13);
  const x = { feed: R.randn([2, 1, 3]) };
  const w = { init: R.randn([1, 16, 3]) };
  const r = { init: R.randn([1, 16, 4]) };
  const lstm = (attrs: Record<string, number | string | string[]>, extra: ({ init: R.Tensor } | null)[] = []) => () => loadOnnx(oneNode("LSTM", [x, w, r, ...extra], 3, { hidden_size: 4, ...attrs }));
  const refused = (message: RegExp) => ({ name: "UnsupportedError", code: "ERR_UNSUPPORTED", message });
  assert.throws(lstm({ clip: 3 }), refused(/node 'LSTM_0' \(LSTM\): attribute 'clip' \(cell clipping\) is not supported/));
  assert.throws(lstm({ input_forget: 1 }), refused(/node 'LSTM_0' \(LSTM\): attribute 'input_forget' = 1 \(coupled input and forget gates\) is not supported/));
  assert.throws(lstm({ activations: ["Sigmoid", "Tanh", "Relu"] }), refused(/\(LSTM\): activations \[sigmoid, tanh, relu\] \(only the defaults \[sigmoid, tanh, tanh\]\) is not supported/));
  assert.throws(lstm({}, [null, null, null, null, { init: R.randn([1, 12]) }]), refused(/\(LSTM\): input P \(peephole weights\) is not supported/));
  assert.throws(() => loadOnnx(oneNode("Conv", [x], 1)), refused(/node 'Conv_0' \(Conv\): op Conv is not supported/));
  assert.throws(() => loadOnnx(oneNode("Relu", [x], 1, {}, 22)), refused(/opset 22 is not supported \(rnnkit reads opsets 1 to 21\)/));
  assert.throws(() => loadOnnx(oneNode("Slice", [x], 1, { starts: [0], ends: [1] }, 9)), refused(/\(Slice\): Slice of opset 9 \(bounds as attributes\) is not supported/));
  assert.throws(() => loadOnnx(oneNode("Softmax", [x], 1, { axis: 1, foo: 2 })), refused(/\(Softmax\): attribute 'foo' is not supported/));
  assert.throws(() => loadOnnx(new Uint8Array([1, 2, 3, 4, 5])), { name: "FormatError", code: "ERR_FORMAT", message: /loadOnnx: not an ONNX model/ });
  const relu = loadOnnx(oneNode("Relu", [x], 1));
  assert.throws(() => relu.run({}), { code: "ERR_VALUE", message: /input 'in0' is missing from the feeds \(inputs: in0\)/ });
  assert.throws(() => relu.run({ in0: R.randn([2, 1, 3]), extra: R.randn([1]) }), { code: "ERR_VALUE", message: /'extra' is not a graph input/ });
  assert.throws(() => relu.run({ in0: R.randn([2, 2, 3]) }), { name: "ShapeError", message: /input 'in0' must have shape \[2, 1, 3\] \(got \[2, 2, 3\]\)/ });
  assert.throws(() => relu.run({ in0: R.randn([2, 1, 3], { dtype: "float64" }) }), { name: "DTypeError", message: /input 'in0' must be float32 \(got float64\)/ });
});
