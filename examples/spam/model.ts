// The classifier (many-to-one): word embeddings read by a bidirectional GRU over the packed
// (unpadded) sequence; the two directions' last states — the forward one after the last word,
// the backward one after the first — feed a linear layer that scores ham and spam.
import { cat, nn, type Tensor } from "../../src/index.js";

export class SpamClassifier extends nn.Module {
  readonly embed: nn.Embedding;
  readonly gru: nn.GRU;
  readonly dropout: nn.Dropout;
  readonly head: nn.Linear;

  constructor(vocab: number, embedding: number, hidden: number, dropout: number, padIndex: number) {
    super();
    this.embed = new nn.Embedding(vocab, embedding, { paddingIdx: padIndex });
    this.gru = new nn.GRU(embedding, hidden, { batchFirst: true, bidirectional: true });
    this.dropout = new nn.Dropout(dropout);
    this.head = new nn.Linear(2 * hidden, 2);
  }

  /** tokens (B, T) int64 padded, lengths (B) → logits (B, 2) (index 1: spam). */
  forward(tokens: Tensor, lengths: readonly number[]): Tensor {
    const x = this.dropout.forward(this.embed.forward(tokens));
    const packed = nn.utils.rnn.packPaddedSequence(x, [...lengths], { batchFirst: true, enforceSorted: false });
    const [, hN] = this.gru.forward(packed); // (D=2, B, H), batch in the input's order
    return this.head.forward(this.dropout.forward(cat([hN.select(0, 0), hN.select(0, 1)], 1)));
  }
}
