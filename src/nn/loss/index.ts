// Loss functions (modules and functional forms), as torch.nn's losses.
export type { Reduction, LossOptions, WeightedLossOptions } from "./reduction.js";
export { NLLLoss, nllLoss } from "./nll.js";
export type { NLLLossOptions } from "./nll.js";
export { CrossEntropyLoss, crossEntropy } from "./cross-entropy.js";
export type { CrossEntropyLossOptions } from "./cross-entropy.js";
export { MSELoss, L1Loss, mseLoss, l1Loss } from "./regression.js";
export { BCEWithLogitsLoss, binaryCrossEntropyWithLogits } from "./bce.js";
export type { BCEWithLogitsLossOptions } from "./bce.js";
