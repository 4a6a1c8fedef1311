// loadOnnx held to the ONNX conformance data (the node tests of the ONNX repository, as Debian's
// libonnx-testdata installs them): every test of a supported op — RNN, LSTM, GRU and the ops
// around them — is loaded, run on its inputs and compared with its expected outputs. Tests that
// use a feature rnnkit refuses are listed below with the error they must give; any other
// refusal, or a wrong number, fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import type { Tensor } from "../../../src/index.js";
import { IMPORT_OPS, loadOnnx } from "../../../src/io/onnx/index.js";
import { tensorOf } from "../../../src/io/onnx/proto.js";

const { onnx } = onnxProto;
const ROOT = process.env["ONNX_NODE_TESTDATA"] ?? "/usr/share/libonnx-testdata/data/node";

/** Test-name prefixes (after `test_`) of the ops loadOnnx supports. */
const PREFIXES = [
  "add", "sub", "mul", "div", "pow", "max", "min", "neg", "exp", "log", "sqrt", "abs", "sign", "tanh", "sigmoid", "relu",
  "identity", "where", "clip", "cast", "gemm", "matmul", "softmax", "logsoftmax", "reduce_sum", "constant", "constantofshape",
  "transpose", "squeeze", "unsqueeze", "reshape", "concat", "slice", "split", "gather", "expand", "shape",
  "rnn", "simple_rnn", "lstm", "gru",
  "equal", "less", "greater", "not", "and", "or", "isnan", "isinf", "softplus", "leakyrelu", "dropout", "flatten",
];

/** Tests whose ops are all supported but which use a feature rnnkit refuses, and the error each must give. */
/** Element types rnnkit has no dtype for (uint8, int8, int16, unsigned, float16, bfloat16, string). */
const OTHER_TYPES = [
  "test_add_uint8", "test_cast_BFLOAT16_to_FLOAT", "test_cast_DOUBLE_to_FLOAT16", "test_cast_FLOAT16_to_DOUBLE",
  "test_cast_FLOAT16_to_FLOAT", "test_cast_FLOAT_to_BFLOAT16", "test_cast_FLOAT_to_FLOAT16",
  "test_cast_FLOAT_to_STRING", "test_cast_STRING_to_FLOAT", "test_clip_default_int8_inbounds",
  "test_clip_default_int8_max", "test_clip_default_int8_min", "test_div_uint8", "test_max_float16", "test_max_int16",
  "test_max_int8", "test_max_uint16", "test_max_uint32", "test_max_uint64", "test_max_uint8", "test_min_float16",
  "test_min_int16", "test_min_int8", "test_min_uint16", "test_min_uint32", "test_min_uint64", "test_min_uint8",
  "test_mul_uint8", "test_pow_types_float32_uint32", "test_pow_types_float32_uint64", "test_sub_uint8",
];
const NOT_TENSORS = ["test_identity_opt", "test_identity_sequence"];
const REFUSED: Readonly<Record<string, RegExp>> = {
  test_lstm_with_peepholes: /node '.*' \(LSTM\): input P \(peephole weights\) is not supported/,
  ...Object.fromEntries(OTHER_TYPES.map((n) => [n, /has ONNX element type \d+ \(supported: FLOAT, DOUBLE, INT32, INT64, BOOL\)/])),
  ...Object.fromEntries(NOT_TENSORS.map((n) => [n, /is not a tensor \(sequence, map and optional types are not supported\)/])),
};

function ops(model: InstanceType<typeof onnx.ModelProto>): string[] {
  return [...new Set((model.graph?.node ?? []).map((n) => n.opType ?? ""))];
}

const readTensor = (path: string) => tensorOf(onnx.TensorProto.decode(readFileSync(path)), path);

function closeEnough(name: string, got: Tensor, want: Tensor): void {
  assert.deepEqual(got.shape, want.shape, `${name}: shape`);
  assert.equal(got.dtype, want.dtype, `${name}: dtype`);
  const tol = got.dtype === "float32" ? 1e-5 : got.dtype === "float64" ? 1e-12 : 0;
  for (let i = 0; i < want.data.length; i++) {
    const a = got.data[i]!;
    const b = want.data[i]!;
    const same = Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
    if (!same) assert.fail(`${name}: element ${i} is ${a}, expected ${b} (tolerance ${tol}, relative above 1)`);
  }
}

const present = existsSync(ROOT);
// CI installs the data and sets RNNKIT_REQUIRE_ONNX_TESTDATA, so there a missing folder fails rather than skips.
if (!present && process.env["RNNKIT_REQUIRE_ONNX_TESTDATA"] === "1") throw new Error(`conformance data required but absent at ${ROOT}`);
test("ONNX conformance node tests of the supported ops run and give the expected outputs", { skip: present ? false : `no ONNX conformance data at ${ROOT} (apt install libonnx-testdata, or set ONNX_NODE_TESTDATA)` }, async (t) => {
  const names = readdirSync(ROOT).filter((n) => PREFIXES.some((p) => n.startsWith(`test_${p}`)) && !n.endsWith("_expanded")).sort();
  const refused: string[] = [];
  let passed = 0;
  let outOfScope = 0;
  for (const name of names) {
    const dir = join(ROOT, name);
    const bytes = readFileSync(join(dir, "model.onnx"));
    const used = ops(onnx.ModelProto.decode(bytes));
    if (!used.every((op) => IMPORT_OPS.includes(op))) {
      outOfScope++;
      continue;
    }
    await t.test(name, () => {
      if (REFUSED[name] !== undefined) {
        assert.throws(() => loadOnnx(bytes), { code: "ERR_UNSUPPORTED", message: REFUSED[name] });
        refused.push(name);
        return;
      }
      const model = loadOnnx(bytes);
      for (const set of readdirSync(dir).filter((d) => d.startsWith("test_data_set_"))) {
        const files = readdirSync(join(dir, set));
        const inputs = model.inputs.map((_, i) => readTensor(join(dir, set, `input_${i}.pb`)));
        const res = model.run(Object.fromEntries(model.inputs.map((v, i) => [v.name, inputs[i]!])));
        model.outputs.forEach((v, i) => {
          if (files.includes(`output_${i}.pb`)) closeEnough(`${name}/${set} output '${v.name}'`, res[v.name]!, readTensor(join(dir, set, `output_${i}.pb`)));
        });
      }
      passed++;
    });
  }
  assert.deepEqual(refused.sort(), Object.keys(REFUSED).filter((n) => names.includes(n)).sort(), "the refused tests are exactly the listed ones");
  t.diagnostic(`${passed} conformance tests pass, ${refused.length} refused as listed, ${outOfScope} use ops outside the importer`);
});
