// The `nn` namespace: modules, layers, losses, initialisation and utilities.
export { Module, ModuleList, ParameterList } from "./module.js";
export type { StateDict, LoadResult } from "./module.js";
export type { ForwardHook, ForwardPreHook, RemovableHandle } from "./hooks.js";
export { ModuleDict } from "./module-dict.js";
export { ReLU, Tanh, Sigmoid, Identity, LeakyReLU, Softmax, LogSoftmax, Flatten } from "./activation.js";
export { Parameter } from "./parameter.js";
export { Linear } from "./linear.js";
export type { LinearOptions } from "./linear.js";
export { Embedding } from "./embedding.js";
export type { EmbeddingOptions } from "./embedding.js";
export { Dropout, Sequential } from "./containers.js";
export * from "./rnn/index.js";
export { PackedSequence } from "./rnn/packing.js";
export type { TensorModule } from "./containers.js";
export * as init from "./init.js";
export * as functional from "./functional/index.js";
export * from "./loss/index.js";
export * as utils from "./utils/index.js";
