// The library in a real browser: Debian's Chromium, headless, driven by playwright-core. The
// bundle must pick the WebAssembly backend (relaxed SIMD, which Chromium validates), agree with
// the JS reference, and give PyTorch's published numbers. CI installs chromium; elsewhere the
// test is skipped when /usr/bin/chromium is missing, unless RNNKIT_REQUIRE_BROWSER=1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CHROMIUM = "/usr/bin/chromium";
const required = process.env.RNNKIT_REQUIRE_BROWSER === "1";
const skip = !existsSync(CHROMIUM) && !required ? "chromium is not installed (CI installs it)" : false;

test("in Chromium: wasm backend by default, equal to the JS reference, PyTorch's numbers", { skip, timeout: 120_000 }, async () => {
  const bundle = await build({
    entryPoints: [resolve(root, "test/browser/page.ts")],
    bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent",
  });
  assert.deepEqual(bundle.warnings.map((w) => w.text), [], "bundling warnings (a dropped side-effect import breaks the library)");
  const js = bundle.outputFiles[0]!.text;
  const html = '<!doctype html><meta charset="utf-8"><title>rnnkit</title><script type="module" src="/page.js"></script>';
  // Cross-origin isolation headers, as a page must send to get SharedArrayBuffer (threads).
  const server = createServer((req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    if (req.url === "/page.js") res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    else res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    // Fail at once on an uncaught error in the page rather than wait for a result that never comes.
    const failed = new Promise<never>((_, reject) => page.on("pageerror", (e) => reject(new Error(`error in the page: ${String(e)}`))));
    failed.catch(() => {});
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await Promise.race([
      page.waitForFunction(() => (globalThis as { __rnnkit?: unknown }).__rnnkit !== undefined, null, { timeout: 60_000 }),
      failed,
    ]);
    const r = await page.evaluate(() => (globalThis as { __rnnkit?: unknown }).__rnnkit) as {
      defaultBackend: string; level: string; crossOriginIsolated: boolean; forwardMaxDiff: number; gradMaxDiff: number; hello: string[];
    };
    assert.equal(r.defaultBackend, "wasm");
    assert.equal(r.level, "relaxed", "Chromium validates relaxed SIMD");
    assert.equal(r.crossOriginIsolated, true);
    assert.ok(r.forwardMaxDiff < 1e-5, `wasm vs js forward differ by ${r.forwardMaxDiff}`);
    assert.ok(r.gradMaxDiff < 1e-5, `wasm vs js gradient differ by ${r.gradMaxDiff}`);
    assert.deepEqual(r.hello, ["-0.7497", "-0.6135", "-0.5282", "-0.2473"]);
  } finally {
    await browser.close();
    server.close();
  }
});
