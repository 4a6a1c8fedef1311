// Starts one kernel worker (worker.ts) asynchronously: a Node worker_threads Worker, unref'd so
// that it never keeps a process alive, or a module Web Worker. The browser form is the literal
// `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })` that Vite and
// webpack recognize and bundle (Vite with no configuration: test/browser/vite.test.ts); with
// esbuild, worker.js (the `rnnkit/worker` entry) is built as an entry point of its own next to
// the bundle. Where the worker cannot start — an IIFE bundle has no import.meta, a page without
// the file — the pool stays on one thread and says so (numThreads()).
import { nodeProcess } from "./config.js";
import type { WorkerInit } from "./control.js";
import { nodeWorkerThreads, startNodeWorker } from "./node-worker.js";
// Named so that tsc builds worker.ts, which nothing imports: it is loaded by its URL.
import type { WorkerEntry } from "./worker.js";

/** What the pool keeps of a worker. */
export interface WorkerHandle {
  terminate(): void;
}

/** Module workers in browsers; worker_threads in Node (where `Worker` is not a global). */
export async function spawnWorker(init: WorkerInit, onError: (e: unknown) => void): Promise<WorkerHandle> {
  if (nodeProcess() !== undefined) {
    const { Worker } = await nodeWorkerThreads();
    // Not the literal form below: bundlers (Vite, webpack) would copy worker.js, unbundled, as an
    // asset into every browser bundle for this branch, which browsers never take.
    const here = import.meta.url;
    return startNodeWorker(Worker, new URL("./worker.js", here), init, onError);
  }
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  w.onerror = onError;
  w.postMessage(init);
  return { terminate: () => w.terminate() };
}

export type { WorkerEntry };
