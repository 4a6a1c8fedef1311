// The functional form of every op, as `torch` and `torch.nn.functional` expose them.
export { add, sub, mul, div, pow, maximum, minimum } from "./binary.js";
export { neg, exp, log, sqrt, abs, sign, tanh, sigmoid, logSigmoid, relu, clamp, toDType } from "./unary.js";
export { eq, ne, lt, le, gt, ge, logicalAnd, logicalOr, logicalNot, isnan, isinf, isfinite } from "./compare.js";
export { reshape, flatten, squeeze, unsqueeze, permute, transpose, expand, clone, detach } from "./view.js";
export { sum, mean, sumTo, maxDim, minDim, maxAll, minAll, argmax, argmin, logsumexp } from "./reduce.js";
export { softmax, logSoftmax } from "./softmax.js";
export { cat, stack, slice, narrow, select, split, chunk, unbind } from "./join.js";
export { gather, indexSelect, embedding, where, maskedFill } from "./gather.js";
export { matmul, linear } from "./matmul.js";
export type { TensorLike } from "./helpers.js";
export { bmm } from "./matmul.js";
export { sort, argsort, topk } from "./sort.js";
export { cumsum, cumprod } from "./scan.js";
export { triu, tril } from "./triangle.js";
export { all, any } from "./logical.js";
