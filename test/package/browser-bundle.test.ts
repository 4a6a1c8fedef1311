// The library bundles for a browser: no Node built-ins anywhere in its import graph, the
// tensor methods survive tree-shaking, and the bundle runs in a bare JavaScript context.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runInNewContext } from "node:vm";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

test("bundles for the browser and runs without Node globals", async () => {
  const result = await build({
    stdin: {
      contents: [
        'import { manualSeed, rand, nn } from "rnnkit";',
        "manualSeed(0);",
        "const x = rand([3]);",
        "globalThis.result = { values: x.tolist(), doubled: x.mul(2).sub(x).tolist(), layer: String(new nn.LSTM(2, 3)) };",
      ].join("\n"),
      resolveDir: root,
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "silent",
  });
  // An IIFE has no import.meta, so the worker pool cannot locate its worker there (threads stay
  // off and numThreads() says 1); that is the only warning allowed, and only from spawn.ts.
  const warnings = result.warnings.filter((w) => !(w.id === "empty-import-meta" && /threads\/spawn\.[jt]s$/.test(w.location?.file ?? "")));
  assert.deepEqual(warnings.map((w) => w.text), []);
  const code = result.outputFiles[0]!.text;
  const sandbox: Record<string, unknown> = { console, WebAssembly, TextDecoder, TextEncoder, Math, Date, atob, btoa };
  sandbox.globalThis = sandbox;
  runInNewContext(code, sandbox);
  const r = sandbox.result as { values: number[]; doubled: number[]; layer: string };
  // torch.manual_seed(0); torch.rand(3) → [0.4963, 0.7682, 0.0885]
  assert.deepEqual(Array.from(r.values, (v) => v.toFixed(4)), ["0.4963", "0.7682", "0.0885"]);
  assert.deepEqual(Array.from(r.doubled), Array.from(r.values), "tensor methods survived tree-shaking");
  assert.equal(r.layer, "LSTM(2, 3)");
});
