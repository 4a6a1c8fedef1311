// Reading memory in tests: JavaScript array-buffer bytes after garbage collection has settled.

/** `globalThis.gc` when node runs with --expose-gc (as `npm test` does), else undefined. */
export const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage until what it reports stops changing: V8 frees array buffers in a sweep
 * that runs after gc() returns, so one reading right after gc() can still count dead ones. */
export async function settledArrayBytes(collect: () => void): Promise<number> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    collect();
    await new Promise((ok) => setTimeout(ok, 1));
    const now = process.memoryUsage().arrayBuffers;
    if (now === last) return now;
    last = now;
  }
  return last;
}
