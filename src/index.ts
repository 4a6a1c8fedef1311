// rnnkit's public API. Everything a user imports comes from here.
import "./autograd/methods.js";

export { Tensor } from "./tensor/tensor.js";
export type { NestedArray, Storage } from "./tensor/tensor.js";
export type { DType } from "./tensor/dtype.js";
export { tensor, zeros, ones, full, arange, eye, oneHot, zerosLike, onesLike, fullLike } from "./tensor/create.js";
export type { TensorOptions, TensorData, ShapeLike } from "./tensor/create.js";
export { printOptions } from "./tensor/print.js";
export { noGrad, enableGrad, isGradEnabled } from "./autograd/mode.js";
export { backward, grad } from "./autograd/engine.js";
export type { BackwardOptions } from "./autograd/engine.js";
export { gradcheck } from "./autograd/gradcheck.js";
export type { GradcheckOptions } from "./autograd/gradcheck.js";
export * from "./autograd/ops/index.js";
export * from "./errors.js";
