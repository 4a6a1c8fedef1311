// The bench driver (bench/main.ts) on one tiny case and a few implementations: every
// implementation's rows come from a child process of its own, onnxruntime-web runs on 1 and on 2
// threads in the same run, and every row got the same input. Nothing here depends on timing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../bench/main.js");
const KEYS = ["ort-1t", "ort-2t", "ortweb-1t", "ortweb-2t", "rnnkit-js"];

interface JsonRow {
  key: string;
  status: string;
  checks: { status: string }[];
  process: { group: string; pid: number };
  inputDigest: string;
  speedupVsOrtWeb?: number;
}

test("bench: one child process per implementation, onnxruntime-web on 1 and 2 threads in one table", {
  skip: process.env["RNNKIT_BACKEND"] === "js" ? "the bench sets its backends itself: run once, in the wasm suite" : false,
}, () => {
  const out = mkdtempSync(join(tmpdir(), "rnnkit-bench-test-"));
  try {
    const env = { ...process.env };
    delete env["NODE_TEST_CONTEXT"];
    const r = spawnSync(process.execPath, ["--expose-gc", MAIN, "--quick", "--only=db-rnn64-fwd", "--peers=ort-1t,ort-2t,ortweb,rnnkit-js", `--out=${out}`], {
      env, encoding: "utf8", timeout: 120_000,
    });
    assert.equal(r.status, 0, `bench exited ${r.status} (signal ${r.signal})\n${r.stdout}\n${r.stderr}`);
    const j = JSON.parse(readFileSync(join(out, "quick.json"), "utf8")) as {
      processes: { driver: number; reference: number; implementations: { group: string; pid: number }[] };
      cases: { id: string; rows: JsonRow[] }[];
    };
    assert.deepEqual(j.cases.map((c) => c.id), ["db-rnn64-fwd"]);
    const rows = j.cases[0]!.rows;
    assert.deepEqual(rows.map((row) => row.key), KEYS);
    for (const row of rows) {
      assert.equal(row.status, "ok", `${row.key}: ${JSON.stringify(row)}`);
      assert.equal(row.checks[0]?.status, "ok", `${row.key} checked against the oracle`);
      assert.equal(row.process.group, row.key);
    }
    const pids = rows.map((row) => row.process.pid);
    assert.equal(new Set(pids).size, rows.length, `one process per implementation: ${pids.join(", ")}`);
    for (const p of [process.pid, j.processes.driver, j.processes.reference]) assert.ok(!pids.includes(p), `no row ran in process ${p}`);
    assert.deepEqual(j.processes.implementations.map((g) => [g.group, g.pid]), rows.map((row) => [row.key, row.process.pid]));
    assert.equal(new Set(rows.map((row) => row.inputDigest)).size, 1, "every row read the same input and weights");
    // Equal-thread ratios against onnxruntime-web, on 1 thread and on 2, from rows of other processes.
    const vsWeb = (key: string) => rows.find((row) => row.key === key)?.speedupVsOrtWeb;
    for (const key of ["ort-1t", "ort-2t", "rnnkit-js"]) assert.ok(Number.isFinite(vsWeb(key)), `${key} ×ORT-web: ${vsWeb(key)}`);
    assert.match(r.stdout, /ORT web wasm \(1 thread\) /);
    assert.match(r.stdout, /ORT web wasm \(2 threads\) /);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
