// The G2P example (examples/g2p): its smoke run computes every metric and its loss falls; the
// metric, the split, the aligner and the baseline are checked on cases worked out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDictionary, splitByWord, withoutStress } from "../../examples/g2p/data.js";
import { scoreG2P } from "../../examples/g2p/metrics.js";
import { Aligner, chunks } from "../../examples/g2p/align.js";
import { LetterWindowBaseline } from "../../examples/g2p/baseline.js";
import { metricOf, runSmoke } from "./run-example.js";

const p = (s: string) => s.split(" ");

test("PER: edit distance to the closest pronunciation over that pronunciation's length, summed over words", () => {
  // K AE T against K AA T S: one substitution, one deletion → 2 edits over 4 phonemes.
  assert.deepEqual(scoreG2P([p("K AE T")], [[p("K AA T S")]]), { wer: 1, per: 0.5, words: 1 });
  // The closest of two pronunciations counts: A B is 3 edits from A B C D E but 1 from A X.
  assert.deepEqual(scoreG2P([p("A B")], [[p("A B C D E"), p("A X")]]), { wer: 1, per: 0.5, words: 1 });
  // Two words: 2 edits + 0 edits over 4 + 3 phonemes.
  const s = scoreG2P([p("K AE T"), p("D AO G")], [[p("K AA T S")], [p("D AO G")]]);
  assert.equal(s.wer, 0.5);
  assert.equal(s.per, 2 / 7);
});

test("a word with two pronunciations is right on either", () => {
  const refs = [[p("R IY1 D"), p("R EH1 D")]];
  assert.equal(scoreG2P([p("R IY1 D")], refs).wer, 0);
  assert.equal(scoreG2P([p("R EH1 D")], refs).wer, 0);
  assert.equal(scoreG2P([p("R EH1 D")], refs).per, 0);
  assert.equal(scoreG2P([p("R EY1 D")], refs).wer, 1);
});

test("loadDictionary merges word(2) into its word, drops comments, keeps only words spelled a–z", () => {
  const entries = loadDictionary({ "read": "R IY1 D", "read(2)": "R EH1 D", "a.m.": "EY2 EH1 M", "'bout": "B AW1 T", "aalto": "AA1 L T OW2 # name, finnish", "abc": "EY1 B IY1 S IY1" });
  assert.deepEqual(entries, [
    { word: "aalto", pronunciations: [p("AA1 L T OW2")] },
    { word: "abc", pronunciations: [p("EY1 B IY1 S IY1")] },
    { word: "read", pronunciations: [p("R IY1 D"), p("R EH1 D")] },
  ]);
  // Pronunciations that differ only in stress become one.
  assert.deepEqual(withoutStress({ word: "x", pronunciations: [p("AH0 B"), p("AH1 B")] }).pronunciations, [p("AH B")]);
});

test("the split is by word: every word on one side with all its pronunciations, the same for the same seed", () => {
  const all = loadDictionary();
  const { train, test: held } = splitByWord(all, 0.05, 0);
  assert.equal(held.length, Math.floor(all.length * 0.05));
  assert.equal(train.length + held.length, all.length);
  const heldWords = new Set(held.map((e) => e.word));
  assert.equal(heldWords.size, held.length);
  assert.ok(train.every((e) => !heldWords.has(e.word)), "a held-out word is also in training");
  const read = [...train, ...held].find((e) => e.word === "read")!;
  assert.deepEqual(read.pronunciations.map((x) => x.join(" ")), ["R EH1 D", "R IY1 D"]);
  assert.deepEqual(splitByWord(all, 0.05, 0).test.map((e) => e.word), held.map((e) => e.word));
  assert.notDeepEqual(splitByWord(all, 0.05, 1).test.map((e) => e.word), held.map((e) => e.word));
});

test("the EM aligner finds x → K S and silent letters in real words", () => {
  const entries = loadDictionary().slice(0, 8000).map(withoutStress);
  const aligner = new Aligner(entries.flatMap((e) => e.pronunciations.map((q) => [e.word, q] as const)));
  const cut = (word: string, phonemes: string) => chunks(p(phonemes), aligner.align(word, p(phonemes))!);
  assert.deepEqual(cut("box", "B AA K S"), ["B", "AA", "K S"]);
  assert.deepEqual(cut("knight", "N AY T"), ["", "N", "AY", "", "", "T"]);
  assert.deepEqual(cut("bake", "B EY K"), ["B", "EY", "K", ""]);
  assert.equal(aligner.align("a", p("A B C")), null, "three phonemes for one letter cannot be aligned");
});

test("the letter-window baseline uses the widest window seen and backs off to narrower ones", () => {
  const base = new LetterWindowBaseline([
    ["cat", ["K", "AE", "T"]],
    ["city", ["S", "IH", "T", "IY"]],
    ["cite", ["S", "AY", "T", ""]],
  ], 1);
  // c before i is S ("<ci" seen); i in "cit" was IH once and AY once: the tie goes to AY, which
  // sorts first; "it>" was never seen, so t alone: T.
  assert.deepEqual(base.predict("cit"), ["S", "AY", "T"]);
  // "<ca" and "cat" were seen, "ate" was not (t alone: T), "te>" was (silent).
  assert.deepEqual(base.predict("cate"), ["K", "AE", "T"]);
  // "<co" unseen, so c alone: S twice, K once → S; o was never seen at all and emits nothing.
  assert.deepEqual(base.predict("cot"), ["S", "T"]);
  // A training word gets its own chunks back (its ±1 windows were all seen).
  assert.deepEqual(base.predict("cat"), ["K", "AE", "T"]);
});

test("the smoke run trains (the loss falls), saves a checkpoint that reloads, scores model and baseline on the held-out words, prints samples", () => {
  const run = runSmoke("g2p");
  const training = run.record["training"] as { lossFirst: number; lossLast: number; steps: number };
  assert.ok(training.steps > 10, `only ${training.steps} steps`);
  assert.ok(training.lossLast < training.lossFirst - 0.3, `loss ${training.lossFirst} → ${training.lossLast}`);
  const data = run.record["data"] as { words: number; test: number; train: number; validation: number };
  assert.equal(data.test, Math.floor(data.words * 0.05));
  assert.equal(data.train + data.validation + data.test, data.words);
  for (const method of ["letter window ±4 (baseline)", "LSTM + attention, greedy", "LSTM + attention, beam 3"]) {
    for (const m of ["WER", "WER (stress)"]) {
      const v = metricOf(run, method, m);
      assert.ok(v >= 0 && v <= 1, `${method} ${m} = ${v}`);
    }
    for (const m of ["PER", "PER (stress)"]) {
      const v = metricOf(run, method, m);
      assert.ok(v >= 0 && v <= 3, `${method} ${m} = ${v}`);
    }
    assert.ok(metricOf(run, method, "WER") <= metricOf(run, method, "WER (stress)"), `${method}: removing stress cannot add errors`);
  }
  // The checkpoint it saved, loaded into a new model, decodes the held-out words the same way.
  assert.equal((run.record["model"] as { reloadedDiffers: number }).reloadedDiffers, 0);
  // Even on 1,425 training words the baseline gets some held-out words right.
  assert.ok(metricOf(run, "letter window ±4 (baseline)", "WER") < 0.95);
  const samples = run.stdout.slice(run.stdout.indexOf("samples")).split("\n").filter((l) => /^ +[a-z]+ +truth /.test(l));
  assert.equal(samples.length, 10);
});
