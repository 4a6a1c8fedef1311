// DataLoader: a dataset in batches, shuffled from a Generator exactly as
// torch.utils.data.DataLoader (num_workers=0) shuffles, then collated.
import { ConfigError, IndexError } from "../errors.js";
import { defaultGenerator, type Generator } from "../random/index.js";
import { defaultCollate } from "./collate.js";
import { RandomSampler, SequentialSampler, batchIndices, checkCount, drawSeed, type Sampler } from "./sampler.js";
import { checkOptions, expectArray } from "../options.js";

/** A dataset: an array, or anything with a length and an item getter (torch's `__len__`/`__getitem__`). */
export type Dataset<T> = readonly T[] | { readonly length: number; get(index: number): T };

export interface DataLoaderOptions<T, B> {
  /** Samples per batch; default 1. */
  readonly batchSize?: number;
  /** Visit the samples in a new random order each epoch (default false). */
  readonly shuffle?: boolean;
  /** The generator of the shuffle; without one, the default generator (as PyTorch's global one). */
  readonly generator?: Generator;
  /** Leave out the last batch when it is short (default false). */
  readonly dropLast?: boolean;
  /** Turns a list of samples into a batch; default {@link defaultCollate}. */
  readonly collateFn?: (samples: T[]) => B;
  /** A sampler of indices instead of `shuffle` (torch's `sampler`). */
  readonly sampler?: Sampler;
}

/** The item of a dataset at `index`. */
export function itemOf<T>(dataset: Dataset<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.length) {
    throw new IndexError("Dataset", `index ${index} is out of range for a dataset of ${dataset.length}`, { expected: [0, dataset.length], actual: index });
  }
  return "get" in dataset ? dataset.get(index) : (dataset as readonly T[])[index]!;
}

/**
 * Batches of a dataset, an epoch per iteration: `for (const batch of loader)`.
 *
 * Each epoch draws what PyTorch's single-process DataLoader draws from the same generator: the
 * iterator's 64-bit base seed (shuffled or not), then with `shuffle` `RandomSampler`'s
 * `randperm(n)` and its `randperm(n)` for an empty tail — so a generator seeded as in PyTorch gives PyTorch's batches,
 * epoch after epoch (`test/data/loader.test.ts` holds this to torch 1.13's output).
 */
export class DataLoader<T, B = unknown> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly generator: Generator | null;
  readonly sampler: Sampler;
  readonly #collate: (samples: T[]) => B;

  constructor(dataset: Dataset<T>, opts: DataLoaderOptions<T, B> = {}) {
    const op = "DataLoader";
    expectArray(op, "dataset", dataset, true);
    checkOptions(op, opts, { batchSize: "integer", shuffle: "boolean", generator: "object", dropLast: "boolean", collateFn: "function", sampler: "object" });
    this.dataset = dataset;
    this.batchSize = checkCount(op, "batchSize", opts.batchSize ?? 1);
    if (this.batchSize === 0) throw new ConfigError(op, "batchSize must be positive (got 0)", { expected: "> 0", actual: 0 });
    if (opts.sampler !== undefined && opts.shuffle === true) {
      throw new ConfigError(op, "sampler and shuffle are mutually exclusive", { expected: "one of them", actual: "both" });
    }
    this.dropLast = opts.dropLast ?? false;
    this.generator = opts.generator ?? null;
    this.sampler = opts.sampler ??
      (opts.shuffle === true
        ? new RandomSampler(dataset.length, opts.generator !== undefined ? { generator: opts.generator } : {})
        : new SequentialSampler(dataset.length));
    this.#collate = opts.collateFn ?? (defaultCollate as unknown as (samples: T[]) => B);
  }

  /** Batches per epoch (torch's `len(loader)`). */
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<B> {
    // `_BaseDataLoaderIter.__init__` draws a base seed for workers from the loader's generator
    // (or the global one) every epoch, shuffled or not, even with no workers; the sampler draws
    // only when the first batch is asked for.
    drawSeed(this.generator ?? defaultGenerator());
    for (const indices of batchIndices(this.sampler, this.batchSize, this.dropLast)) {
      yield this.#collate(indices.map((i) => itemOf(this.dataset, i)));
    }
  }
}
