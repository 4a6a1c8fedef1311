// MultiheadAttention's kdim/vdim, addBiasKv and addZeroAttn through exportOnnx: the exporter traces
// the ops (cat of bias_k/bias_v, the zero rows, the padded masks), so the graph must run in
// onnxruntime to rnnkit's own output and weights (≤ 1e-5), rather than being refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { exportOnnx } from "../../src/io/onnx/index.js";
import { maxAbsDiff } from "../helpers/data.js";
import { runOrt } from "../io/onnx/ort.js";

const { nn } = R;

/** query (L, B, E), key (S, B, kdim), value (S, B, vdim) → [output (L, B, E), weights (B, H, L, S')], with a fixed key padding mask. */
class Attend extends nn.Module {
  readonly attn: R.nn.MultiheadAttention;
  readonly pad = R.tensor([[0, 0, 0, 1], [0, 1, 0, 1]], { dtype: "bool" });
  constructor(opts: R.nn.MultiheadAttentionOptions) {
    super();
    this.attn = new nn.MultiheadAttention(8, 2, opts);
  }
  forward(q: R.Tensor, k: R.Tensor, v: R.Tensor): R.Tensor[] {
    const [out, w] = this.attn.forward(q, k, v, { keyPaddingMask: this.pad, averageAttnWeights: false });
    return [out, w!];
  }
}

test("exportOnnx of MultiheadAttention with kdim/vdim, addBiasKv, addZeroAttn runs in onnxruntime to rnnkit's output and weights", async () => {
  const configs: R.nn.MultiheadAttentionOptions[] = [{ kdim: 5, vdim: 3 }, { addBiasKv: true }, { addZeroAttn: true }, { kdim: 5, vdim: 3, addBiasKv: true, addZeroAttn: true }];
  for (const opts of configs) {
    R.manualSeed(7);
    const model = new Attend(opts);
    const inputs = [R.randn([3, 2, 8]), R.randn([4, 2, opts.kdim ?? 8]), R.randn([4, 2, opts.vdim ?? 8])];
    const want = R.noGrad(() => model.forward(inputs[0]!, inputs[1]!, inputs[2]!));
    const got = await runOrt(exportOnnx(model, inputs), { input_0: inputs[0]!, input_1: inputs[1]!, input_2: inputs[2]! });
    const outs = Object.values(got);
    assert.equal(outs.length, 2, JSON.stringify(opts));
    want.forEach((w, i) => {
      assert.deepEqual(outs[i]!.dims, w.shape, `${JSON.stringify(opts)} output ${i}`);
      const diff = maxAbsDiff(w, outs[i]!.data as Float32Array);
      assert.ok(diff <= 1e-5, `${JSON.stringify(opts)} output ${i}: max |diff| ${diff}`);
    });
  }
});
