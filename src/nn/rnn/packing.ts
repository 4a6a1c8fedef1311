// Variable-length batches: PackedSequence and the functions that pack, unpack and pad, as
// torch.nn.utils.rnn. Packing is differentiable (index selects), so gradients reach the
// padded input.
import { IndexError, ShapeError, ValueError, fmtShape } from "../../errors.js";
import { cat } from "../../autograd/ops/join.js";
import { indexSelect } from "../../autograd/ops/gather.js";
import { expand, reshape, transpose, unsqueeze } from "../../autograd/ops/view.js";
import { full, tensor } from "../../tensor/create.js";
import { checkOptions } from "../../options.js";
import { checkNumel, checkSize } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { checkPacked } from "./check-packed.js";
import { expectTensor, expectTensors } from "../../tensor/expect.js";

/**
 * A batch of sequences of different lengths, stored time-major without padding: `data` holds
 * the rows of step 0 for every sequence, then step 1 for the sequences that are that long, …
 * Shapes: data (N, *) with N = Σ batchSizes; batchSizes (T) int64, non-increasing.
 * `sortedIndices[i]` is the original batch index of the i-th longest sequence;
 * `unsortedIndices` is its inverse (both null when the batch was already sorted).
 */
export class PackedSequence {
  constructor(
    readonly data: Tensor,
    readonly batchSizes: Tensor,
    readonly sortedIndices: Tensor | null = null,
    readonly unsortedIndices: Tensor | null = null,
  ) {
    checkPacked("PackedSequence", data, batchSizes, sortedIndices, unsortedIndices);
  }

  /** Sequence lengths in the original batch order. */
  lengths(): number[] {
    const bs = Array.from(this.batchSizes.data);
    const B = bs[0] ?? 0;
    const sorted = Array.from({ length: B }, (_, i) => bs.filter((n) => n > i).length);
    if (this.sortedIndices === null) return sorted;
    const out = new Array<number>(B);
    Array.from(this.sortedIndices.data).forEach((orig, i) => (out[orig] = sorted[i]!));
    return out;
  }

  toString(): string {
    return `PackedSequence(data=${String(this.data)}, batch_sizes=${String(this.batchSizes)}, sorted_indices=${String(this.sortedIndices)}, unsorted_indices=${String(this.unsortedIndices)})`;
  }
}

function toLengths(op: string, lengths: Tensor | readonly number[]): number[] {
  if (!Array.isArray(lengths)) expectTensor(op, lengths, "lengths");
  const arr = Array.isArray(lengths) ? [...(lengths as readonly number[])] : Array.from((lengths as Tensor).data);
  if (!Array.isArray(lengths) && (lengths as Tensor).ndim !== 1) {
    throw new ShapeError(op, `lengths must be a 1-D tensor (got shape ${fmtShape((lengths as Tensor).shape)})`);
  }
  if (arr.some((v) => !Number.isInteger(v))) throw new ValueError(op, `lengths must be integers (got ${JSON.stringify(arr)})`, { actual: arr });
  return arr;
}

const int64 = (v: readonly number[]) => tensor([...v], { dtype: "int64" });

/**
 * Packs a padded batch. input (T, B, *) — or (B, T, *) with batchFirst — and the length of
 * each sequence. With `enforceSorted` (the default, as PyTorch) lengths must be non-increasing;
 * otherwise the batch is sorted here and the permutation kept in the result.
 */
export function packPaddedSequence(
  input: Tensor, lengths: Tensor | readonly number[], opts: { readonly batchFirst?: boolean; readonly enforceSorted?: boolean } = {},
): PackedSequence {
  const op = "packPaddedSequence";
  checkOptions(op, opts, { batchFirst: "boolean", enforceSorted: "boolean" });
  const batchFirst = opts.batchFirst ?? false;
  const enforceSorted = opts.enforceSorted ?? true;
  expectTensor(op, input);
  if (input.ndim < 2) {
    throw new ShapeError(op, `input must have at least 2 dimensions (T, B, *) (got shape ${fmtShape(input.shape)})`, { actual: input.shape });
  }
  if (input.numel() === 0) throw new ValueError(op, "cannot pack empty tensors");
  let lens = toLengths(op, lengths);
  const x = batchFirst ? transpose(input, 0, 1) : input; // (T, B, *)
  const [T, B] = x.shape as [number, number];
  if (lens.length !== B) {
    throw new ShapeError(op, `expected len(lengths) to be equal to batch_size, but got ${lens.length} (batch_size=${B})`, {
      expected: B, actual: lens.length,
    });
  }
  let sortedIndices: number[] | null = null;
  if (enforceSorted) {
    for (let i = 1; i < B; i++) {
      if (lens[i]! > lens[i - 1]!) {
        throw new ValueError(op, `lengths array must be sorted in decreasing order when enforceSorted is true (got ${JSON.stringify(lens)}); ` +
          "pass { enforceSorted: false } to sort inside", { actual: lens });
      }
    }
  } else {
    sortedIndices = [...lens.keys()].sort((a, b) => lens[b]! - lens[a]! || a - b);
    lens = sortedIndices.map((i) => lens[i]!);
  }
  if (lens[B - 1]! <= 0) {
    throw new ValueError(op, `length of all samples has to be greater than 0, but found an element in lengths that is <= 0 (lengths ${JSON.stringify(lens)})`, {
      expected: "> 0", actual: lens[B - 1],
    });
  }
  if (lens[0]! > T) {
    throw new IndexError(op, `a length (${lens[0]}) is longer than the sequence dimension of the input (${T}; input shape ${fmtShape(input.shape)})`, {
      expected: `<= ${T}`, actual: lens[0],
    });
  }
  const batchSizes: number[] = [];
  for (let t = 0; t < lens[0]!; t++) batchSizes.push(lens.filter((l) => l > t).length);
  const order = sortedIndices ?? [...Array(B).keys()];
  const rows: number[] = []; // row t·B + b of the flattened input, for each packed row
  batchSizes.forEach((n, t) => {
    for (let i = 0; i < n; i++) rows.push(t * B + order[i]!);
  });
  const flat = reshape(x, [T * B, ...x.shape.slice(2)]);
  const data = indexSelect(flat, 0, int64(rows));
  return new PackedSequence(data, int64(batchSizes), sortedIndices === null ? null : int64(sortedIndices),
    sortedIndices === null ? null : int64(invert(sortedIndices)));
}

function invert(perm: readonly number[]): number[] {
  const out = new Array<number>(perm.length);
  perm.forEach((p, i) => (out[p] = i));
  return out;
}

/**
 * Unpacks to a padded batch: [padded (T, B, *) — (B, T, *) with batchFirst — , lengths (B) int64],
 * in the original batch order. `totalLength` pads to a fixed T (at least the longest sequence).
 */
export function padPackedSequence(
  sequence: PackedSequence,
  opts: { readonly batchFirst?: boolean; readonly paddingValue?: number; readonly totalLength?: number } = {},
): [Tensor, Tensor] {
  const op = "padPackedSequence";
  checkOptions(op, opts, { batchFirst: "boolean", paddingValue: "number", totalLength: "any" });
  if (!(sequence instanceof PackedSequence)) throw new ShapeError(op, `sequence must be a PackedSequence (got ${typeof sequence})`, { actual: sequence });
  const bs = Array.from(checkPacked(op, sequence.data, sequence.batchSizes, sequence.sortedIndices, sequence.unsortedIndices));
  const maxT = bs.length;
  const T = opts.totalLength === undefined ? maxT : checkSize(op, "totalLength", opts.totalLength, 0);
  if (T < maxT) {
    throw new ValueError(op, `expected totalLength to be at least the length of the longest sequence in input, but got totalLength=${T} and max sequence length being ${maxT}`, {
      expected: `>= ${maxT}`, actual: T,
    });
  }
  const B = bs[0]!;
  const feature = sequence.data.shape.slice(1);
  checkNumel(op, [T, B, ...feature]);
  const N = sequence.data.shape[0]!;
  const order = sequence.sortedIndices === null ? [...Array(B).keys()] : Array.from(sequence.sortedIndices.data);
  const source = new Array<number>(T * B).fill(N); // row N is the padding row
  let r = 0;
  bs.forEach((n, t) => {
    for (let i = 0; i < n; i++) source[t * B + order[i]!] = r++;
  });
  const pad = full([1, ...feature], opts.paddingValue ?? 0, { dtype: sequence.data.dtype });
  const rows = indexSelect(cat([sequence.data, pad], 0), 0, int64(source));
  const padded = reshape(rows, [T, B, ...feature]);
  return [opts.batchFirst === true ? transpose(padded, 0, 1) : padded, int64(sequence.lengths())];
}

/**
 * Pads a list of tensors (Lᵢ, *) to one tensor (Lmax, B, *) — (B, Lmax, *) with batchFirst —
 * filling with `paddingValue`, on the right (default) or the left.
 */
export function padSequence(
  sequences: readonly Tensor[],
  opts: { readonly batchFirst?: boolean; readonly paddingValue?: number; readonly paddingSide?: "right" | "left" } = {},
): Tensor {
  const op = "padSequence";
  checkOptions(op, opts, { batchFirst: "boolean", paddingValue: "number", paddingSide: { oneOf: ["right", "left"] } });
  expectTensors(op, sequences, "sequences");
  if (sequences.length === 0) throw new ValueError(op, "received an empty list of sequences");
  const trailing = sequences[0]!.shape.slice(1);
  sequences.forEach((s, i) => {
    if (s.ndim < 1 || s.shape.slice(1).join() !== trailing.join()) {
      throw new ShapeError(op, `sequence ${i} has shape ${fmtShape(s.shape)}; every sequence must be (L, ${trailing.join(", ")})`, {
        expected: trailing, actual: s.shape,
      });
    }
  });
  let maxLen = 0; // a loop, not Math.max(...): 130,000 sequences would overflow the stack
  for (const s of sequences) maxLen = Math.max(maxLen, s.shape[0]!);
  const value = opts.paddingValue ?? 0;
  const columns = sequences.map((s) => {
    const missing = maxLen - s.shape[0]!;
    if (missing === 0) return s;
    const fill = expand(full([1, ...trailing], value, { dtype: s.dtype }), [missing, ...trailing]);
    return opts.paddingSide === "left" ? cat([fill, s], 0) : cat([s, fill], 0);
  });
  const stacked = cat(columns.map((c) => unsqueeze(c, 1)), 1); // (Lmax, B, *)
  return opts.batchFirst === true ? transpose(stacked, 0, 1) : stacked;
}

/** Packs a list of tensors (Lᵢ, *): padSequence then packPaddedSequence. */
export function packSequence(sequences: readonly Tensor[], opts: { readonly enforceSorted?: boolean } = {}): PackedSequence {
  expectTensors("packSequence", sequences, "sequences");
  checkOptions("packSequence", opts, { enforceSorted: "boolean" });
  const lengths = sequences.map((s) => s.shape[0]!);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: opts.enforceSorted ?? true });
}

/** Reorders the batch dimension (dim 1) of stacked states by `perm` (used with packed input). */
export function permuteBatch(states: Tensor, perm: Tensor | null): Tensor {
  return perm === null ? states : indexSelect(states, 1, perm);
}

