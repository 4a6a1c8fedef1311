// Instantiates a kernel build synchronously (the modules are ~25 KB) with a memory the
// JavaScript side owns, and types the module's exports (asm/index.ts). Where threads can share
// memory (threads/config.ts), the memory is shared and the module's import says so
// (shared-memory.ts); the threads' control block sits below the heap.
import { CONTROL_BYTES, kernelImports } from "../threads/control.js";
import { threadsSupported } from "../threads/config.js";
import { RELAXED_WASM_BASE64, SIMD_WASM_BASE64 } from "./generated/binary.js";
import { Heap } from "./heap.js";
import { KernelThreads } from "./parallel.js";
import { MAX_PAGES, withSharedMemory } from "./shared-memory.js";
import { WeightCache } from "./weight-cache.js";

/** The exports of asm/index.ts. Pointers are byte offsets into the memory; 0 means absent. */
export interface Kernels {
  heap_base(): number;
  packed_b_bytes(k: number, n: number): number;
  pack_b(k: number, n: number, b: number, rs: number, cs: number, out: number): void;
  gemm_scratch_bytes(): number;
  gemm(m: number, n: number, k: number, a: number, rsA: number, csA: number, bPacked: number,
    c: number, ldc: number, alpha: number, beta: number, scratch: number): void;
  gemm_mt(m: number, n: number, k: number, a: number, rsA: number, csA: number, bPacked: number,
    c: number, ldc: number, alpha: number, beta: number, scratch: number, nt: number, sync: number, tid: number): void;
  tanh_f32(x: number, out: number, n: number): void;
  sigmoid_f32(x: number, out: number, n: number): void;
  relu_f32(x: number, out: number, n: number): void;
  adam_f32(n: number, p: number, g: number, m: number, v: number,
    sign: number, w1: number, b2: number, c2: number, bc2: number, eps: number, negStep: number): void;
  rnn_forward_scratch_bytes(mode: number, B: number, H: number, P: number, nt: number): number;
  rnn_forward(mode: number, T: number, B: number, I: number, H: number, P: number, reverse: number, bs: number,
    x: number, h0: number, c0: number, wih: number, plan: number, bih: number, bhh: number,
    y: number, hN: number, cN: number, ws: number, scratch: number, nt: number, sync: number, tid: number): void;
  rnn_backward_scratch_bytes(mode: number, T: number, N: number, B: number, I: number, H: number, P: number, proj: number, nt: number): number;
  rnn_backward(mode: number, T: number, B: number, I: number, H: number, P: number, reverse: number, bs: number,
    x: number, h0: number, c0: number, y: number, ws: number, dy: number, dhN: number, dcN: number,
    wihT: number, plan: number, dx: number, dWih: number, dWhh: number, dbIh: number, dbHh: number,
    dWhr: number, dh0: number, dc0: number, scratch: number, nt: number, sync: number, tid: number): void;
}

/** One instantiated build: its kernels, heap, weight cache and threads. */
export interface WasmRuntime {
  readonly level: "relaxed" | "simd";
  readonly kernels: Kernels;
  readonly heap: Heap;
  readonly cache: WeightCache;
  readonly threads: KernelThreads;
}

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** A shared memory where threads can share one, else null. Browsers may refuse a 4 GiB
 * reservation on 32-bit devices: a smaller maximum is tried before giving up. */
function sharedMemory(initial: number): WebAssembly.Memory | null {
  if (!threadsSupported()) return null;
  for (const maximum of [MAX_PAGES, MAX_PAGES / 4, MAX_PAGES / 16]) {
    try {
      return new WebAssembly.Memory({ initial, maximum, shared: true });
    } catch {
      // try a smaller reservation
    }
  }
  return null;
}

/** Compiles and instantiates a build; throws where the runtime refuses it. */
export function instantiate(level: "relaxed" | "simd"): WasmRuntime {
  const bytes = decode(level === "relaxed" ? RELAXED_WASM_BASE64 : SIMD_WASM_BASE64);
  const shared = sharedMemory(16);
  const memory = shared ?? new WebAssembly.Memory({ initial: 16 });
  const module = new WebAssembly.Module(shared !== null ? withSharedMemory(bytes) : bytes);
  const instance = new WebAssembly.Instance(module, kernelImports(memory));
  const kernels = instance.exports as unknown as Kernels;
  // The control block, zeroed (fresh memory), on a cache line of its own below the heap.
  const control = Math.ceil(kernels.heap_base() / 64) * 64;
  const heap = new Heap(memory, control + CONTROL_BYTES);
  const threads = new KernelThreads({ module, memory, control: shared !== null ? control : -1, exports: instance.exports });
  return { level, kernels, heap, cache: new WeightCache(heap, kernels), threads };
}
