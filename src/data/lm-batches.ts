// Language-model batching: a corpus as B parallel streams read in windows of T steps, with
// the recurrent state carried from one window to the next and detached (truncated BPTT), as
// PyTorch's word_language_model example (batchify, get_batch, repackage_hidden) and char-rnn do.
import { ConfigError, ValueError } from "../errors.js";
import { narrow } from "../autograd/ops/join.js";
import { detach } from "../autograd/ops/view.js";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { checkCount } from "./sampler.js";
import { checkOptions, expectArray } from "../options.js";
import { expectTensor } from "../tensor/expect.js";

/** One window: the inputs and the next tokens to predict. */
export interface LanguageModelBatch {
  /** (T, B) int64 token ids. */
  readonly input: Tensor;
  /** (T, B) int64: `input` shifted by one step. */
  readonly target: Tensor;
}

/**
 * The corpus as B streams, one per column: (N / B, B) int64, the N mod B tokens past the last
 * full row dropped — `batchify` of PyTorch's word_language_model. Stream b is the b-th
 * contiguous slice of the corpus.
 */
export function batchify(ids: ArrayLike<number>, batchSize: number): Tensor {
  const op = "batchify";
  checkCount(op, "batchSize", batchSize);
  const rows = batchSize === 0 ? 0 : Math.floor(ids.length / batchSize);
  if (rows < 2) {
    throw new ValueError(op, `a corpus of ${ids.length} tokens is too short for ${batchSize} streams (each needs at least 2 tokens)`, {
      expected: `>= ${2 * Math.max(batchSize, 1)} tokens`, actual: ids.length,
    });
  }
  const out = new Float64Array(rows * batchSize); // (rows, B): out[r·B + b] = ids[b·rows + r]
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < rows; r++) {
      const v = ids[b * rows + r]!;
      if (!Number.isInteger(v) || v < 0) throw new ValueError(op, `token ${b * rows + r} is not a non-negative integer id (got ${v})`, { expected: "id >= 0", actual: v });
      out[r * batchSize + b] = v;
    }
  }
  return tensor(out, { shape: [rows, batchSize], dtype: "int64" });
}

/**
 * The window starting at row i of a batchified corpus: input rows i…i+T-1 and target rows
 * i+1…i+T, with T = min(seqLen, rows - 1 - i) — `get_batch` of word_language_model.
 *
 * @param source  (S, B) from {@link batchify}.
 */
export function getBatch(source: Tensor, i: number, seqLen: number): LanguageModelBatch {
  const op = "getBatch";
  expectTensor(op, source, "source");
  const rows = source.shape[0]!;
  if (source.ndim !== 2) throw new ValueError(op, `source must be (S, B) from batchify (got ${source.ndim} dimensions)`, { expected: 2, actual: source.ndim });
  if (!Number.isInteger(i) || i < 0 || i >= rows - 1) throw new ValueError(op, `i must be a row in [0, ${rows - 1}) (got ${i})`, { expected: [0, rows - 1], actual: i });
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new ConfigError(op, `seqLen must be a positive integer (got ${seqLen})`, { expected: ">= 1", actual: seqLen });
  const T = Math.min(seqLen, rows - 1 - i);
  return { input: narrow(source, 0, i, T), target: narrow(source, 0, i + 1, T) };
}

export interface LanguageModelBatchesOptions {
  /** B, the number of parallel streams. */
  readonly batchSize: number;
  /** T, the steps of one window (the truncation of backpropagation through time). */
  readonly seqLen: number;
}

/**
 * An epoch of language-model windows over a corpus: B streams, windows of T steps in order, so
 * that window k+1 of stream b continues where window k ended. Carry the model's state from one
 * window to the next through {@link detachState}. Every token of the batchified corpus is an
 * input once per epoch except each stream's last, and a target once except each stream's first.
 *
 * ```ts
 * let state = null;
 * for (const { input, target } of new LanguageModelBatches(ids, { batchSize: 32, seqLen: 64 })) {
 *   const [out, next] = lstm.forward(embedding.forward(input), state);   // input (T, B)
 *   state = detachState(next);
 *   ...
 * }
 * ```
 */
export class LanguageModelBatches implements Iterable<LanguageModelBatch> {
  /** (S, B) int64, the streams. */
  readonly source: Tensor;
  readonly seqLen: number;

  constructor(ids: ArrayLike<number>, opts: LanguageModelBatchesOptions) {
    if (opts === undefined) throw new ConfigError("LanguageModelBatches", "options { batchSize, seqLen } are required", { expected: "object", actual: opts });
    checkOptions("LanguageModelBatches", opts, { batchSize: "integer", seqLen: "integer" });
    this.source = batchify(ids, opts.batchSize);
    if (!Number.isInteger(opts.seqLen) || opts.seqLen < 1) {
      throw new ConfigError("LanguageModelBatches", `seqLen must be a positive integer (got ${String(opts.seqLen)})`, { expected: ">= 1", actual: opts.seqLen });
    }
    this.seqLen = opts.seqLen;
  }

  /** Windows per epoch. */
  get length(): number {
    return Math.ceil((this.source.shape[0]! - 1) / this.seqLen);
  }

  /** Window k of the epoch (0 ≤ k < length): for resuming an epoch midway. */
  window(k: number): LanguageModelBatch {
    if (!Number.isInteger(k) || k < 0 || k >= this.length) {
      throw new ValueError("LanguageModelBatches.window", `k must be in [0, ${this.length}) (got ${k})`, { expected: [0, this.length], actual: k });
    }
    return getBatch(this.source, k * this.seqLen, this.seqLen);
  }

  *[Symbol.iterator](): Iterator<LanguageModelBatch> {
    for (let k = 0; k < this.length; k++) yield this.window(k);
  }
}

/** A recurrent state: a tensor, or nested arrays of them (an LSTM's [h, c]). */
export type RecurrentState = Tensor | readonly RecurrentState[];

/**
 * The state with every tensor detached from the graph, so the next window's backward stops
 * here — `repackage_hidden` of word_language_model. null stays null.
 */
export function detachState<S extends RecurrentState | null>(state: S): S {
  if (state === null) return state;
  if (state instanceof Tensor) return detach(state) as S;
  expectArray("detachState", "state", state);
  return (state as readonly RecurrentState[]).map((s) => detachState(s)) as unknown as S;
}
