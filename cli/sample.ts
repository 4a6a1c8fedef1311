// `rnnkit sample` and `rnnkit eval`: generate text from a checkpoint, and score held-out text
// in bits per byte.
import { Generator, noGrad, tensor } from "../src/index.js";
import { bitsPerByte, sampleLogits } from "../src/data/index.js";
import { modelOf, readRun, resolveCheckpoint } from "./checkpoint.js";
import { CliError, fileCorpus, mobyDick, readText } from "./corpus.js";
import { scoreText } from "./evaluate.js";
import type { CharState } from "./model.js";

export interface SampleOptions {
  readonly checkpoint: string;
  readonly prime: string;
  readonly length: number;
  readonly temperature: number;
  readonly topK: number | null;
  readonly seed: number;
}

/** The prime followed by `length` sampled characters; the same seed gives the same text. */
export async function runSample(o: SampleOptions): Promise<string> {
  const run = await readRun(resolveCheckpoint(o.checkpoint));
  const model = modelOf(run);
  model.eval();
  const vocab = run.vocabulary;
  const prime = o.prime === "" ? "\n" : o.prime;
  const ids = vocab.encode(prime);
  const generator = new Generator(o.seed);
  const out: number[] = [];
  noGrad(() => {
    let [logits, state]: [import("../src/index.js").Tensor, CharState] = model.forward(tensor(ids, { shape: [ids.length, 1], dtype: "int64" }));
    for (let i = 0; i < o.length; i++) {
      const last = logits.select(0, logits.shape[0]! - 1); // (1, V)
      const next = sampleLogits(last, { temperature: o.temperature, ...(o.topK !== null ? { topK: o.topK } : {}), generator }).item();
      out.push(next);
      [logits, state] = model.forward(tensor([next], { shape: [1, 1], dtype: "int64" }), state);
    }
  });
  return (o.prime === "" ? "" : o.prime) + vocab.decode(out);
}

export interface EvalOptions {
  readonly checkpoint: string;
  readonly data: string | null;
}

export interface EvalResult {
  readonly lossPerChar: number;
  readonly bitsPerByte: number;
  readonly chars: number;
  readonly bytes: number;
  readonly unknown: number;
  readonly source: string;
}

/**
 * Held-out loss and bits per byte (total NLL in bits ÷ the text's UTF-8 bytes): on `data` when
 * given (the whole file), else on the held-out part of the text the run trained on.
 */
export async function runEval(o: EvalOptions): Promise<EvalResult> {
  const run = await readRun(resolveCheckpoint(o.checkpoint));
  const model = modelOf(run);
  let context: string;
  let text: string;
  let source: string;
  if (o.data !== null) {
    [context, text, source] = ["\n", readText(o.data), o.data];
  } else {
    const corpus = run.extra.source === "moby-dick" ? mobyDick() : fileCorpus(run.extra.source);
    [context, text, source] = [corpus.train, corpus.valid, `${corpus.source} (held out)`];
  }
  if (text.length === 0) throw new CliError(`${source}: nothing to evaluate`);
  const s = scoreText(model, run.vocabulary, context, text);
  const bytes = new TextEncoder().encode(text).length;
  return { lossPerChar: s.totalNll / s.chars, bitsPerByte: bitsPerByte(s.totalNll, bytes), chars: s.chars, bytes, unknown: s.unknown, source };
}

/** What `rnnkit eval` prints. */
export function formatEval(r: EvalResult): string {
  return [
    `${r.source}: ${r.chars} characters, ${r.bytes} bytes${r.unknown > 0 ? ` (${r.unknown} not in the vocabulary, scored as <unk>)` : ""}`,
    `loss: ${r.lossPerChar.toFixed(4)} nats per character`,
    `bits per byte: ${r.bitsPerByte.toFixed(3)}`,
  ].join("\n");
}
