// Importing rnnkit is side-effect free but for one thing (src/index.ts, package.json
// `sideEffects`): Tensor's methods. No WebAssembly is compiled, no worker starts and no global
// changes until the first op. In a fresh Node, whose WebAssembly and worker_threads
// constructors are counted before the import — and the counters are shown to count, later in
// the same process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { runModule } from "../helpers/child.js";

const index = JSON.stringify(fileURLToPath(new URL("../../src/index.js", import.meta.url)));

const script = [
  "const counts = { wasm: 0, workers: 0 };",
  "for (const k of ['Module', 'Instance', 'Memory']) {",
  "  WebAssembly[k] = new Proxy(WebAssembly[k], { construct(t, a, nt) { counts.wasm++; return Reflect.construct(t, a, nt); } });",
  "}",
  "for (const k of ['compile', 'instantiate']) { const f = WebAssembly[k]; WebAssembly[k] = (...a) => { counts.wasm++; return f(...a); }; }",
  "const wt = process.getBuiltinModule('node:worker_threads');",
  "const W = wt.Worker;",
  "wt.Worker = class extends W { constructor(...a) { counts.workers++; super(...a); } };",
  "const watched = { globalThis, 'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype,",
  "  'Function.prototype': Function.prototype, 'Float32Array.prototype': Float32Array.prototype, 'Promise.prototype': Promise.prototype };",
  "const keys = () => Object.entries(watched).flatMap(([n, o]) => Reflect.ownKeys(o).map((k) => `${n}.${String(k)}`));",
  "const before = new Set(keys());",
  `const R = await import(${index});`,
  "const added = keys().filter((k) => !before.has(k));",
  "const atImport = { ...counts };",
  "const methods = typeof R.Tensor.prototype.add === 'function';",
  "const y = R.tensor([0.5, -2], { dtype: 'float32' }).tanh();",
  "const afterOp = { ...counts, backend: R.backend().name, y: Array.from(y.data) };",
  "R.wasmFeature(); // compiles the build if the first op did not (RNNKIT_BACKEND=js)",
  "const afterFeature = { ...counts };",
  "R.setNumThreads(2);",
  "const threads = await R.threadsReady();",
  "console.log(JSON.stringify({ added, atImport, methods, afterOp, afterFeature, threads, workers: counts.workers }));",
].join("\n");

test("import 'rnnkit' compiles no WebAssembly, starts no worker and adds no global until the first op", () => {
  const r = runModule(script, { timeoutMs: 60_000 });
  assert.equal(r.status, 0, `child failed:\n${r.stdout}\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim()) as {
    added: string[]; atImport: { wasm: number; workers: number }; methods: boolean; afterFeature: { wasm: number };
    afterOp: { wasm: number; workers: number; backend: string; y: number[] }; threads: number; workers: number;
  };
  assert.deepEqual(out.added, [], "no global or built-in prototype changes at import");
  assert.deepEqual(out.atImport, { wasm: 0, workers: 0 }, "nothing compiled or started at import");
  assert.ok(out.methods, "the one side effect: Tensor's methods are installed");
  assert.deepEqual(out.afterOp.y, Array.from(Float32Array.from([0.5, -2], Math.tanh)));
  assert.equal(out.afterOp.backend, process.env["RNNKIT_BACKEND"] || "wasm");
  if (out.afterOp.backend === "wasm") assert.ok(out.afterOp.wasm >= 2, "the first op compiled and instantiated the build");
  else assert.equal(out.afterOp.wasm, 0, "on the JS reference the first op compiles nothing");
  assert.equal(out.afterOp.workers, 0, "a small op starts no worker");
  assert.ok(out.afterFeature.wasm >= 2, "the WebAssembly counter counts (the build is compiled by now)");
  if (out.threads === 2) assert.ok(out.workers >= 1, "the worker counter counts (threadsReady started one)");
  else assert.equal(out.afterOp.backend, "js", "threads are 1 only off the wasm backend");
});
