// Decoding phonemes from the trained model: greedy (batched over many words, one token a step
// for all of them) and beam search (rnnkit/data's beamSearch, one word at a time).
import { argmax, logSoftmax, maskedFill, noGrad, tensor, type Tensor } from "../../src/index.js";
import { beamSearch } from "../../src/data/index.js";
import { encodeWords, type Vocabularies } from "./batches.js";
import type { DecoderState, G2PModel } from "./model.js";

/** A decoded word: its phonemes and, per output step, the attention over its letters. */
export interface Decoded {
  readonly phonemes: string[];
  /** attention[t][i]: weight of letter i when phoneme t (or the end) was written. */
  readonly attention: number[][];
}

/** Output tokens the decoder may not write (pad and begin): their logits become −∞. */
function forbidden(v: Vocabularies, V: number): Tensor {
  const bad = [v.phonemes.padIndex!, v.phonemes.special("begin")!];
  return tensor(Array.from({ length: V }, (_, i) => bad.includes(i)), { dtype: "bool" });
}

/** At most 2 phonemes a letter (the aligner's bound) and the end token. */
const maxSteps = (letters: number) => 2 * letters + 1;

/** Greedy decoding of `words`, `batchSize` at a time: each step writes every word's most likely phoneme. */
export function greedyDecode(model: G2PModel, v: Vocabularies, words: readonly string[], batchSize = 256): Decoded[] {
  const end = v.phonemes.special("end")!;
  const out: Decoded[] = [];
  noGrad(() => {
    const mask = forbidden(v, v.phonemes.size);
    for (let start = 0; start < words.length; start += batchSize) {
      const batch = words.slice(start, start + batchSize);
      const { letters, lengths } = encodeWords(v, batch);
      let [memory, state] = model.encode(letters, lengths);
      let tokens = tensor(batch.map(() => v.phonemes.special("begin")!), { dtype: "int64" });
      const ids: number[][] = batch.map(() => []);
      const attention: number[][][] = batch.map(() => []);
      const done = batch.map(() => false);
      const Ti = letters.shape[1]!;
      for (let t = 0; t < maxSteps(Ti) && done.some((d) => !d); t++) {
        const [logits, weights, next] = model.step(memory, tokens, state);
        tokens = argmax(maskedFill(logits, mask, -Infinity), 1);
        state = next;
        const chosen = tokens.data;
        const w = weights.data;
        batch.forEach((_, b) => {
          if (done[b]) return;
          attention[b]!.push(Array.from(w.subarray(b * Ti, b * Ti + lengths[b]!)));
          if (chosen[b] === end || ids[b]!.length >= maxSteps(lengths[b]!) - 1) done[b] = true;
          else ids[b]!.push(chosen[b]!);
        });
      }
      batch.forEach((_, b) => out.push({ phonemes: ids[b]!.map((id) => v.phonemes.token(id)), attention: attention[b]! }));
    }
  });
  return out;
}

/** Beam search of width `beamWidth` for each word; the best hypothesis by summed log-probability. */
export function beamDecode(model: G2PModel, v: Vocabularies, words: readonly string[], beamWidth: number): string[][] {
  return noGrad(() => {
    const mask = forbidden(v, v.phonemes.size);
    return words.map((word) => {
      const { letters, lengths } = encodeWords(v, [word]);
      const [memory, state] = model.encode(letters, lengths);
      const step = (token: number, s: DecoderState): readonly [Tensor, DecoderState] => {
        const [logits, , next] = model.step(memory, tensor([token], { dtype: "int64" }), s);
        return [logSoftmax(maskedFill(logits, mask, -Infinity), 1).squeeze(0), next];
      };
      const [best] = beamSearch(step, state, { beamWidth, maxLength: maxSteps(word.length), begin: v.phonemes.special("begin")!, end: v.phonemes.special("end")! });
      return best!.tokens.map((id) => v.phonemes.token(id));
    });
  });
}
