// How the WebAssembly kernels use threads: one pool of workers per kernel build (created at the
// first call that gains from it), and the rule that decides how many threads a call gets.
//
// A call gets threads when its work pays for the hand-offs. Handing a call to a worker that is
// spinning (it spins for 0.5 ms after each call) costs ~1 µs and each barrier (one per time
// step) ~0.3–0.5 µs; waking a sleeping worker costs 50–100 µs on the 2-core VM measured, and
// is started as soon as a call is known to use threads, so that it overlaps the caller's
// copying of the inputs. Measured (bench/kernels/README.md), a batch-1 LSTM step of H = 64
// (33 kFLOP between barriers) already gains from a second thread, hot (1.5×) or cold (1.2×);
// H = 32 gains only when the worker is awake, and loses when it sleeps. A whole call must do
// 4 MFLOP (~170 µs on one thread), so that waking a sleeping worker cannot double a short one
// (one step of H = 256 at batch 1: 76 µs, 66 on two threads while the worker spins).
import { numThreads, onNumThreadsChange, threadsSupported } from "../threads/config.js";
import { SPIN_MS, WorkerPool } from "../threads/pool.js";

/** The exports that run on several threads (their last parameters are nt, sync, tid). */
export const THREADED_KERNELS = ["rnn_forward", "rnn_backward", "gemm_mt"] as const;
export type ThreadedKernel = (typeof THREADED_KERNELS)[number];

/** Least FLOPs of a whole call, and between two of its barriers, for which a call uses
 * threads. Mutable for tests, which run tiny layers on two threads. */
export const thresholds = { callFlops: 4e6, stepFlops: 3e4 };

/** What a runtime hands the pool: its module, shared memory, control block and exports. */
export interface PoolHost {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte offset of the control block (threads/control.ts), or -1 when memory is not shared. */
  readonly control: number;
  readonly exports: Readonly<Record<string, unknown>>;
}

const live = new Set<KernelThreads>();
let listening = false;

/** Keeps `t` among the pools that setNumThreads(1) closes (listening from the first pool on). */
function track(t: KernelThreads): void {
  live.add(t);
  if (listening) return;
  listening = true;
  onNumThreadsChange(() => {
    if (numThreads() <= 1) for (const p of live) p.close();
  });
}

/** Barriers in one call of a threaded kernel, about: one per step (two with an LSTM projection)
 * in the forward, a few more phases in the backward, one in a GEMM. */
function barriersOf(name: ThreadedKernel, args: readonly number[]): number {
  const steps = args[1]!, H = args[4]!, P = args[5]!;
  if (name === "rnn_forward") return steps * (P < H ? 2 : 1);
  if (name === "rnn_backward") return steps + 4;
  return 1;
}

/** The most calls a contended call sends to one thread. */
const MAX_BACKOFF = 256;
/** Whether contended calls back off to one thread. Mutable for tests, which compare threaded
 * calls with single-threaded ones on a machine that may be busy. */
export const contention = { backoff: true };

/** How threaded calls went (for tests and benchmarks). */
export interface ThreadStats {
  /** Calls run on several threads. */
  threaded: number;
  /** Calls that would have had threads but ran on one, backing off after contention. */
  backedOff: number;
  /** Judged threaded calls (see KernelThreads.run) in which the threads slept at more than half of the barriers. */
  contended: number;
  /** Times two judged calls in a row were contended, which starts a back-off. */
  streaks: number;
}

export class KernelThreads {
  private pool: WorkerPool | null = null;
  /** Calls left to run on one thread, and the backoff the next contended call sets. */
  private skip = 0;
  private backoff = 0;
  /** When the last threaded call ended (its workers spin SPIN_MS after it), and whether the last judged call was contended. */
  private lastEnd = -Infinity;
  private strike = false;
  readonly stats: ThreadStats = { threaded: 0, backedOff: 0, contended: 0, streaks: 0 };

  constructor(private readonly host: PoolHost) {
    track(this);
  }

  /** Threads for a call of `flops` FLOPs in all whose most serial part does `stepFlops` between
   * two barriers: 1 when that is too little work, else as many as are set and up (workers start
   * in the background at the first such call). */
  count(flops: number, stepFlops: number): number {
    if (flops < thresholds.callFlops || stepFlops < thresholds.stepFlops) return 1;
    if (this.skip > 0 && contention.backoff && numThreads() > 1) {
      this.skip--;
      this.stats.backedOff++;
      return 1;
    }
    const nt = this.available(numThreads());
    if (nt > 1) this.pool!.wake(nt); // a sleeping worker wakes while the caller copies the inputs in
    return nt;
  }

  /** Threads up now, at most `want`, starting workers toward it. */
  available(want: number): number {
    if (want <= 1 || this.host.control < 0 || !threadsSupported()) return 1;
    this.pool ??= new WorkerPool(this.host.module, this.host.memory, this.host.control, this.host.exports, THREADED_KERNELS);
    return this.pool.threads(want);
  }

  /** Starts the workers numThreads() asks for; resolves with the threads a large call gets. */
  async ready(): Promise<number> {
    const want = numThreads();
    if (this.available(want) >= want || this.pool === null) return this.available(want);
    return this.pool.ready(want);
  }

  /** Runs a threaded kernel on nt threads (see WorkerPool.run); nt = 1 needs no pool. */
  run(name: ThreadedKernel, args: readonly number[], nt: number): void {
    if (nt <= 1 || this.pool === null) {
      (this.host.exports[name] as (...a: number[]) => void)(...args, 1, 0, 0);
      return;
    }
    // Only a call whose workers were still spinning from the previous one is judged: a worker
    // that slept (after calls on one thread, a back-off among them) makes the first barriers
    // wait for its wake-up on an idle machine too, and judging that call fed a back-off loop that
    // kept an idle machine on one thread (measured: LSTM I=H=256, T=50, B=32 on 2 threads no
    // faster than 1). One contended call is not enough either (2–9% of calls on an idle machine
    // are): two judged calls in a row start a back-off.
    const judged = performance.now() - this.lastEnd < SPIN_MS;
    const slept = this.pool.barrierSleeps;
    this.pool.run(name, args, nt);
    this.lastEnd = performance.now();
    this.stats.threaded++;
    if (!judged) return;
    if ((this.pool.barrierSleeps - slept) * 2 > barriersOf(name, args) * (nt - 1)) {
      this.stats.contended++;
      if (this.strike) {
        this.stats.streaks++;
        this.strike = false;
        this.backoff = Math.min(MAX_BACKOFF, Math.max(4, 2 * this.backoff));
        this.skip = this.backoff;
      } else {
        this.strike = true;
      }
    } else {
      this.strike = false;
      this.backoff >>= 1;
    }
  }

  /** Stops the workers (setNumThreads(1)); a later large call starts new ones — unless a
   * worker failed: its pool stays, on one thread. */
  close(): void {
    if (this.pool === null || this.pool.failed) return;
    this.pool.close();
    this.pool = null;
  }
}
