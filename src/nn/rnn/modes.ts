// The recurrent modes and their gates — the one place gate orders are written down.
// PyTorch stacks gate blocks along the rows of weight_ih / weight_hh in these orders;
// io/onnx reorders them for ONNX (LSTM i,o,f,c; GRU z,r,h) and nowhere else does.
import { GATES, type RnnMode } from "../../backend/kernels.js";

export type { RnnMode };

/** Gate blocks of each mode, in PyTorch's row order. */
export const GATE_ORDER: Readonly<Record<RnnMode, readonly string[]>> = {
  RNN_TANH: ["h"],
  RNN_RELU: ["h"],
  LSTM: ["i", "f", "g", "o"],
  GRU: ["r", "z", "n"],
};

/** Number of gate blocks of each mode (1, 4 or 3). */
export function gateCount(mode: RnnMode): number {
  return GATES[mode];
}

/** The layer's class name for messages. */
export function modeName(mode: RnnMode): string {
  return mode === "LSTM" ? "LSTM" : mode === "GRU" ? "GRU" : "RNN";
}
