// The forecaster: a GRU reads the 30 days and a linear layer maps its last hidden state to the
// next day's standardised maximum (many-to-one).
import { nn, type Tensor } from "../../src/index.js";

export class Forecaster extends nn.Module {
  readonly gru: nn.GRU;
  readonly dropout: nn.Dropout;
  readonly head: nn.Linear;

  constructor(features: number, hidden: number, dropout = 0) {
    super();
    this.gru = new nn.GRU(features, hidden, { batchFirst: true });
    this.dropout = new nn.Dropout(dropout);
    this.head = new nn.Linear(hidden, 1);
  }

  /** x (B, T, F) → forecast (B). */
  forward(x: Tensor): Tensor {
    const [, hN] = this.gru.forward(x); // hN (1, B, H)
    return this.head.forward(this.dropout.forward(hN.squeeze(0))).squeeze(1);
  }
}
