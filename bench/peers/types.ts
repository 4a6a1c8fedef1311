// What the harness asks of each implementation: set a case up from shared weights and input,
// run one unit of work, and give back values for the correctness checks (untimed).
import type { CaseSpec } from "../cases.js";
import type { LayerWeights } from "../weights.js";

/** The loss and dL/dW_ih of one forward + backward, W_ih in PyTorch's (G·H, I) layout and gate order. */
export interface Gradients {
  readonly loss: number;
  readonly gWih: Float32Array;
}

export interface Runner {
  /** One measured unit: a forward pass or a training step, finished (not merely queued) on return. */
  run(): void | Promise<void>;
  /** Set when the peer can be checked but not timed on this case (e.g. a missing optimizer): the reason. */
  readonly untimed?: string;
  /** The forward output (T, B, H), time-major, with the weights as set up (call before any `run`). */
  forwardOutput(): Promise<Float32Array>;
  /** Training cases: one forward + backward of the bench loss, no optimizer step. */
  gradients?(): Promise<Gradients>;
  dispose(): void;
}

export interface Peer {
  /** Row label in the table, e.g. "ONNX Runtime (1 thread)". */
  readonly label: string;
  /** Stable key in the JSON, e.g. "ort-1t". */
  readonly key: string;
  /** The reference family a ratio is taken against ("ort", "ortweb", "tfjs-wasm"), if it is one. */
  readonly family?: string;
  /** Threads it runs on (ratios pair rows of equal threads); undefined: its own choice. */
  readonly threads?: number;
  /** Why this peer has no figure for the case ("n/a: …", "skipped: …"), or null if it runs it. */
  unsupported(c: CaseSpec): string | null;
  /** Why its output cannot be held to the oracle's values for this case (only shapes are checked), or null. */
  valuesNotComparable?(c: CaseSpec): string | null;
  /** x is (T, B, I) time-major; w is PyTorch's layout. */
  setup(c: CaseSpec, w: LayerWeights, x: Float32Array): Promise<Runner>;
}

/** The bench loss on a layer output y: mean(y²), the same for every peer. */
export const LOSS = "mean(y²)";
/** Adam's settings, the same for every peer (PyTorch's defaults; TF.js's epsilon differs, so it is set). */
export const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;
