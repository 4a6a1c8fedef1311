// One kernel boundary (issue #12): the ops, the autograd engine and nn reach tensor data only
// through kernels() (src/backend/dispatch.ts), never by looping over it themselves, so that a
// backend can take every loop over. Reads the TypeScript sources.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Files that loop over plain arrays of their own, not over a tensor's storage, each with why:
 * gradcheck perturbs one float64 element at a time (a test helper, not an op); householder is
 * the QR of orthogonal_ on its own Float64Array; class-targets and check-packed validate targets
 * and batch sizes one by one, each with its own error message.
 */
const OWN_LOOPS = new Set(["autograd/gradcheck.ts", "nn/householder.ts", "nn/loss/class-targets.ts", "nn/rnn/check-packed.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The index just past the bracket that closes the one opening at `open`. */
function closing(src: string, open: number): number {
  const pair: Record<string, string> = { "(": ")", "{": "}" };
  const o = src[open]!, c = pair[o]!;
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === o) depth++;
    else if (src[i] === c && --depth === 0) return i + 1;
  }
  return src.length;
}

/** Each for/while loop of `src`, header and body: a braced block, or one statement. */
export function loops(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/\b(for|while)\s*\(/g)) {
    const headEnd = closing(src, m.index + m[0].length - 1);
    let i = headEnd;
    while (/\s/.test(src[i] ?? "")) i++;
    const end = src[i] === "{" ? closing(src, i) : src.indexOf(";", i) + 1 || src.length;
    out.push(src.slice(m.index, end));
  }
  return out;
}

/** Names that hold a tensor's storage: `const d = t.data` (also `, y = b.data`) and the
 * callback parameter of inPlace(op, t, (d) => …). */
export function storageNames(src: string): string[] {
  return [
    ...[...src.matchAll(/\b(\w+)\s*=\s*[\w!.?]+\.data\b(?!\.(?:length|constructor))/g)].map((m) => m[1]!),
    ...[...src.matchAll(/inPlace\([^,]+,[^,]+,\s*\(?(\w+)\)?\s*=>/g)].map((m) => m[1]!),
  ];
}

/** The loops of `src` that read or write a tensor's storage element by element. */
export function dataLoops(src: string): string[] {
  const names = storageNames(src);
  const touches = new RegExp(`\\.data(?:\\[|\\.set\\(|\\.subarray\\()${names.length > 0 ? `|\\b(?:${names.join("|")})\\[` : ""}`);
  return loops(src).filter((l) => touches.test(l));
}

test("no op, autograd or nn file loops over tensor data itself: the loops are kernels behind the dispatcher", () => {
  const bad: string[] = [];
  for (const part of ["autograd", "nn"]) {
    for (const f of sources(join(root, "src", part))) {
      const rel = relative(join(root, "src"), f);
      if (OWN_LOOPS.has(rel)) continue;
      for (const l of dataLoops(readFileSync(f, "utf8"))) bad.push(`${rel}: ${l.split("\n")[0]}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("the loop scan finds the loops it is meant to find", () => {
  assert.equal(dataLoops("for (let o = 0; o < n; o++) out.data.set(t.data.subarray(o, o + 1), o);").length, 1);
  assert.equal(dataLoops("const d = t.grad.data, e = g.data;\nfor (let i = 0; i < d.length; i++) d[i] += e[i]!;").length, 1);
  assert.equal(dataLoops("inPlace(op, t, (d) => {\n  for (let i = 0; i < d.length; i++) { d[i] = 0; }\n});").length, 1);
  assert.equal(dataLoops("for (const t of xs) {\n  kern.copyBlocks(t.data, 1, 1, 1, out.data, 0, 1);\n}").length, 0, "handing .data to a kernel is fine");
  assert.equal(dataLoops("for (let k = 0; k < x.ndim; k++) if (x.shape[k] !== 1) dims.push(k);").length, 0, "loops over shapes are fine");
});
