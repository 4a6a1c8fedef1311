// rnnkit/random: random numbers equal to PyTorch's CPU generator's, draw for draw. It fills
// typed arrays and knows nothing of tensors; the tensor layer calls these fill functions.

export { Generator, DEFAULT_SEED } from "./generator.js";
export type { GeneratorState } from "./generator.js";
export { defaultGenerator, manualSeed, initialSeed, seed } from "./default.js";
export { uniformFill, uniformFloat32, uniformFloat64 } from "./uniform.js";
export { normalFill, standardNormal } from "./normal.js";
export { randintFill, randperm } from "./integers.js";
export type { IntegerOut } from "./integers.js";
export { bernoulliFill } from "./bernoulli.js";
export { Mt19937 } from "./mt19937.js";
export { bernoulliTensorFill } from "./bernoulli.js";
export { exponentialFill, exponentialSample } from "./exponential.js";
export { multinomialCumulativeFill, multinomialKeys } from "./multinomial.js";
export type { MultinomialDims } from "./multinomial.js";
