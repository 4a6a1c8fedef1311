// Type-level tests of rnnkit/data, resolved through package.json's exports. Every line marked
// to expect an error must be one.
import { Generator, type Tensor } from "rnnkit";
import { DataLoader, LanguageModelBatches, Vocabulary, beamSearch, padBatch, precisionRecallFscore, randomSplit, sampleLogits, type Hypothesis, type PaddedBatch, type Subset } from "rnnkit/data";

const vocab = Vocabulary.build("abc", "char", { specials: ["pad"] });
const ids: number[] = vocab.encode("abc");
const text: string = vocab.decode(ids);
const pad: number | null = vocab.padIndex;
void text; void pad;
// @ts-expect-error: the kinds are a closed union
Vocabulary.build("abc", "chars");
// @ts-expect-error: special tokens are named
Vocabulary.build("abc", "char", { specials: ["padding"] });

// The batch type follows the collate function.
const loader = new DataLoader(["ab", "c"], { batchSize: 2, collateFn: (ws: string[]): PaddedBatch => padBatch(ws.map((w) => vocab.encode(w))) });
for (const batch of loader) {
  const data: Tensor = batch.data;
  const lengths: number[] = batch.lengths;
  void data; void lengths;
  // @ts-expect-error: a PaddedBatch has no labels
  void batch.labels;
}
// @ts-expect-error: batchSize is a number
new DataLoader([1, 2], { batchSize: "2" });

const parts: Subset<string>[] = randomSplit(["a", "b"], [1, 1], new Generator(0));
void parts;
const w = new LanguageModelBatches(ids, { batchSize: 1, seqLen: 2 }).window(0);
const input: Tensor = w.input;
void input;
// @ts-expect-error: seqLen is required
new LanguageModelBatches(ids, { batchSize: 1 });

declare const logits: Tensor;
const next: Tensor = sampleLogits(logits, { temperature: 0.8, topK: 5, topP: 0.9 });
void next;
// @ts-expect-error: unknown sampling option
sampleLogits(logits, { topN: 5 });

const best: Hypothesis[] = beamSearch((_token: number, state: number) => [[0, -1], state + 1] as const, 0, { beamWidth: 2, maxLength: 5, begin: 0, end: 1 });
const tokens: number[] = best[0]!.tokens;
void tokens;
const f: number = precisionRecallFscore([1, 0], [1, 1], { average: "macro" }).fscore;
void f;
// @ts-expect-error: the averages are a closed union
precisionRecallFscore([1, 0], [1, 1], { average: "mean" });
