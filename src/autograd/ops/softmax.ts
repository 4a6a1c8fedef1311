// Softmax and log-softmax along one dimension: primitives, for stability and a cheap backward.
import { kernels } from "../../backend/index.js";
import { numel, wrapDim } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, floatDType } from "./helpers.js";
import { mul, sub } from "./binary.js";
import { exp } from "./unary.js";
import { sum } from "./reduce.js";

function softmaxRecord(name: string, log: boolean): OpRecord<number> {
  return {
    name,
    forward(ctx, [x], dim) {
      const out = alloc(floatDType(x!), x!.shape);
      const shape = x!.shape.length === 0 ? [1] : x!.shape;
      kernels().softmax(x!.data, numel(shape.slice(0, dim)), shape[dim]!, numel(shape.slice(dim + 1)), out.data, log);
      ctx.save(out);
      return out;
    },
    backward(ctx, [g], dim) {
      const [y] = ctx.saved;
      // softmax:     dx = y ⊙ (g − Σ g⊙y)
      // logSoftmax:  dx = g − exp(y) ⊙ Σ g
      return log
        ? [sub(g!, mul(exp(y!), sum(g!, dim, true)))]
        : [mul(y!, sub(g!, sum(mul(g!, y!), dim, true)))];
    },
  };
}

const SOFTMAX = softmaxRecord("SoftmaxBackward0", false);
const LOG_SOFTMAX = softmaxRecord("LogSoftmaxBackward0", true);

/** exp(x) / Σ exp(x) along `dim`. */
export function softmax(x: Tensor, dim: number): Tensor {
  return run(SOFTMAX, [x], wrapDim("softmax", dim, x.ndim));
}

/** x − log Σ exp(x) along `dim`, computed without forming the softmax. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return run(LOG_SOFTMAX, [x], wrapDim("logSoftmax", dim, x.ndim));
}
