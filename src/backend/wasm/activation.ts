// Elementwise activations on the WebAssembly kernels (asm/activation.ts), float32.
import type { Activation } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";

const KERNEL = { tanh: "tanh_f32", sigmoid: "sigmoid_f32", relu: "relu_f32" } as const satisfies Record<Activation, string>;

/** out[i] = f(x[i]) for i < n; `out` may be `x`. */
export function activation(rt: WasmRuntime, kind: Activation, x: Float32Array, out: Float32Array, n: number): void {
  if (n <= 0) return;
  rt.heap.reset();
  const p = rt.heap.copyIn(x.subarray(0, n));
  rt.kernels[KERNEL[kind]](p, p, n);
  rt.heap.copyOut(p, n, out);
}
