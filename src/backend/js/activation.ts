// Reference activations, elementwise over a flat buffer.
import type { Activation, FloatArray } from "../kernels.js";

/** Logistic sigmoid, written to stay finite for large |x|. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function activation(kind: Activation, x: FloatArray, out: FloatArray, n: number): void {
  switch (kind) {
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]!);
      return;
    case "relu":
      for (let i = 0; i < n; i++) out[i] = Math.max(x[i]!, 0);
      return;
  }
}
