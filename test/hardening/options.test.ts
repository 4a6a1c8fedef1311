// Constructors reject unknown and mistyped options (issue 9, item 8), with the option's name,
// the nearest valid one and the valid ones — one helper (src/options.ts checkOptions) for
// layers, losses and optimizers. Before, `numLayer: 2` silently built one layer.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { expectCoded } from "../helpers/errors.js";

const { nn, optim } = R;
const any = (o: object | null) => o as never;

test("recurrent layers and cells: unknown options name the nearest valid one, mistyped ones their type", () => {
  expectCoded(() => new nn.LSTM(4, 8, any({ numLayer: 2 })), "ERR_CONFIG",
    /^LSTM: unknown option 'numLayer' in options \(did you mean numLayers\? known: numLayers, bias, batchFirst, dropout, bidirectional, dtype, projSize\)$/);
  expectCoded(() => new nn.GRU(4, 8, any({ batch_first: true })), "ERR_CONFIG", /^GRU: unknown option 'batch_first' .*did you mean batchFirst\?/);
  expectCoded(() => new nn.RNN(4, 8, any({ batchFirst: "yes" })), "ERR_CONFIG", /^RNN: options\.batchFirst must be a boolean \(got "yes"\)$/);
  expectCoded(() => new nn.RNN(4, 8, any({ numLayers: "2" })), "ERR_CONFIG", /^RNN: options\.numLayers must be an integer \(got "2"\)$/);
  expectCoded(() => new nn.LSTM(4, 8, any({ colour: "red" })), "ERR_CONFIG", /^LSTM: unknown option 'colour' in options \(known: /);
  expectCoded(() => new nn.LSTM(4, 8, any(null)), "ERR_CONFIG", /^LSTM: options must be an object \(got null\)$/);
  expectCoded(() => new nn.RNN(4, 8, any(null)), "ERR_CONFIG", /^RNN: options must be an object \(got null\)$/);
  expectCoded(() => new nn.LSTMCell(4, 8, any({ biass: false })), "ERR_CONFIG", /^LSTMCell: unknown option 'biass' .*did you mean bias\?/);
  expectCoded(() => new nn.RNNCell(4, 8, any({ nonLinearity: "relu" })), "ERR_CONFIG", /^RNNCell: unknown option 'nonLinearity' .*did you mean nonlinearity\?/);
  expectCoded(() => new nn.GRUCell(4, 8, any({ bias: 0 })), "ERR_CONFIG", /^GRUCell: options\.bias must be a boolean \(got 0\)$/);
  // issue 9, item 9: an int64 layer was reported under "requiresGrad"
  expectCoded(() => new nn.LSTM(4, 8, any({ dtype: "int64" })), "ERR_CONFIG", /^LSTM: options\.dtype must be one of 'float32', 'float64' \(got "int64"\)$/);
  expectCoded(() => new nn.GRUCell(4, 8, any({ dtype: "int64" })), "ERR_CONFIG", /^GRUCell: options\.dtype must be one of 'float32', 'float64'/);
  // Valid options still build, explicit undefined is a default.
  assert.equal(new nn.LSTM(4, 8, { numLayers: 2, batchFirst: undefined }).numLayers, 2);
});

test("Linear, Embedding and the losses check their options the same way", () => {
  expectCoded(() => new nn.Linear(4, 2, any({ bais: false })), "ERR_CONFIG", /^Linear: unknown option 'bais' .*did you mean bias\?/);
  expectCoded(() => new nn.Linear(4, 2, any({ dtype: "int32" })), "ERR_CONFIG", /^Linear: options\.dtype must be one of/);
  expectCoded(() => new nn.Embedding(10, 3, any({ padding_idx: 0 })), "ERR_CONFIG", /^Embedding: unknown option 'padding_idx' .*did you mean paddingIdx\?/);
  expectCoded(() => new nn.Embedding(-1, 3), "ERR_CONFIG", /^Embedding: numEmbeddings must be a non-negative integer \(got -1\)/);
  expectCoded(() => new nn.MSELoss(any({ reduce: "sum" })), "ERR_CONFIG", /^MSELoss: unknown option 'reduce' .*did you mean reduction\?/);
  expectCoded(() => nn.l1Loss(R.zeros([2]), R.zeros([2]), any({ reductio: "sum" })), "ERR_CONFIG", /^l1Loss: unknown option 'reductio' .*did you mean reduction\?/);
  expectCoded(() => new nn.CrossEntropyLoss(any({ label_smoothing: 0.1 })), "ERR_CONFIG", /^CrossEntropyLoss: unknown option 'label_smoothing' .*did you mean labelSmoothing\?/);
  expectCoded(() => new nn.NLLLoss(any({ ignore_index: 0 })), "ERR_CONFIG", /did you mean ignoreIndex\?/);
  expectCoded(() => new nn.BCEWithLogitsLoss(any({ pos_weight: null })), "ERR_CONFIG", /did you mean posWeight\?/);
  assert.equal(new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }).labelSmoothing, 0.1);
});

test("optimizers use the same helper: did-you-mean for their typos too", () => {
  const p = [R.zeros([2], { requiresGrad: true })];
  expectCoded(() => new optim.SGD(p, any({ lr: 0.1, momentun: 0.9 })), "ERR_CONFIG", /^SGD: unknown option 'momentun' in options \(did you mean momentum\? known: /);
  expectCoded(() => new optim.Adam(p, any({ betas: 0.9 })), "ERR_CONFIG", /^Adam: options\.betas must be an array of 2 numbers \(got 0\.9\)$/);
});
