// Threads: how the threads of one kernel call share its work and wait for each other.
//
// Every parallel kernel is SPMD: the calling thread (tid 0) and nt − 1 workers run the same
// exported function over one shared memory with their own `tid`, each taking its part of every
// phase (part_lo/part_hi) and meeting at barriers. With nt = 1 the barrier is a no-op, so the
// single-threaded path is the same code. The sync block (SYNC_BYTES, laid out below; mirrored by
// src/backend/threads/control.ts) lives in the memory; the JavaScript side zeroes it once.
//
//   +0  arrivals at the current barrier     +4  barrier generation (waiters watch it)
//   +8  threads asleep in atomic.wait       +12 abort: set when a thread failed; barriers pass
//   +16 stalled: set by the calling thread when the others did not arrive in time
//   +20 the time allowed, in ms (0: no limit), written by the JavaScript side
//   +24 1 when the calling thread may sleep too (it is not a browser's main thread), written
//       by the JavaScript side     +28 sleeps in barriers so far, every thread (read by tests)

/** Bytes of a sync block. */
export const SYNC_BYTES = 64;

/** The host's clock in milliseconds (performance.now), read by the calling thread while it waits. */
@external("env", "now") declare function now(): f64;

/** Spins between two readings of the clock by the calling thread (~1–2 ms). */
const WATCH = (1 << 20) - 1;

/** Spins before a thread sleeps in atomic.wait (about 0.1 ms: within a call the threads meet
 * often, and waking a sleeper costs 50–100 µs, but a thread that spins while the one it waits
 * for was preempted only takes time from it). The caller (tid 0) sleeps only where it may
 * block: a browser's main thread may not, and spins with the clock watched. */
const SPINS = 1 << 16;

/** What a thread that sleeps in a barrier needs after waking (see `barrier`). */
let parkedSync: usize = 0;
let parkedGen: i32 = 0;
let parkedSince: f64 = 0;
let parkedTid: i32 = 0;

/** Waits until all nt threads have arrived. Writes before it are visible to every thread after it. */
export function barrier(sync: usize, nt: i32, tid: i32): void {
  if (nt <= 1) return;
  let gen = atomic.load<i32>(sync, 4);
  if (atomic.add<i32>(sync, 1) == nt - 1) {
    atomic.store<i32>(sync, 0);
    atomic.add<i32>(sync, 1, 4);
    if (atomic.load<i32>(sync, 8) != 0) atomic.notify(sync + 4);
    return;
  }
  let spins = 0;
  let since: f64 = -1;
  let sleeps = tid != 0 || atomic.load<i32>(sync, 24) != 0;
  while (atomic.load<i32>(sync, 4) == gen) {
    if (atomic.load<i32>(sync, 12) != 0) return;
    ++spins;
    if (tid == 0 && (sleeps ? spins > SPINS : (spins & WATCH) == 0)) {
      // A worker that died without reaching its error path (killed, out of memory) would
      // leave the caller here for good: after the allowed time without the barrier opening,
      // it marks the call stalled and aborts it (the JavaScript side then throws).
      const t = now(), limit = atomic.load<i32>(sync, 20);
      if (since < 0) since = t;
      else if (limit > 0 && t - since > <f64>limit) {
        atomic.store<i32>(sync, 1, 16);
        atomic.store<i32>(sync, 1, 12);
        return;
      }
    }
    if (sleeps && spins > SPINS) {
      atomic.add<i32>(sync, 1, 8);
      atomic.add<i32>(sync, 1, 28);
      // V8's baseline compiler (Liftoff, Node 20) can return from atomic.wait with this
      // function's locals clobbered (measured: `gen` wrong after most waits, so the thread left
      // the barrier early and the threads fell out of step). The globals, one per thread's
      // instance, carry them across; test/backend/wasm/threads.test.ts runs Liftoff-only.
      parkedSync = sync;
      parkedGen = gen;
      parkedSince = since;
      parkedTid = tid;
      atomic.wait<i32>(sync + 4, gen, 1000000); // 1 ms: a missed notify costs at most that
      sync = parkedSync;
      gen = parkedGen;
      since = parkedSince;
      tid = parkedTid;
      sleeps = true; // constants, not reloads: the branch is only taken with these
      spins = SPINS;
      atomic.sub<i32>(sync, 1, 8);
    }
  }
}

/** Start of part `i` of `parts` of [0, n): boundaries at multiples of `align`, parts as equal as
 * possible; part_lo(n, parts, parts, align) = n. Some parts are empty when n < parts·align. */
@inline export function part_lo(n: i32, parts: i32, i: i32, align: i32): i32 {
  if (i >= parts) return n;
  const units = (n + align - 1) / align;
  return min(n, <i32>((<i64>units * i) / parts) * align);
}

/** End of part `i` (the start of part i + 1). */
@inline export function part_hi(n: i32, parts: i32, i: i32, align: i32): i32 {
  return part_lo(n, parts, i + 1, align);
}
