// Starts one kernel worker (worker.ts): a Node worker_threads Worker, unref'd so that it never
// keeps a process alive, or a module Web Worker. pool.ts loads this module by a computed
// specifier, so that bundles of the library (which have no `import.meta` in some formats) leave
// it out: where it cannot be loaded, the kernels stay on one thread.
import { nodeProcess } from "./config.js";
import type { WorkerInit } from "./control.js";
import { startNodeWorker } from "./node-worker.js";
// Named so that tsc builds worker.ts, which nothing imports: it is loaded by its URL.
import type { WorkerEntry } from "./worker.js";

/** What the pool keeps of a worker. */
export interface WorkerHandle {
  terminate(): void;
}

/** Module workers in browsers; worker_threads in Node (where `Worker` is not a global). */
export async function spawnWorker(init: WorkerInit, onError: (e: unknown) => void): Promise<WorkerHandle> {
  if (nodeProcess() !== undefined) {
    const { Worker } = await import("node:worker_threads");
    return startNodeWorker(Worker, new URL("./worker.js", import.meta.url), init, onError);
  }
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  w.onerror = onError;
  w.postMessage(init);
  return { terminate: () => w.terminate() };
}

export type { WorkerEntry };
