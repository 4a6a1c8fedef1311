// Deterministic splits of a dataset: torch.utils.data.random_split (the same indices as
// PyTorch after the same seed) and a contiguous split for data whose order matters.
import { ConfigError } from "../errors.js";
import { defaultGenerator, randperm, type Generator } from "../random/index.js";
import { itemOf, type Dataset } from "./loader.js";
import { expectArray } from "../options.js";

/** A view of a dataset at some of its indices, like `torch.utils.data.Subset`. */
export class Subset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];

  constructor(dataset: Dataset<T>, indices: readonly number[]) {
    this.dataset = dataset;
    this.indices = indices;
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    return itemOf(this.dataset, this.indices[itemOf(this.indices, index)]!);
  }

  /** The items, in order. */
  toArray(): T[] {
    return this.indices.map((i) => itemOf(this.dataset, i));
  }
}

/**
 * Split sizes from counts or fractions, as `random_split` computes them: fractions (summing
 * to 1) give `floor(n · f)` each, and the remainder is handed out one by one from the first.
 */
export function splitLengths(op: string, n: number, lengths: readonly number[]): number[] {
  expectArray(op, "lengths", lengths);
  if (lengths.length === 0) throw new ConfigError(op, "lengths must not be empty", { expected: "counts or fractions", actual: lengths });
  // PyTorch: `math.isclose(sum(lengths), 1) and sum(lengths) <= 1` means fractions.
  const sum = lengths.reduce((a, b) => a + b, 0);
  const fractional = Math.abs(sum - 1) <= 1e-9 && sum <= 1 && lengths.every((f) => f >= 0 && f <= 1);
  if (fractional) {
    const sizes = lengths.map((f) => Math.floor(n * f));
    const rest = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < rest; i++) sizes[i % sizes.length]! += 1;
    return sizes;
  }
  if (!lengths.every((c) => Number.isSafeInteger(c) && c >= 0)) {
    throw new ConfigError(op, `lengths must be non-negative integers or fractions summing to 1 (got ${JSON.stringify(lengths)})`, { expected: "counts or fractions", actual: lengths });
  }
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total !== n) {
    throw new ConfigError(op, `sum of input lengths does not equal the length of the input dataset (expected ${n}, got ${total})`, { expected: n, actual: total });
  }
  return [...lengths];
}

/**
 * Splits a dataset into non-overlapping random subsets, like `torch.utils.data.random_split`:
 * `randperm(n, generator)` cut into pieces of the given sizes (counts, or fractions summing to
 * 1). The same seed gives PyTorch's subsets.
 *
 * ```ts
 * const [train, valid, test] = randomSplit(items, [0.8, 0.1, 0.1], new Generator(42));
 * ```
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], generator: Generator = defaultGenerator()): Subset<T>[] {
  expectArray("randomSplit", "dataset", dataset, true);
  const sizes = splitLengths("randomSplit", dataset.length, lengths);
  const perm = Array.from(randperm(dataset.length, generator));
  return cut(dataset, perm, sizes);
}

/**
 * Splits a dataset into consecutive pieces (counts or fractions, as {@link randomSplit}) in its
 * own order: a chronological split, or held-out chapters at the end of a book.
 */
export function sequentialSplit<T>(dataset: Dataset<T>, lengths: readonly number[]): Subset<T>[] {
  expectArray("sequentialSplit", "dataset", dataset, true);
  const sizes = splitLengths("sequentialSplit", dataset.length, lengths);
  return cut(dataset, Array.from({ length: dataset.length }, (_, i) => i), sizes);
}

function cut<T>(dataset: Dataset<T>, order: readonly number[], sizes: readonly number[]): Subset<T>[] {
  let start = 0;
  return sizes.map((size) => {
    const piece = new Subset(dataset, order.slice(start, start + size));
    start += size;
    return piece;
  });
}
