// Scoring text with a character model: the summed negative log-likelihood of every character
// of a text, given the one before it (and, for the first, a context character).
import { noGrad, tensor, type Tensor } from "../src/index.js";
import type { Vocabulary } from "../src/data/index.js";
import type { CharModel, CharState } from "./model.js";

export interface TextScore {
  /** Summed NLL in nats over every character of the text. */
  readonly totalNll: number;
  /** Characters scored (= the text's code points). */
  readonly chars: number;
  /** Characters not in the vocabulary, scored as the unknown token. */
  readonly unknown: number;
}

/**
 * Scores `text` after `context` (one character or more: its last one is the first input). The
 * text is cut into `streams` contiguous pieces read in parallel in windows of `seqLen`, each
 * piece starting from a zero state after the character before it — so every character is
 * predicted exactly once.
 */
export function scoreText(model: CharModel, vocab: Vocabulary, context: string, text: string, streams = 32, seqLen = 256): TextScore {
  const chars = [...text];
  const ids = vocab.encode([...context].slice(-1).join("") + text);
  const unk = vocab.special("unknown");
  const unknown = unk === null ? 0 : chars.filter((c) => vocab.encode(c)[0] === unk).length;
  const N = ids.length - 1; // targets ids[1..N]
  const B = Math.max(1, Math.min(streams, N));
  const L = Math.ceil(N / B);
  const input = new Float64Array(L * B);
  const target = new Float64Array(L * B);
  const valid = new Uint8Array(L * B);
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < L; r++) {
      const pos = b * L + r; // target position (0-based over ids[1..])
      if (pos >= N) continue;
      input[r * B + b] = ids[pos]!;
      target[r * B + b] = ids[pos + 1]!;
      valid[r * B + b] = 1;
    }
  }
  const wasTraining = model.training;
  model.eval();
  let total = 0;
  noGrad(() => {
    let state: CharState | null = null;
    for (let r0 = 0; r0 < L; r0 += seqLen) {
      const T = Math.min(seqLen, L - r0);
      const x = tensor(input.subarray(r0 * B, (r0 + T) * B), { shape: [T, B], dtype: "int64" });
      const y = tensor(target.subarray(r0 * B, (r0 + T) * B), { shape: [T, B, 1], dtype: "int64" });
      const [logits, next]: [Tensor, CharState] = model.forward(x, state);
      const nll = logits.logSoftmax(2).gather(2, y).data; // (T, B, 1)
      for (let i = 0; i < T * B; i++) if (valid[r0 * B + i] === 1) total -= nll[i]!;
      state = next;
    }
  });
  if (wasTraining) model.train();
  return { totalNll: total, chars: chars.length, unknown };
}
