// `nn.utils`: gradient clipping, and `rnn` for sequence packing.
export * from "./clip.js";
export * as rnn from "./rnn.js";
