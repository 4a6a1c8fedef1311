// The trained G2P model in one rnnkit checkpoint file: its weights, plus its configuration and
// both vocabularies as the checkpoint's JSON, so a later run rebuilds it without the data.
import { Vocabulary } from "../../src/data/index.js";
import { loadCheckpoint, saveCheckpoint } from "../../src/io/node/index.js";
import type { Vocabularies } from "./batches.js";
import { G2PModel, type G2PConfig } from "./model.js";

interface Extra {
  readonly config: G2PConfig;
  readonly letters: unknown;
  readonly phonemes: unknown;
  readonly seed: number;
}

/** Writes the model, its vocabularies and the split's seed to `path` (atomically). */
export async function saveG2P(path: string, model: G2PModel, vocab: Vocabularies, o: { step: number; seed: number }): Promise<void> {
  const extra: Extra = { config: model.config, letters: vocab.letters.toJSON(), phonemes: vocab.phonemes.toJSON(), seed: o.seed };
  await saveCheckpoint(path, { model, step: o.step, extra });
}

/** Rebuilds the model saved by {@link saveG2P}. */
export async function loadG2P(path: string): Promise<{ model: G2PModel; vocab: Vocabularies; step: number | null; seed: number }> {
  const ck = await loadCheckpoint(path);
  const extra = ck.extra as Extra;
  const model = new G2PModel(extra.config);
  model.loadStateDict(ck.model);
  model.eval();
  return { model, vocab: { letters: Vocabulary.fromJSON(extra.letters), phonemes: Vocabulary.fromJSON(extra.phonemes) }, step: ck.step, seed: extra.seed };
}
