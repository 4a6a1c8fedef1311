// Entry of a kernel worker thread (Node worker_threads or a Web Worker; started by pool.ts):
// instantiates the kernel module over the shared memory, then runs every call handed to it
// through its mailbox (control.ts) — spinning for a moment after each call, then sleeping in
// Atomics.wait — until its pool is closed. It reaches Node's worker_threads only in Node, so
// the same file serves as a browser's module worker (the `rnnkit/worker` entry) or, bundled by
// Vite, a classic one. It does not import spawn.ts, whose `new Worker(new URL("./worker.js", …))`
// a bundler would follow again from inside the worker's bundle.
import { nodeProcess } from "./config.js";
import { nodeWorkerThreads } from "./node-worker.js";
import { ABORT, ARGC, ARGS_F64, EPOCH, FAILED, KERNEL, alive, asleep, kernelImports, mailbox, type WorkerInit } from "./control.js";

type Kernel = (...args: number[]) => void;

/** The module a worker runs (spawn.ts names it so that the compiler builds this file). */
export type WorkerEntry = "rnnkit kernel worker";

function serve(init: WorkerInit): void {
  const { memory, control, tid, epoch, spinMs } = init;
  const exports = new WebAssembly.Instance(init.module, kernelImports(memory)).exports as Record<string, unknown>;
  const kernels = init.kernels.map((name) => exports[name] as Kernel);
  // Views of the memory as it is now: the control block lies below its initial size.
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  const b = control >> 2, b8 = control >> 3;
  const mail = b + mailbox(tid);
  let seen = Atomics.load(i32, mail);
  const sleeping = b + asleep(tid);
  Atomics.store(i32, sleeping, 0); // a worker of a closed pool may have left it set
  Atomics.store(i32, b + alive(tid), epoch);
  for (;;) {
    let now = Atomics.load(i32, mail);
    if (now === seen) {
      let until = performance.now() + spinMs;
      for (let k = 1; (now = Atomics.load(i32, mail)) === seen; k++) {
        if ((k & 1023) === 0 && performance.now() > until) {
          Atomics.store(i32, sleeping, 1);
          Atomics.wait(i32, mail, seen); // woken by a call, or by a wake() to spin again
          Atomics.store(i32, sleeping, 0);
          until = performance.now() + spinMs;
        }
      }
    }
    seen = now;
    if (Atomics.load(i32, b + EPOCH) !== epoch) return; // the pool was closed
    const argc = i32[b + ARGC]!;
    const args = Array.from(f64.subarray(b8 + ARGS_F64, b8 + ARGS_F64 + argc));
    try {
      kernels[i32[b + KERNEL]!]!(...args, tid);
    } catch (e) {
      Atomics.store(i32, b + FAILED, 1);
      Atomics.store(i32, b + ABORT, 1); // let the other threads out of their barriers
      console.error(`rnnkit: kernel worker ${tid} failed in ${init.kernels[i32[b + KERNEL]!]}:`, e);
      return;
    }
  }
}

interface MessageSource {
  once?(event: "message", f: (data: WorkerInit) => void): void;
  onmessage?: ((e: { data: WorkerInit }) => void) | null;
}

// No top-level await: Vite bundles a worker as a classic script (an IIFE) by default, which
// cannot have one. Node's port keeps the init message until the listener is on.
if (nodeProcess() !== undefined) {
  void nodeWorkerThreads().then((wt) => (wt.parentPort as MessageSource).once!("message", serve));
} else {
  const self = globalThis as MessageSource;
  self.onmessage = (e) => {
    self.onmessage = null;
    serve(e.data);
  };
}
