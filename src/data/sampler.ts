// Samplers: the order in which a loader visits a dataset's indices, drawn as
// torch.utils.data's SequentialSampler and RandomSampler draw it (torch/utils/data/sampler.py).
import { ConfigError } from "../errors.js";
import { Generator, defaultGenerator, randintFill, randperm } from "../random/index.js";
import { checkOptions } from "../options.js";

/** Something that yields dataset indices, one pass per iteration. */
export interface Sampler extends Iterable<number> {
  /** Number of indices one pass yields. */
  readonly length: number;
}

/** 0, 1, …, n-1, like `SequentialSampler`. */
export class SequentialSampler implements Sampler {
  readonly length: number;

  constructor(n: number) {
    this.length = checkCount("SequentialSampler", "n", n);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i;
  }
}

export interface RandomSamplerOptions {
  /** Draw with replacement (default false: a permutation). */
  readonly replacement?: boolean;
  /** Indices per pass; default n. */
  readonly numSamples?: number;
  /**
   * Where the draws come from. Without one, each pass seeds a fresh generator from a 64-bit
   * draw of the default generator, as PyTorch does from its global one.
   */
  readonly generator?: Generator;
}

/**
 * A random order of 0…n-1, drawn exactly as `torch.utils.data.RandomSampler` draws it:
 * without replacement, `randperm(n)` once per full pass of n (and once more for the tail, even
 * when the tail is empty — PyTorch's `randperm(n)[:numSamples % n]` consumes those draws too);
 * with replacement, `randint(0, n, (32,))` blocks. So the same generator state gives the same
 * order as PyTorch.
 */
export class RandomSampler implements Sampler {
  readonly n: number;
  readonly length: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;

  constructor(n: number, opts: RandomSamplerOptions = {}) {
    checkOptions("RandomSampler", opts, { replacement: "boolean", numSamples: "integer", generator: "object" });
    const op = "RandomSampler";
    this.n = checkCount(op, "n", n);
    this.replacement = opts.replacement ?? false;
    this.length = opts.numSamples === undefined ? this.n : checkCount(op, "numSamples", opts.numSamples);
    if (this.length === 0) {
      // PyTorch: "num_samples should be a positive integer value, but got num_samples=0".
      throw new ConfigError(op, "numSamples must be positive (got 0; is the dataset empty?)", { expected: "> 0", actual: 0 });
    }
    this.generator = opts.generator ?? null;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.n;
    const gen = this.generator ?? new Generator(drawSeed(defaultGenerator()));
    if (this.replacement) {
      // PyTorch: randint blocks of 32, then one block of numSamples % 32 (possibly empty).
      const block = new Float64Array(32);
      for (let k = 0; k < Math.floor(this.length / 32); k++) {
        randintFill(block, 0, n, gen);
        yield* block;
      }
      const tail = new Float64Array(this.length % 32);
      if (tail.length > 0) randintFill(tail, 0, n, gen);
      yield* tail;
      return;
    }
    for (let k = 0; k < Math.floor(this.length / n); k++) yield* randperm(n, gen);
    yield* randperm(n, gen).subarray(0, this.length % n);
  }
}

/** `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: a 64-bit draw modulo 2^63. */
export function drawSeed(gen: Generator): bigint {
  return gen.random64() % (1n << 63n);
}

/** Groups a sampler's indices into batches of `batchSize`, like `BatchSampler`. */
export function* batchIndices(sampler: Iterable<number>, batchSize: number, dropLast: boolean): IterableIterator<number[]> {
  let batch: number[] = [];
  for (const i of sampler) {
    batch.push(i);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0 && !dropLast) yield batch;
}

/** Checks a count argument: a non-negative safe integer. */
export function checkCount(op: string, name: string, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ConfigError(op, `${name} must be a non-negative integer (got ${String(n)})`, { expected: ">= 0", actual: n });
  }
  return n;
}
