// Runs a built usage-pattern example in its smoke mode in a child process and reads the
// results JSON it writes (examples/common/report.ts): the tests check what the record says.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples");

export interface SmokeRun {
  readonly stdout: string;
  /** The parsed `<name>.json` the example wrote. */
  readonly record: Record<string, unknown> & { rows: Array<{ method: string; metrics: Record<string, number> }> };
}

/** `node build/examples/<name>/main.js --smoke --out <tmp> ...extra`; fails the test on a non-zero exit. */
export function runSmoke(name: string, extra: readonly string[] = [], timeoutMs = 120_000): SmokeRun {
  const out = mkdtempSync(join(tmpdir(), `rnnkit-example-${name}-`));
  try {
    const env = { ...process.env };
    delete env["NODE_TEST_CONTEXT"];
    const r = spawnSync(process.execPath, [join(EXAMPLES, name, "main.js"), "--smoke", "--out", out, ...extra], { env, encoding: "utf8", timeout: timeoutMs });
    assert.equal(r.status, 0, `example ${name} exited ${r.status} (signal ${r.signal})\n${r.stdout}\n${r.stderr}`);
    return { stdout: r.stdout, record: JSON.parse(readFileSync(join(out, `${name}.json`), "utf8")) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The metric `metric` of the row whose method is `method` (fails if absent or not finite). */
export function metricOf(run: SmokeRun, method: string, metric: string): number {
  const row = run.record.rows.find((r) => r.method === method);
  assert.ok(row !== undefined, `no row "${method}" in ${run.record.rows.map((r) => r.method).join(", ")}`);
  const v = row.metrics[metric];
  assert.ok(typeof v === "number" && Number.isFinite(v), `${method}.${metric} = ${v}`);
  return v;
}
