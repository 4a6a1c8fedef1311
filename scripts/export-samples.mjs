// Writes sample exports (every recurrent mode and option, and a composed model, at each opset) to
// the folder given, for scripts/check-onnx.py: node scripts/export-samples.mjs OUT_DIR (after npm run build).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import * as R from "rnnkit";
import { exportOnnxFile, OPSETS } from "rnnkit/onnx";

const out = process.argv[2];
if (out === undefined) throw new Error("usage: node scripts/export-samples.mjs OUT_DIR");
mkdirSync(out, { recursive: true });
const { manualSeed, randn, randint, nn } = R;
manualSeed(0);
const { packPaddedSequence } = nn.utils.rnn;
const dyn = { x: { 0: "T", 1: "B" } };
for (const opset of OPSETS) {
  for (const [name, make] of [["rnn", () => new nn.RNN(3, 4, { numLayers: 2, nonlinearity: "relu" })], ["lstm", () => new nn.LSTM(3, 4, { bidirectional: true, numLayers: 2 })],
    ["gru", () => new nn.GRU(3, 4, { bidirectional: true })], ["gru-reset-first", () => new nn.GRU(3, 4, { linearBeforeReset: false })]]) {
    const m = make();
    exportOnnxFile(join(out, `${name}-${opset}.onnx`), m, [randn([5, 2, 3])], { opset, inputNames: ["x"], dynamicAxes: dyn });
    exportOnnxFile(join(out, `${name}-packed-${opset}.onnx`), m, [packPaddedSequence(randn([5, 2, 3]), [5, 3])], { opset });
  }
  const seq = new nn.Sequential(new nn.Embedding(9, 3), new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2), new nn.LogSoftmax(-1));
  // The elementwise, scan, triangle, extreme and sorting lowerings, x (B, 4, 3), in float32 and float64.
  const lowered = new (class extends nn.Module {
    forward(x) {
      const e = [R.gelu(x), R.gelu(x, "tanh"), R.softplus(x, 2, 5), R.elu(x, 0.5), R.leakyRelu(x), R.sin(x), R.cos(x), R.logSigmoid(x)];
      return [...e, R.cumsum(x, 1), R.tril(x, -1), R.triu(x), ...R.maxDim(x, 1), R.argmin(x, 2, true), ...R.sort(x, 1, true, true), ...R.topk(x, 2), ...R.sort(x)];
    }
  })();
  for (const dtype of ["float32", "float64"]) {
    exportOnnxFile(join(out, `lowered-${dtype}-${opset}.onnx`), lowered, [R.toDType(randn([2, 4, 3]), dtype)], { opset, inputNames: ["x"], dynamicAxes: { x: [0] } });
  }
  exportOnnxFile(join(out, `sequential-${opset}.onnx`), seq, [randint(0, 9, [2, 5])], { opset, inputNames: ["tokens"], dynamicAxes: { tokens: [0, 1] } });
}
console.log(`wrote samples for opsets ${OPSETS.join(", ")} to ${out}`);
