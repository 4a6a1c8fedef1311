// Dropout as PyTorch computes it on the CPU: a Bernoulli(1 − p) mask scaled by 1/(1 − p),
// drawn from the generator element by element, so a seeded run drops the same units.
import { ConfigError } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import { mul } from "../../autograd/ops/binary.js";
import { isFloating } from "../../tensor/dtype.js";
import { bernoulli, type RandomOptions } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { zerosLike } from "../../tensor/create.js";
import { expectTensor } from "../../tensor/expect.js";
import { checkOptions } from "../../options.js";

export function checkDropoutP(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new ConfigError(op, `dropout probability has to be between 0 and 1, but got ${p}`, { expected: [0, 1], actual: p });
  }
}

/**
 * Zeroes each element with probability p during training and scales the rest by 1/(1 − p);
 * the identity when not training or p = 0.
 */
export function dropout(x: Tensor, p = 0.5, training = true, opts: Pick<RandomOptions, "generator"> = {}): Tensor {
  expectTensor("dropout", x);
  checkDropoutP("dropout", p);
  checkOptions("dropout", opts, { generator: "object" });
  if (p === 0 || !training || x.numel() === 0) return x;
  if (p === 1) return mul(x, zerosLike(x));
  const dtype = isFloating(x.dtype) ? x.dtype : "float32";
  const noise = bernoulli(x.shape, 1 - p, { dtype, generator: opts.generator });
  const scale = dtype === "float32" ? Math.fround(1 / Math.fround(1 - p)) : 1 / (1 - p);
  const d = noise.data;
  kernels().arith2("mul", [d.length], d, [1], Float64Array.of(scale), [0], d); // noise · scale
  return mul(x, noise);
}
