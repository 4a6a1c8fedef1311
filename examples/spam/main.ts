// Usage pattern 3, many-to-one: spam or ham (the SpamAssassin corpus) read word by word by a
// bidirectional GRU, beside multinomial naive Bayes on the same 80/20 stratified split.
//
//   npm run example:spam [-- --smoke] [--time 8m] [--seed N]
import { join } from "node:path";
import { Generator, manualSeed, noGrad, nn, optim, tensor, type Tensor } from "../../src/index.js";
import { DataLoader, Vocabulary, accuracy, padBatch, precisionRecallFscore } from "../../src/data/index.js";
import { exampleArgs } from "../common/args.js";
import { Budget } from "../common/budget.js";
import { trainWithEarlyStopping } from "../common/epochs.js";
import { lineChart } from "../common/plot.js";
import { printTable, writeResults } from "../common/report.js";
import { dedupeBodies, loadMessages, stratifiedSplit } from "./data.js";
import { SpamClassifier } from "./model.js";
import { MultinomialNB } from "./naive-bayes.js";
import { tokensOf } from "./tokens.js";

const args = exampleArgs("spam", "Spam or ham (SpamAssassin public corpus): a bidirectional GRU over the first words of each message beside multinomial naive Bayes, on an 80/20 stratified split of the deduplicated messages. Accuracy and spam F1.", { time: "8m", smokeTime: "3s" });
/** Words the GRU reads: the subject and the start of the body. */
const MAX_WORDS = args.smoke ? 48 : 256;

const raw = loadMessages();
const { kept, removed, conflicts } = dedupeBodies(raw);
const docs = kept.map((m) => ({ label: m.label, words: tokensOf(m.subject, m.body) })).filter((d) => d.words.length > 0);
const [trainAll, test] = stratifiedSplit(docs, 0.2, args.seed);
const [fitAll, valid] = stratifiedSplit(trainAll, 0.1, args.seed + 1); // chooses the epoch to keep
const fit = args.smoke ? fitAll.slice(0, 240).concat(fitAll.slice(-160)) : fitAll; // both classes (the split lists ham first)
const count = (xs: readonly { label: number }[]) => `${xs.length} (${xs.filter((x) => x.label === 1).length} spam)`;
console.log(`${raw.length} messages, ${removed} removed as repeated bodies (${conflicts} of them labelled differently from the copy kept), ${kept.length - docs.length} without words; ${docs.length} kept: training ${count(trainAll)} = fit ${count(fitAll)} + validation ${count(valid)}; test ${count(test)}`);

const nb = new MultinomialNB(trainAll.map((d) => d.words), trainAll.map((d) => d.label));
const nbPredictions = test.map((d) => nb.predict(d.words));

const vocab = Vocabulary.build(fitAll.flatMap((d) => d.words.slice(0, MAX_WORDS)), "word", { specials: ["pad", "unknown"], minFreq: 2, maxTokens: args.smoke ? 2000 : 20_000 });
const pad = vocab.padIndex!;
manualSeed(args.seed);
const sizes = args.smoke ? { embedding: 16, hidden: 16 } : { embedding: 64, hidden: 64 };
const model = new SpamClassifier(vocab.size, sizes.embedding, sizes.hidden, args.smoke ? 0 : 0.3, pad);
const opt = new optim.Adam(model.parameters(), { lr: 2e-3 });
const ce = new nn.CrossEntropyLoss();
type Doc = (typeof docs)[number];

function batchOf(batch: readonly Doc[]): { x: Tensor; lengths: number[]; y: Tensor } {
  const { data, lengths } = padBatch(batch.map((d) => vocab.encode(d.words.slice(0, MAX_WORDS))), { batchFirst: true, paddingValue: pad });
  return { x: data, lengths, y: tensor(batch.map((d) => d.label), { dtype: "int64" }) };
}

function predict(set: readonly Doc[]): number[] {
  model.eval();
  const out: number[] = [];
  noGrad(() => {
    for (let i = 0; i < set.length; i += 128) {
      const { x, lengths } = batchOf(set.slice(i, i + 128));
      out.push(...Array.from(model.forward(x, lengths).argmax(1).data as ArrayLike<number>));
    }
  });
  model.train();
  return out;
}

const scores = (set: readonly Doc[], predicted: readonly number[]) => {
  const truth = set.map((d) => d.label);
  const s = precisionRecallFscore(truth, predicted, { posLabel: 1 });
  return { accuracy: accuracy(truth, predicted), spamF1: s.fscore, spamPrecision: s.precision, spamRecall: s.recall };
};

const loader = new DataLoader(fit, { batchSize: 32, shuffle: true, generator: new Generator(args.seed), collateFn: (b: Doc[]) => b });
const { curve, bestEpoch } = trainWithEarlyStopping({
  model,
  optimizer: opt,
  loader,
  budget: new Budget(args.timeMs),
  patience: 6,
  higherIsBetter: true,
  loss: (batch: Doc[]) => {
    const { x, lengths, y } = batchOf(batch);
    return ce.forward(model.forward(x, lengths), y);
  },
  validate: () => scores(valid, predict(valid)).spamF1,
  onEpoch: (r) => console.log(`epoch ${r.epoch}  training loss ${r.trainLoss.toFixed(4)}  validation spam F1 ${r.valid.toFixed(4)}  ${(r.elapsedMs / 1000).toFixed(0)} s`),
});
const epoch = curve.length;

const rows = [
  { method: "bidirectional GRU", metrics: scores(test, predict(test)) },
  { method: "multinomial naive Bayes", metrics: scores(test, nbPredictions) },
];
printTable(`Spam or ham, ${count(test)} test messages; GRU ${sizes.hidden}×2 over the first ${MAX_WORDS} words, epoch ${bestEpoch} of ${epoch} (best validation F1); naive Bayes on all words`, rows, 4);
const path = writeResults(args.out, "spam", {
  rows,
  trainingCurve: curve.map((r) => ({ epoch: r.epoch, loss: r.trainLoss })),
  validationCurve: curve.map((r) => ({ epoch: r.epoch, spamF1: r.valid })),
  bestEpoch,
  epochs: epoch,
  budgetMs: args.timeMs,
  seed: args.seed,
  sizes: { ...sizes, vocabulary: vocab.size, maxWords: MAX_WORDS },
  data: { messages: raw.length, duplicatesRemoved: removed, duplicateLabelConflicts: conflicts, kept: docs.length, training: trainAll.length, validation: valid.length, test: test.length, testSpam: test.filter((d) => d.label === 1).length },
});
await lineChart(join(args.out, "spam-learning-curve.svg"), { title: "Spam GRU: training loss and validation spam F1 per epoch", x: "epoch", y: "value", series: [{ name: "training loss", points: curve.map((r) => [r.epoch, r.trainLoss]) }, { name: "validation spam F1", points: curve.map((r) => [r.epoch, r.valid]) }] });
console.log(`\nresults: ${path}`);
