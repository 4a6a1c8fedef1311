// Starting the bench's child processes (child.ts), one at a time: the driver writes a job file
// into the run's folder, waits for the child to exit, and reads the result file it wrote.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job } from "./plan.js";

const CHILD = fileURLToPath(new URL("child.js", import.meta.url));

/** Node flags for a child: this process's (`npm run bench` passes --experimental-wasm-relaxed-simd,
 * which rnnkit's relaxed rows need), and --expose-gc for the collections before timing. */
export function childFlags(): string[] {
  return process.execArgv.includes("--expose-gc") ? [...process.execArgv] : [...process.execArgv, "--expose-gc"];
}

export type ChildOutcome<T> =
  | { readonly ok: true; readonly pid: number; readonly result: T }
  | { readonly ok: false; readonly pid: number; readonly why: string };

/**
 * Runs one child on `job` in `dir` and waits for it (synchronously: children never overlap).
 * Its stdout and stderr go to this process's stderr, so the table on stdout stays clean.
 */
export function runChild<T>(dir: string, name: string, job: Omit<Job, "dir" | "out">): ChildOutcome<T> {
  const jobPath = join(dir, `${name}.job.json`);
  const out = join(dir, `${name}.result.json`);
  writeFileSync(jobPath, JSON.stringify({ ...job, dir, out } satisfies Job));
  const r = spawnSync(process.execPath, [...childFlags(), CHILD, jobPath], { stdio: ["ignore", 2, 2] });
  if (r.error !== undefined) return { ok: false, pid: r.pid ?? 0, why: `child process did not start: ${r.error.message}` };
  if (r.status !== 0 || !existsSync(out)) {
    return { ok: false, pid: r.pid ?? 0, why: `child process ${r.pid} ${r.signal !== null ? `killed by ${r.signal}` : `exited with code ${r.status}`}` };
  }
  return { ok: true, pid: r.pid ?? 0, result: JSON.parse(readFileSync(out, "utf8")) as T };
}
