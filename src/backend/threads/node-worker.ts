// Starts a kernel worker synchronously in Node (20.16+, which has process.getBuiltinModule): a
// program that calls the kernels in a loop without ever yielding to the event loop still gets
// its workers, which a dynamic import (spawn.ts) would only deliver once it yields.
//
// The worker's file is found next to this module's. `import.meta.url` would say where that is,
// but bundling it into formats without `import.meta` (an IIFE) warns, so the URL is read from a
// V8 call site instead (Error.prepareStackTrace; Node runs V8). Elsewhere this returns null.
// Also where both sides of a Node worker get Node's worker_threads (nodeWorkerThreads).
import type { WorkerInit } from "./control.js";
import { nodeBuiltin } from "./config.js";
import type { WorkerHandle } from "./spawn.js";

interface NodeWorker {
  unref(): void;
  on(event: "error", f: (e: unknown) => void): void;
  postMessage(init: WorkerInit): void;
  terminate(): Promise<number>;
}
type NodeWorkerClass = new (url: URL, options: { execArgv: string[] }) => NodeWorker;

/** The file URL of this module, from the call site of the function below; undefined if V8's
 * call sites are not there. */
function ownUrl(): string | undefined {
  const prepare = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_e, sites) => sites;
    const sites = new Error().stack as unknown as readonly { getFileName(): string | null | undefined }[];
    const file = Array.isArray(sites) ? sites[0]?.getFileName() : undefined;
    return typeof file === "string" && file.startsWith("file:") ? file : undefined;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = prepare;
  }
}

/** Node's worker_threads: synchronously where Node has getBuiltinModule, else imported by a
 * computed specifier, which browser bundlers leave alone (they never take this path). */
export async function nodeWorkerThreads(): Promise<typeof import("node:worker_threads")> {
  const id = "node:worker_threads";
  return nodeBuiltin<typeof import("node:worker_threads")>(id) ?? await import(id) as typeof import("node:worker_threads");
}

/** A started worker, or null where this cannot be done synchronously (not Node 20.16+, or the
 * module's location is unknown): the caller then takes spawn.ts's asynchronous way. */
export function spawnNodeWorker(init: WorkerInit, onError: (e: unknown) => void): WorkerHandle | null {
  const wt = nodeBuiltin<{ Worker: NodeWorkerClass }>("worker_threads");
  const here = wt === undefined ? undefined : ownUrl();
  if (wt === undefined || here === undefined) return null;
  try {
    return startNodeWorker(wt.Worker, new URL("./worker.js", here), init, onError);
  } catch {
    return null;
  }
}

/** Starts worker.ts at `url` with Node's Worker class: unref'd, its errors to `onError`. */
export function startNodeWorker(Worker: NodeWorkerClass, url: URL, init: WorkerInit, onError: (e: unknown) => void): WorkerHandle {
  // No flags of the parent's (its --input-type, --eval would break a file entry); V8's flags,
  // such as --experimental-wasm-relaxed-simd, hold for the whole process anyway.
  const w = new Worker(url, { execArgv: [] });
  w.unref();
  w.on("error", onError);
  w.postMessage(init);
  return { terminate: () => void w.terminate() };
}
