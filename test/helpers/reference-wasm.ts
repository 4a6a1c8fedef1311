// The reference kernel module (asm/reference-index.ts, built into test/generated/ by
// scripts/build-wasm.mjs): the production kernels plus their plain-loop references (gemm_naive,
// tanh_naive), which the production binary leaves out. Instantiated on a memory of its own.
import { kernelImports } from "../../src/backend/threads/control.js";
import { Heap } from "../../src/backend/wasm/heap.js";
import type { Kernels } from "../../src/backend/wasm/instance.js";
import { REFERENCE_WASM_BASE64 } from "../generated/wasm-reference.js";

/** The production kernels and the references the reference module adds. */
export interface ReferenceKernels extends Kernels {
  gemm_naive(m: number, n: number, k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, alpha: number, beta: number): void;
  tanh_naive(x: number, out: number, n: number): void;
}

/** A fresh instance of the reference module with a heap over its memory. */
export function referenceRuntime(): { kernels: ReferenceKernels; heap: Heap } {
  const bytes = Uint8Array.from(atob(REFERENCE_WASM_BASE64), (ch) => ch.charCodeAt(0));
  const memory = new WebAssembly.Memory({ initial: 16 });
  const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), kernelImports(memory)).exports as unknown as ReferenceKernels;
  return { kernels, heap: new Heap(memory, Math.ceil(kernels.heap_base() / 64) * 64) };
}
