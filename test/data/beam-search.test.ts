// Beam search against exhaustive search on a small decoder, and against greedy decoding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { beamSearch, type DecoderStep } from "../../src/data/index.js";

// A decoder over tokens 0 (end), 1, 2, 3 whose next-token distribution depends on the previous
// token and the step: log-probabilities from a fixed table, normalised per row.
const V = 4;
function table(prev: number, t: number): number[] {
  const raw = Array.from({ length: V }, (_, v) => Math.sin(prev * 7.1 + v * 3.3 + t * 1.7) * 2);
  const lse = Math.log(raw.reduce((a, x) => a + Math.exp(x), 0));
  return raw.map((x) => x - lse);
}
const step: DecoderStep<number> = (token, t) => [table(token, t), t + 1];
const BEGIN = 9;

/** Every output up to maxLength tokens (ended by 0, or cut at maxLength), with its log-probability. */
function exhaustive(maxLength: number): { tokens: number[]; logProb: number; finished: boolean }[] {
  const out: { tokens: number[]; logProb: number; finished: boolean }[] = [];
  const walk = (tokens: number[], lp: number) => {
    const t = tokens.length;
    if (t === maxLength) return out.push({ tokens, logProb: lp, finished: false });
    const row = table(tokens.at(-1) ?? BEGIN, t);
    out.push({ tokens, logProb: lp + row[0]!, finished: true });
    for (let v = 1; v < V; v++) walk([...tokens, v], lp + row[v]!);
    return undefined;
  };
  walk([], 0);
  return out.sort((a, b) => b.logProb - a.logProb);
}

test("a beam wide enough to keep everything finds the exhaustive search's best outputs", () => {
  const all = exhaustive(4);
  const beams = beamSearch(step, 0, { beamWidth: 4 ** 4, maxLength: 4, begin: BEGIN, end: 0 });
  // The best output by log-probability is found, and the top five agree with the exhaustive ranking.
  assert.deepEqual(beams.slice(0, 5).map((h) => h.tokens), all.slice(0, 5).map((h) => h.tokens));
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(beams[i]!.logProb - all[i]!.logProb) < 1e-12);
});

test("beamWidth 1 is greedy decoding; a wider beam is never worse", () => {
  const greedy: number[] = [];
  let lp = 0;
  for (let t = 0; t < 6; t++) {
    const row = table(greedy.at(-1) ?? BEGIN, t);
    const best = row.indexOf(Math.max(...row));
    lp += row[best]!;
    if (best === 0) break;
    greedy.push(best);
  }
  const [one] = beamSearch(step, 0, { beamWidth: 1, maxLength: 6, begin: BEGIN, end: 0 });
  assert.deepEqual(one!.tokens, greedy);
  assert.ok(Math.abs(one!.logProb - lp) < 1e-12);
  const [wide] = beamSearch(step, 0, { beamWidth: 3, maxLength: 6, begin: BEGIN, end: 0 });
  assert.ok(wide!.logProb >= one!.logProb);
});

test("bad options are ConfigErrors", () => {
  assert.throws(() => beamSearch(step, 0, { beamWidth: 0, maxLength: 3, begin: BEGIN, end: 0 }), /beamWidth must be a positive integer \(got 0\)/);
});
