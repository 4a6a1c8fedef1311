// Instantiates a kernel build synchronously (the modules are ~22 KB) with a memory the
// JavaScript side owns, and types the module's exports (asm/index.ts).
import { RELAXED_WASM_BASE64, SIMD_WASM_BASE64 } from "./binary.js";
import { Heap } from "./heap.js";
import { WeightCache } from "./weight-cache.js";

/** The exports of asm/index.ts. Pointers are byte offsets into the memory; 0 means absent. */
export interface Kernels {
  heap_base(): number;
  packed_b_bytes(k: number, n: number): number;
  pack_b(k: number, n: number, b: number, rs: number, cs: number, out: number): void;
  gemm_scratch_bytes(): number;
  gemm(m: number, n: number, k: number, a: number, rsA: number, csA: number, bPacked: number,
    c: number, ldc: number, alpha: number, beta: number, scratch: number): void;
  gemm_naive(m: number, n: number, k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, alpha: number, beta: number): void;
  tanh_f32(x: number, out: number, n: number): void;
  sigmoid_f32(x: number, out: number, n: number): void;
  relu_f32(x: number, out: number, n: number): void;
  tanh_naive(x: number, out: number, n: number): void;
  rnn_forward_scratch_bytes(mode: number, B: number, H: number, P: number): number;
  rnn_forward(mode: number, T: number, B: number, I: number, H: number, P: number, reverse: number, bs: number,
    x: number, h0: number, c0: number, wih: number, whh: number, whhN: number, whr: number, bih: number, bhh: number,
    y: number, hN: number, cN: number, ws: number, scratch: number): void;
  rnn_backward_scratch_bytes(mode: number, T: number, N: number, B: number, I: number, H: number, P: number, proj: number): number;
  rnn_backward(mode: number, T: number, B: number, I: number, H: number, P: number, reverse: number, bs: number,
    x: number, h0: number, c0: number, y: number, ws: number, dy: number, dhN: number, dcN: number,
    wihT: number, whhT: number, whrT: number, dx: number, dWih: number, dWhh: number, dbIh: number, dbHh: number,
    dWhr: number, dh0: number, dc0: number, scratch: number): void;
}

/** One instantiated build: its kernels, heap and weight cache. */
export interface WasmRuntime {
  readonly level: "relaxed" | "simd";
  readonly kernels: Kernels;
  readonly heap: Heap;
  readonly cache: WeightCache;
}

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Compiles and instantiates a build; throws where the runtime refuses it. */
export function instantiate(level: "relaxed" | "simd"): WasmRuntime {
  const bytes = decode(level === "relaxed" ? RELAXED_WASM_BASE64 : SIMD_WASM_BASE64);
  const memory = new WebAssembly.Memory({ initial: 16 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const kernels = instance.exports as unknown as Kernels;
  const heap = new Heap(memory, kernels.heap_base());
  return { level, kernels, heap, cache: new WeightCache(heap, kernels) };
}
