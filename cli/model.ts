// The CLI's character language model: Embedding → RNN/LSTM/GRU → Dropout → Linear, with its
// configuration (what a checkpoint must carry to rebuild it).
import { Tensor, nn } from "../src/index.js";

/** The recurrent layer's kind. */
export type CellKind = "rnn" | "lstm" | "gru";

/** The shape of a model: saved in every checkpoint, checked on resume. */
export interface ModelConfig {
  readonly model: CellKind;
  readonly layers: number;
  readonly hidden: number;
  readonly dropout: number;
  /** Vocabulary size V. */
  readonly vocabSize: number;
}

/** The state carried from window to window: h for RNN/GRU, [h, c] for LSTM, each (L, B, H). */
export type CharState = Tensor | [Tensor, Tensor];

/**
 * Predicts the next character at every step: input (T, B) ids → logits (T, B, V). The embedding
 * has H dimensions; dropout acts between stacked layers (the layer's own `dropout`) and before
 * the output layer.
 */
export class CharModel extends nn.Module {
  readonly config: ModelConfig;
  readonly embedding: nn.Embedding;
  readonly rnn: nn.RNN | nn.LSTM | nn.GRU;
  readonly drop: nn.Dropout;
  readonly head: nn.Linear;

  constructor(config: ModelConfig) {
    super();
    this.config = config;
    const { hidden, layers, dropout } = config;
    this.embedding = new nn.Embedding(config.vocabSize, hidden);
    const opts = { numLayers: layers, dropout: layers > 1 ? dropout : 0 };
    this.rnn = config.model === "lstm" ? new nn.LSTM(hidden, hidden, opts) : config.model === "gru" ? new nn.GRU(hidden, hidden, opts) : new nn.RNN(hidden, hidden, opts);
    this.drop = new nn.Dropout(dropout);
    this.head = new nn.Linear(hidden, config.vocabSize);
  }

  /** input (T, B) int64 → [logits (T, B, V), the state after the last step]. */
  forward(input: Tensor, state: CharState | null = null): [Tensor, CharState] {
    const x = this.embedding.forward(input); // (T, B, H)
    let out: Tensor;
    let next: CharState;
    if (this.rnn instanceof nn.LSTM) {
      [out, next] = this.rnn.forward(x, state as [Tensor, Tensor] | null);
    } else {
      [out, next] = this.rnn.forward(x, state as Tensor | null);
    }
    return [this.head.forward(this.drop.forward(out)), next];
  }
}
