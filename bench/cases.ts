// The benchmark's cases (the list) and the work each one counts, in FLOPs.
// Legend: B batch, T time, I input features, H hidden size, G gates (RNN 1, GRU 3, LSTM 4).

export type Mode = "LSTM" | "GRU" | "RNN_TANH";
/** "forward": inference without a graph; "train": forward + backward of a loss + one Adam step. */
export type Kind = "forward" | "train";

export interface CaseSpec {
  /** Stable key used in the JSON and the chart. */
  readonly id: string;
  /** Number the targets refer to (1–5), or "DB" for the DeepBench-style rows. */
  readonly tag: string;
  readonly title: string;
  readonly mode: Mode;
  readonly kind: Kind;
  readonly I: number;
  readonly H: number;
  readonly T: number;
  readonly B: number;
}

export const GATES: Record<Mode, number> = { LSTM: 4, GRU: 3, RNN_TANH: 1 };

const FULL: readonly CaseSpec[] = [
  { id: "lstm-fwd", tag: "1", title: "LSTM forward", mode: "LSTM", kind: "forward", I: 256, H: 256, T: 50, B: 32 },
  { id: "gru-fwd", tag: "2", title: "GRU forward", mode: "GRU", kind: "forward", I: 256, H: 256, T: 50, B: 32 },
  { id: "rnn-fwd", tag: "3", title: "tanh RNN forward", mode: "RNN_TANH", kind: "forward", I: 256, H: 256, T: 50, B: 32 },
  { id: "lstm-stream", tag: "4", title: "streaming LSTM forward", mode: "LSTM", kind: "forward", I: 64, H: 64, T: 100, B: 1 },
  { id: "lstm-train", tag: "5", title: "LSTM training step", mode: "LSTM", kind: "train", I: 256, H: 256, T: 50, B: 32 },
  { id: "db-lstm512-train", tag: "DB", title: "DeepBench LSTM training", mode: "LSTM", kind: "train", I: 512, H: 512, T: 25, B: 16 },
  { id: "db-rnn64-fwd", tag: "DB", title: "DeepBench RNN inference", mode: "RNN_TANH", kind: "forward", I: 64, H: 64, T: 96, B: 1 },
  { id: "db-lstm256-fwd", tag: "DB", title: "DeepBench LSTM inference", mode: "LSTM", kind: "forward", I: 256, H: 256, T: 150, B: 1 },
];

/** The cases; with `quick`, shrunk sizes that exercise every path (and every check) in seconds. */
export function benchCases(quick: boolean): CaseSpec[] {
  if (!quick) return [...FULL];
  return FULL.map((c) => ({
    ...c,
    I: Math.max(8, c.I / 8),
    H: Math.max(8, c.H / 8),
    T: Math.max(5, Math.round(c.T / 5)),
    B: Math.max(1, c.B / 4),
  }));
}

/** Gate-matmul FLOPs of one forward pass: 2·G·H·(I+H)·T·B. */
export function forwardFlops(c: CaseSpec): number {
  return 2 * GATES[c.mode] * c.H * (c.I + c.H) * c.T * c.B;
}

/** FLOPs counted for one measured run: a training step counts as 3× the forward. */
export function caseFlops(c: CaseSpec): number {
  return (c.kind === "train" ? 3 : 1) * forwardFlops(c);
}

/** "I=H=256 T=50 B=32" (or "I=64 H=128 …" when they differ). */
export function sizeLabel(c: CaseSpec): string {
  const ih = c.I === c.H ? `I=H=${c.H}` : `I=${c.I} H=${c.H}`;
  return `${ih} T=${c.T} B=${c.B}`;
}
