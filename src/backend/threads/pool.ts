// A pool of kernel worker threads over one shared WebAssembly memory. Each worker instantiates
// the same module on that memory (worker.ts); the calling thread writes a call into the control
// block (control.ts), bumps the mailbox of every worker it wants, and runs the call itself as
// thread 0. The kernels end with a barrier, so when the caller's part returns, every thread's
// has — the call is synchronous, like a single-threaded one.
//
// Workers start lazily and in the background (~50 ms each in Node; node-worker.ts, else
// spawn.ts): a call runs on the threads that are up; `ready` waits for them. A worker that fails
// makes the pool fall back to one thread for good.
import {
  ABORT, ARGC, ARGS_F64, CALLER_SLEEPS, EPOCH, FAILED, KERNEL, MAX_ARGS, MAX_THREADS, SLEEPS, STALLED, STALL_MS, SYNC, alive, asleep,
  mailbox,
  type WorkerInit,
} from "./control.js";
import { reportThreadsFailed, threadMayBlock } from "./config.js";
import { spawnNodeWorker } from "./node-worker.js";
import { spawnWorker, type WorkerHandle } from "./spawn.js";

/** Milliseconds a worker spins for its next call before sleeping: calls that follow each other
 * closely (the steps of a training loop, the layers of a stack) find it awake. */
export const SPIN_MS = 0.5;

export type Kernel = (...args: number[]) => void;

/** How long the calling thread waits at one barrier for the workers before it gives the call up
 * as stalled (a worker died without reporting it): far beyond any step's imbalance, even on a
 * loaded machine. Mutable for tests. */
export const stall = { ms: 30_000 };

export class WorkerPool {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  /** Int32 index of the control block. */
  private readonly base: number;
  private readonly epoch: number;
  private readonly handles: WorkerHandle[] = [];
  private readonly kernelIndex: Map<string, number>;
  private readonly spawns: Promise<unknown>[] = [];
  private started = 0;
  private closed = false;
  private broken = false;

  /**
   * @param control byte offset of CONTROL_BYTES of zeroed (or previously pooled) memory
   * @param exports the calling thread's instance of `module`
   * @param kernels the exports a call may name
   */
  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    private readonly control: number,
    private readonly exports: Readonly<Record<string, unknown>>,
    private readonly kernels: readonly string[],
  ) {
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    this.base = control >> 2;
    this.epoch = Atomics.add(this.i32, this.base + EPOCH, 1) + 1;
    this.kernelIndex = new Map(kernels.map((k, i) => [k, i]));
    // A thread that waits long at a barrier sleeps; the caller too, unless it may not block.
    Atomics.store(this.i32, this.base + CALLER_SLEEPS, threadMayBlock() ? 1 : 0);
  }

  /** How many times a thread has slept in a barrier so far (every call of this block's pools). */
  get barrierSleeps(): number {
    return Atomics.load(this.i32, this.base + SLEEPS);
  }

  /** Whether a worker failed (or none could start): the pool then runs calls on one thread. */
  get failed(): boolean {
    return this.broken;
  }

  /** Threads a call may use now, at most `want`: the caller and the workers that are up. Starts
   * workers in the background up to want − 1 (never more than MAX_THREADS − 1). */
  threads(want: number): number {
    if (this.broken || this.closed) return 1;
    want = Math.min(want, MAX_THREADS);
    this.start(want - 1);
    let n = 1;
    while (n < want && Atomics.load(this.i32, this.base + alive(n)) === this.epoch) n++;
    return n;
  }

  /** Wakes the sleeping workers among 1 .. nt − 1 to spin for the next call (no call is made):
   * done ahead of a call, the wake-up overlaps the caller's preparation. */
  wake(nt: number): void {
    for (let w = 1; w < nt; w++) {
      if (Atomics.load(this.i32, this.base + asleep(w)) !== 0) Atomics.notify(this.i32, this.base + mailbox(w));
    }
  }

  /** threads(want), once the workers it asks for are up or have failed to start. */
  async ready(want: number, timeoutMs = 10_000): Promise<number> {
    this.threads(want);
    await Promise.allSettled(this.spawns);
    const deadline = Date.now() + timeoutMs;
    while (this.threads(want) < Math.min(want, this.started + 1) && !this.broken && Date.now() < deadline) {
      await new Promise((ok) => setTimeout(ok, 2));
    }
    return this.threads(want);
  }

  /**
   * Runs exported kernel `name` on nt threads (nt ≤ threads(nt)): its arguments are `args`, then
   * nt, the sync block, and each thread's id. Returns when every thread is done.
   */
  run(name: string, args: readonly number[], nt: number): void {
    const fn = this.exports[name] as Kernel;
    const full = [...args, nt, this.control + SYNC * 4];
    if (nt <= 1) {
      fn(...full, 0);
      return;
    }
    if (full.length > MAX_ARGS) throw new Error(`WorkerPool.run: ${name} has ${full.length} arguments (at most ${MAX_ARGS})`);
    const { i32, base } = this;
    i32[base + STALL_MS] = stall.ms;
    i32[base + KERNEL] = this.kernelIndex.get(name)!;
    i32[base + ARGC] = full.length;
    this.f64.set(full, (this.control >> 3) + ARGS_F64);
    for (let w = 1; w < nt; w++) {
      Atomics.add(i32, base + mailbox(w), 1);
      Atomics.notify(i32, base + mailbox(w), 1);
    }
    let ok = false, stalled = false;
    try {
      fn(...full, 0);
      stalled = Atomics.load(i32, base + STALLED) !== 0;
      ok = Atomics.load(i32, base + FAILED) === 0 && !stalled;
    } finally {
      if (!ok) {
        Atomics.store(i32, base + ABORT, 1); // let the workers out of their barriers
        this.fail(stalled ? `a worker stalled in ${name}` : `a worker failed in ${name}`);
        this.close();
      }
    }
    if (stalled) {
      throw new Error(`rnnkit: a kernel worker thread did not reach a barrier of ${name} within ${stall.ms} ms (it stopped ` +
        "without reporting an error); the call was abandoned and kernels now run on one thread");
    }
    if (!ok) throw new Error(`rnnkit: a kernel worker thread failed in ${name} (its error is on stderr); kernels now run on one thread`);
  }

  /** Stops the workers: woken, they see a new epoch and return; then they are terminated. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const { i32, base } = this;
    Atomics.add(i32, base + EPOCH, 1);
    for (let w = 1; w < MAX_THREADS; w++) {
      Atomics.add(i32, base + mailbox(w), 1);
      Atomics.notify(i32, base + mailbox(w));
    }
    for (const h of this.handles) h.terminate();
  }

  private start(workers: number): void {
    while (this.started < Math.min(workers, MAX_THREADS - 1)) {
      const init: WorkerInit = {
        module: this.module, memory: this.memory, control: this.control, tid: ++this.started,
        kernels: this.kernels, epoch: this.epoch, spinMs: SPIN_MS,
      };
      const onError = (e: unknown): void => this.fail(`a worker failed to start or run: ${String(e)}`);
      const now = spawnNodeWorker(init, onError);
      if (now !== null) {
        this.handles.push(now);
        continue;
      }
      this.spawns.push(spawnWorker(init, onError).then((h) => {
        if (this.closed) h.terminate();
        else this.handles.push(h);
      }, (e: unknown) => onError(e))); // no workers here (an IIFE bundle, a runtime that refuses): one thread
    }
  }

  /** Runs calls on one thread from now on, and says why (numThreads() then says 1). */
  private fail(reason: string): void {
    this.broken = true;
    reportThreadsFailed(reason);
  }
}
