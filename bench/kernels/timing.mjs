// Timing for the kernel benchmarks: the median of several repeats, each long enough to time.
// Run after `npx tsc -p .`; the machine is shared, so compare ratios taken in the same run.

/** Median milliseconds per call of `fn` over `repeats` repeats of at least `minMs` each (the
 * fastest repeat with `best`: for ceilings, where other load can only slow a repeat down). */
export function timeMs(fn, { repeats = 7, minMs = 100, best = false } = {}) {
  fn(); // warm up: compile and tier up, size the heap
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    const t = performance.now() - t0;
    if (t >= minMs / 4) { calls = Math.max(1, Math.ceil((calls * minMs) / Math.max(t, 1e-3))); break; }
    calls *= 4;
  }
  const times = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    times.push((performance.now() - t0) / calls);
  }
  times.sort((a, b) => a - b);
  return best ? times[0] : times[times.length >> 1];
}

/** Float32 values in [-1, 1) from a fixed LCG sequence. */
export function lcg(n, seed = 1, scale = 1) {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = ((s >>> 8) / 16777216 * 2 - 1) * scale;
  }
  return a;
}

/** Prints rows of a table with aligned columns. */
export function table(rows) {
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
  for (const r of rows) console.log(r.map((c, j) => String(c).padEnd(w[j])).join("  "));
}
