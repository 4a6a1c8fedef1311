// rnnkit in a Vite app (vite-app/, built by Vite's build() with no configuration at all), in
// Chromium (harness.ts): where the page is cross-origin isolated the worker Vite bundled starts
// and a training step runs on two threads; where it is not, numThreads() says 1. Either way the
// page computes what Node computes, and PyTorch's published numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, createLogger, type Rolldown } from "vite";
import { manualSeed, nn, randn, setNumThreads } from "../../src/index.js";
import { runPage, skip } from "./harness.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface PageResult {
  crossOriginIsolated: boolean; hardwareConcurrency: number; threadsReady: number; numThreads: number; threadedCalls: number;
  oneThread: Step; threaded: Step; hello: string[];
}
/** A training step's output and the gradient of weight_hh_l0. */
interface Step { y: number[]; grad: number[] }

/** Builds vite-app as an app that has installed rnnkit: a copy in a temporary folder whose
 * node_modules/rnnkit links to this package, so "rnnkit" resolves through package.json's
 * exports to build/. Fails on any warning. Returns the output by URL path. */
async function buildApp(): Promise<Map<string, string | Uint8Array>> {
  const app = mkdtempSync(join(tmpdir(), "rnnkit-vite-"));
  try {
    for (const f of ["index.html", "main.js"]) copyFileSync(resolve(root, "test/browser/vite-app", f), join(app, f));
    mkdirSync(join(app, "node_modules"));
    symlinkSync(root, join(app, "node_modules", "rnnkit"), "dir");
    const warnings: string[] = [];
    const logger = createLogger("warn");
    logger.warn = logger.warnOnce = (msg) => void warnings.push(msg);
    const out = await build({
      root: app, configFile: false, customLogger: logger, logLevel: "warn", build: { write: false },
      // The page's one look inside the package: the WebAssembly backend's thread statistics.
      resolve: { alias: { "rnnkit-internal/wasm": resolve(root, "build/src/backend/wasm/index.js") } },
    }) as Rolldown.RolldownOutput;
    assert.deepEqual(warnings, [], "Vite's warnings");
    return new Map(out.output.map((f) => [`/${f.fileName}`, f.type === "chunk" ? f.code : f.source]));
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

let built: Promise<Map<string, string | Uint8Array>> | undefined;
/** The app, built once for both tests. */
const app = () => built ??= buildApp();
async function loadApp(isolated: boolean): Promise<{ r: PageResult; workers: string[] }> {
  const run = await runPage(await app(), isolated);
  return { r: run.result as PageResult, workers: run.workers };
}

/** The page's training step (its GRU's output, then the gradient of weight_hh_l0), computed
 * here in Node on one thread. */
function nodeStep(): Step {
  setNumThreads(1);
  manualSeed(5);
  const gru = new nn.GRU(64, 64);
  const [y] = gru.forward(randn([20, 16, 64]));
  y.pow(2).mean().backward();
  return { y: Array.from(y.data as Float32Array), grad: Array.from(gru.getParameter("weight_hh_l0").grad!.data as Float32Array) };
}

const maxDiff = (a: readonly number[], b: readonly number[]) => {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};
/** Asserts that two runs of the training step agree to float32 rounding: the output to 1e-5,
 * the gradient (~4e-5 on average, 5e-4 at most) to 1e-5 of its largest value (measured: the page
 * against Node 2.7e-7 and 3.5e-10; 2 threads against 1 in the page, 0 and 6e-11). */
function assertSameStep(a: Step, b: Step, what: string): void {
  const dy = maxDiff(a.y, b.y), dg = maxDiff(a.grad, b.grad), gmax = Math.max(...b.grad.map(Math.abs));
  assert.ok(dy < 1e-5, `${what}: the outputs differ by ${dy}`);
  assert.ok(dg < 1e-5 * gmax, `${what}: the gradients differ by ${dg} (largest ${gmax})`);
}
// torch.manual_seed(0); nn.RNN(4, 2) on [[1,0,0,0],[0,1,0,0]] (deeplearningzerotoall/PyTorch).
const HELLO = ["-0.7497", "-0.6135", "-0.5282", "-0.2473"];

test("Vite app in a cross-origin-isolated page: the bundled worker starts and a training step runs on two threads", { skip, timeout: 120_000 }, async () => {
  const files = await app();
  const scripts = [...files.keys()].filter((f) => f.endsWith(".js"));
  assert.equal(scripts.length, 2, `the page's chunk and the worker's (got ${scripts.join(", ")})`);
  assert.ok(scripts.every((f) => !String(files.get(f)).includes("data:text/javascript")), "no unbundled copy of worker.js inlined");
  const { r, workers } = await loadApp(true);
  assert.equal(r.crossOriginIsolated, true);
  assert.ok(r.hardwareConcurrency >= 2, `Chromium sees ${r.hardwareConcurrency} hardware thread(s); two are needed to show threads`);
  assert.equal(r.threadsReady, 2, "threadsReady(): the worker Vite bundled started");
  assert.equal(r.numThreads, 2);
  // The forward makes one threaded call, the backward two (counted in Node).
  assert.ok(r.threadedCalls >= 2, `the forward and the backward ran on two threads (${r.threadedCalls} threaded calls)`);
  assert.match(workers.join(), /^\/assets\/worker-[\w-]+\.js$/, "one worker, the chunk Vite built");
  assertSameStep(r.threaded, r.oneThread, "2 threads vs 1");
  const node = nodeStep();
  assertSameStep(r.oneThread, node, "the page vs Node");
  assert.deepEqual(r.hello, HELLO);
});

test("Vite app in a page that is not cross-origin isolated: one thread, numThreads() says so, same numbers", { skip, timeout: 120_000 }, async () => {
  const { r, workers } = await loadApp(false);
  assert.equal(r.crossOriginIsolated, false);
  assert.equal(r.threadsReady, 1);
  assert.equal(r.numThreads, 1, "numThreads() does not claim threads the page cannot have");
  assert.equal(r.threadedCalls, 0);
  assert.deepEqual(workers, [], "no worker started");
  const node = nodeStep();
  assertSameStep(r.oneThread, node, "the page vs Node");
  assertSameStep(r.threaded, node, "the page (setNumThreads(2)) vs Node");
  assert.deepEqual(r.hello, HELLO);
});
