// Metrics: classification (sklearn's definitions), language models, edit distance.
export { accuracy, confusionMatrix, precisionRecallFscore, precisionRecallFscorePerClass } from "./classification.js";
export type { AverageOptions, ConfusionOptions, PerClassScores, ScoreOptions, Scores } from "./classification.js";
export type { Label, Labels } from "./labels.js";
export { bitsPerByte, perplexity } from "./language.js";
export { editDistance, errorRate, wordErrorRate } from "./edit-distance.js";
export type { Sequence } from "./edit-distance.js";
