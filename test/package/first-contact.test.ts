// What a new contributor meets first (issue 9, item 12): `npm test`'s reporter ends with the
// test runner's counts and names each skipped test with its reason; npm is not told keys it
// does not know; the licence file matches package.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { license: string; scripts: Record<string, string> };

test("the npm test reporter prints failures, skips with reasons, and ends with node's counts", () => {
  for (const script of ["test:wasm", "test:js"]) {
    assert.match(pkg.scripts[script]!, /--test-reporter=\.\/scripts\/test-reporter\.mjs/, `${script} uses the summary reporter`);
  }
  // A tiny suite: one pass, one failure, one skip with a reason (written here, so the suite never runs it).
  const dir = mkdtempSync(join(root, "build", "reporter-"));
  const fixture = join(dir, "sample.fixture.mjs");
  writeFileSync(fixture, [
    'import { test } from "node:test";',
    'import assert from "node:assert/strict";',
    'test("adds", () => assert.equal(1 + 1, 2));',
    'test("fails on purpose", () => assert.equal(1 + 1, 3));',
    'test("needs a tool", { skip: "the tool is not installed" }, () => undefined);',
  ].join("\n"));
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // else the child reports to this runner instead of printing
  const r = spawnSync(process.execPath, ["--test", "--test-reporter=./scripts/test-reporter.mjs", fixture], { cwd: root, encoding: "utf8", env });
  rmSync(dir, { recursive: true, force: true });
  const out = r.stdout;
  assert.equal(r.status, 1, "a failing test fails the run");
  assert.match(out, /^\.X\.\n/, "a dot per pass, an X per failure");
  assert.match(out, /✖ fails on purpose \(.*sample\.fixture\.mjs:\d+\)\n {2}AssertionError/);
  assert.match(out, /﹣ skipped: needs a tool \(.*sample\.fixture\.mjs\) — the tool is not installed\n/);
  const tail = out.trimEnd().split("\n").slice(-8);
  assert.deepEqual(tail.slice(0, 7), ["ℹ tests 3", "ℹ suites 0", "ℹ pass 1", "ℹ fail 1", "ℹ cancelled 0", "ℹ skipped 1", "ℹ todo 0"]);
  assert.match(tail[7]!, /^ℹ duration_ms \d/);
});

test("no project .npmrc key npm does not know; a LICENSE that matches package.json", () => {
  if (existsSync(join(root, ".npmrc"))) {
    assert.doesNotMatch(readFileSync(join(root, ".npmrc"), "utf8"), /onnxruntime-node-install/, "npm 11 warns about unknown project keys");
  }
  assert.equal(pkg.license, "MIT");
  const license = readFileSync(join(root, "LICENSE"), "utf8");
  assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} rnnkit contributors\n/);
  assert.match(license, /THE SOFTWARE IS PROVIDED "AS IS"/);
});
