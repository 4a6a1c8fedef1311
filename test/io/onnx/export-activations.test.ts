// exportOnnx's lowerings of sin, cos, gelu (both approximations), softplus (beta, threshold),
// elu and leakyRelu, held to onnxruntime on inputs from 1e-7 to 1e4 in magnitude, at the
// example's batch size and another one through a dynamic axis.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { exportOnnx } from "../../../src/io/onnx/index.js";
import { runOrt } from "./ort.js";

/** A module applying one elementwise function. */
const unary = (f: (x: R.Tensor) => R.Tensor) => new (class extends R.nn.Module { forward(x: R.Tensor) { return f(x); } })();

/** Edge values: zero, tiny, the softplus threshold's neighbours, exp's overflow, large. */
const EDGES = [0, 1e-7, -1e-7, 1e-3, 19.99, 20, 20.01, 30, -30, 90, -90, 800, -800, 1e4, -1e4];

/** x (B, 40): edge values in the first row, randn·s (s = 0.5, 3, 30) in the rest. */
function input(B: number, dtype: "float32" | "float64"): R.Tensor {
  const rows = Array.from({ length: B }, (_, b) => (b === 0 ? R.tensor([...EDGES, ...Array<number>(40 - EDGES.length).fill(-2)]).unsqueeze(0) : R.randn([1, 40]).mul([0.5, 3, 30][b % 3]!)));
  return R.toDType(R.cat(rows, 0), dtype);
}

/** max |Δ| / max(1, |y|) between rnnkit's output and onnxruntime's: absolute below 1, relative above. */
async function deviation(f: (x: R.Tensor) => R.Tensor, dtype: "float32" | "float64"): Promise<number> {
  const model = unary(f);
  const bytes = exportOnnx(model, [input(3, dtype)], { inputNames: ["x"], outputNames: ["y"], dynamicAxes: { x: [0] } });
  let worst = 0;
  for (const B of [3, 7]) {
    const x = input(B, dtype);
    const want = R.noGrad(() => model.forward(x));
    const got = (await runOrt(bytes, { x })).y!;
    assert.deepEqual(got.dims, want.shape);
    assert.equal(got.data instanceof Float64Array, dtype === "float64");
    want.data.forEach((w, i) => {
      const d = Math.abs(w - Number(got.data[i])) / Math.max(1, Math.abs(w));
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    });
  }
  return worst;
}

const CASES: [string, (x: R.Tensor) => R.Tensor][] = [
  ["sin", R.sin],
  ["cos", R.cos],
  ["gelu", (x) => R.gelu(x)],
  ["gelu tanh", (x) => R.gelu(x, "tanh")],
  ["softplus", (x) => R.softplus(x)],
  ["softplus beta=2 threshold=5", (x) => R.softplus(x, 2, 5)],
  ["softplus beta=0.5 threshold=30", (x) => R.softplus(x, 0.5, 30)],
  ["elu", (x) => R.elu(x)],
  ["elu alpha=0.3", (x) => R.elu(x, 0.3)],
  ["leakyRelu", (x) => R.leakyRelu(x)],
  ["leakyRelu slope=0.2", (x) => R.leakyRelu(x, 0.2)],
  ["logSigmoid", R.logSigmoid],
];

/** Tolerances: float32 one rounding step of ORT's float32 arithmetic; float64 rnnkit's and ORT's formulas differ only in rounding. */
const TOL = { float32: 1e-6, float64: 1e-12 };

for (const dtype of ["float32", "float64"] as const) {
  test(`elementwise lowerings match onnxruntime (${dtype})`, async (t) => {
    R.manualSeed(11);
    for (const [name, f] of CASES) {
      if (dtype === "float64" && name === "gelu") continue; // onnxruntime's CPU provider has no Erf for double (see the test below)
      const d = await deviation(f, dtype);
      t.diagnostic(`${name}: max |Δ|/max(1,|y|) = ${d.toExponential(2)}`);
      assert.ok(d <= TOL[dtype], `${name} (${dtype}) differs from onnxruntime by ${d}`);
    }
  });
}

test("an integer input to sin, gelu, softplus and elu exports with a cast (the ops compute in float32)", async () => {
  for (const f of [R.sin, (x: R.Tensor) => R.gelu(x), (x: R.Tensor) => R.softplus(x), (x: R.Tensor) => R.elu(x)]) {
    const model = unary(f);
    const x = R.tensor([[-3, 0, 2, 25]], { dtype: "int32" });
    const got = (await runOrt(exportOnnx(model, [x], { inputNames: ["x"], outputNames: ["y"] }), { x })).y!;
    const want = R.noGrad(() => model.forward(x));
    assert.equal(want.dtype, "float32");
    want.data.forEach((w, i) => assert.ok(Math.abs(w - Number(got.data[i])) <= 1e-6, `${w} vs ${got.data[i]}`));
  }
});

test("leakyRelu of an integer tensor is refused (rnnkit keeps the integer dtype; ONNX cannot multiply it by a float slope)", () => {
  const x = R.tensor([[-3, 2]], { dtype: "int32" });
  assert.throws(() => exportOnnx(unary((v) => R.leakyRelu(v)), [x]), {
    code: "ERR_UNSUPPORTED", message: /LeakyReluBackward0 of a int32 tensor keeps its integer dtype/,
  });
});

test("gelu of float64 exports Erf on double, valid ONNX that onnxruntime's CPU provider refuses loudly (no silent cast)", async () => {
  const x = R.randn([2, 3], { dtype: "float64" });
  const bytes = exportOnnx(unary((v) => R.gelu(v)), [x], { inputNames: ["x"], outputNames: ["y"] });
  await assert.rejects(runOrt(bytes, { x }), /Could not find an implementation for Erf/);
});
