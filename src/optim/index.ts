// Optimizers and learning-rate schedulers, as torch.optim.
export { Optimizer } from "./optimizer.js";
export type {
  BaseConfig, ParamGroup, ParamGroupInput, ParamsInput, ParamState, StateValue, OptimizerStateDict, StateSpec,
} from "./optimizer.js";
export type { SerializedTensor, JsonNumber } from "./serialize.js";
export { SGD } from "./sgd.js";
export type { SGDConfig } from "./sgd.js";
export { Adam, AdamW } from "./adam.js";
export type { AdamConfig } from "./adam.js";
export { RMSprop } from "./rmsprop.js";
export type { RMSpropConfig } from "./rmsprop.js";
export * as lrScheduler from "./lr-scheduler.js";
export { LRScheduler, StepLR, CosineAnnealingLR } from "./lr-scheduler.js";
export type { LrGroups, SchedulerStateDict, StepLRStateDict, CosineAnnealingLRStateDict } from "./lr-scheduler.js";
