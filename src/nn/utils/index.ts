// `nn.utils`: gradient clipping and (in rnn) sequence packing.
export * from "./clip.js";
