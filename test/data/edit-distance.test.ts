// Edit distance against a brute-force reference (the recursive definition, unmemoised) on
// every pair of short sequences, and error rates on hand-computed cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { editDistance, errorRate, wordErrorRate } from "../../src/data/index.js";

/** Levenshtein by its definition: try the three edits at the end, recursively. */
function bruteForce(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const x = a.slice(0, -1);
  const y = b.slice(0, -1);
  return Math.min(bruteForce(x, b) + 1, bruteForce(a, y) + 1, bruteForce(x, y) + (a.at(-1) === b.at(-1) ? 0 : 1));
}

/** Every sequence over {a, b, c} of length 0…n. */
function allSequences(n: number): string[][] {
  const out: string[][] = [[]];
  for (let len = 1; len <= n; len++) {
    for (let k = 0; k < 3 ** len; k++) out.push(Array.from({ length: len }, (_, i) => "abc"[Math.floor(k / 3 ** i) % 3]!));
  }
  return out;
}

test("editDistance equals the brute-force recursion on every pair of sequences over 3 letters up to length 4", () => {
  const seqs = allSequences(4); // 121 sequences, 14,641 pairs
  for (const a of seqs) for (const b of seqs) assert.equal(editDistance(a, b), bruteForce(a, b), `${a.join("")} → ${b.join("")}`);
});

test("editDistance on known pairs; strings compare by code point", () => {
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("flaw", "lawn"), 2);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("😀a", "a"), 1); // one code point deleted, not two UTF-16 units
  assert.equal(editDistance(["HH", "AH0", "L", "OW1"], ["HH", "EH0", "L", "OW1"]), 1);
});

test("errorRate sums edits over reference lengths; wordErrorRate splits on whitespace", () => {
  // Phonemes: 1 substitution in 4 + 1 deletion in 3 → 2/7.
  assert.equal(errorRate([["K", "AE", "T"], ["HH", "AH", "L", "OW"]], [["K", "AE"], ["HH", "EH", "L", "OW"]]), 2 / 7);
  // "the cat sat on the mat" → "the cat sit on mat": sat→sit, delete "the": 2 / 6.
  assert.equal(wordErrorRate(["the cat sat on the mat"], ["the  cat sit on mat"]), 2 / 6);
  assert.throws(() => errorRate([["a"]], []), /references and hypotheses must pair up \(got 1 and 0\)/);
});
