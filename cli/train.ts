// `rnnkit train`: a character language model on a text, trained in windows of T steps over B
// streams with the state carried (truncated BPTT), checkpoints best and latest, a JSON-lines log
// and a loss curve; resumable bit for bit.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultGenerator, manualSeed, nn, optim, type Tensor } from "../src/index.js";
import { LanguageModelBatches, Vocabulary, detachState } from "../src/data/index.js";
import { restoreCheckpoint, saveCheckpoint } from "../src/io/node/index.js";
import { BEST, LATEST, modelOf, oneLine, readRun, stateFromJSON, stateToJSON, type RunExtra, type RunProgress, type TrainConfig } from "./checkpoint.js";
import { CliError, fileCorpus, mobyDick, type Corpus } from "./corpus.js";
import { scoreText } from "./evaluate.js";
import { CharModel, type CharState, type ModelConfig } from "./model.js";
import type { ProgressSink } from "./progress.js";
import { lossCurveSvg, type CurvePoint } from "./svg.js";

/** Everything `rnnkit train` takes, parsed and checked. */
export interface TrainOptions {
  readonly data: string | null;
  readonly out: string;
  readonly model: ModelConfig["model"];
  readonly layers: number;
  readonly hidden: number;
  readonly dropout: number;
  readonly train: Omit<TrainConfig, "scheduleSteps">;
  /** The budget: total steps, epochs, or wall-clock milliseconds for this invocation. */
  readonly steps: number | null;
  readonly epochs: number | null;
  readonly timeMs: number | null;
  /** Validation on at most this many held-out characters during training (null: all). */
  readonly evalChars: number | null;
  readonly logEvery: number;
  readonly resume: boolean;
  /** Options the user gave explicitly (a resumed run refuses to change them). */
  readonly explicit: ReadonlySet<string>;
}

/** How training talks to the world: the progress display and a stop flag set by Ctrl-C. */
export interface TrainIo {
  readonly progress: ProgressSink;
  readonly stop: { requested: boolean };
}

export interface TrainResult {
  readonly step: number;
  readonly interrupted: boolean;
  readonly bestValidLoss: number | null;
  readonly out: string;
}

const ARCHITECTURE = ["model", "layers", "hidden", "dropout", "seqLen", "batchSize", "optimizer", "lr", "lrSchedule", "clip", "seed"] as const;

/** Runs `rnnkit train` to the end of its budget, or to a Ctrl-C (then saves and returns). */
export async function runTrain(o: TrainOptions, io: TrainIo): Promise<TrainResult> {
  checkOut(o);
  const resumed = o.resume ? await readRun(join(o.out, LATEST)) : null;
  if (resumed !== null) refuseChanges(o, resumed.extra);
  const extra0 = resumed?.extra;
  const corpus: Corpus = loadCorpus(extra0?.source ?? o.data);
  makeOut(o);
  const vocab = resumed?.vocabulary ?? Vocabulary.build(corpus.train + corpus.valid, "char", { specials: ["unknown"] });
  const modelConfig: ModelConfig = extra0?.model ?? { model: o.model, layers: o.layers, hidden: o.hidden, dropout: o.dropout, vocabSize: vocab.size };
  const base = extra0?.train ?? { ...o.train, scheduleSteps: null };
  manualSeed(base.seed);
  const model = resumed !== null ? modelOf(resumed) : new CharModel(modelConfig);
  const batches = new LanguageModelBatches(vocab.encode(corpus.train), { batchSize: base.batchSize, seqLen: base.seqLen });
  const totalSteps = o.steps ?? (o.epochs !== null ? o.epochs * batches.length : null);
  if (base.lrSchedule === "cosine" && totalSteps === null && base.scheduleSteps === null) {
    throw new CliError("--lr-schedule cosine needs a budget in --steps or --epochs (it spans the whole run)");
  }
  const config: TrainConfig = { ...base, scheduleSteps: base.scheduleSteps ?? (base.lrSchedule === "cosine" ? totalSteps : null) };
  const params = model.parameters();
  const opt = makeOptimizer(config, params);
  const sched = config.lrSchedule === "cosine" ? new optim.CosineAnnealingLR(opt, config.scheduleSteps!) : null;
  let p: RunProgress = extra0?.progress ?? { step: 0, epoch: 0, window: 0, bestValidLoss: null, elapsedMs: 0, charsSeen: 0, state: null };
  if (resumed !== null) {
    try {
      restoreCheckpoint(resumed.checkpoint, { optimizer: opt, ...(sched !== null ? { scheduler: sched } : {}), generator: defaultGenerator() });
    } catch (e) {
      throw new CliError(`${resumed.path}: cannot resume from it (${oneLine(e)})`);
    }
  }
  let state: CharState | null = stateFromJSON(p.state, modelConfig.model === "lstm");
  const lossFn = new nn.CrossEntropyLoss();
  const log = join(o.out, "log.jsonl");
  const curve = readCurve(log);
  const validText = o.evalChars === null ? corpus.valid : [...corpus.valid].slice(0, o.evalChars).join("");
  const context = [...corpus.train].at(-1)!;
  const started = Date.now();
  const elapsed = () => p.elapsedMs + (Date.now() - started);
  const startStep = p.step;
  let lastLoss = NaN;
  let lastValid: number | null = null;

  const checkpoint = async (name: string) => {
    const extra: RunExtra = { format: "rnnkit.char-lm", version: 1, source: corpus.source, model: modelConfig, train: config, vocabulary: vocab.toJSON(), progress: { ...p, elapsedMs: elapsed(), state: stateToJSON(state) } };
    await saveCheckpoint(join(o.out, name), { model, optimizer: opt, ...(sched !== null ? { scheduler: sched } : {}), generator: defaultGenerator(), step: p.step, extra });
  };
  const evaluate = async () => {
    const score = scoreText(model, vocab, context, validText, 32, 256);
    lastValid = score.totalNll / score.chars;
    curve.valid.push({ step: p.step, value: lastValid });
    appendFileSync(log, `${JSON.stringify({ step: p.step, validLoss: lastValid, validBitsPerChar: lastValid / Math.LN2 })}\n`);
    const improved = p.bestValidLoss === null || lastValid < p.bestValidLoss;
    if (improved) p = { ...p, bestValidLoss: lastValid };
    await checkpoint(LATEST);
    if (improved) await checkpoint(BEST);
    writeFileSync(join(o.out, "loss.svg"), lossCurveSvg(curve.train, curve.valid));
    io.progress.log(`step ${p.step}: validation loss ${lastValid.toFixed(4)} (${(lastValid / Math.LN2).toFixed(3)} bits per character)${improved ? `, saved ${BEST}` : ""}`);
  };
  const done = () => (totalSteps !== null && p.step >= totalSteps) || (o.timeMs !== null && Date.now() - started >= o.timeMs);

  model.train();
  while (!done()) {
    if (io.stop.requested) {
      await checkpoint(LATEST);
      io.progress.stop();
      return { step: p.step, interrupted: true, bestValidLoss: p.bestValidLoss, out: o.out };
    }
    const { input, target } = batches.window(p.window);
    opt.zeroGrad();
    const [logits, next] = model.forward(input, state);
    const loss = lossFn.forward(logits.reshape(-1, modelConfig.vocabSize), target.reshape(-1));
    lastLoss = loss.item();
    if (!Number.isFinite(lastLoss)) {
      io.progress.stop();
      throw new CliError(`loss became ${lastLoss} at step ${p.step + 1} (lr ${opt.paramGroups[0]!.lr}); nothing saved from this step on — try a lower --lr or a --clip; ${existsSync(join(o.out, LATEST)) ? `the last good checkpoint is ${join(o.out, LATEST)}` : "no checkpoint was written yet"}`);
    }
    loss.backward();
    if (config.clip > 0) nn.utils.clipGradNorm(params, config.clip);
    opt.step();
    sched?.step();
    state = detachState(next);
    const nextWindow = p.window + 1;
    const wrapped = nextWindow >= batches.length;
    if (wrapped) state = null; // a new epoch starts the streams again from a zero state
    p = { ...p, step: p.step + 1, window: wrapped ? 0 : nextWindow, epoch: wrapped ? p.epoch + 1 : p.epoch, charsSeen: p.charsSeen + input.numel() };
    if (p.step % o.logEvery === 0 || done()) {
      const secs = (Date.now() - started) / 1000;
      const cps = (p.charsSeen - (extra0?.progress.charsSeen ?? 0)) / Math.max(secs, 1e-3);
      curve.train.push({ step: p.step, value: lastLoss });
      appendFileSync(log, `${JSON.stringify({ step: p.step, epoch: p.epoch, loss: lastLoss, lr: opt.paramGroups[0]!.lr, charsPerSecond: Math.round(cps), elapsedSeconds: Math.round(elapsed() / 100) / 10 })}\n`);
      const fraction = totalSteps !== null ? p.step / totalSteps : Math.min(1, (Date.now() - started) / o.timeMs!);
      const perStep = secs / Math.max(p.step - startStep, 1);
      const eta = totalSteps !== null ? (totalSteps - p.step) * perStep : (o.timeMs! - (Date.now() - started)) / 1000;
      io.progress.update({ step: p.step, totalSteps, fraction, etaSeconds: eta, loss: lastLoss, validLoss: lastValid, charsPerSecond: cps });
    }
    if (p.step % config.evalEvery === 0 && !done()) await evaluate();
    await new Promise((r) => setImmediate(r)); // lets a Ctrl-C through
  }
  if (p.step > startStep || !existsSync(join(o.out, LATEST))) await evaluate();
  io.progress.stop();
  return { step: p.step, interrupted: false, bestValidLoss: p.bestValidLoss, out: o.out };
}

function loadCorpus(source: string | null): Corpus {
  return source === null || source === "moby-dick" ? mobyDick() : fileCorpus(source);
}

function makeOptimizer(c: TrainConfig, params: Tensor[]) {
  switch (c.optimizer) {
    case "adam": return new optim.Adam(params, { lr: c.lr });
    case "adamw": return new optim.AdamW(params, { lr: c.lr });
    case "sgd": return new optim.SGD(params, { lr: c.lr });
    case "rmsprop": return new optim.RMSprop(params, { lr: c.lr });
  }
}

/** An existing run is never overwritten without --resume. */
function checkOut(o: TrainOptions): void {
  const has = [LATEST, BEST].filter((f) => existsSync(join(o.out, f)));
  if (o.resume && !has.includes(LATEST)) throw new CliError(`${o.out}: nothing to resume (no ${LATEST} there)`);
  if (!o.resume && has.length > 0) throw new CliError(`${o.out}: already holds a run (${has.join(", ")}); pass --resume to continue it, or choose another --out`);
}

/** The output folder, created if needed, with a fresh log unless resuming. */
function makeOut(o: TrainOptions): void {
  try {
    mkdirSync(o.out, { recursive: true });
    appendFileSync(join(o.out, "log.jsonl"), "");
  } catch (e) {
    throw new CliError(`${o.out}: cannot write there (${(e as NodeJS.ErrnoException).code ?? oneLine(e)})`);
  }
  if (!o.resume) writeFileSync(join(o.out, "log.jsonl"), "");
}

/** A resumed run keeps its architecture and training options: naming a different one is an error. */
function refuseChanges(o: TrainOptions, extra: RunExtra): void {
  const saved: Record<string, unknown> = { ...extra.model, ...extra.train };
  const given: Record<string, unknown> = { model: o.model, layers: o.layers, hidden: o.hidden, dropout: o.dropout, ...o.train };
  for (const k of ARCHITECTURE) {
    if (o.explicit.has(k) && given[k] !== saved[k]) {
      throw new CliError(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${String(given[k])} differs from the run being resumed (${String(saved[k])}); drop the option or start a new --out`);
    }
  }
  if (o.data !== null && o.data !== extra.source) throw new CliError(`--data ${o.data} differs from the run being resumed (${extra.source})`);
}

function readCurve(log: string): { train: CurvePoint[]; valid: CurvePoint[] } {
  const train: CurvePoint[] = [];
  const valid: CurvePoint[] = [];
  for (const line of readFileSync(log, "utf8").split("\n")) {
    if (line === "") continue;
    const e = JSON.parse(line) as { step: number; loss?: number; validLoss?: number };
    if (e.loss !== undefined) train.push({ step: e.step, value: e.loss });
    if (e.validLoss !== undefined) valid.push({ step: e.step, value: e.validLoss });
  }
  return { train, valid };
}
