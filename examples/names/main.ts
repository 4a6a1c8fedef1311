// Usage pattern 4, one-to-many: English first names written letter by letter by an LSTM whose
// initial state comes from the category (female or male), beside category-conditioned bigram
// and trigram models. Held-out NLL per character in nats, the end of the name included.
//
//   npm run example:names [-- --smoke] [--time 6m] [--seed N]
import { join } from "node:path";
import { Generator, manualSeed, noGrad, nn, optim, tensor, type Tensor } from "../../src/index.js";
import { DataLoader, Vocabulary, padBatch, sampleLogits } from "../../src/data/index.js";
import { exampleArgs } from "../common/args.js";
import { Budget } from "../common/budget.js";
import { trainWithEarlyStopping } from "../common/epochs.js";
import { lineChart } from "../common/plot.js";
import { printTable, writeResults } from "../common/report.js";
import { CATEGORIES, examplesOf, loadNames, splitByName, type Example } from "./data.js";
import { NGramModel } from "./ngram.js";
import { NameModel, type LstmState } from "./model.js";

const args = exampleArgs("names", "First names conditioned on a category (female/male): an LSTM whose initial state is a learned embedding of the category, beside bigram and trigram models (Witten–Bell). Held-out NLL per character in nats, end token included, on 10% of the names.", { time: "6m", smokeTime: "3s" });

const lists = loadNames();
const all = examplesOf(lists);
const both = lists.female.filter((n) => new Set(lists.male).has(n)).length;
const [trainAll, test] = splitByName(all, 0.1, args.seed);
// 10% of the training names choose the epoch to keep; the n-grams count all training names.
const [fit, valid] = splitByName(trainAll, 0.1, args.seed + 1);
const fitSet = args.smoke ? fit.slice(0, 400) : fit;
console.log(`${lists.female.length} female + ${lists.male.length} male names (lowercased; ${both} in both lists, an example of each category); ${trainAll.length} training examples (${fit.length} fit + ${valid.length} validation), ${test.length} held out`);

const vocab = Vocabulary.build(all.map((e) => e.name), "char", { specials: ["pad", "begin", "end"] });
const alphabet = Array.from({ length: vocab.size }, (_, i) => i).filter((i) => !vocab.isSpecial(i)).map((i) => vocab.token(i));
const pad = vocab.special("pad")!;
const bigram = new NGramModel(2, alphabet, trainAll);
const trigram = new NGramModel(3, alphabet, trainAll);
const fourgram = new NGramModel(4, alphabet, trainAll); // the best order here (5 and 6 are worse on held-out names)

manualSeed(args.seed);
const sizes = args.smoke ? { vocab: vocab.size, embedding: 8, hidden: 16, layers: 1, dropout: 0 } : { vocab: vocab.size, embedding: 32, hidden: 256, layers: 2, dropout: 0.25 };
const model = new NameModel(CATEGORIES.length, sizes);
const opt = new optim.Adam(model.parameters(), { lr: 2e-3 });
const loss = new nn.CrossEntropyLoss({ ignoreIndex: pad });
const lossSum = new nn.CrossEntropyLoss({ ignoreIndex: pad, reduction: "sum" });

/** Inputs [begin, letters…] and targets [letters…, end], padded: (B, T) int64 each. */
function batchOf(examples: readonly Example[]): { x: Tensor; y: Tensor; c: Tensor } {
  const x = padBatch(examples.map((e) => vocab.encode(e.name, { addBegin: true })), { batchFirst: true, paddingValue: pad }).data;
  const y = padBatch(examples.map((e) => vocab.encode(e.name, { addEnd: true })), { batchFirst: true, paddingValue: pad }).data;
  return { x, y, c: tensor(examples.map((e) => e.category), { dtype: "int64" }) };
}

/** Mean NLL per predicted symbol (letters and end) in nats. */
function meanNll(examples: readonly Example[]): number {
  model.eval();
  let total = 0;
  let count = 0;
  noGrad(() => {
    for (let i = 0; i < examples.length; i += 512) {
      const { x, y, c } = batchOf(examples.slice(i, i + 512));
      const [logits] = model.forward(x, model.initialState(c));
      total += lossSum.forward(logits.view(-1, vocab.size), y.view(-1)).item();
      count += (y.data as ArrayLike<number>).length - Array.from(y.data as ArrayLike<number>).filter((t) => t === pad).length;
    }
  });
  model.train();
  return total / count;
}

const loader = new DataLoader(fitSet, { batchSize: 64, shuffle: true, generator: new Generator(args.seed), collateFn: (s: Example[]) => s });
const { curve, bestEpoch } = trainWithEarlyStopping({
  model,
  optimizer: opt,
  loader,
  budget: new Budget(args.timeMs),
  patience: 8,
  loss: (batch: Example[]) => {
    const { x, y, c } = batchOf(batch);
    const [logits] = model.forward(x, model.initialState(c));
    return loss.forward(logits.view(-1, vocab.size), y.view(-1));
  },
  validate: () => meanNll(valid),
  onEpoch: (r) => console.log(`epoch ${r.epoch}  training NLL ${r.trainLoss.toFixed(4)}  validation NLL ${r.valid.toFixed(4)} nats/char  ${(r.elapsedMs / 1000).toFixed(0)} s`),
});
const epoch = curve.length;

const rows = [
  { method: "LSTM, category → initial state", metrics: { nll: meanNll(test) } },
  { method: "4-gram (Witten–Bell)", metrics: { nll: fourgram.meanNll(test) } },
  { method: "trigram (Witten–Bell)", metrics: { nll: trigram.meanNll(test) } },
  { method: "bigram (Witten–Bell)", metrics: { nll: bigram.meanNll(test) } },
];
printTable(`Held-out NLL per character (nats, end included), ${test.length} examples; LSTM ${sizes.layers}×${sizes.hidden} from epoch ${bestEpoch} of ${epoch}`, rows, 4);

/** Names drawn for one category: from its initial state, one letter at a time, until the end token. */
function sample(category: number, count: number, generator: Generator): string[] {
  model.eval();
  return noGrad(() => {
    let state: LstmState = model.initialState(tensor(new Array<number>(count).fill(category), { dtype: "int64" }));
    let token = tensor(new Array<number>(count).fill(vocab.special("begin")!), { dtype: "int64", shape: [count, 1] });
    const names: number[][] = Array.from({ length: count }, () => []);
    const done = new Array<boolean>(count).fill(false);
    for (let t = 0; t < 20 && done.includes(false); t++) {
      const [logits, next] = model.forward(token, state);
      state = next;
      const drawn = Array.from(sampleLogits(logits.select(1, 0), { generator }).data as ArrayLike<number>);
      drawn.forEach((id, b) => {
        if (vocab.isSpecial(id)) done[b] = true; // the end (or a stray special) closes the name
        else if (!done[b]) names[b]!.push(id);
      });
      token = tensor(drawn, { dtype: "int64", shape: [count, 1] });
    }
    return names.map((ids) => vocab.decode(ids));
  });
}
const known = new Set(all.map((e) => e.name));
const generator = new Generator(args.seed);
const samples = Object.fromEntries(CATEGORIES.map((name, c) => [name, sample(c, args.smoke ? 4 : 12, generator)]));
for (const [name, list] of Object.entries(samples)) console.log(`\n${name}: ${list.map((n) => (known.has(n) ? n : `${n}*`)).join(", ")}`);
console.log("(* not in either list)");

const path = writeResults(args.out, "names", {
  rows,
  trainingCurve: curve.map((r) => ({ epoch: r.epoch, nll: r.trainLoss })),
  validationCurve: curve.map((r) => ({ epoch: r.epoch, nll: r.valid })),
  bestEpoch,
  epochs: epoch,
  budgetMs: args.timeMs,
  seed: args.seed,
  sizes,
  split: { female: lists.female.length, male: lists.male.length, inBoth: both, training: trainAll.length, validation: valid.length, test: test.length },
  samples,
});
await lineChart(join(args.out, "names-learning-curve.svg"), { title: "Name LSTM: NLL per character (nats)", x: "epoch", y: "nats per character", series: [{ name: "training", points: curve.map((r) => [r.epoch, r.trainLoss]) }, { name: "validation", points: curve.map((r) => [r.epoch, r.valid]) }] });
console.log(`\nresults: ${path}`);
