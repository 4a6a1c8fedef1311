// Starts one kernel worker (worker.ts): a Node worker_threads Worker, unref'd so that it never
// keeps a process alive, or a module Web Worker. pool.ts loads this module by a computed
// specifier, so that bundles of the library (which have no `import.meta` in some formats) leave
// it out: where it cannot be loaded, the kernels stay on one thread.
import type { WorkerInit } from "./control.js";
// Named so that tsc builds worker.ts, which nothing imports: it is loaded by its URL.
import type { WorkerEntry } from "./worker.js";

/** What the pool keeps of a worker. */
export interface WorkerHandle {
  terminate(): void;
}

/** Module workers in browsers; worker_threads in Node (where `Worker` is not a global). */
export async function spawnWorker(init: WorkerInit, onError: (e: unknown) => void): Promise<WorkerHandle> {
  const isNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined;
  if (isNode) {
    const { Worker } = await import("node:worker_threads");
    // No flags of the parent's (its --input-type, --eval would break a file entry); V8's flags,
    // such as --experimental-wasm-relaxed-simd, hold for the whole process anyway.
    const w = new Worker(new URL("./worker.js", import.meta.url), { execArgv: [] });
    w.unref();
    w.on("error", onError);
    w.postMessage(init);
    return { terminate: () => void w.terminate() };
  }
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  w.onerror = onError;
  w.postMessage(init);
  return { terminate: () => w.terminate() };
}

export type { WorkerEntry };
