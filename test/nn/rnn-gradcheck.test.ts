// Finite-difference gradients (float64) of whole recurrent modules over a table crossing
// mode × layers × directions × batchFirst × bias × (full or packed variable-length input):
// input, initial states and every parameter.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn } = R;
const { packPaddedSequence } = nn.utils.rnn;

type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

function make(mode: Mode, opts: R.nn.RNNBaseOptions): R.nn.RNNBase {
  const o = { ...opts, dtype: "float64" as const };
  switch (mode) {
    case "RNN_TANH": return new nn.RNN(2, 2, o);
    case "RNN_RELU": return new nn.RNN(2, 2, { ...o, nonlinearity: "relu" });
    case "LSTM": return new nn.LSTM(2, 2, o);
    case "GRU": return new nn.GRU(2, 2, o);
  }
}

let seed = 0;
/** Which (mode, bias, packed) combinations the table gradchecks: every one must be covered. */
const covered = new Set<string>();
for (const mode of ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as const) {
  for (const numLayers of [1, 2]) {
    for (const bidirectional of [false, true]) {
      for (const batchFirst of [false, true]) {
        for (const bias of [true, false]) {
          // Packed input on alternate configurations, chosen by the parity of the batchFirst and
          // bias bits, so packed input meets both bias settings (seed & 1 alone is the bias bit).
          const packed = ((seed ^ (seed >> 1)) & 1) === 1;
          covered.add(`${mode} bias=${bias} packed=${packed}`);
          const name = `${mode} layers=${numLayers} bidirectional=${bidirectional} batchFirst=${batchFirst} bias=${bias} ${packed ? "packed lengths [3,1,2]" : "full"}`;
          const s = seed++;
          test(`module gradients = finite differences: ${name}`, () => {
            R.manualSeed(s);
            const layer = make(mode, { numLayers, bidirectional, batchFirst, bias });
            const D = bidirectional ? 2 : 1;
            const x = R.randn(batchFirst ? [3, 3, 2] : [3, 3, 2], { dtype: "float64", requiresGrad: true });
            const states = (mode === "LSTM" ? [0, 1] : [0]).map(() => R.randn([numLayers * D, 3, 2], { dtype: "float64", requiresGrad: true }));
            const run = (xi: R.Tensor, ...rest: R.Tensor[]): R.Tensor[] => {
              const hs = rest.slice(0, states.length); // the parameters follow; the module reads its own
              const input = packed ? packPaddedSequence(xi, [3, 1, 2], { batchFirst, enforceSorted: false }) : xi;
              const fwd = (layer as unknown as { forward(i: unknown, h: unknown): [R.Tensor | R.nn.PackedSequence, R.Tensor | R.Tensor[]] }).forward;
              const [out, hN] = fwd.call(layer, input, mode === "LSTM" ? hs : hs[0]);
              const y = out instanceof nn.PackedSequence ? out.data : out;
              return [y, ...(Array.isArray(hN) ? hN : [hN])];
            };
            R.gradcheck(run, [x, ...states, ...layer.parameters()], { name });
          });
        }
      }
    }
  }
}

test("the table gradchecks packed and full input with and without bias, for every mode", () => {
  const missing = (["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as const).flatMap((mode) =>
    [true, false].flatMap((bias) => [true, false].map((packed) => `${mode} bias=${bias} packed=${packed}`)))
    .filter((c) => !covered.has(c));
  assert.deepEqual(missing, []);
});
