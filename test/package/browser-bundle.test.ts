// The library bundles for a browser: no Node built-ins anywhere in its import graph, the
// tensor methods survive tree-shaking, and the bundle runs in a bare JavaScript context.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runInNewContext } from "node:vm";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Bundles `lines` (an entry module importing "rnnkit…") for the browser; fails on any warning but one (below). */
async function bundle(lines: string[]): Promise<string> {
  const result = await build({
    stdin: { contents: lines.join("\n"), resolveDir: root },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "silent",
  });
  // An IIFE has no import.meta, so the worker pool cannot locate its worker there (threads stay
  // off and numThreads() says 1): that warning is allowed, and only from threads/spawn.
  const unexpected = result.warnings.filter((w) => !(w.id === "empty-import-meta" && /threads\/spawn\.[jt]s$/.test(w.location?.file ?? "")));
  assert.deepEqual(unexpected.map((w) => w.text), []);
  return result.outputFiles[0]!.text;
}

/** Runs bundled code in a bare context (no Node globals) and returns what it set as `globalThis.result`. */
function run(code: string): unknown {
  const sandbox: Record<string, unknown> = { console, WebAssembly, TextDecoder, TextEncoder, Math, Date, atob, btoa };
  sandbox.globalThis = sandbox;
  runInNewContext(code, sandbox);
  return sandbox.result;
}

test("bundles for the browser and runs without Node globals", async () => {
  const code = await bundle([
    'import { manualSeed, rand, nn } from "rnnkit";',
    "manualSeed(0);",
    "const x = rand([3]);",
    "globalThis.result = { values: x.tolist(), doubled: x.mul(2).sub(x).tolist(), layer: String(new nn.LSTM(2, 3)) };",
  ]);
  const r = run(code) as { values: number[]; doubled: number[]; layer: string };
  // torch.manual_seed(0); torch.rand(3) → [0.4963, 0.7682, 0.0885]
  assert.deepEqual(Array.from(r.values, (v) => v.toFixed(4)), ["0.4963", "0.7682", "0.0885"]);
  assert.deepEqual(Array.from(r.doubled), Array.from(r.values), "tensor methods survived tree-shaking");
  assert.equal(r.layer, "LSTM(2, 3)");
});

test("rnnkit/onnx bundles for the browser without the Node file variants, and exports and loads a model there", async () => {
  const code = await bundle([
    'import { manualSeed, randn, nn } from "rnnkit";',
    'import * as onnx from "rnnkit/onnx";',
    "manualSeed(0);",
    "const bytes = onnx.exportOnnx(new nn.GRU(2, 3), [randn([4, 1, 2])]);",
    "const y = onnx.loadOnnx(bytes).forward(randn([4, 1, 2]));",
    "globalThis.result = { size: bytes.length, file: 'exportOnnxFile' in onnx || 'loadOnnxFile' in onnx, shape: y[0].shape };",
  ]);
  const r = run(code) as { size: number; file: boolean; shape: number[] };
  assert.ok(r.size > 100, `exported ${r.size} bytes`);
  assert.equal(r.file, false, "the file variants (node:fs) stay out of the browser build");
  assert.deepEqual(Array.from(r.shape), [4, 1, 3], "the exported GRU loads and runs in the bundle");
});

test("rnnkit/io bundles for the browser without Node built-ins and round-trips a safetensors file", async () => {
  const code = await bundle([
    'import { tensor } from "rnnkit";',
    'import { saveSafetensors, loadSafetensors, encodeCheckpoint, decodeCheckpoint } from "rnnkit/io";',
    "const bytes = saveSafetensors({ w: tensor([1.5, -2]) }, { metadata: { a: 'b' } });",
    "const ck = decodeCheckpoint(encodeCheckpoint({ model: { w: tensor([3]) }, step: 7 }));",
    "globalThis.result = { w: loadSafetensors(bytes.buffer).w.tolist(), step: ck.step };",
  ]);
  assert.doesNotMatch(code, /node:fs|writeFileAtomic/, "the Node-only file functions stay out of the browser bundle");
  assert.deepEqual(JSON.parse(JSON.stringify(run(code))), { w: [1.5, -2], step: 7 });
});
