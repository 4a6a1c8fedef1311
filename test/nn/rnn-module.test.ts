// RNN, LSTM, GRU as modules: PyTorch's names, shapes, initialisation and published outputs;
// every input form through one stack; packing; cells; errors; long sequences.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { runStack } from "../../src/nn/rnn/stack.js";
import { rnnLayerReference } from "../../src/nn/rnn/reference.js";
import { assertClose, lcgTensor, maxAbsDiff } from "../helpers/data.js";

const { nn } = R;
const { packPaddedSequence, padPackedSequence, packSequence, padSequence } = nn.utils.rnn;

test("nn.RNN(4, 5, batch_first) after manual_seed(0) reproduces PyTorch's published output", () => {
  // PyTorch notebook (github.com/walkacross/pytorch-libtorch-API-translation, "RNN" section):
  //   torch.manual_seed(0); x = torch.arange(2*4*3).reshape(2, 3, 4) * 1.0
  //   rnn = nn.RNN(input_size=4, hidden_size=5, num_layers=1, batch_first=True)
  //   output, hn = rnn(x, torch.zeros(1, 2, 5)); print(output)
  R.manualSeed(0);
  const x = R.arange(24).reshape(2, 3, 4).float();
  const rnn = new nn.RNN(4, 5, { batchFirst: true });
  const [out] = rnn.forward(x, R.zeros([1, 2, 5]));
  assert.deepEqual(out.shape, [2, 3, 5]);
  assertClose(out.data.slice(0, 20), [
    -0.8913, 0.9556, 0.0240, -0.6370, -0.5639,
    -0.9969, 0.9986, 0.2649, -0.9997, -0.5647,
    -0.9999, 0.9999, -0.2600, -1.0000, -0.6001,
    -1.0000, 1.0000, -0.9365, -1.0000, -0.8544,
  ], 5e-5, "output");
});

test("parameters are named, shaped and ordered as PyTorch's", () => {
  const lstm = new nn.LSTM(10, 20, { numLayers: 2, bidirectional: true, projSize: 5 });
  const names = lstm.namedParameters().map(([n, p]) => `${n}:${p.shape.join("x")}`);
  assert.deepEqual(names, [
    "weight_ih_l0:80x10", "weight_hh_l0:80x5", "bias_ih_l0:80", "bias_hh_l0:80", "weight_hr_l0:5x20",
    "weight_ih_l0_reverse:80x10", "weight_hh_l0_reverse:80x5", "bias_ih_l0_reverse:80", "bias_hh_l0_reverse:80", "weight_hr_l0_reverse:5x20",
    "weight_ih_l1:80x10", "weight_hh_l1:80x5", "bias_ih_l1:80", "bias_hh_l1:80", "weight_hr_l1:5x20",
    "weight_ih_l1_reverse:80x10", "weight_hh_l1_reverse:80x5", "bias_ih_l1_reverse:80", "bias_hh_l1_reverse:80", "weight_hr_l1_reverse:5x20",
  ]);
  const gru = new nn.GRU(3, 4, { bias: false });
  assert.deepEqual(gru.namedParameters().map(([n]) => n), ["weight_ih_l0", "weight_hh_l0"]);
  assert.equal(String(lstm), "LSTM(10, 20, proj_size=5, num_layers=2, bidirectional=True)");
  const bound = 1 / Math.sqrt(20);
  for (const p of lstm.parameters()) for (const v of p.data) assert.ok(Math.abs(v) <= bound);
});

test("output and state shapes for every input form", () => {
  R.manualSeed(1);
  const lstm = new nn.LSTM(3, 6, { numLayers: 2, bidirectional: true, projSize: 4 });
  const [y, [h, c]] = lstm.forward(R.randn([7, 2, 3]));
  assert.deepEqual([y.shape, h.shape, c.shape], [[7, 2, 8], [4, 2, 4], [4, 2, 6]]);
  const bf = new nn.GRU(3, 5, { batchFirst: true });
  const [y2, h2] = bf.forward(R.randn([2, 7, 3]));
  assert.deepEqual([y2.shape, h2.shape], [[2, 7, 5], [1, 2, 5]]);
  const [y3, h3] = bf.forward(R.randn([7, 3]));
  assert.deepEqual([y3.shape, h3.shape], [[7, 5], [1, 5]]);
});

test("batchFirst gives the transposed output of the same computation", () => {
  R.manualSeed(2);
  const a = new nn.GRU(3, 4, { numLayers: 2 });
  const b = new nn.GRU(3, 4, { numLayers: 2, batchFirst: true });
  b.loadStateDict(a.stateDict());
  const x = R.randn([5, 2, 3]);
  const [ya, ha] = a.forward(x);
  const [yb, hb] = b.forward(x.transpose(0, 1));
  assert.ok(maxAbsDiff(ya.transpose(0, 1), yb) === 0);
  assert.ok(maxAbsDiff(ha, hb) === 0);
});

test("the whole stack equals the composed reference: 2-layer bidirectional packed LSTM, values and gradients", () => {
  R.manualSeed(3);
  const lstm = new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true, projSize: 2, dtype: "float64" });
  const padded = R.randn([5, 3, 3], { dtype: "float64", requiresGrad: true });
  const packed = packPaddedSequence(padded, [4, 5, 2], { enforceSorted: false });
  const h0 = R.randn([4, 3, 2], { dtype: "float64", requiresGrad: true });
  const c0 = R.randn([4, 3, 4], { dtype: "float64", requiresGrad: true });
  const [out, [hN, cN]] = lstm.forward(packed, [h0, c0]);
  const ref = runStack(lstm, (l, d) => lstm.layerWeights(l, d), rnnLayerReference, packed, [h0, c0], true);
  const refOut = ref.output as R.nn.PackedSequence;
  assert.ok(maxAbsDiff(out.data, refOut.data) < 1e-12);
  assert.ok(maxAbsDiff(hN, ref.states[0]!) < 1e-12);
  assert.ok(maxAbsDiff(cN, ref.states[1]!) < 1e-12);
  const inputs = [padded, h0, c0, ...lstm.parameters()];
  const ws = [out.data, hN, cN].map((t, k) => lcgTensor(t.shape as number[], 40 + k, -1, 1, false));
  const gf = R.grad([out.data, hN, cN], inputs, ws, { retainGraph: true });
  const gr = R.grad([refOut.data, ref.states[0]!, ref.states[1]!], inputs, ws);
  gf.forEach((g, k) => assert.ok(maxAbsDiff(g!, gr[k]!) < 1e-11, `input ${k}`));
});

test("a packed batch equals each sequence run alone, both directions (lengths respected, order restored)", () => {
  R.manualSeed(4);
  const gru = new nn.GRU(2, 3, { bidirectional: true, dtype: "float64" });
  const seqs = [3, 5, 1, 4].map((L) => R.randn([L, 2], { dtype: "float64" }));
  const packed = packSequence(seqs, { enforceSorted: false });
  const [out, hN] = gru.forward(packed);
  const [padded, lengths] = padPackedSequence(out, { batchFirst: true, paddingValue: -9 });
  assert.deepEqual(Array.from(lengths.data), [3, 5, 1, 4]);
  seqs.forEach((s, b) => {
    const [alone, hAlone] = gru.forward(s);
    const L = s.shape[0]!;
    assert.ok(maxAbsDiff(padded.select(0, b).narrow(0, 0, L), alone) < 1e-12, `sequence ${b}`);
    assert.ok(maxAbsDiff(hN.select(1, b), hAlone) < 1e-12, `final state ${b}`);
    if (L < 5) assert.ok(padded.select(0, b).narrow(0, L, 5 - L).data.every((v) => v === -9));
  });
});

test("gradients of a packed bidirectional LSTM with projection match finite differences (float64)", () => {
  R.manualSeed(5);
  const lstm = new nn.LSTM(2, 3, { bidirectional: true, projSize: 2, dtype: "float64" });
  const x = R.randn([4, 3, 2], { dtype: "float64", requiresGrad: true });
  R.gradcheck((xi) => {
    const [out, [h, c]] = lstm.forward(packPaddedSequence(xi!, [4, 2, 1]));
    return [out.data, h, c];
  }, [x, ...lstm.parameters()], { name: "packed LSTM" });
});

test("a cell stepped over a sequence equals the layer", () => {
  R.manualSeed(6);
  const layer = new nn.LSTM(3, 4);
  const cell = new nn.LSTMCell(3, 4);
  const sd = layer.stateDict();
  cell.loadStateDict({ weight_ih: sd.weight_ih_l0!, weight_hh: sd.weight_hh_l0!, bias_ih: sd.bias_ih_l0!, bias_hh: sd.bias_hh_l0! });
  const x = R.randn([6, 2, 3]);
  const [y] = layer.forward(x);
  let state: [R.Tensor, R.Tensor] | null = null;
  for (let t = 0; t < 6; t++) {
    state = cell.forward(x.select(0, t), state);
    assert.ok(maxAbsDiff(state[0], y.select(0, t)) < 1e-6, `step ${t}`);
  }
  const g = new nn.GRUCell(3, 4);
  assert.deepEqual(g.forward(R.randn([3])).shape, [4]);
  assert.equal(String(new nn.RNNCell(3, 2, { nonlinearity: "relu" })), "RNNCell(3, 2, nonlinearity=relu)");
});

test("a 1000-step sequence runs forward and backward with finite gradients", () => {
  R.manualSeed(7);
  const layers: [R.nn.RNNBase, (x: R.Tensor) => R.Tensor][] = [new nn.LSTM(4, 8), new nn.GRU(4, 8), new nn.RNN(4, 8, { nonlinearity: "relu" })]
    .map((l) => [l, (x: R.Tensor) => (l.forward as (x: R.Tensor) => [R.Tensor, unknown])(x)[0]]);
  for (const [layer, run] of layers) {
    const x = R.randn([1000, 2, 4], { requiresGrad: true });
    const y = run(x);
    y.pow(2).mean().backward();
    for (const t of [y, x.grad!, ...layer.parameters().map((p) => p.grad!)]) {
      assert.ok(t.data.every(Number.isFinite), `${layer.constructor.name}: non-finite values`);
    }
  }
});

test("dropout between layers acts only in training mode", () => {
  R.manualSeed(8);
  const rnn = new nn.RNN(3, 4, { numLayers: 3, dropout: 0.5 });
  const x = R.randn([5, 2, 3]);
  const [a] = rnn.forward(x);
  const [b] = rnn.forward(x);
  assert.ok(maxAbsDiff(a, b) > 0, "two training passes draw different masks");
  rnn.eval();
  const [c] = rnn.forward(x);
  const [d] = rnn.forward(x);
  assert.equal(maxAbsDiff(c, d), 0);
});

const throwsWith = (fn: () => unknown, cls: abstract new (...args: never[]) => Error, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof cls && pattern.test((e as Error).message));

test("bad input gets clear errors naming expected and actual", () => {
  const lstm = new nn.LSTM(4, 3, { numLayers: 2 });
  throwsWith(() => lstm.forward(R.zeros([5, 2, 6])), R.ShapeError, /LSTM: input.shape\[2\] must equal inputSize \(expected 4, got 6; input shape \[5,2,6\]\)/);
  throwsWith(() => lstm.forward(R.zeros([5, 2, 4, 1])), R.ShapeError, /must have 2 \(unbatched\) or 3 \(batched\) dimensions, got 4/);
  throwsWith(() => lstm.forward(R.zeros([5, 2, 4]), [R.zeros([2, 3, 3]), R.zeros([2, 2, 3])]), R.ShapeError, /expected hx\[0\] of shape \[2,2,3\].*got \[2,3,3\]/);
  throwsWith(() => lstm.forward(R.zeros([5, 4]), [R.zeros([2, 1, 3]), R.zeros([2, 1, 3])]), R.ShapeError, /unbatched 2-D input, hx\[0\] should also be 2-D/);
  throwsWith(() => lstm.forward(R.zeros([5, 2, 4], { dtype: "float64" })), R.DTypeError, /same dtype as the weights \(expected float32, got float64\)/);
  throwsWith(() => lstm.forward(R.zeros([0, 2, 4])), R.ValueError, /sequence length to be larger than 0/);
  throwsWith(() => new nn.GRU(4, 3, { projSize: 2 } as never), R.ConfigError, /projSize argument is only supported for LSTM/);
  throwsWith(() => new nn.LSTM(4, 3, { projSize: 3 }), R.ConfigError, /projSize has to be smaller than hiddenSize/);
  throwsWith(() => new nn.RNN(4, 3, { dropout: 1.5 }), R.ConfigError, /dropout should be a number in range \[0, 1\]/);
  throwsWith(() => new nn.RNN(4, 0), R.ConfigError, /hiddenSize must be greater than zero/);
  throwsWith(() => new nn.RNN(4, 3, { nonlinearity: "sigmoid" as "tanh" }), R.ConfigError, /unknown nonlinearity 'sigmoid'/);
  throwsWith(() => packPaddedSequence(R.zeros([3, 2, 4]), [2, 3]), R.ValueError, /sorted in decreasing order/);
  throwsWith(() => packPaddedSequence(R.zeros([3, 2, 4]), [4, 3]), R.IndexError, /longer than the sequence dimension/);
  throwsWith(() => packPaddedSequence(R.zeros([3, 2, 4]), [3, 0]), R.ValueError, /greater than 0/);
  throwsWith(() => packPaddedSequence(R.zeros([3, 2, 4]), [3]), R.ShapeError, /len\(lengths\) to be equal to batch_size/);
  const cell = new nn.GRUCell(4, 3);
  throwsWith(() => cell.forward(R.zeros([2, 4]), R.zeros([3, 3])), R.ShapeError, /input batch size 2 doesn't match hx batch size 3/);
});

test("loadStateDict reports missing, unexpected and mis-shaped keys together, and copies nothing then", () => {
  const a = new nn.GRU(3, 4);
  const before = Array.from(a.getParameter("weight_ih_l0").data);
  const sd = new nn.GRU(3, 5).stateDict();
  throwsWith(() => a.loadStateDict(sd), R.StateError, /size mismatch for weight_ih_l0: copying a param with shape \[15,3\] from checkpoint, the shape in current model is \[12,3\]/);
  assert.deepEqual(Array.from(a.getParameter("weight_ih_l0").data), before);
  const { weight_ih_l0: _drop, ...partial } = new nn.GRU(3, 4).stateDict();
  throwsWith(() => a.loadStateDict({ ...partial, extra: R.zeros([1]) }), R.StateError, /Missing key\(s\) in state_dict: "weight_ih_l0"[\s\S]*Unexpected key\(s\) in state_dict: "extra"/);
  const res = a.loadStateDict({ ...partial, extra: R.zeros([1]) }, { strict: false });
  assert.deepEqual(res, { missingKeys: ["weight_ih_l0"], unexpectedKeys: ["extra"] });
});

test("padSequence pads right or left, batch-first or not", () => {
  const seqs = [R.tensor([1, 2, 3]), R.tensor([4])];
  assert.deepEqual(padSequence(seqs, { batchFirst: true }).tolist(), [[1, 2, 3], [4, 0, 0]]);
  assert.deepEqual(padSequence(seqs, { paddingSide: "left", paddingValue: -1 }).tolist(), [[1, -1], [2, -1], [3, 4]]);
});
