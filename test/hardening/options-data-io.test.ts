// rnnkit/data, rnnkit/io, rnnkit/onnx and tensor creation reject unknown and mistyped options
// as the layers do (issue 9, item 8, via checkOptions): before, `{ batchsize: 2 }` to a
// DataLoader or `{ topk: 3 }` to sampleLogits was silently ignored, and a null options object
// was an uncoded TypeError.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import * as io from "../../src/io/index.js";
import { exportOnnx } from "../../src/io/onnx/index.js";
import { expectCoded } from "../helpers/errors.js";

const { data, nn } = R;
const any = (o: unknown) => o as never;

test("data: loaders, samplers, batching, sampling and metrics name the nearest valid option", () => {
  expectCoded(() => new data.DataLoader([1, 2, 3], any({ batchsize: 2 })), "ERR_CONFIG", /^DataLoader: unknown option 'batchsize' .*did you mean batchSize\?/);
  expectCoded(() => new data.DataLoader([1, 2, 3], any({ shuffle: "yes" })), "ERR_CONFIG", /^DataLoader: options\.shuffle must be a boolean \(got "yes"\)$/);
  expectCoded(() => new data.RandomSampler(3, any({ replace: true })), "ERR_CONFIG", /did you mean replacement\?/);
  expectCoded(() => data.padBatch([[1, 2], [3]], any({ batchfirst: true })), "ERR_CONFIG", /^padBatch: unknown option 'batchfirst' .*did you mean batchFirst\?/);
  expectCoded(() => data.sampleLogits(R.randn([5]), any({ topk: 3 })), "ERR_CONFIG", /^sampleLogits: unknown option 'topk' .*did you mean topK\?/);
  expectCoded(() => new data.LanguageModelBatches([1, 2, 3, 4, 5, 6], any({ batchSize: 2, seqlen: 2 })), "ERR_CONFIG", /did you mean seqLen\?/);
  expectCoded(() => data.Vocabulary.build("abc", "char", any({ minfreq: 2 })), "ERR_CONFIG", /^Vocabulary\.build: unknown option 'minfreq' .*did you mean minFreq\?/);
  expectCoded(() => data.precisionRecallFscore([0, 1], [0, 1], any({ averge: "macro" })), "ERR_CONFIG", /did you mean average\?/);
  expectCoded(() => data.beamSearch(any(() => []), 0, any({ beamWidth: 2, maxLength: 3, begin: 0, end: 1, lengthPenaly: 1 })), "ERR_CONFIG", /did you mean lengthPenalty\?/);
  expectCoded(() => data.wordErrorRate(["a b"], any([3])), "ERR_VALUE", /^wordErrorRate: hypotheses\[0\] must be a string \(got 3\)$/);
  assert.equal(new data.DataLoader([1, 2, 3], { batchSize: 2 }).batchSize, 2, "valid options still pass");
});

test("io and onnx: safetensors, checkpoints and export name the nearest valid option", () => {
  const m = new nn.Linear(2, 3);
  expectCoded(() => io.saveSafetensors(m, any({ meta: {} })), "ERR_CONFIG", /^saveSafetensors: unknown option 'meta' .*did you mean metadata\?/);
  expectCoded(() => io.encodeCheckpoint(any({ modle: m })), "ERR_CONFIG", /unknown option 'modle' in input \(did you mean model\?/);
  const ck = io.decodeCheckpoint(io.encodeCheckpoint({ model: m }));
  expectCoded(() => io.restoreCheckpoint(ck, any({ optimiser: null })), "ERR_CONFIG", /unknown option 'optimiser' in into \(did you mean optimizer\?/);
  expectCoded(() => io.loadSafetensors(any("a file name")), "ERR_CONFIG", /^loadSafetensors: bytes must be a Uint8Array or an ArrayBuffer \(got "a file name"\)$/);
  expectCoded(() => exportOnnx(m, R.randn([1, 2]), any({ opSet: 13 })), "ERR_CONFIG", /^exportOnnx: unknown option 'opSet' .*did you mean opset\?/);
  expectCoded(() => exportOnnx(any({}), R.randn([1, 2])), "ERR_CONFIG", /^exportOnnx: model must be a Module \(got an object\)$/);
});

test("tensor creation: a misspelt requiresGrad is refused instead of making a tensor that does not require grad", () => {
  expectCoded(() => R.zeros([2], any({ requiresgrad: true })), "ERR_CONFIG", /^zeros: unknown option 'requiresgrad' .*did you mean requiresGrad\?/);
  expectCoded(() => R.randn([2], any({ generater: null })), "ERR_CONFIG", /did you mean generator\?/);
  expectCoded(() => R.tensor([1], any(null)), "ERR_CONFIG", /^tensor: options must be an object \(got null\)$/);
});
