// The files `npm publish` would ship: every source map among them names sources that ship too
// (a bundler's dev server warns for each map whose sources are missing), and the package's
// entry points are there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Paths (relative to the package root) that `npm pack` would put in the tarball. */
function packedFiles(): Set<string> {
  // --ignore-scripts: the `prepare` build must not run (it would rebuild build/ under the suite).
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
  const [entry] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(entry!.files.map((f) => f.path));
}

test("every published source map points at published sources", () => {
  const files = packedFiles();
  const maps = [...files].filter((p) => p.endsWith(".js.map"));
  assert.ok(maps.length > 100, `source maps found: ${maps.length}`);
  const missing: string[] = [];
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(join(root, map), "utf8")) as { sources: string[] };
    for (const s of sources) {
      const path = normalize(join(dirname(map), s));
      if (!files.has(path)) missing.push(`${map} → ${path}`);
    }
  }
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} sources missing`);
});

test("the exports map's targets and the bin are published", () => {
  const files = packedFiles();
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: unknown; bin: Record<string, string> };
  const targets: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") targets.push(v);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(pkg.exports);
  for (const t of [...targets, ...Object.values(pkg.bin)]) assert.ok(files.has(normalize(t)), `${t} is published`);
});
