// Usage pattern 1 — many-to-many, synchronous: a character language model predicts the next
// character at every step. It is `rnnkit train` on Moby Dick (chapters 122–135 held out), then
// `rnnkit eval` and `rnnkit sample`, beside two baselines on the same held-out text: xz -9e
// given the training text, and character n-grams with modified Kneser–Ney smoothing.
//
//   npm run example:char-lm                  # the full run: 15 minutes of training
//   npm run example:char-lm -- --smoke       # seconds: a small slice, a tiny model
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Vocabulary } from "../../src/data/index.js";
import { fileCorpus, mobyDick, type Corpus } from "../../cli/corpus.js";
import { exampleArgs } from "../common/args.js";
import { lineChart } from "../common/plot.js";
import { printTable, writeResults, type ResultRow } from "../common/report.js";
import { KneserNey } from "./kneser-ney.js";
import { xzBitsPerByte } from "./xz.js";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../../cli/main.js");

const args = exampleArgs("char-lm", "A character LSTM on Moby Dick against xz and Kneser–Ney n-grams, in held-out bits per byte.", { time: "15m", smokeTime: "8s" });

/** The model and its training options: the full run's, or a tiny one for the smoke test. */
const MODEL = args.smoke
  ? ["--model", "lstm", "--layers", "1", "--hidden", "32", "--seq-len", "32", "--batch-size", "16", "--eval-every", "20", "--log-every", "5"]
  : ["--model", "lstm", "--layers", "2", "--hidden", "256", "--seq-len", "128", "--batch-size", "32", "--dropout", "0", "--lr", "2e-3", "--eval-every", "250", "--log-every", "10"];
const ORDERS = args.smoke ? [2, 3, 4] : [3, 4, 5, 6, 7];

mkdirSync(args.out, { recursive: true });
const run = join(args.out, "char-lm-run");
if (existsSync(run)) throw new Error(`${run} already holds a run: remove it or pass another --out (the example never overwrites a run)`);

// The text: the CLI's own split of the built-in corpus; for the smoke test, a 40,000-character
// slice written to a file, which the CLI splits 90/10 (the same split is computed here).
let corpus: Corpus;
const data: string[] = [];
if (args.smoke) {
  const slice = join(args.out, "char-lm-smoke.txt");
  writeFileSync(slice, [...mobyDick().train].slice(0, 40_000).join(""));
  corpus = fileCorpus(slice);
  data.push("--data", slice);
} else {
  corpus = mobyDick();
}
const heldOutBytes = new TextEncoder().encode(corpus.valid).length;
const trainChars = [...corpus.train].length;
console.log(`text: ${trainChars.toLocaleString("en")} characters to train on, ${heldOutBytes.toLocaleString("en")} bytes held out`);

// Baselines. The vocabulary is the CLI's (every character of the text, closed).
const rows: ResultRow[] = [];
const xz = xzBitsPerByte(corpus.train, corpus.valid);
if (xz !== null) rows.push({ method: "xz -9e (training text as context)", metrics: { "bits per byte": xz } });
else console.log("xz is not installed: its baseline is left out");
const vocab = Vocabulary.build(corpus.train + corpus.valid, "char", { specials: ["unknown"] });
const trainIds = vocab.encode(corpus.train);
const validIds = vocab.encode(corpus.valid);
const ngram: Record<string, number> = {};
for (const n of ORDERS) {
  const kn = new KneserNey(trainIds, n, vocab.size);
  ngram[n] = kn.totalNll(trainIds.slice(-n), validIds) / Math.LN2 / heldOutBytes;
  rows.push({ method: `Kneser–Ney ${n}-gram`, metrics: { "bits per byte": ngram[n]! } });
  console.log(`Kneser–Ney ${n}-gram: ${ngram[n]!.toFixed(3)} bits per byte`);
}

// The model: the CLI, exactly as a user runs it.
const threads = args.threads !== null ? ["--threads", String(args.threads)] : [];
/** Runs `rnnkit ...a`: its progress shown as it goes (`show`), or its output returned. */
const cli = (show: boolean, ...a: string[]): string => {
  const r = spawnSync(process.execPath, [CLI, ...a], { stdio: ["ignore", show ? "inherit" : "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`rnnkit ${a[0]} exited ${r.status}`);
  return r.stdout ?? "";
};
const trainArgs = ["train", "--out", run, ...data, ...MODEL, "--seed", String(args.seed), "--time", `${Math.round(args.timeMs)}ms`, ...threads];
console.log(`\nrnnkit ${trainArgs.join(" ")}`);
cli(true, ...trainArgs);
const evalOut = cli(false, "eval", "--checkpoint", run, ...threads);
const bpb = Number(/bits per byte: ([\d.]+)/.exec(evalOut)?.[1]);
if (!Number.isFinite(bpb)) throw new Error(`rnnkit eval printed no bits per byte:\n${evalOut}`);
rows.push({ method: `LSTM ${MODEL[3]}×${MODEL[5]} (rnnkit train, best checkpoint)`, metrics: { "bits per byte": bpb } });
printTable("Held-out bits per byte (lower is better)", rows);

const sample = cli(false, "sample", "--checkpoint", run, "--length", args.smoke ? "80" : "600", "--temperature", "0.8", "--seed", String(args.seed), "--prime", "Call me ", ...threads);
console.log(`\nrnnkit sample --temperature 0.8 --prime "Call me ":\n${sample}`);

// The learning curve from the run's log, in bits per byte, with the baselines as levels.
const log = readFileSync(join(run, "log.jsonl"), "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { step: number; loss?: number; validLoss?: number; elapsedSeconds?: number });
const perByte = [...corpus.valid].length / heldOutBytes / Math.LN2; // nats per character → bits per byte
const trainCurve = log.filter((e) => e.loss !== undefined).map((e) => [e.step, e.loss! / Math.LN2] as const);
const validCurve = log.filter((e) => e.validLoss !== undefined).map((e) => [e.step, e.validLoss! * perByte] as const);
const last = Math.max(...log.map((e) => e.step));
const level = (name: string, v: number) => ({ name, points: [[0, v], [last, v]] as const });
const bestN = ORDERS.reduce((a, b) => (ngram[b]! < ngram[a]! ? b : a));
await lineChart(join(args.out, "char-lm-curve.svg"), {
  title: "Character LSTM on Moby Dick", x: "step", y: "bits",
  series: [
    { name: "training loss (bits per character)", points: trainCurve },
    { name: "held-out bits per byte", points: validCurve },
    level(`Kneser–Ney ${bestN}-gram`, ngram[bestN]!),
    ...(xz !== null ? [level("xz -9e", xz)] : []),
  ],
});
const steps = log.filter((e) => e.loss !== undefined);
const path = writeResults(args.out, "char-lm", {
  rows, heldOutBytes, trainChars, budgetMs: args.timeMs, steps: last,
  elapsedSeconds: steps.at(-1)?.elapsedSeconds ?? null, trainArgs, sample,
  firstLoss: steps[0]?.loss ?? null, lastLoss: steps.at(-1)?.loss ?? null,
});
console.log(`\nresults: ${path}; curve: ${join(args.out, "char-lm-curve.svg")}`);
