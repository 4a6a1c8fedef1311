// A small tagger for the export and import tests: Embedding → 2-layer bidirectional batch-first
// LSTM or GRU → Linear → logSoftmax. tokens (B, T) int64 → log-probabilities (B, T, C).
import * as R from "../../../src/index.js";

export class Tagger extends R.nn.Module {
  readonly emb: R.nn.Embedding;
  readonly rnn: R.nn.LSTM | R.nn.GRU;
  readonly head: R.nn.Linear;

  constructor(kind: "LSTM" | "GRU", vocab: number, embed: number, hidden: number, classes: number) {
    super();
    const opts = { numLayers: 2, bidirectional: true, batchFirst: true };
    this.emb = new R.nn.Embedding(vocab, embed);
    this.rnn = kind === "LSTM" ? new R.nn.LSTM(embed, hidden, opts) : new R.nn.GRU(embed, hidden, opts);
    this.head = new R.nn.Linear(2 * hidden, classes);
    this.registerModule("emb", this.emb);
    this.registerModule("rnn", this.rnn);
    this.registerModule("head", this.head);
  }

  forward(tokens: R.Tensor): R.Tensor {
    const [y] = (this.rnn.forward as (x: R.Tensor) => [R.Tensor, unknown])(this.emb.forward(tokens));
    return R.logSoftmax(this.head.forward(y), -1);
  }
}
