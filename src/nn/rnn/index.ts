// Recurrent layers, cells and sequence packing.
export { RNN, LSTM, GRU } from "./layers.js";
export type { RNNOptions, LSTMOptions, GRUOptions } from "./layers.js";
export { RNNBase } from "./base.js";
export type { RNNBaseOptions, RnnConfig } from "./base.js";
export { RNNCell, LSTMCell, GRUCell } from "./cells.js";
export type { CellOptions } from "./cells.js";
export { GATE_ORDER } from "./modes.js";
export type { RnnMode } from "./modes.js";
