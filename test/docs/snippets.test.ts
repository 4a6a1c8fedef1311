// Every ```js block of the README and docs/ runs, and prints what its `// →` comments say.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const files = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

for (const file of files) {
  const text = readFileSync(join(root, file), "utf8");
  const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  blocks.forEach((code, i) => {
    test(`${file}: snippet ${i + 1} runs and prints what it says`, () => {
      // Expected output: each `// → …` comment, in order (a comment alone on a line continues the
      // previous console.log's expectation).
      const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]!.trim());
      // The snippet imports "rnnkit": run it from a folder inside the package, so the
      // package's own exports map resolves it (self-reference).
      const dir = mkdtempSync(join(root, "build", "snippet-"));
      try {
        writeFileSync(join(dir, "snippet.mjs"), code);
        const out = execFileSync(process.execPath, [join(dir, "snippet.mjs")], { encoding: "utf8" });
        const printed = out.trim().split("\n").map((l) => l.trim()).filter((l) => l !== "");
        assert.deepEqual(printed, expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
