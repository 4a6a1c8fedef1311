// The control block: the words in shared WebAssembly memory through which the calling thread
// hands a kernel call to the workers, and the kernels' barrier (asm/sync.ts, which defines the
// sync block's layout; mirrored here). Byte offsets from the block's start; every word that
// one thread writes while others spin on it has its own 64-byte line.
//
//   [0, 64)      sync block: barrier arrivals, generation, sleepers, abort, stalled, the time
//                a barrier may wait, whether the caller may sleep, sleeps so far (asm/sync.ts)
//   [64, 128)    EPOCH: the pool now running on this block (a worker of another pool exits
//                when woken); FAILED: a worker threw (it reports the error on stderr)
//   [128, 384)   the call: kernel index, argument count, then the arguments as float64
//   [384 + 64·w) worker w's mailbox: the number of calls handed to it so far; then the epoch of
//                the worker that is running and waiting on it (0: none); then 1 while that
//                worker sleeps in Atomics.wait (a notify wakes it to spin again, no call made)

/** The most threads a pool runs (the caller and MAX_THREADS − 1 workers). */
export const MAX_THREADS = 16;
export const CONTROL_BYTES = 384 + 64 * MAX_THREADS;
/** Most arguments of a call (the thread id is passed separately). */
export const MAX_ARGS = 30;

/** Int32 indices into a view of the whole memory, relative to the block at byte `base`. */
export const SYNC = 0;
export const ABORT = 3; // sync block +12
export const STALLED = 4; // sync block +16
export const STALL_MS = 5; // sync block +20
export const CALLER_SLEEPS = 6; // sync block +24
export const SLEEPS = 7; // sync block +28
export const EPOCH = 16;
export const FAILED = 17;
export const KERNEL = 32;
export const ARGC = 33;
/** Float64 index of the first argument, relative to the block. */
export const ARGS_F64 = 17; // byte 136
export function mailbox(worker: number): number {
  return 96 + 16 * worker;
}
/** Int32 index of the word in which worker `w` says it is alive: the epoch of its pool. */
export function alive(worker: number): number {
  return mailbox(worker) + 1;
}
/** Int32 index of the word in which worker `w` says it is asleep. */
export function asleep(worker: number): number {
  return mailbox(worker) + 2;
}

/** What a worker is sent when it starts. */
export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  readonly control: number;
  /** This worker's thread id (1 .. MAX_THREADS − 1); the caller is 0. */
  readonly tid: number;
  /** The kernels by index, as the control block's KERNEL word names them. */
  readonly kernels: readonly string[];
  /** The pool's epoch (see EPOCH). */
  readonly epoch: number;
  /** Milliseconds a worker spins for the next call before it sleeps. */
  readonly spinMs: number;
}

/** What the kernel module imports, on every thread: the memory, and a clock (read by the
 * calling thread while it waits long at a barrier: asm/sync.ts). */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { env: { memory, now: () => performance.now() } };
}
