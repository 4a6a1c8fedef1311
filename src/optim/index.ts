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
export { Adagrad } from "./adagrad.js";
export type { AdagradConfig } from "./adagrad.js";
export type { RMSpropConfig } from "./rmsprop.js";
export * as lrScheduler from "./lr-scheduler.js";
export { LRScheduler, StepLR, CosineAnnealingLR } from "./lr-scheduler.js";
export type { LrGroups, SchedulerStateDict, StepLRStateDict, CosineAnnealingLRStateDict } from "./lr-scheduler.js";
export { LambdaLR, LinearLR, SequentialLR } from "./schedules.js";
export type { LrLambda, LinearLRStateDict, SequentialLRStateDict } from "./schedules.js";
export { OneCycleLR } from "./one-cycle.js";
export type { OneCycleLROptions } from "./one-cycle.js";
export { ReduceLROnPlateau } from "./plateau.js";
export type { ReduceLROnPlateauOptions, ReduceLROnPlateauStateDict } from "./plateau.js";
