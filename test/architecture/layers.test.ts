// Imports flow one way (STYLE.md §1): a lower layer never imports a higher one, and examples
// use only the public API. Reads the TypeScript sources, so it fails on the commit that breaks it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Rank of each top-level part of src/: imports may only point to an equal or lower rank. */
const RANK: Record<string, number> = {
  "errors.ts": 0,
  "options.ts": 0,
  backend: 1,
  random: 1,
  tensor: 2,
  autograd: 3,
  nn: 4,
  optim: 5,
  data: 5,
  io: 6,
  "index.ts": 7,
};

/** Source files under dir: TypeScript and JavaScript modules (.ts .mts .js .mjs .cjs), not node_modules. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === "node_modules") return [];
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|js|mjs|cjs)$/.test(p) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"/g), ...src.matchAll(/import\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!);
}

const partOf = (file: string) => relative(join(root, "src"), file.replace(/\.js$/, ".ts")).split("/")[0]!;

test("src/: no layer imports a higher one", () => {
  const bad: string[] = [];
  for (const f of files(join(root, "src"))) {
    const from = partOf(f);
    for (const spec of imports(f)) {
      if (!spec.startsWith(".")) continue;
      const target = resolve(dirname(f), spec);
      const to = partOf(target);
      if (RANK[from] === undefined || RANK[to] === undefined) {
        bad.push(`${relative(root, f)}: part '${RANK[from] === undefined ? from : to}' has no rank in this test`);
      } else if (RANK[to]! > RANK[from]!) {
        bad.push(`${relative(root, f)} (${from}) imports ${spec} (${to})`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test("src/backend and src/random know nothing of tensors or modules", () => {
  for (const part of ["backend", "random"]) {
    for (const f of files(join(root, "src", part))) {
      for (const spec of imports(f)) {
        if (!spec.startsWith(".")) continue;
        const to = partOf(resolve(dirname(f), spec));
        assert.ok(to === part || to === "errors.ts" || (part === "backend" && to === "backend"), `${relative(root, f)} imports ${spec}`);
      }
    }
  }
});

/** The public entry points (package.json's exports map): the root and its subpaths. */
const PUBLIC_ENTRIES = ["/src/index.js", "/src/data/index.js", "/src/io/onnx/index.js", "/src/io/onnx/node.js", "/src/io/index.js", "/src/io/node/index.js"];

test("only src/io/onnx loads protobuf code (the core has no runtime dependency)", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
  const packages = new Set([...Object.keys(pkg["dependencies"] ?? {}), ...Object.keys(pkg["devDependencies"] ?? {})]);
  for (const f of files(join(root, "src"))) {
    for (const spec of imports(f)) {
      if (!packages.has(spec.split("/")[0]!)) continue;
      assert.ok(relative(join(root, "src"), f).startsWith("io/onnx/"), `${relative(root, f)} imports package ${spec}`);
    }
  }
});

/**
 * bench/kernels/ measures the kernels themselves (STYLE.md §8: a benchmark beside each kernel),
 * so it may import the backend layer's internals — and nothing else that is internal.
 */
const KERNEL_BENCH = "bench/kernels/";

test("examples, bench and cli use only the public API (.ts and .js/.mjs alike)", () => {
  const bad: string[] = [];
  for (const dir of ["examples", "bench", "cli", "playground"]) {
    for (const f of files(join(root, dir))) {
      const rel = relative(root, f);
      for (const spec of imports(f)) {
        if (!spec.includes("/src/") || PUBLIC_ENTRIES.some((e) => spec.endsWith(e))) continue;
        if (rel.startsWith(KERNEL_BENCH) && spec.includes("/src/backend/")) continue;
        bad.push(`${rel} imports internal ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test("the file scan sees JavaScript modules too (bench/kernels/*.mjs)", () => {
  const mjs = files(join(root, "bench")).filter((f) => f.endsWith(".mjs"));
  assert.ok(mjs.some((f) => relative(root, f).startsWith(KERNEL_BENCH)), "bench/kernels/*.mjs are scanned");
  assert.ok(mjs.some((f) => imports(f).some((spec) => spec.includes("/src/backend/"))), "and their imports are read");
});
