// `nn.utils.rnn`: packing variable-length batches.
export { PackedSequence, packPaddedSequence, padPackedSequence, padSequence, packSequence } from "../rnn/packing.js";
