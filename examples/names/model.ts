// The name generator (one-to-many): a learned embedding of the category becomes the LSTM's
// initial state (h0 and c0 of every layer); the LSTM then writes the name letter by letter.
import { nn, type Tensor } from "../../src/index.js";

export interface NameModelSizes {
  readonly vocab: number;
  readonly embedding: number;
  readonly hidden: number;
  readonly layers: number;
  readonly dropout: number;
}

export type LstmState = [Tensor, Tensor];

export class NameModel extends nn.Module {
  readonly category: nn.Embedding;
  readonly embed: nn.Embedding;
  readonly lstm: nn.LSTM;
  readonly head: nn.Linear;
  readonly #s: NameModelSizes;

  constructor(categories: number, s: NameModelSizes) {
    super();
    this.#s = s;
    this.category = new nn.Embedding(categories, 2 * s.layers * s.hidden); // → h0 and c0, L × H each
    this.embed = new nn.Embedding(s.vocab, s.embedding);
    this.lstm = new nn.LSTM(s.embedding, s.hidden, { numLayers: s.layers, batchFirst: true, dropout: s.layers > 1 ? s.dropout : 0 });
    this.head = new nn.Linear(s.hidden, s.vocab);
  }

  /** categories (B) int64 → the initial state, h0 and c0 each (L, B, H). */
  initialState(categories: Tensor): LstmState {
    const { layers: L, hidden: H } = this.#s;
    const B = categories.shape[0]!;
    const e = this.category.forward(categories).view(B, 2, L, H).permute(1, 2, 0, 3); // (2, L, B, H)
    return [e.select(0, 0).contiguous(), e.select(0, 1).contiguous()];
  }

  /** tokens (B, T) int64 and the state → logits (B, T, V) and the state after step T. */
  forward(tokens: Tensor, state: LstmState): [Tensor, LstmState] {
    const [out, next] = this.lstm.forward(this.embed.forward(tokens), state);
    return [this.head.forward(out), next as LstmState];
  }
}
