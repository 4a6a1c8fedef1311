// Runs the kernel tests again on the relaxed-SIMD build (fused multiply-add), which Node 20
// loads only with --experimental-wasm-relaxed-simd, in a child Node with that flag.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const FILES = ["gemm", "activation", "rnn", "heap", "threads", "adam"].map((f) => fileURLToPath(new URL(`./${f}.test.js`, import.meta.url)));

test("gemm, activation, rnn, heap, threads and adam tests pass on the relaxed-SIMD build", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, RNNKIT_WASM: "relaxed" };
  delete env["NODE_TEST_CONTEXT"]; // a test runner of its own, not a child reporting to ours
  const r = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--test", "--test-reporter=dot", ...FILES], {
    env, encoding: "utf8",
  });
  assert.equal(r.status, 0, `relaxed-SIMD run failed:\n${r.stdout}\n${r.stderr}`);
});
