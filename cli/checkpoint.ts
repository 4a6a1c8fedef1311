// The CLI's checkpoints, through rnnkit/io's saveCheckpoint/loadCheckpoint: the model,
// optimizer, scheduler and generator, plus in `extra` what `rnnkit train` needs to rebuild and
// resume a run (options, vocabulary, position in the epoch, the carried recurrent state).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { RnnkitError, Tensor, tensor } from "../src/index.js";
import { Vocabulary, type VocabularyJSON } from "../src/data/index.js";
import { loadCheckpoint, type Checkpoint } from "../src/io/node/index.js";
import { CliError } from "./corpus.js";
import { CharModel, type CharState, type ModelConfig } from "./model.js";

export const BEST = "best.safetensors";
export const LATEST = "latest.safetensors";

/** Training options that a resumed run must keep. */
export interface TrainConfig {
  readonly seqLen: number;
  readonly batchSize: number;
  readonly optimizer: "adam" | "adamw" | "sgd" | "rmsprop";
  readonly lr: number;
  readonly lrSchedule: "constant" | "cosine";
  readonly clip: number;
  readonly seed: number;
  readonly evalEvery: number;
  /** Steps the schedule spans (cosine), or null. */
  readonly scheduleSteps: number | null;
}

/** Where a run stands: enough to continue it exactly. */
export interface RunProgress {
  readonly step: number;
  readonly epoch: number;
  /** The next window of the epoch. */
  readonly window: number;
  readonly bestValidLoss: number | null;
  readonly elapsedMs: number;
  readonly charsSeen: number;
  /** The carried state's tensors (float32 values exactly as JSON numbers), or null. */
  readonly state: { shape: number[]; data: number[] }[] | null;
}

/** The JSON `extra` of every checkpoint `rnnkit train` writes. */
export interface RunExtra {
  readonly format: "rnnkit.char-lm";
  readonly version: 1;
  readonly source: string;
  readonly model: ModelConfig;
  readonly train: TrainConfig;
  readonly vocabulary: VocabularyJSON;
  readonly progress: RunProgress;
}

/** A checkpoint of `rnnkit train`, read and checked. */
export interface LoadedRun {
  readonly path: string;
  readonly checkpoint: Checkpoint;
  readonly extra: RunExtra;
  readonly vocabulary: Vocabulary;
}

/** A file path, or a train output folder meaning its best checkpoint (latest when `which` says so). */
export function resolveCheckpoint(path: string, which: "best" | "latest" = "best"): string {
  if (!existsSync(path)) throw new CliError(`${path}: no such checkpoint file or folder`);
  if (!statSync(path).isDirectory()) return path;
  for (const name of which === "best" ? [BEST, LATEST] : [LATEST]) {
    if (existsSync(join(path, name))) return join(path, name);
  }
  throw new CliError(`${path}: the folder holds no ${which === "best" ? `${BEST} or ${LATEST}` : LATEST} (is it the --out folder of rnnkit train?)`);
}

/** Reads a checkpoint of `rnnkit train`; a corrupted or foreign file is a CliError of one line. */
export async function readRun(path: string): Promise<LoadedRun> {
  let checkpoint: Checkpoint;
  try {
    checkpoint = await loadCheckpoint(path);
  } catch (e) {
    throw new CliError(`${path}: not a readable checkpoint (${oneLine(e)})`);
  }
  const extra = checkpoint.extra as Partial<RunExtra> | undefined;
  if (typeof extra !== "object" || extra === null || extra.format !== "rnnkit.char-lm" || extra.version !== 1) {
    throw new CliError(`${path}: a checkpoint, but not one of rnnkit train's character models`);
  }
  try {
    return { path, checkpoint, extra: extra as RunExtra, vocabulary: Vocabulary.fromJSON(extra.vocabulary) };
  } catch (e) {
    throw new CliError(`${path}: the checkpoint's vocabulary is damaged (${oneLine(e)})`);
  }
}

/** The run's model with the checkpoint's weights; a mismatch (another architecture) is a CliError. */
export function modelOf(run: LoadedRun): CharModel {
  try {
    const model = new CharModel(run.extra.model);
    model.loadStateDict(run.checkpoint.model);
    return model;
  } catch (e) {
    throw new CliError(`${run.path}: the weights do not fit the model it describes (${oneLine(e)})`);
  }
}

export function stateToJSON(state: CharState | null): RunProgress["state"] {
  if (state === null) return null;
  return (state instanceof Tensor ? [state] : state).map((t) => ({ shape: [...t.shape], data: Array.from(t.data as Float32Array) }));
}

export function stateFromJSON(json: RunProgress["state"], lstm: boolean): CharState | null {
  if (json === null) return null;
  const ts = json.map((s) => tensor(Float32Array.from(s.data), { shape: s.shape }));
  return lstm ? [ts[0]!, ts[1]!] : ts[0]!;
}

/** An error as one line: rnnkit's own message, or the message of anything else. */
export function oneLine(e: unknown): string {
  const msg = e instanceof RnnkitError || e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0]!;
}
