// A bundled page in a real browser: Debian's Chromium, headless, driven by playwright-core
// (never a browser a tool downloads), loading the page's files from a local server that makes it
// cross-origin isolated or not. CI installs chromium; elsewhere the tests are skipped when
// /usr/bin/chromium is missing, unless RNNKIT_REQUIRE_BROWSER=1.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const required = process.env.RNNKIT_REQUIRE_BROWSER === "1";
/** The `skip` option of a browser test. */
export const skip = !existsSync(CHROMIUM) && !required ? "chromium is not installed (CI installs it)" : false;

/** What the page left on window.__rnnkit, and the paths of the workers it had running then. */
export interface PageRun {
  readonly result: unknown;
  readonly workers: string[];
}

const TYPES: Readonly<Record<string, string>> = { js: "text/javascript", html: "text/html", wasm: "application/wasm" };

/**
 * Serves `files` (URL path → content; "/" is "/index.html") and opens the page in Chromium until
 * it sets window.__rnnkit. `isolated` sends the headers that make a page cross-origin isolated
 * (COOP same-origin, COEP require-corp), which it needs for SharedArrayBuffer, so for threads.
 */
export async function runPage(files: ReadonlyMap<string, string | Uint8Array>, isolated: boolean): Promise<PageRun> {
  const server = createServer((req, res) => {
    if (isolated) {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    const path = req.url === "/" ? "/index.html" : req.url ?? "";
    const body = files.get(path);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": TYPES[path.split(".").pop()!] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
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
    const result = await page.evaluate(() => (globalThis as { __rnnkit?: unknown }).__rnnkit);
    return { result, workers: page.workers().map((w) => new URL(w.url()).pathname) };
  } finally {
    await browser.close();
    server.close();
  }
}
