// rnnkit/data: vocabularies, loaders and splits, language-model batching and metrics.
// import { Vocabulary, DataLoader, LanguageModelBatches } from "rnnkit/data";
import "../autograd/methods.js"; // the Tensor methods, for users who import only rnnkit/data

export { Vocabulary, DEFAULT_SPECIAL_TOKENS } from "./vocabulary.js";
export type { VocabularyKind, SpecialName, VocabularyOptions, VocabularyJSON, EncodeOptions, DecodeOptions } from "./vocabulary.js";
export { DataLoader } from "./loader.js";
export type { Dataset, DataLoaderOptions } from "./loader.js";
export { SequentialSampler, RandomSampler } from "./sampler.js";
export type { Sampler, RandomSamplerOptions } from "./sampler.js";
export { defaultCollate, padBatch } from "./collate.js";
export type { PaddedBatch, PadOptions } from "./collate.js";
export { Subset, randomSplit, sequentialSplit } from "./split.js";
export { batchify, getBatch, LanguageModelBatches, detachState } from "./lm-batches.js";
export type { LanguageModelBatch, LanguageModelBatchesOptions, RecurrentState } from "./lm-batches.js";
export * from "./metrics/index.js";
export { sampleLogits } from "./sampling.js";
export type { SampleOptions } from "./sampling.js";
export { beamSearch } from "./beam-search.js";
export type { BeamSearchOptions, DecoderStep, Hypothesis } from "./beam-search.js";
