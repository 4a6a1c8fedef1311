// Usage pattern 2, many-to-many sequence-to-sequence: grapheme-to-phoneme conversion on the
// CMU pronouncing dictionary with an attentional LSTM encoder–decoder, greedy and beam search,
// beside a letter-window baseline on the same held-out 5% of words.
//
//   npm run example:g2p                       # the full run (30 minutes of training)
//   npm run example:g2p -- --smoke            # seconds: a tiny subset, a tiny model
//   npm run example:g2p -- --evaluate DIR/g2p.safetensors   # score a saved model, no training
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Generator, manualSeed, randperm } from "../../src/index.js";
import { exampleArgs } from "../common/args.js";
import { Budget } from "../common/budget.js";
import { heatMap, lineChart } from "../common/plot.js";
import { printTable, writeResults, type ResultRow } from "../common/report.js";
import { buildVocabularies, type Vocabularies } from "./batches.js";
import { fitBaselines } from "./baseline.js";
import { loadDictionary, splitByWord, stripStress, withoutStress } from "./data.js";
import { beamDecode, greedyDecode } from "./decode.js";
import { scoreG2P } from "./metrics.js";
import { G2PModel } from "./model.js";
import { loadG2P, saveG2P } from "./checkpoint.js";
import { trainModel, type TrainResult } from "./train.js";

const USAGE = `Grapheme-to-phoneme on the CMU pronouncing dictionary: a bidirectional LSTM encoder, an
LSTM decoder with attention, greedy and beam-search decoding; WER and PER on a held-out 5% of
words (stress removed, and with stress) beside a letter-window baseline on the same split.
  --evaluate FILE   score the model saved in FILE (a g2p.safetensors of an earlier run), no training`;

/** `--evaluate FILE` is this example's own flag; the rest go to exampleArgs. */
function ownArgs(argv: string[]): { evaluate: string | null; rest: string[] } {
  const i = argv.indexOf("--evaluate");
  if (i < 0) return { evaluate: null, rest: argv };
  const file = argv[i + 1];
  if (file === undefined || file.startsWith("--")) throw new Error("--evaluate needs a checkpoint file");
  return { evaluate: file, rest: [...argv.slice(0, i), ...argv.slice(i + 2)] };
}

const own = ownArgs(process.argv.slice(2));
const args = exampleArgs("g2p", USAGE, { time: "30m", smokeTime: "6s" }, own.rest);
const settings = args.smoke
  ? { words: 1500, model: { embed: 16, hidden: 24 }, batchSize: 32, lr: 5e-3, evalEveryMs: 2500, beamWidth: 3, validWords: 100 }
  : { words: Infinity, model: { embed: 48, hidden: 96 }, batchSize: 64, lr: 3e-3, evalEveryMs: 120_000, beamWidth: 5, validWords: 2000 };
const TEST_FRACTION = 0.05;

// ---------------------------------------------------------------------------------------------
// Data: every word spelled a–z, split by word (all its pronunciations on one side). The
// validation words, for the learning curve and the choice of checkpoint, come out of the
// training part; the test words are only read at the end.
// ---------------------------------------------------------------------------------------------
let entries = loadDictionary();
const dictionaryWords = entries.length;
if (args.smoke) {
  const pick = Array.from(randperm(entries.length, { generator: new Generator(args.seed + 7) }).data).slice(0, settings.words);
  entries = pick.sort((a, b) => a - b).map((i) => entries[i]!);
}
const { train: trainAll, test } = splitByWord(entries, TEST_FRACTION, args.seed);
const validCount = Math.min(settings.validWords, Math.floor(trainAll.length * 0.05));
const { train, test: validation } = splitByWord(trainAll, validCount / trainAll.length, args.seed + 1);
console.log(`${entries.length} words (of ${dictionaryWords} spelled a–z): ${train.length} train, ${validation.length} validation, ${test.length} test`);
const plainRefs = test.map((e) => withoutStress(e).pronunciations);
const stressRefs = test.map((e) => e.pronunciations);

/** WER and PER without and with stress, for predictions (with stress) of the test words. */
function scores(predictions: ReadonlyArray<readonly string[]>): Record<string, number> {
  const plain = scoreG2P(predictions.map((p) => p.map(stripStress)), plainRefs);
  const stressed = scoreG2P(predictions, stressRefs);
  return { WER: plain.wer, PER: plain.per, "WER (stress)": stressed.wer, "PER (stress)": stressed.per };
}

// ---------------------------------------------------------------------------------------------
// Baseline: letter windows over an EM alignment (baseline.ts, align.ts).
// ---------------------------------------------------------------------------------------------
let t0 = performance.now();
const baselines = fitBaselines(train);
const baselinePlain = test.map((e) => baselines.plain.predict(e.word));
const baselineStressed = test.map((e) => baselines.stressed.predict(e.word));
const baselinePlainScores = scoreG2P(baselinePlain, plainRefs);
const baselineStressScores = scoreG2P(baselineStressed, stressRefs);
const baselineSeconds = (performance.now() - t0) / 1000;
console.log(`baseline: ${baselines.pronunciations - baselines.unaligned} of ${baselines.pronunciations} training pronunciations aligned, ${baselines.plain.size} windows kept, ${baselineSeconds.toFixed(1)} s`);

// ---------------------------------------------------------------------------------------------
// The model: trained here within the budget, or loaded from --evaluate.
// ---------------------------------------------------------------------------------------------
manualSeed(args.seed);
let vocab: Vocabularies;
let model: G2PModel;
let trained: TrainResult | null = null;
mkdirSync(args.out, { recursive: true });
const checkpoint = join(args.out, "g2p.safetensors");
if (own.evaluate !== null) {
  const loaded = await loadG2P(own.evaluate);
  if (loaded.seed !== args.seed) console.log(`note: ${own.evaluate} was trained on the split of seed ${loaded.seed}, evaluated here on seed ${args.seed}'s`);
  ({ model, vocab } = loaded);
  console.log(`loaded ${own.evaluate} (step ${loaded.step})`);
} else {
  vocab = buildVocabularies(train);
  model = new G2PModel({ letters: vocab.letters.size, phonemes: vocab.phonemes.size, letterPad: vocab.letters.padIndex!, ...settings.model });
  console.log(`model: ${model.numParameters()} parameters; training for ${(args.timeMs / 1000).toFixed(0)} s`);
  trained = trainModel(model, vocab, train, {
    batchSize: settings.batchSize, lr: settings.lr, clip: 5, budget: new Budget(args.timeMs), evalEveryMs: settings.evalEveryMs,
    validation, generator: new Generator(args.seed + 2),
    onEval: (p) => console.log(`step ${p.step} (${p.seconds.toFixed(0)} s): train loss ${p.trainLoss.toFixed(3)}, validation loss ${p.validLoss.toFixed(3)}, validation WER ${(100 * p.validWER).toFixed(1)}%`),
  });
  await saveG2P(checkpoint, model, vocab, { step: trained.best.step, seed: args.seed });
}
model.eval();

t0 = performance.now();
const greedy = greedyDecode(model, vocab, test.map((e) => e.word));
const greedySeconds = (performance.now() - t0) / 1000;
// The saved checkpoint, loaded into a new model, must decode the test words as this one did.
let reloadedDiffers: number | null = null;
if (trained !== null) {
  const reloaded = await loadG2P(checkpoint);
  const again = greedyDecode(reloaded.model, reloaded.vocab, test.map((e) => e.word));
  reloadedDiffers = again.filter((d, i) => d.phonemes.join(" ") !== greedy[i]!.phonemes.join(" ")).length;
  console.log(`checkpoint ${checkpoint}: reloaded, ${reloadedDiffers} of ${test.length} greedy outputs differ`);
}
t0 = performance.now();
const beam = beamDecode(model, vocab, test.map((e) => e.word), settings.beamWidth);
const beamSeconds = (performance.now() - t0) / 1000;

const rows: ResultRow[] = [
  { method: "letter window ±4 (baseline)", metrics: { WER: baselinePlainScores.wer, PER: baselinePlainScores.per, "WER (stress)": baselineStressScores.wer, "PER (stress)": baselineStressScores.per } },
  { method: "LSTM + attention, greedy", metrics: scores(greedy.map((d) => d.phonemes)) },
  { method: `LSTM + attention, beam ${settings.beamWidth}`, metrics: scores(beam) },
];
printTable(`G2P on ${test.length} held-out words (error rates; a word is right if it matches any of its pronunciations)`, rows);

// Samples: held-out words with the truth and each method's output.
const show = (p: readonly string[]) => p.join(" ");
console.log("\nsamples (held-out words; truth lists every pronunciation):");
const samples = test.slice(0, 10).map((e, i) => ({ word: e.word, truth: e.pronunciations.map(show), baseline: show(baselineStressed[i]!), greedy: show(greedy[i]!.phonemes), beam: show(beam[i]!) }));
for (const s of samples) console.log(`  ${s.word.padEnd(14)} truth ${s.truth.join(" | ")}\n  ${"".padEnd(14)} base  ${s.baseline}\n  ${"".padEnd(14)} greedy ${s.greedy}\n  ${"".padEnd(14)} beam  ${s.beam}`);

// Plots: the learning curve and the attention of one held-out word.
if (trained !== null && trained.curve.length > 0) {
  await lineChart(join(args.out, "g2p-curve.svg"), {
    title: "G2P: loss against training time", x: "seconds", y: "cross-entropy (nats/phoneme)",
    series: [
      { name: "training", points: trained.curve.map((p) => [p.seconds, p.trainLoss] as const).filter(([, y]) => Number.isFinite(y)) },
      { name: "validation", points: trained.curve.map((p) => [p.seconds, p.validLoss] as const) },
    ],
  });
  await lineChart(join(args.out, "g2p-wer.svg"), {
    title: "G2P: validation WER (greedy, stress removed)", x: "seconds", y: "WER", series: [{ name: "validation", points: trained.curve.map((p) => [p.seconds, p.validWER] as const) }],
  });
}
const shown = test.findIndex((e) => e.word.length >= 7) === -1 ? 0 : test.findIndex((e) => e.word.length >= 7);
const attention = greedy[shown]!;
await heatMap(join(args.out, "g2p-attention.svg"), {
  title: `Attention while writing "${test[shown]!.word}"`, rows: [...attention.phonemes, "</s>"].slice(0, attention.attention.length),
  columns: [...test[shown]!.word], values: attention.attention, rowTitle: "phoneme written", columnTitle: "letter",
});

const path = writeResults(args.out, "g2p", {
  rows, smoke: args.smoke, seed: args.seed, budgetMs: args.timeMs,
  data: { dictionaryWords, words: entries.length, train: train.length, validation: validation.length, test: test.length, testFraction: TEST_FRACTION },
  baseline: { seconds: baselineSeconds, windows: baselines.plain.size, unaligned: baselines.unaligned, pronunciations: baselines.pronunciations },
  model: { ...model.config, parameters: model.numParameters(), batchSize: settings.batchSize, lr: settings.lr, beamWidth: settings.beamWidth, checkpoint: own.evaluate ?? checkpoint, reloadedDiffers },
  training: trained === null ? null : {
    steps: trained.steps, epochs: trained.epochs, lossFirst: trained.lossFirst, lossLast: trained.lossLast,
    stepsPerSecond: trained.steps / (trained.curve.at(-1)!.seconds || 1), best: trained.best, curve: trained.curve,
  },
  decodeSeconds: { greedy: greedySeconds, beam: beamSeconds },
  samples,
});
console.log(`\nwrote ${path}`);
