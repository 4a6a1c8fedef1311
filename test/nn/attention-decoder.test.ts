// End to end: a GRU encoder and an attention decoder (MultiheadAttention + LayerNorm, children
// assigned as properties) learn to reverse short sequences; the loss falls clearly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn, optim } = R;
const V = 6, T = 5, E = 16;

class Reverser extends nn.Module {
  readonly embed = new nn.Embedding(V, E);
  readonly encoder = new nn.GRU(E, E, { batchFirst: true });
  /** One learned query per output position. */
  readonly queries = new nn.Parameter(R.randn([1, T, E]));
  readonly attn = new nn.MultiheadAttention(E, 2, { batchFirst: true });
  readonly norm = new nn.LayerNorm(E);
  readonly head = new nn.Sequential(new nn.Linear(E, E), new nn.ReLU(), new nn.Linear(E, V));

  /** tokens (B, T) int64 → logits (B, T, V) and attention weights (B, T, T). */
  forward(tokens: R.Tensor): [R.Tensor, R.Tensor] {
    const [memory] = this.encoder.forward(this.embed.forward(tokens));
    const q = this.queries.expand([tokens.shape[0]!, T, E]);
    const [ctx, weights] = this.attn.forward(q, memory, memory);
    return [this.head.forward(this.norm.forward(ctx.add(q))), weights!];
  }
}

test("an attention decoder learns to reverse sequences: cross-entropy falls below a fifth of its start", () => {
  R.manualSeed(0);
  const model = new Reverser();
  assert.deepEqual(model.namedChildren().map(([n]) => n), ["embed", "encoder", "attn", "norm", "head"]);
  const opt = new optim.Adam(model.parameters(), { lr: 0.02 });
  const lossFn = new nn.CrossEntropyLoss();
  const batch = (): [R.Tensor, R.Tensor] => {
    const x = R.randint(0, V, [32, T]);
    return [x, R.tensor((x.tolist() as number[][]).map((row) => [...row].reverse()), { dtype: "int64" })];
  };
  const losses: number[] = [];
  for (let step = 0; step < 150; step++) {
    const [x, y] = batch();
    opt.zeroGrad();
    const [logits] = model.forward(x);
    const loss = lossFn.forward(logits.reshape([-1, V]), y.reshape([-1]));
    loss.backward();
    opt.step();
    losses.push(loss.item());
  }
  const start = losses.slice(0, 5).reduce((a, b) => a + b) / 5;
  const end = losses.slice(-5).reduce((a, b) => a + b) / 5;
  assert.ok(end < start / 5, `loss ${start.toFixed(3)} → ${end.toFixed(3)}`);
  // Output position t reads input position T−1−t: the weights peak on the anti-diagonal.
  model.eval();
  const [x] = batch();
  const [, w] = R.noGrad(() => model.forward(x));
  const peaks = (w.mean(0).argmax(-1).tolist() as number[]);
  assert.deepEqual(peaks, [4, 3, 2, 1, 0]);
});
