// The grapheme-to-phoneme model: a bidirectional LSTM reads the letters, an LSTM decoder writes
// the phonemes, and Luong's global attention ("general" score) looks back at the letters.
import { bmm, cat, maskedFill, nn, softmax, tanh, tensor, type Tensor } from "../../src/index.js";

const { packPaddedSequence, padPackedSequence } = nn.utils.rnn;

export interface G2PConfig {
  readonly letters: number;
  readonly phonemes: number;
  /** Embedding size of letters and phonemes. */
  readonly embed: number;
  /** Hidden size of each encoder direction; the decoder's is twice it. */
  readonly hidden: number;
  readonly letterPad: number;
}

/** What the decoder attends to, computed once per batch of words. */
export interface Memory {
  /** Encoder outputs (B, Ti, 2H), both directions. */
  readonly values: Tensor;
  /** W_a · values (B, 2H, Ti), transposed for the score product. */
  readonly keys: Tensor;
  /** True at padded input positions (B, 1, Ti). */
  readonly padding: Tensor;
}

/** The decoder's state (1, B, 2H) each. */
export type DecoderState = readonly [Tensor, Tensor];

/**
 * Encoder: embedding, then a bidirectional LSTM over the packed letters (padding is never
 * read). Decoder: an LSTM started from the encoder's final states (forward and backward
 * concatenated), reading the previous phoneme. At each output step t, with decoder output
 * h_t and encoder outputs s_1..s_Ti:
 *
 *     a_t = softmax_i(h_tᵀ W_a s_i)      (padded i masked out)
 *     c_t = Σ_i a_t,i s_i
 *     logits_t = W_o tanh(W_c [c_t; h_t])
 *
 * Training runs the decoder over the whole target sequence at once (teacher forcing) and the
 * attention for all steps as one batched product; decoding calls {@link step} token by token.
 */
export class G2PModel extends nn.Module {
  readonly letterEmbed: nn.Embedding;
  readonly encoder: nn.LSTM;
  readonly phonemeEmbed: nn.Embedding;
  readonly decoder: nn.LSTM;
  readonly score: nn.Linear;
  readonly combine: nn.Linear;
  readonly out: nn.Linear;

  constructor(readonly config: G2PConfig) {
    super();
    const { letters, phonemes, embed, hidden, letterPad } = config;
    this.letterEmbed = new nn.Embedding(letters, embed, { paddingIdx: letterPad });
    this.encoder = new nn.LSTM(embed, hidden, { batchFirst: true, bidirectional: true });
    this.phonemeEmbed = new nn.Embedding(phonemes, embed);
    this.decoder = new nn.LSTM(embed, 2 * hidden, { batchFirst: true });
    this.score = new nn.Linear(2 * hidden, 2 * hidden, { bias: false });
    this.combine = new nn.Linear(4 * hidden, 2 * hidden);
    this.out = new nn.Linear(2 * hidden, phonemes);
  }

  /**
   * Reads a batch of words: letters (B, Ti) int64 padded with letterPad, lengths (B). Returns
   * the memory to attend to and the decoder's initial state.
   */
  encode(letters: Tensor, lengths: readonly number[]): [Memory, DecoderState] {
    const packed = packPaddedSequence(this.letterEmbed.forward(letters), lengths, { batchFirst: true, enforceSorted: false });
    const [out, [hN, cN]] = this.encoder.forward(packed);
    const [values] = padPackedSequence(out, { batchFirst: true, totalLength: letters.shape[1]! }); // (B, Ti, 2H)
    const both = (s: Tensor) => cat([s.select(0, 0), s.select(0, 1)], 1).unsqueeze(0); // (2, B, H) → (1, B, 2H)
    const Ti = letters.shape[1]!;
    const padding = tensor(lengths.map((n) => [Array.from({ length: Ti }, (_, i) => i >= n)]), { dtype: "bool" });
    const keys = this.score.forward(values).transpose(1, 2);
    return [{ values, keys, padding }, [both(hN), both(cN)]];
  }

  /** Attention and output layer over decoder outputs (B, To, 2H) → logits (B, To, V) and weights (B, To, Ti). */
  attend(memory: Memory, decoded: Tensor): [Tensor, Tensor] {
    const scores = maskedFill(bmm(decoded, memory.keys), memory.padding, -Infinity);
    const weights = softmax(scores, 2);
    const context = bmm(weights, memory.values); // (B, To, 2H)
    const logits = this.out.forward(tanh(this.combine.forward(cat([context, decoded], 2))));
    return [logits, weights];
  }

  /** Teacher forcing: the decoder reads `inputs` (B, To) — begin, then the target but its last — and predicts logits (B, To, V). */
  forward(letters: Tensor, lengths: readonly number[], inputs: Tensor): Tensor {
    const [memory, state] = this.encode(letters, lengths);
    const [decoded] = this.decoder.forward(this.phonemeEmbed.forward(inputs), state);
    return this.attend(memory, decoded)[0];
  }

  /** One decoding step for the batch: previous tokens (B) → logits (B, V), attention weights (B, Ti), the next state. */
  step(memory: Memory, tokens: Tensor, state: DecoderState): [Tensor, Tensor, DecoderState] {
    const [decoded, next] = this.decoder.forward(this.phonemeEmbed.forward(tokens.unsqueeze(1)), state);
    const [logits, weights] = this.attend(memory, decoded);
    return [logits.squeeze(1), weights.squeeze(1), next];
  }
}
