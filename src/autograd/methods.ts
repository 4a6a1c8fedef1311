// Tensor methods: thin wrappers that dispatch to the op functions, attached to the Tensor
// class here so the tensor layer never imports the op table (imports flow one way).
import type { DType } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import { formatTensor } from "../tensor/print.js";
import { Tensor } from "../tensor/tensor.js";
import { backward, type BackwardOptions } from "./engine.js";
import { registerHook, type TensorHook, type TensorHookHandle } from "./hooks.js";
import { combineInPlace, copy_, fill_, inPlace, zero_ } from "./inplace.js";
import type { TensorLike } from "./ops/helpers.js";
import * as F from "./ops/checked.js";
import { bernoulliFill, exponentialFill, type Generator } from "../random/index.js";
import { bernoulli, bernoulliInto, multinomial } from "../tensor/random.js";
import { requireFloat } from "./ops/helpers.js";
import { noGrad } from "./mode.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    pow(exponent: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor;
    minimum(other: TensorLike): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    clamp(min?: number | null, max?: number | null): Tensor;
    eq(other: TensorLike): Tensor;
    ne(other: TensorLike): Tensor;
    lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor;
    gt(other: TensorLike): Tensor;
    ge(other: TensorLike): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    logicalNot(): Tensor;
    matmul(other: Tensor): Tensor;
    /** The transpose of a 2-D tensor (a 0- or 1-D tensor is returned as is). */
    t(): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    permute(...dims: number[]): Tensor;
    reshape(...shape: number[] | [Shape]): Tensor;
    view(...shape: number[] | [Shape]): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    squeeze(dim?: number): Tensor;
    unsqueeze(dim: number): Tensor;
    expand(...shape: number[] | [Shape]): Tensor;
    expandAs(other: Tensor): Tensor;
    sum(dim?: number | readonly number[], keepdim?: boolean): Tensor;
    mean(dim?: number | readonly number[], keepdim?: boolean): Tensor;
    /** The maximum of all elements; or, with a dim, `[values, indices]` along it. */
    max(): Tensor;
    max(dim: number, keepdim?: boolean): [Tensor, Tensor];
    min(): Tensor;
    min(dim: number, keepdim?: boolean): [Tensor, Tensor];
    argmax(dim?: number, keepdim?: boolean): Tensor;
    argmin(dim?: number, keepdim?: boolean): Tensor;
    logsumexp(dim: number | readonly number[], keepdim?: boolean): Tensor;
    softmax(dim: number): Tensor;
    logSoftmax(dim: number): Tensor;
    select(dim: number, index: number): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    slice(dim: number, start?: number, end?: number, step?: number): Tensor;
    indexSelect(dim: number, index: Tensor): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    split(splitSize: number | readonly number[], dim?: number): Tensor[];
    chunk(chunks: number, dim?: number): Tensor[];
    unbind(dim?: number): Tensor[];
    maskedFill(mask: Tensor, value: number): Tensor;
    detach(): Tensor;
    clone(): Tensor;
    /** Tensors are always contiguous; returns the tensor itself. */
    contiguous(): Tensor;
    to(dtype: DType): Tensor;
    float(): Tensor;
    double(): Tensor;
    long(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    /** Calls `hook(grad)` with this tensor's gradient in every backward; a tensor it returns replaces the gradient. */
    registerHook(hook: TensorHook): TensorHookHandle;
    /** Accumulates the gradient of this tensor into the leaves of its graph. */
    backward(gradient?: Tensor | null, opts?: BackwardOptions): void;
    zero_(): Tensor;
    fill_(value: number): Tensor;
    copy_(src: Tensor): Tensor;
    add_(other: TensorLike, alpha?: number): Tensor;
    sub_(other: TensorLike, alpha?: number): Tensor;
    mul_(other: TensorLike): Tensor;
    div_(other: TensorLike): Tensor;
    clamp_(min?: number | null, max?: number | null): Tensor;
    toString(): string;
  }
}

/** Accepts shapes given as an array or as separate numbers: `reshape([2, 3])` or `reshape(2, 3)`. */
function shapeArg(args: number[] | [Shape]): Shape {
  return Array.isArray(args[0]) ? (args[0] as Shape) : (args as number[]);
}

const P = Tensor.prototype;
P.add = function (o) { return F.add(this, o); };
P.sub = function (o) { return F.sub(this, o); };
P.mul = function (o) { return F.mul(this, o); };
P.div = function (o) { return F.div(this, o); };
P.pow = function (e) { return F.pow(this, e); };
P.maximum = function (o) { return F.maximum(this, o); };
P.minimum = function (o) { return F.minimum(this, o); };
P.neg = function () { return F.neg(this); };
P.exp = function () { return F.exp(this); };
P.log = function () { return F.log(this); };
P.sqrt = function () { return F.sqrt(this); };
P.abs = function () { return F.abs(this); };
P.sign = function () { return F.sign(this); };
P.tanh = function () { return F.tanh(this); };
P.sigmoid = function () { return F.sigmoid(this); };
P.relu = function () { return F.relu(this); };
P.clamp = function (min, max) { return F.clamp(this, min, max); };
P.eq = function (o) { return F.eq(this, o); };
P.ne = function (o) { return F.ne(this, o); };
P.lt = function (o) { return F.lt(this, o); };
P.le = function (o) { return F.le(this, o); };
P.gt = function (o) { return F.gt(this, o); };
P.ge = function (o) { return F.ge(this, o); };
P.isnan = function () { return F.isnan(this); };
P.isinf = function () { return F.isinf(this); };
P.isfinite = function () { return F.isfinite(this); };
P.logicalNot = function () { return F.logicalNot(this); };
P.matmul = function (o) { return F.matmul(this, o); };
P.t = function () { return this.ndim < 2 ? this : F.transpose(this, 0, 1); };
P.transpose = function (a, b) { return F.transpose(this, a, b); };
P.permute = function (...dims) { return F.permute(this, dims); };
P.reshape = function (...shape) { return F.reshape(this, shapeArg(shape)); };
P.view = function (...shape) { return F.reshape(this, shapeArg(shape)); };
P.flatten = function (s, e) { return F.flatten(this, s, e); };
P.squeeze = function (d) { return F.squeeze(this, d); };
P.unsqueeze = function (d) { return F.unsqueeze(this, d); };
P.expand = function (...shape) { return F.expand(this, shapeArg(shape)); };
P.expandAs = function (o) { return F.expand(this, o.shape); };
P.sum = function (d, k) { return F.sum(this, d, k); };
P.mean = function (d, k) { return F.mean(this, d, k); };
P.max = function (this: Tensor, dim?: number, keepdim?: boolean) {
  return dim === undefined ? F.maxAll(this) : F.maxDim(this, dim, keepdim);
} as Tensor["max"];
P.min = function (this: Tensor, dim?: number, keepdim?: boolean) {
  return dim === undefined ? F.minAll(this) : F.minDim(this, dim, keepdim);
} as Tensor["min"];
P.argmax = function (d, k) { return F.argmax(this, d, k); };
P.argmin = function (d, k) { return F.argmin(this, d, k); };
P.logsumexp = function (d, k) { return F.logsumexp(this, d, k); };
P.softmax = function (d) { return F.softmax(this, d); };
P.logSoftmax = function (d) { return F.logSoftmax(this, d); };
P.select = function (d, i) { return F.select(this, d, i); };
P.narrow = function (d, s, l) { return F.narrow(this, d, s, l); };
P.slice = function (d, s, e, st) { return F.slice(this, d, s, e, st); };
P.indexSelect = function (d, i) { return F.indexSelect(this, d, i); };
P.gather = function (d, i) { return F.gather(this, d, i); };
P.split = function (s, d) { return F.split(this, s, d); };
P.chunk = function (c, d) { return F.chunk(this, c, d); };
P.unbind = function (d) { return F.unbind(this, d); };
P.maskedFill = function (m, v) { return F.maskedFill(this, m, v); };
P.detach = function () { return F.detach(this); };
P.clone = function () { return F.clone(this); };
P.contiguous = function () { return this; };
P.to = function (dtype) { return F.toDType(this, dtype); };
P.float = function () { return F.toDType(this, "float32"); };
P.double = function () { return F.toDType(this, "float64"); };
P.long = function () { return F.toDType(this, "int64"); };
P.int = function () { return F.toDType(this, "int32"); };
P.bool = function () { return F.toDType(this, "bool"); };
P.registerHook = function (hook) { return registerHook(this, hook); };
P.backward = function (gradient, opts) { backward(this, gradient ?? undefined, opts); };
P.zero_ = function () { return zero_(this); };
P.fill_ = function (v) { return fill_(this, v); };
P.copy_ = function (src) { return copy_(this, src); };
P.add_ = function (o, alpha = 1) { return combineInPlace("add_", this, o, (x, y) => x + alpha * y); };
P.sub_ = function (o, alpha = 1) { return combineInPlace("sub_", this, o, (x, y) => x - alpha * y); };
P.mul_ = function (o) { return combineInPlace("mul_", this, o, (x, y) => x * y); };
P.div_ = function (o) { return combineInPlace("div_", this, o, (x, y) => x / y); };
P.clamp_ = function (min, max) {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  return combineInPlace("clamp_", this, 0, (x) => (Number.isNaN(x) ? x : Math.min(Math.max(x, lo), hi)));
};
P.toString = function () { return formatTensor(this); };
Object.defineProperty(P, Symbol.for("nodejs.util.inspect.custom"), {
  value: function (this: Tensor) { return formatTensor(this); },
});

declare module "../tensor/tensor.js" {
  interface Tensor {
    bmm(other: Tensor): Tensor;
    /** `[values, indices]` sorted along `dim` (see {@link F.sort}). */
    sort(dim?: number, descending?: boolean, stable?: boolean): [Tensor, Tensor];
    argsort(dim?: number, descending?: boolean, stable?: boolean): Tensor;
    topk(k: number, dim?: number, largest?: boolean, sorted?: boolean): [Tensor, Tensor];
    cumsum(dim: number, opts?: { readonly dtype?: DType }): Tensor;
    cumprod(dim: number, opts?: { readonly dtype?: DType }): Tensor;
    triu(diagonal?: number): Tensor;
    tril(diagonal?: number): Tensor;
    all(dim?: number | readonly number[], keepdim?: boolean): Tensor;
    any(dim?: number | readonly number[], keepdim?: boolean): Tensor;
    /** Category indices drawn from this tensor of probabilities, as `torch.multinomial` (see {@link multinomial}). */
    multinomial(numSamples: number, replacement?: boolean, opts?: { readonly generator?: Generator }): Tensor;
    /** Bernoulli draws with this tensor's elements as probabilities, as `torch.bernoulli(self)`. */
    bernoulli(opts?: { readonly generator?: Generator }): Tensor;
    /** Overwrites every element with a Bernoulli draw of probability `p` (a number, or a tensor broadcast to this shape). */
    bernoulli_(p?: number | Tensor, opts?: { readonly generator?: Generator }): Tensor;
    /** Overwrites every element with an Exp(lambd) draw, as ATen's own CPU code draws them (not MKL's). */
    exponential_(lambd?: number, opts?: { readonly generator?: Generator }): Tensor;
  }
}

P.bmm = function (o) { return F.bmm(this, o); };
P.sort = function (d, desc, st) { return F.sort(this, d, desc, st); };
P.argsort = function (d, desc, st) { return F.argsort(this, d, desc, st); };
P.topk = function (k, d, l, s) { return F.topk(this, k, d, l, s); };
P.cumsum = function (d, o) { return F.cumsum(this, d, o); };
P.cumprod = function (d, o) { return F.cumprod(this, d, o); };
P.triu = function (d) { return F.triu(this, d); };
P.tril = function (d) { return F.tril(this, d); };
P.all = function (d, k) { return F.all(this, d, k); };
P.any = function (d, k) { return F.any(this, d, k); };
P.multinomial = function (n, r, o) { return multinomial(this, n, r, o); };
P.bernoulli = function (o) { return bernoulli(this, o); };
P.bernoulli_ = function (p = 0.5, o = {}) {
  return inPlace("bernoulli_", this, (d) => {
    if (typeof p === "number") bernoulliFill(d as Float32Array, p, o.generator);
    else bernoulliInto(this, p, o.generator);
  });
};
P.exponential_ = function (lambd = 1, o = {}) {
  requireFloat("exponential_", this, "self");
  return inPlace("exponential_", this, (d) => exponentialFill(d as Float32Array | Float64Array, lambd, o.generator));
};

declare module "../tensor/tensor.js" {
  interface Tensor {
    sin(): Tensor;
    cos(): Tensor;
    nanToNum(nan?: number, posinf?: number | null, neginf?: number | null): Tensor;
    flip(...dims: number[] | [readonly number[]]): Tensor;
    roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor;
    /** Repeats along each dimension (`sizes` has at least ndim entries), as `Tensor.repeat`. */
    repeat(...sizes: number[] | [readonly number[]]): Tensor;
    tile(...dims: number[] | [readonly number[]]): Tensor;
    /** Variance with Bessel's `correction` (1 by default), as `Tensor.var`. */
    var(dim?: number | readonly number[], opts?: F.MomentOptions): Tensor;
    std(dim?: number | readonly number[], opts?: F.MomentOptions): Tensor;
    norm(p?: number | "fro", dim?: number | readonly number[], keepdim?: boolean): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number): Tensor;
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    indexPut(indices: readonly Tensor[], values: Tensor | number, accumulate?: boolean): Tensor;
    /** In-place `scatter` (not recorded in a graph), as `Tensor.scatter_`. */
    scatter_(dim: number, index: Tensor, src: Tensor | number): Tensor;
    scatterAdd_(dim: number, index: Tensor, src: Tensor): Tensor;
    /** Index assignment `x[indices] = values` in place (not recorded in a graph), as `Tensor.index_put_`. */
    indexPut_(indices: readonly Tensor[], values: Tensor | number, accumulate?: boolean): Tensor;
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
  }
}

/** Dims given as numbers or as one array: `flip(0, 1)` or `flip([0, 1])`. */
function dimsArg(args: number[] | [readonly number[]]): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

/** Writes the out-of-place result of `fn` into t, as the in-place form of an op. */
function intoSelf(op: string, t: Tensor, fn: () => Tensor): Tensor {
  const out = noGrad(fn);
  return inPlace(op, t, (d) => d.set(out.data));
}

P.sin = function () { return F.sin(this); };
P.cos = function () { return F.cos(this); };
P.nanToNum = function (n, p, m) { return F.nanToNum(this, n, p, m); };
P.flip = function (...dims) { return F.flip(this, dimsArg(dims)); };
P.roll = function (s, d) { return F.roll(this, s, d); };
P.repeat = function (...sizes) { return F.repeat(this, dimsArg(sizes)); };
P.tile = function (...dims) { return F.tile(this, dimsArg(dims)); };
P.var = function (d, o) { return F.variance(this, d, o); };
P.std = function (d, o) { return F.std(this, d, o); };
P.norm = function (p, d, k) { return F.norm(this, p, d, k); };
P.scatter = function (d, i, s) { return F.scatter(this, d, i, s); };
P.scatterAdd = function (d, i, s) { return F.scatterAdd(this, d, i, s); };
P.indexPut = function (i, v, a) { return F.indexPut(this, i, v, a); };
P.scatter_ = function (d, i, s) { return intoSelf("scatter_", this, () => F.scatter(this, d, i, s)); };
P.scatterAdd_ = function (d, i, s) { return intoSelf("scatterAdd_", this, () => F.scatterAdd(this, d, i, s)); };
P.indexPut_ = function (i, v, a) { return intoSelf("indexPut_", this, () => F.indexPut(this, i, v, a)); };
P.diagonal = function (o, a, b) { return F.diagonal(this, o, a, b); };
