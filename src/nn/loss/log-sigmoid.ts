// log σ(x) as one primitive, computed as ATen's log_sigmoid kernel does — min(x, 0) − log1p(e^−|x|) —
// so it is finite for every finite x and exact for large |x|, where log(1 + e^−|x|) would round to 0.
// (It belongs beside sigmoid in autograd/ops/unary.ts; it lives here until that file takes it.)
import { run, type OpRecord } from "../../autograd/op.js";
import { mul } from "../../autograd/ops/binary.js";
import { neg, sigmoid } from "../../autograd/ops/unary.js";
import { allocate, isFloating } from "../../tensor/dtype.js";
import { fromData, type Tensor } from "../../tensor/tensor.js";

const LOG_SIGMOID: OpRecord<void> = {
  name: "LogSigmoidBackward0",
  forward(ctx, [x]) {
    const dtype = isFloating(x!.dtype) ? x!.dtype : "float32";
    const out = allocate(dtype, x!.numel());
    const d = x!.data;
    for (let i = 0; i < out.length; i++) {
      const v = d[i]!;
      out[i] = Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
    }
    ctx.save(x!);
    return fromData(out, x!.shape, dtype);
  },
  // d/dx log σ(x) = 1 − σ(x) = σ(−x)
  backward(ctx, [g]) {
    const [x] = ctx.saved;
    return [mul(g!, sigmoid(neg(x!)))];
  },
};

/** log σ(x), elementwise and stable. */
export function logSigmoid(x: Tensor): Tensor {
  return run(LOG_SIGMOID, [x], undefined);
}
