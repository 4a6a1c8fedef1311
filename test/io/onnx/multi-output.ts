// Holds a module of several outputs, exported with a dynamic batch axis, to onnxruntime at two
// batch sizes: integer outputs exactly, floats as max |Δ| / max(1, |y|), NaN only against NaN.
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { exportOnnx } from "../../../src/io/onnx/index.js";
import { runOrt } from "./ort.js";

export type Forward = (x: R.Tensor) => R.Tensor[];
const model = (f: Forward) => new (class extends R.nn.Module { forward(x: R.Tensor) { return f(x); } })();

/** max |Δ| / max(1, |y|) over every output of f (indices and integers must be exact: Δ 0), at B = 2 and 5. */
export async function deviation(f: Forward, make: (B: number) => R.Tensor): Promise<number> {
  const m = model(f);
  const bytes = exportOnnx(m, [make(2)], { inputNames: ["x"], dynamicAxes: { x: [0] } });
  let worst = 0;
  for (const B of [2, 5]) {
    const x = make(B);
    const want = R.noGrad(() => m.forward(x));
    const got = await runOrt(bytes, { x });
    want.forEach((w, k) => {
      const o = got[`output_${k}`]!;
      assert.deepEqual(o.dims, w.shape, `output ${k} shape`);
      w.data.forEach((v, i) => {
        const u = Number(o.data[i]);
        if (v === u || (Number.isNaN(v) && Number.isNaN(u))) return;
        const d = Math.abs(v - u) / Math.max(1, Math.abs(v));
        if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
        if (w.dtype === "int64" || w.dtype === "int32") assert.equal(u, v, `output ${k} (${w.dtype}) at ${i}`);
      });
    });
  }
  return worst;
}

/** Few distinct values (ties everywhere), one in eight NaN. */
export const tied = (dtype: "float32" | "float64") => (B: number) => {
  const x = R.toDType(R.randint(0, 3, [B, 6, 7]), dtype);
  return R.maskedFill(x, R.eq(R.randint(0, 8, [B, 6, 7]), 0), NaN);
};
