// Every differentiable op's gradient against central finite differences in float64, through
// one helper (gradcheck), over shapes that exercise broadcasting and reductions.
import { test } from "node:test";
import * as R from "../../src/index.js";
import { lcgTensor } from "../helpers/data.js";

const T = (shape: number[], seed: number, lo = -1, hi = 1) => lcgTensor(shape, seed, lo, hi);
const idx = (values: number[], shape = [values.length]) => R.tensor(values, { dtype: "int64", shape });

/** name → [function, inputs]. Positive-only inputs where the op needs them (log, sqrt, pow). */
const cases: Record<string, [(...x: R.Tensor[]) => R.Tensor | R.Tensor[], R.Tensor[]]> = {
  add: [R.add, [T([2, 3], 1), T([3], 2)]],
  "add scalar": [(a) => R.add(a, 2.5), [T([2, 3], 1)]],
  sub: [R.sub, [T([2, 1, 3], 3), T([4, 1], 4)]],
  mul: [R.mul, [T([2, 3], 5), T([2, 1], 6)]],
  div: [R.div, [T([2, 3], 7), T([3], 8, 0.5, 2)]],
  "pow tensor": [R.pow, [T([2, 3], 9, 0.5, 2), T([2, 3], 10)]],
  "pow scalar": [(a) => R.pow(a, 3), [T([4], 11)]],
  maximum: [R.maximum, [T([3, 2], 12), T([2], 13)]],
  minimum: [R.minimum, [T([3, 2], 14), T([3, 1], 15)]],
  neg: [R.neg, [T([5], 16)]],
  exp: [R.exp, [T([2, 3], 17)]],
  log: [R.log, [T([2, 3], 18, 0.1, 3)]],
  sqrt: [R.sqrt, [T([2, 3], 19, 0.1, 3)]],
  abs: [R.abs, [T([2, 3], 20)]],
  tanh: [R.tanh, [T([2, 3], 21, -3, 3)]],
  sigmoid: [R.sigmoid, [T([2, 3], 22, -4, 4)]],
  relu: [R.relu, [T([2, 3], 23)]],
  clamp: [(a) => R.clamp(a, -0.5, 0.4), [T([3, 3], 24)]],
  matmul: [R.matmul, [T([3, 4], 25), T([4, 2], 26)]],
  "matmul batched broadcast": [R.matmul, [T([2, 1, 3, 4], 27), T([3, 4, 2], 28)]],
  "matmul vector": [R.matmul, [T([4], 29), T([2, 4, 3], 30)]],
  "matmul dot": [R.matmul, [T([4], 31), T([4], 32)]],
  linear: [R.linear, [T([2, 3, 4], 33), T([5, 4], 34), T([5], 35)]],
  "linear no bias": [(x, w) => R.linear(x, w), [T([3, 4], 36), T([2, 4], 37)]],
  transpose: [(a) => R.transpose(a, 0, 2), [T([2, 3, 4], 38)]],
  permute: [(a) => R.permute(a, [1, 2, 0]), [T([2, 3, 4], 39)]],
  reshape: [(a) => R.reshape(a, [3, -1]), [T([2, 3, 2], 40)]],
  flatten: [(a) => R.flatten(a, 1), [T([2, 3, 2], 41)]],
  "squeeze/unsqueeze": [(a) => R.unsqueeze(R.squeeze(a, 1), 0), [T([3, 1, 2], 42)]],
  expand: [(a) => R.expand(a, [2, 3, 4]), [T([3, 1], 43)]],
  "sum dims keepdim": [(a) => R.sum(a, [0, 2], true), [T([2, 3, 4], 44)]],
  "sum all": [(a) => R.sum(a), [T([2, 3], 45)]],
  mean: [(a) => R.mean(a, 1), [T([2, 3, 4], 46)]],
  "max dim": [(a) => R.maxDim(a, 1)[0], [T([3, 4], 47)]],
  "min dim keepdim": [(a) => R.minDim(a, 0, true)[0], [T([3, 4], 48)]],
  "max all": [(a) => R.maxAll(a), [T([3, 4], 49)]],
  logsumexp: [(a) => R.logsumexp(a, 1), [T([3, 4], 50, -3, 3)]],
  softmax: [(a) => R.softmax(a, 1), [T([3, 4], 51, -2, 2)]],
  "softmax dim 0": [(a) => R.softmax(a, 0), [T([3, 4], 52, -2, 2)]],
  logSoftmax: [(a) => R.logSoftmax(a, -1), [T([2, 3, 4], 53, -2, 2)]],
  cat: [(a, b) => R.cat([a!, b!], 1), [T([2, 3], 54), T([2, 2], 55)]],
  stack: [(a, b) => R.stack([a!, b!], 1), [T([2, 3], 56), T([2, 3], 57)]],
  split: [(a) => R.split(a, [1, 3], 1), [T([2, 4], 58)]],
  chunk: [(a) => R.chunk(a, 3, 0), [T([5, 2], 59)]],
  slice: [(a) => R.slice(a, 1, 1, 5, 2), [T([2, 6], 60)]],
  narrow: [(a) => R.narrow(a, 0, 1, 2), [T([4, 2], 61)]],
  select: [(a) => R.select(a, 1, -1), [T([2, 3, 2], 62)]],
  unbind: [(a) => R.unbind(a, 1), [T([2, 3], 63)]],
  gather: [(a) => R.gather(a, 1, idx([0, 2, 2, 1, 0, 0], [3, 2])), [T([3, 4], 64)]],
  indexSelect: [(a) => R.indexSelect(a, 0, idx([2, 0, 2])), [T([3, 4], 65)]],
  embedding: [(w) => R.embedding(w, idx([1, 3, 1, 0], [2, 2])), [T([4, 3], 66)]],
  where: [(a, b) => R.where(R.gt(a, 0), a, b), [T([2, 3], 67), T([3], 68)]],
  maskedFill: [(a) => R.maskedFill(a, R.lt(a, 0), 0.5), [T([2, 3], 69)]],
  logSigmoid: [R.logSigmoid, [T([2, 3], 71, -6, 6)]],
  sort: [(a) => R.sort(a, 1)[0], [T([3, 5], 72)]],
  "sort descending dim 0": [(a) => R.sort(a, 0, true)[0], [T([4, 3], 73)]],
  "topk (partial sort path)": [(a) => R.topk(a, 2, -1)[0], [T([2, 130], 74)]],
  "topk smallest dim 0": [(a) => R.topk(a, 2, 0, false)[0], [T([5, 3], 75)]],
  cumsum: [(a) => R.cumsum(a, 1), [T([2, 4, 3], 76)]],
  "cumsum reversed twice (backward of backward path)": [(a) => R.cumsum(R.cumsum(a, 0), 0), [T([5], 77)]],
  cumprod: [(a) => R.cumprod(a, 1), [T([3, 4], 78, 0.5, 1.5)]],
  "cumprod with zeros": [(a) => R.cumprod(a, 0), [R.tensor([1.5, -0.7, 0, 2.0, 0, 0.3], { dtype: "float64", requiresGrad: true })]],
  "cumprod leading zero": [(a) => R.cumprod(a, 0), [R.tensor([0, 1.5, -2.0], { dtype: "float64", requiresGrad: true })]],
  triu: [(a) => R.triu(a, 1), [T([2, 3, 4], 79)]],
  "tril negative diagonal": [(a) => R.tril(a, -1), [T([4, 3], 80)]],
  bmm: [R.bmm, [T([2, 3, 4], 81), T([2, 4, 5], 82)]],
  "cast float64→float64 (identity) and clone": [(a) => R.clone(R.toDType(a, "float64")), [T([3], 70)]],
};

for (const [name, [fn, inputs]] of Object.entries(cases)) {
  test(`gradcheck: ${name}`, () => {
    R.gradcheck(fn, inputs, { name });
  });
}
