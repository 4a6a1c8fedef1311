// How many threads the kernels may use: the user's choice (setNumThreads) or the default, two
// when the machine has them (a second thread gains 1.5–1.9× on large calls; more were not
// measured); always 1 where threads cannot share WebAssembly memory — a browser
// page that is not cross-origin isolated, or a runtime without SharedArrayBuffer or workers.
// The WebAssembly backend reads this before each large call; nothing starts a thread here.
import { ConfigError } from "../../errors.js";
import { MAX_THREADS } from "./control.js";

const DEFAULT_THREADS = 2;

let requested: number | null = null;
const listeners = new Set<() => void>();
let threadFailure: string | null = null;

interface NodeProcess {
  readonly versions?: { readonly node?: string };
  getBuiltinModule?(id: string): unknown;
}

/** Node's `process`, or undefined elsewhere. */
export function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return p?.versions?.node !== undefined ? p : undefined;
}

/** A Node built-in module, synchronously where Node has process.getBuiltinModule (20.16+). */
export function nodeBuiltin<T>(id: string): T | undefined {
  return nodeProcess()?.getBuiltinModule?.(id) as T | undefined;
}

/** Whether this runtime can run kernels on several threads over one shared memory. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object") return false;
  if (nodeProcess() !== undefined) return true;
  const g = globalThis as { Worker?: unknown; crossOriginIsolated?: boolean };
  return typeof g.Worker === "function" && g.crossOriginIsolated === true;
}

/** Whether this thread may block in Atomics.wait: everywhere but a browser's main thread. */
export function threadMayBlock(): boolean {
  if (nodeProcess() !== undefined) return true;
  const g = globalThis as { WorkerGlobalScope?: abstract new () => unknown };
  return typeof g.WorkerGlobalScope === "function" && globalThis instanceof g.WorkerGlobalScope;
}

/** Hardware threads, when the runtime says (browsers, Node 20.16+); else undefined. */
export function hardwareThreads(): number | undefined {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof nav?.hardwareConcurrency === "number") return nav.hardwareConcurrency;
  return nodeBuiltin<{ availableParallelism(): number }>("os")?.availableParallelism();
}

/**
 * Sets how many threads large kernels may use (the calling thread included): 1 turns threads
 * off; the default is 2, or 1 on a single-core machine. More threads than the machine has
 * hardware threads are never used: a larger `n` is capped to that count with a warning (on a
 * shared machine, threads beyond the cores only wait for each other). Worker threads start
 * lazily, at the first call large enough to gain from them (see `threadsReady`); calls too small
 * to gain — under ~4 MFLOP, or under 30 kFLOP per time step, e.g. a batch-1 LSTM step of hidden
 * size < 64 — run on the calling thread. Results do not depend on the thread count beyond float
 * rounding. Where threads cannot share memory (a page that is not cross-origin isolated) this
 * has no effect. Applies to the WebAssembly backend; the JS reference is single-threaded.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new ConfigError("setNumThreads", `n must be an integer from 1 to ${MAX_THREADS} (got ${n})`, {
      expected: `1..${MAX_THREADS}`, actual: n,
    });
  }
  const cores = hardwareThreads();
  if (cores !== undefined && n > cores) {
    console.warn(`rnnkit: setNumThreads(${n}): this machine has ${cores} hardware thread${cores === 1 ? "" : "s"}; ` +
      `using ${cores} (threads beyond the cores would only wait for each other)`);
    n = Math.max(1, cores);
  }
  requested = n;
  for (const f of listeners) f();
}

/** The most threads a large kernel call will use: the setting, else min(2, hardware threads);
 * 1 where threads are not supported or could not start (see `threadsReady`). */
export function numThreads(): number {
  if (!threadsSupported() || threadFailure !== null) return 1;
  const want = requested ?? Math.min(DEFAULT_THREADS, hardwareThreads() ?? DEFAULT_THREADS);
  return Math.max(1, Math.min(want, MAX_THREADS));
}

/** Why worker threads could not start or stopped (null: they did not fail): numThreads() then
 * says 1, as many as calls get. */
export function threadsFailure(): string | null {
  return threadFailure;
}

/** Called by the threaded backend when its workers cannot start or have failed. */
export function reportThreadsFailed(reason: string): void {
  threadFailure ??= reason;
}

/** Calls `f` whenever setNumThreads changes the setting. */
export function onNumThreadsChange(f: () => void): void {
  listeners.add(f);
}
