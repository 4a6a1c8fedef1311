// Words and pronunciations as padded id tensors: the letter and phoneme vocabularies, and
// training batches of similar lengths drawn in a seeded order.
import { Generator, randperm, tensor, type Tensor } from "../../src/index.js";
import { Vocabulary } from "../../src/data/index.js";
import type { Entry } from "./data.js";

export interface Vocabularies {
  /** Letters a–z and pad. */
  readonly letters: Vocabulary;
  /** Phonemes (with stress) and pad, begin, end. */
  readonly phonemes: Vocabulary;
}

/** The vocabularies of the training entries. */
export function buildVocabularies(train: readonly Entry[]): Vocabularies {
  return {
    letters: Vocabulary.build(train.map((e) => e.word).join(""), "char", { specials: ["pad"] }),
    phonemes: Vocabulary.build(train.flatMap((e) => e.pronunciations.flat()), "word", { specials: ["pad", "begin", "end"], order: "sorted" }),
  };
}

/** Letters (B, Ti) int64, right-padded, and the lengths. */
export function encodeWords(v: Vocabularies, words: readonly string[]): { letters: Tensor; lengths: number[] } {
  const ids = words.map((w) => v.letters.encode(w));
  const Ti = Math.max(...ids.map((x) => x.length));
  const pad = v.letters.padIndex!;
  return { letters: tensor(ids.map((x) => [...x, ...new Array<number>(Ti - x.length).fill(pad)]), { dtype: "int64" }), lengths: ids.map((x) => x.length) };
}

/** A training batch: the words, the decoder's inputs (begin + phonemes) and targets (phonemes + end), (B, To) each, padded. */
export interface TrainBatch {
  readonly letters: Tensor;
  readonly lengths: number[];
  readonly inputs: Tensor;
  readonly targets: Tensor;
}

/** One pair (word, pronunciation) per row. */
export function encodePairs(v: Vocabularies, pairs: ReadonlyArray<readonly [string, readonly string[]]>): TrainBatch {
  const { letters, lengths } = encodeWords(v, pairs.map(([w]) => w));
  const seqs = pairs.map(([, p]) => v.phonemes.encode(p));
  const To = Math.max(...seqs.map((s) => s.length)) + 1;
  const pad = v.phonemes.padIndex!;
  const fill = (s: number[]) => [...s, ...new Array<number>(To - s.length).fill(pad)];
  const begin = v.phonemes.special("begin")!;
  const end = v.phonemes.special("end")!;
  return {
    letters, lengths,
    inputs: tensor(seqs.map((s) => fill([begin, ...s])), { dtype: "int64" }),
    targets: tensor(seqs.map((s) => fill([...s, end])), { dtype: "int64" }),
  };
}

/**
 * An epoch's batches of (word, pronunciation) pairs: shuffled with `generator`, then cut into
 * pools of 50 batches, each pool sorted by word length and cut into batches, the batches
 * shuffled again — so a batch holds words of similar length (little padding) and the order
 * still changes every epoch.
 */
export function epochBatches<T extends readonly [string, readonly string[]]>(pairs: readonly T[], batchSize: number, generator: Generator): T[][] {
  const order = Array.from(randperm(pairs.length, { generator }).data);
  const pool = batchSize * 50;
  const batches: T[][] = [];
  for (let start = 0; start < order.length; start += pool) {
    const chunk = order.slice(start, start + pool).map((i) => pairs[i]!).sort((a, b) => a[0].length - b[0].length);
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  const shuffle = Array.from(randperm(batches.length, { generator }).data);
  return shuffle.map((i) => batches[i]!);
}
