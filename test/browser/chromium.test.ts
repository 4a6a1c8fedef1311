// The library in a real browser (harness.ts: Debian's Chromium, headless). The bundle must pick
// the WebAssembly backend (relaxed SIMD, which Chromium validates), agree with the JS reference,
// and give PyTorch's published numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { runPage, skip } from "./harness.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface PageResult {
  defaultBackend: string; level: string; crossOriginIsolated: boolean; forwardMaxDiff: number; gradMaxDiff: number; hello: string[];
  threadsReady: number; numThreads: number; threadedCalls: number; threadsMaxDiff: number;
}

/** Bundles the page and the kernel worker (the `rnnkit/worker` entry) side by side, as an
 * esbuild user does, and loads the page, cross-origin isolated, in Chromium; `withWorker: false`
 * serves no worker.js. */
async function loadPage(withWorker: boolean): Promise<PageResult> {
  const bundle = await build({
    entryPoints: { page: resolve(root, "test/browser/page.ts"), worker: resolve(root, "src/backend/threads/worker.ts") },
    bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent", outdir: "out",
  });
  assert.deepEqual(bundle.warnings.map((w) => w.text), [], "bundling warnings (a dropped side-effect import breaks the library)");
  const files = new Map(bundle.outputFiles.map((f) => [`/${f.path.split("/").pop()}`, f.text]));
  if (!withWorker) files.delete("/worker.js");
  files.set("/index.html", '<!doctype html><meta charset="utf-8"><title>rnnkit</title><script type="module" src="/page.js"></script>');
  return (await runPage(files, true)).result as PageResult;
}

test("in Chromium: wasm backend by default, equal to the JS reference, PyTorch's numbers, two threads from the bundle", { skip, timeout: 120_000 }, async () => {
  const r = await loadPage(true);
  assert.equal(r.defaultBackend, "wasm");
  assert.equal(r.level, "relaxed", "Chromium validates relaxed SIMD");
  assert.equal(r.crossOriginIsolated, true);
  assert.ok(r.forwardMaxDiff < 1e-5, `wasm vs js forward differ by ${r.forwardMaxDiff}`);
  assert.ok(r.gradMaxDiff < 1e-5, `wasm vs js gradient differ by ${r.gradMaxDiff}`);
  assert.deepEqual(r.hello, ["-0.7497", "-0.6135", "-0.5282", "-0.2473"]);
  assert.equal(r.threadsReady, 2, "the worker started from the bundle");
  assert.equal(r.numThreads, 2);
  assert.ok(r.threadedCalls > 0, "a large call ran on two threads");
  assert.ok(r.threadsMaxDiff < 1e-5, `2 threads vs 1 differ by ${r.threadsMaxDiff}`);
});

test("in Chromium, without the worker file: one thread, and numThreads() says so", { skip, timeout: 120_000 }, async () => {
  const r = await loadPage(false);
  assert.equal(r.threadsReady, 1);
  assert.equal(r.numThreads, 1, "numThreads() does not claim threads that could not start");
  assert.equal(r.threadedCalls, 0);
  assert.equal(r.hello.length, 4, "the page still runs");
});
