// rnnkit's public API: everything a user imports comes from here.
// import { manualSeed, tensor, nn, optim } from "rnnkit";
// Importing rnnkit has one side effect, on purpose: autograd/methods.js puts the ops on Tensor's
// prototype (x.add(y) needs them; the tensor layer cannot define them, as it must not import
// the op table above it), so package.json's `sideEffects` lists it and the entries that import
// it. Nothing else runs at import: the first op chooses the backend and compiles the ~22 KB
// WebAssembly build synchronously (no await before first use); workers start only when needed.
import "./autograd/methods.js";

export { Tensor } from "./tensor/tensor.js";
export type { NestedArray, Storage } from "./tensor/tensor.js";
export type { DType, FloatDType } from "./tensor/dtype.js";
export { tensor, zeros, ones, full, arange, eye, oneHot, zerosLike, onesLike, fullLike } from "./tensor/create.js";
export type { TensorOptions, TensorData, ShapeLike } from "./tensor/create.js";
export { rand, randn, randint, randperm, randLike, randnLike, bernoulli } from "./tensor/random.js";
export type { RandomOptions } from "./tensor/random.js";
export { multinomial } from "./tensor/random.js";
export { printOptions } from "./tensor/print.js";
export { Generator, manualSeed, defaultGenerator, initialSeed, seed } from "./random/index.js";
export type { GeneratorState } from "./random/index.js";
export { noGrad, enableGrad, isGradEnabled } from "./autograd/mode.js";
export { backward, grad } from "./autograd/engine.js";
export type { BackwardOptions } from "./autograd/engine.js";
export type { TensorHook, TensorHookHandle } from "./autograd/hooks.js";
export { gradcheck } from "./autograd/gradcheck.js";
export type { GradcheckOptions } from "./autograd/gradcheck.js";
export * from "./autograd/ops/checked.js";
export { backend, setBackend, availableBackends } from "./backend/index.js";
export { registerBackend } from "./backend/index.js";
export type { Backend, CoreKernels, Kernels, KernelName, StorageType } from "./backend/index.js";
export { setNumThreads, numThreads, threadsReady } from "./backend/index.js";
export { wasmFeature, detectWasmFeature, useWasmFeature, wasmMemoryStats } from "./backend/wasm/index.js";
export type { WasmLevel, WasmMemoryStats } from "./backend/wasm/index.js";
export * from "./errors.js";
export { checkOptions } from "./options.js";
export type { OptionKind, OptionSpec, CheckOptionsSettings } from "./options.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as data from "./data/index.js";
