// Random tensors, drawn exactly as PyTorch's CPU generator draws them after the same seed.
import { ConfigError } from "../errors.js";
import { bernoulliFill, normalFill, randintFill, randperm as randpermFill, uniformFill, type Generator } from "../random/index.js";
import { checkDType, toShape, type ShapeLike, type TensorOptions } from "./create.js";
import { allocate, isFloating, type DType } from "./dtype.js";
import { numel } from "./shape.js";
import { fromData, type Tensor } from "./tensor.js";

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
  const s = toShape("rand", shape);
  const dtype = floatDType("rand", opts.dtype);
  const data = allocate(dtype, numel(s));
  uniformFill(data, 0, 1, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** Standard normal N(0, 1). */
export function randn(shape: ShapeLike, opts: RandomOptions = {}): Tensor {
  const s = toShape("randn", shape);
  const dtype = floatDType("randn", opts.dtype);
  const data = allocate(dtype, numel(s));
  normalFill(data, 0, 1, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** Integers uniform on [low, high); int64 unless `dtype` says otherwise. */
export function randint(low: number, high: number, shape: ShapeLike, opts: RandomOptions = {}): Tensor {
  const s = toShape("randint", shape);
  const dtype = checkDType("randint", opts.dtype ?? "int64");
  const data = allocate(dtype, numel(s));
  randintFill(data, low, high, opts.generator);
  return fromData(data, s, dtype, opts.requiresGrad ?? false);
}

/** A random permutation of 0 … n−1 (int64). */
export function randperm(n: number, opts: { readonly generator?: Generator } = {}): Tensor {
  const data = randpermFill(n, opts.generator);
  return fromData(data, [n], "int64");
}

export function randLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return rand(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

export function randnLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return randn(t.shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

/** 1 with probability p, else 0, for each element (as `torch.bernoulli(torch.full(shape, p))`'s draws). */
export function bernoulli(shape: ShapeLike, p: number, opts: RandomOptions = {}): Tensor {
  const s = toShape("bernoulli", shape);
  const dtype = floatDType("bernoulli", opts.dtype);
  const data = allocate(dtype, numel(s));
  bernoulliFill(data, p, opts.generator);
  return fromData(data, s, dtype);
}
