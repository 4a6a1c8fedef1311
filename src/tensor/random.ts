// Random tensors, drawn exactly as PyTorch's CPU generator draws them after the same seed.
import { ConfigError, DTypeError, ShapeError, fmtShape } from "../errors.js";
import { kernels } from "../backend/index.js";
import {
  bernoulliFill, bernoulliTensorFill, multinomialCumulativeFill, multinomialKeys, normalFill, randintFill, randperm as randpermFill, uniformFill, type Generator,
} from "../random/index.js";
import { checkDType, toShape, type ShapeLike, type TensorOptions } from "./create.js";
import { allocate, isFloating, type DType } from "./dtype.js";
import { broadcastShapes, broadcastStrides, checkNumel, checkSize, numel, sameShape } from "./shape.js";
import { fromData, Tensor } from "./tensor.js";
import { expectTensor } from "./expect.js";
import { checkOptions, type OptionSpec } from "../options.js";
import { TENSOR_OPTIONS } from "./create.js";

const RANDOM_OPTIONS: OptionSpec = { ...TENSOR_OPTIONS, generator: "object" };

export interface RandomOptions extends TensorOptions {
  /** The generator to draw from (the default generator, seeded by `manualSeed`, when omitted). */
  readonly generator?: Generator;
}

function floatDType(op: string, dtype: DType | undefined): "float32" | "float64" {
  const d = checkDType(op, dtype ?? "float32");
  if (!isFloating(d)) {
    throw new ConfigError(op, `dtype must be float32 or float64 (got ${d})`, { expected: "float32 or float64", actual: d });
  }
  return d;
}

/** Uniform on [0, 1). */
export function rand(shape: ShapeLike, opts: RandomOptions = {}): Tensor {
  checkOptions("rand", opts, RANDOM_OPTIONS);
  const s = toShape("rand", shape);
  const dtype = floatDType("rand", opts.dtype);
  const data = allocate(dtype, numel(s));
  uniformFill(data, 0, 1, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** Standard normal N(0, 1). */
export function randn(shape: ShapeLike, opts: RandomOptions = {}): Tensor {
  checkOptions("randn", opts, RANDOM_OPTIONS);
  const s = toShape("randn", shape);
  const dtype = floatDType("randn", opts.dtype);
  const data = allocate(dtype, numel(s));
  normalFill(data, 0, 1, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** Integers uniform on [low, high); int64 unless `dtype` says otherwise. */
export function randint(low: number, high: number, shape: ShapeLike, opts: RandomOptions = {}): Tensor {
  checkOptions("randint", opts, RANDOM_OPTIONS);
  const s = toShape("randint", shape);
  const dtype = checkDType("randint", opts.dtype ?? "int64");
  const data = allocate(dtype, numel(s));
  randintFill(data, low, high, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** A random permutation of 0 … n−1 (int64). */
export function randperm(n: number, opts: { readonly generator?: Generator } = {}): Tensor {
  checkOptions("randperm", opts, { generator: "object" });
  checkSize("randperm", "n", n);
  const data = randpermFill(n, opts.generator);
  return fromData(data, [n], "int64");
}

export function randLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  checkOptions("randLike", opts, RANDOM_OPTIONS);
  expectTensor("randLike", t);
  return rand(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

export function randnLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  checkOptions("randnLike", opts, RANDOM_OPTIONS);
  expectTensor("randnLike", t);
  return randn(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

/**
 * Bernoulli draws: 1 with probability p, else 0.
 *
 * `bernoulli(probs)` — as `torch.bernoulli(probs)`: one draw per element of `probs` (any
 * shape, float32 or float64, values in [0, 1]); the result has probs' shape and dtype. The draw
 * follows the dtype: float32 probabilities take one 32-bit draw each, float64 one 64-bit draw.
 *
 * `bernoulli(shape, p)` — as `torch.empty(shape).bernoulli_(p)` with a scalar p (one 64-bit
 * draw per element whatever the dtype, float32 by default). This is not
 * `torch.bernoulli(torch.full(shape, p))`, whose float32 probabilities draw 32 bits each.
 */
export function bernoulli(probs: Tensor, opts?: { readonly generator?: Generator }): Tensor;
export function bernoulli(shape: ShapeLike, p: number, opts?: RandomOptions): Tensor;
export function bernoulli(a: Tensor | ShapeLike, b?: number | RandomOptions | { readonly generator?: Generator }, c: RandomOptions = {}): Tensor {
  if (a instanceof Tensor) {
    const out = fromData(allocate(a.dtype, a.numel()), a.shape, a.dtype);
    bernoulliInto(out, a, (b as RandomOptions | undefined)?.generator);
    return out;
  }
  const s = toShape("bernoulli", a);
  const dtype = floatDType("bernoulli", c.dtype);
  const data = allocate(dtype, numel(s));
  bernoulliFill(data, b as number, c.generator);
  return fromData(data, s, dtype);
}

/**
 * Fills `out`'s storage with draws of probabilities `p` broadcast to out's shape, as
 * `out.bernoulli_(p)` (the caller bumps the version); see {@link bernoulli}.
 */
export function bernoulliInto(out: Tensor, p: Tensor, generator?: Generator): void {
  if (!isFloating(p.dtype)) {
    throw new DTypeError("bernoulli", `probabilities must be a floating point tensor (got ${p.dtype})`, { expected: "float32 or float64", actual: p.dtype });
  }
  const shape = broadcastShapes("bernoulli", out.shape, p.shape);
  if (!sameShape(shape, out.shape)) {
    throw new ShapeError("bernoulli", `p of shape ${fmtShape(p.shape)} does not broadcast to the output's shape ${fmtShape(out.shape)}`, {
      expected: fmtShape(out.shape), actual: fmtShape(p.shape),
    });
  }
  let probs = p.data as Float32Array | Float64Array;
  if (!sameShape(p.shape, out.shape)) {
    probs = p.dtype === "float64" ? new Float64Array(out.numel()) : new Float32Array(out.numel());
    kernels().stridedCopy(out.shape, p.data, broadcastStrides(p.shape, out.shape), 0, probs);
  }
  bernoulliTensorFill(out.data as Float32Array | Float64Array | Int32Array | Uint8Array, probs, generator);
}

/**
 * Category indices drawn from each row of `probs` — (C) or (R, C), nonnegative weights that need
 * not sum to 1 — as `torch.multinomial(probs, numSamples, replacement)` draws them after the same
 * seed: (numSamples) or (R, numSamples), int64. Without replacement the indices of a row are
 * distinct and come in the order of ATen's top-k of p / Exp(1) draws; those draws are ATen's own
 * exponential code, which PyTorch builds with MKL replace (so those builds give other samples).
 * Draws with replacement search the cumulative distribution, as torch 1.13 does even for one
 * sample (later releases draw a single sample with replacement as without).
 */
export function multinomial(probs: Tensor, numSamples: number, replacement = false, opts: { readonly generator?: Generator } = {}): Tensor {
  checkOptions("multinomial", opts, { generator: "object" });
  expectTensor("multinomial", probs, "probs");
  if (probs.ndim < 1 || probs.ndim > 2) {
    throw new ShapeError("multinomial", `prob_dist must be 1 or 2 dim (got shape ${fmtShape(probs.shape)})`, { expected: "1 or 2", actual: probs.ndim });
  }
  if (!isFloating(probs.dtype)) {
    throw new DTypeError("multinomial", `only supports floating-point dtypes for input (got ${probs.dtype})`, { expected: "float32 or float64", actual: probs.dtype });
  }
  if (!Number.isInteger(numSamples) || numSamples <= 0) {
    throw new ConfigError("multinomial", `cannot sample numSamples <= 0 samples (got ${numSamples})`, { expected: "> 0", actual: numSamples });
  }
  const nCat = probs.shape[probs.ndim - 1]!;
  if (nCat > 2 ** 24) {
    throw new ConfigError("multinomial", `number of categories cannot exceed 2^24 (got ${nCat})`, { expected: "<= 16777216", actual: nCat });
  }
  if (!replacement && numSamples > nCat) {
    throw new ConfigError("multinomial", `cannot sample numSamples > probs.size(-1) samples without replacement (got ${numSamples} > ${nCat})`, {
      expected: `<= ${nCat}`, actual: numSamples,
    });
  }
  const nDist = probs.ndim === 2 ? probs.shape[0]! : 1;
  const dims = { nDist, nCat, nSample: numSamples };
  checkNumel("multinomial", [nDist, numSamples]);
  const p = probs.data as Float32Array | Float64Array;
  const out = allocate("int64", nDist * numSamples);
  if (replacement) {
    multinomialCumulativeFill(p, dims, out, opts.generator);
  } else if (nDist > 0) {
    const keys = multinomialKeys(p, dims, opts.generator);
    if (numSamples === 1) firstMaxPerRow(keys, nDist, nCat, out);
    else kernels().topkLines(keys, nDist, nCat, 1, numSamples, true, true, new Float64Array(out.length), out);
  }
  return fromData(out, probs.ndim === 2 ? [nDist, numSamples] : [numSamples], "int64");
}

/** The index of the first largest element of each row (argmax; a NaN, from 0/0, wins as in ATen). */
function firstMaxPerRow(keys: Float32Array | Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < cols && !Number.isNaN(keys[r * cols + best]!); j++) {
      const v = keys[r * cols + j]!;
      if (Number.isNaN(v) || v > keys[r * cols + best]!) best = j;
    }
    out[r] = best;
  }
}
